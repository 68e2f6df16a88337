/**
 * Issue 8, point 2: every operation of the contract — read from `contract` at run time, so
 * operations added later are fuzzed too — gets generated invalid and hostile inputs, called as
 * each role that may call it, on a real core over a real SQLite file.
 *
 * Each answer must be ok:true (the input happened to be valid) or ok:false with a known error
 * code other than INTERNAL and a human message; no call may throw; a refused call must leave the
 * database as it was (see DatabaseWatch for what a refusal may write, or a background job); no call may
 * touch or point at another cinema's rows; nothing may pollute Object.prototype.
 *
 * FUZZ_RUNS (inputs per operation and role, default 15) and FUZZ_SEED tune and replay a run; FUZZ_OPS
 * (prefixes, comma-separated) fuzzes one feature's operations only.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type OperationName } from '../../shared/contract';
import { describeContract } from '../../shared/contract/describe';
import type { Role } from '../../shared/enums';
import { startTempCore, type TempCore } from '../../electron/core/testing/temp-core';
import { DEMO_LOGINS } from '../../electron/core/demo/seed-demo';
import { DatabaseWatch } from './db-digest';
import { addOtherCinema, referencesTo, type OtherCinema } from './other-cinema';
import { fuzzInput, type JsonSchema } from './schema-arbitrary';
import { FUZZ_OPS, FUZZ_RUNS, FUZZ_SEED, callersOf, knownIds, preview, problemWith, seedFor } from './fuzz-support';

/** A call that has not answered by then is reported (a hang is a bug too) and the run goes on. */
const CALL_LIMIT_MS = 20_000;

/** Run last: these can end the session the other rows use or count login failures. */
const LAST = ['auth.changePassword', 'auth.logout', 'auth.login'];

let t: TempCore;
let other: OtherCinema;
let pool: string[];
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await startTempCore();
  for (const login of DEMO_LOGINS) tokens.set(login.role as Role, await t.signIn(login.role as Role));
  // A staff account the fuzzer may deactivate, rename or re-password at will.
  await t.call('users.create', { username: 'fuzz-victim', displayName: 'Fuzz Victim', role: 'CASHIER', password: 'victim1234' }, tokens.get('ADMIN'));
  other = addOtherCinema(t.core.databaseFile);
  const demoUsers = await t.core.services.db
    .selectFrom('users')
    .select('id')
    .where('username', 'in', DEMO_LOGINS.map((l) => l.username))
    .execute();
  pool = [...knownIds(t.core.databaseFile, demoUsers.map((u) => u.id)), ...other.ids];
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('fuzzed API (issue 8, point 2)', () => {
  it('answers every hostile input to every operation with a clear refusal (or a valid result), and a refusal changes nothing', async () => {
    // Said first too: a run that crashes the worker (out of memory) prints nothing at the end.
    console.log(`fuzz: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}${FUZZ_OPS.length ? ` FUZZ_OPS=${FUZZ_OPS.join(',')}` : ''}`);
    const watch = new DatabaseWatch(t.core.databaseFile);
    const foreignBefore = Object.entries(other.rows).map(([table, ids]) => watch.rowsDigest(table, ids));
    expect(watch.controlCharacterCells(), 'the demo data holds a control character').toEqual({});
    const schemas = new Map(describeContract().map((d) => [d.name, d.input as JsonSchema]));
    const ops = (Object.keys(contract) as OperationName[])
      .filter((op) => FUZZ_OPS.length === 0 || FUZZ_OPS.some((prefix) => op.startsWith(prefix)))
      .sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)) || LAST.indexOf(a) - LAST.indexOf(b));
    const perOperation = new Map<string, number>();
    const outcomes = new Map<string, number>();
    const slowest = new Map<string, number>();
    const failures: string[] = [];
    const startedAt = Date.now();

    try {
      for (const op of ops) {
        for (const role of callersOf(contract[op].access)) {
          const inputs = fc.sample(fuzzInput(schemas.get(op)!, { ids: pool }), { numRuns: FUZZ_RUNS, seed: seedFor(FUZZ_SEED, `${op}/${role}`) });
          for (const input of inputs) {
            const token = role ? tokens.get(role)! : null;
            const where = `${op} as ${role ?? 'nobody'} with ${preview(input)}`;
            let result: Awaited<ReturnType<typeof t.core.call>>;
            const began = performance.now();
            try {
              let timer: NodeJS.Timeout | undefined;
              const tooLong = new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer within ${CALL_LIMIT_MS / 1000} s`)), CALL_LIMIT_MS);
              });
              result = await Promise.race([t.core.call({ op, input, token }), tooLong]).finally(() => clearTimeout(timer));
            } catch (e) {
              failures.push(`${where}: threw ${e instanceof Error ? e.message : String(e)}`);
              continue;
            } finally {
              perOperation.set(op, (perOperation.get(op) ?? 0) + 1);
              const ms = performance.now() - began;
              if (ms > (slowest.get(op) ?? 0)) slowest.set(op, ms);
            }
            const outcome = result.ok ? 'ok' : result.error.code;
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            const problem = problemWith(result);
            if (problem) failures.push(`${where}: ${problem}`);
            if (!result.ok) {
              const changed = watch.changedTables();
              if (changed.length > 0) failures.push(`${where}: refused (${result.error.code}) but changed ${changed.join(', ')}`);
              watch.accept();
              if (result.error.code === 'UNAUTHENTICATED' && role) {
                failures.push(`${where}: the ${role} was signed out by it`);
                tokens.set(role, await t.signIn(role));
              }
            } else {
              watch.accept();
              if (op === 'auth.logout' && role) tokens.set(role, await t.signIn(role));
            }
          }
        }
      }

      const foreignAfter = Object.entries(other.rows).map(([table, ids]) => watch.rowsDigest(table, ids));
      expect(foreignAfter, "another cinema's rows were changed").toEqual(foreignBefore);
      expect(referencesTo(t.core.databaseFile, other), "rows of this cinema now point at another cinema's").toEqual([]);
      expect(({} as Record<string, unknown>).isAdmin, 'Object.prototype was polluted').toBeUndefined();
      // Hostile strings carry NUL, tabs, line breaks …: none may be stored (issue 12, item 11).
      expect(watch.controlCharacterCells(), 'a control character was stored').toEqual({});
      const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(t.core.services.db);
      expect(integrity.rows.map((r) => r.integrity_check)).toEqual(['ok']);
    } finally {
      watch.close();
    }

    const total = [...perOperation.values()].reduce((a, b) => a + b, 0);
    console.log(
      `fuzz: ${total} inputs over ${perOperation.size} operations in ${((Date.now() - startedAt) / 1000).toFixed(1)} s ` +
        `(FUZZ_RUNS=${FUZZ_RUNS} per operation and role, FUZZ_SEED=${FUZZ_SEED}); answers: ` +
        [...outcomes].map(([code, n]) => `${code}=${n}`).join(' ') +
        '; slowest answers: ' +
        [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([op, ms]) => `${op} ${Math.round(ms)} ms`).join(', ') +
        '; per operation: ' +
        [...perOperation].map(([op, n]) => `${op}=${n}`).join(' '),
    );
    expect(failures.slice(0, 25), `${failures.length} failure(s); replay with FUZZ_SEED=${FUZZ_SEED}`).toEqual([]);
    expect([...perOperation.keys()].sort()).toEqual([...ops].sort());
    for (const n of perOperation.values()) expect(n).toBeGreaterThanOrEqual(FUZZ_RUNS);
  }, 120_000 + FUZZ_RUNS * 15_000);
});
