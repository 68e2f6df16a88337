/** The fuzzer's own checks, shown to catch what they are there to catch. */
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { describeContract } from '../../shared/contract/describe';
import { startTempCore, type TempCore } from '../../electron/core/testing/temp-core';
import { DatabaseWatch } from './db-digest';
import { addOtherCinema, referencesTo } from './other-cinema';
import { fuzzInput, type JsonSchema } from './schema-arbitrary';
import { knownIds, preview, problemWith } from './fuzz-support';

let t: TempCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('the fuzzer itself', () => {
  it('flags INTERNAL, unknown codes, empty or leaking messages, and non-answers', () => {
    expect(problemWith({ ok: true, value: 1 })).toBeNull();
    expect(problemWith({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no such session.' } })).toBeNull();
    expect(problemWith({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong (ref X).' } })).toMatch(/INTERNAL/);
    expect(problemWith({ ok: false, error: { code: 'OOPS', message: 'x' } })).toMatch(/unknown error code/);
    expect(problemWith({ ok: false, error: { code: 'CONFLICT', message: ' ' } })).toMatch(/without a message/);
    expect(problemWith({ ok: false, error: { code: 'CONFLICT', message: 'SQLITE_CONSTRAINT_CHECK: CHECK constraint failed' } })).toMatch(/leaks/);
    expect(problemWith({ ok: false, error: { code: 'VALIDATION', message: 'x', details: { n: 1n } } })).toMatch(/JSON/);
    expect(problemWith(undefined)).toMatch(/not an object/);
  });

  it('sees a committed change in any table, but not a counted login failure', async () => {
    t = await startTempCore();
    const watch = new DatabaseWatch(t.core.databaseFile);
    expect(watch.changedTables()).toEqual([]);
    const wrong = await t.core.call({ op: 'auth.login', input: { username: 'cashier', password: 'wrong-password-1' } });
    expect(wrong.ok).toBe(false);
    expect(watch.changedTables()).toEqual([]);
    const writer = new Database(t.core.databaseFile);
    writer.prepare("UPDATE films SET title = title || ' (changed)' WHERE rowid = 1").run();
    writer.close();
    expect(watch.changedTables()).toEqual(expect.arrayContaining(['films', 'outbox']));
    watch.accept();
    expect(watch.changedTables()).toEqual([]);
    watch.close();
  });

  it('finds rows of this cinema that point at another cinema', async () => {
    t = await startTempCore();
    const other = addOtherCinema(t.core.databaseFile);
    expect(referencesTo(t.core.databaseFile, other)).toEqual([]);
    const writer = new Database(t.core.databaseFile);
    const session = writer.prepare('SELECT * FROM sessions LIMIT 1').get() as Record<string, unknown>;
    writer.prepare('UPDATE sessions SET hall_id = ? WHERE id = ?').run(other.rows.halls![0], session.id);
    writer.close();
    expect(referencesTo(t.core.databaseFile, other)).toEqual([`sessions.hall_id of ${String(session.id)} → ${other.rows.halls![0]}`]);
  });

  it('generates inputs that pass validation as well as ones that do not, for every operation', async () => {
    t = await startTempCore();
    const pool = { ids: knownIds(t.core.databaseFile, []) };
    const schemas = describeContract();
    let valid = 0;
    let invalid = 0;
    for (const d of schemas) {
      const schema = contract[d.name].input;
      for (const input of fc.sample(fuzzInput(d.input as JsonSchema, pool), { numRuns: 30, seed: 7 })) {
        if (schema.safeParse(input ?? {}).success) valid++;
        else invalid++;
      }
    }
    // Enough valid inputs reach the handlers, and most are refused by validation.
    expect(valid).toBeGreaterThan(schemas.length * 3);
    expect(invalid).toBeGreaterThan(valid);
    expect(preview({ s: 'A'.repeat(1 << 20), n: NaN, b: 10n })).toMatch(/1048576 chars.*NaN.*10n/);
  });
});
