import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { DATABASE_FILE } from '../app-core';
import { openDatabase } from '../db/open';
import { canonicalJson } from './canonical-json';
import { chainHash } from './chain-hash';
import { verifyJournal } from './verify-journal';
import { inWords } from '../errors';

let f: CounterFixture;
let original: string;
const copies: string[] = [];

beforeAll(async () => {
  f = await startCounter();
  await f.t.call('shifts.open', { openingFloat: 5_000 }, f.cashier);
  const water = await f.item('Still water 0.5 l');
  for (let i = 0; i < 4; i++) {
    await f.t.call('orders.sell', { concessions: [{ itemId: water.id, quantity: i + 1 }], payments: [{ method: 'CASH', amount: (i + 1) * water.price, tendered: 10_000 }] }, f.cashier);
  }
  await f.t.call('shifts.close', { countedCash: 5_000 + 10 * water.price }, f.cashier);
  // A consistent copy of the terminal's file, as an attacker would take it.
  const dir = mkdtempSync(join(tmpdir(), 'journal-original-'));
  original = join(dir, DATABASE_FILE);
  await sql`VACUUM INTO ${original}`.execute(f.t.core.services.db);
  copies.push(dir);
}, 60_000);
afterAll(async () => {
  await f?.close();
  for (const d of copies) rmSync(d, { recursive: true, force: true });
});

/** A copy of the journal's file with the append-only triggers dropped and `tamper` applied as raw SQL. */
function tampered(tamper: (run: (q: string, ...p: unknown[]) => void) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'journal-tampered-'));
  copies.push(dir);
  execFileSync('cp', [original, join(dir, DATABASE_FILE)]);
  const local = openDatabase(join(dir, DATABASE_FILE));
  const run = (q: string, ...p: unknown[]) => local.sqlite.prepare(q).run(...p);
  run('DROP TRIGGER journal_entries_no_update');
  run('DROP TRIGGER journal_entries_no_delete');
  tamper(run);
  local.sqlite.close();
  return dir;
}

async function firstBreak(dir: string) {
  const local = openDatabase(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const [check] = await verifyJournal(local.db);
    return check!.firstBreak;
  } finally {
    local.sqlite.close();
  }
}

describe('the signed journal (rule 16)', () => {
  it('holds every money-moving event of the shift, chained and signed', async () => {
    const rows = await f.t.core.services.db.selectFrom('journal_entries').selectAll().orderBy('counter').execute();
    expect(rows.map((r) => r.kind)).toEqual(['SHIFT_OPEN', 'SALE', 'SALE', 'SALE', 'SALE', 'SHIFT_CLOSE', 'Z_REPORT']);
    expect(rows.map((r) => r.counter)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(JSON.parse(rows[1]!.content)).toMatchObject({ receipt: 1, amount: expect.any(Number), payments: [{ method: 'CASH' }] });
    expect(await firstBreak(copies[0]!)).toBeNull();
  });

  it('names the first entry that does not match after an edit, a delete, a reorder, a re-hash and a forged signer', async () => {
    // Edited: an amount in a sale's content changed.
    const edited = tampered((run) => run(`UPDATE journal_entries SET content = replace(content, '"amount":', '"amount":1') WHERE counter = 3`));
    const edit = await firstBreak(edited);
    expect(edit).toMatchObject({ counter: 3, reason: 'HASH', detail: 'its content does not give its hash (the entry was edited).' });
    // The journal screen shows it in its reader's language.
    expect(inWords(edit!.detailWords, 'de')).toBe('Sein Inhalt ergibt nicht seinen Hash (der Eintrag wurde bearbeitet).');

    // Deleted: a sale's entry removed.
    const deleted = tampered((run) => run('DELETE FROM journal_entries WHERE counter = 3'));
    expect(await firstBreak(deleted)).toMatchObject({ counter: 3, reason: 'MISSING' });

    // Deleted at the start.
    const headless = tampered((run) => run('DELETE FROM journal_entries WHERE counter = 1'));
    expect(await firstBreak(headless)).toMatchObject({ counter: 1, reason: 'MISSING' });

    // Reordered: two sales swap places (their counters exchanged).
    const reordered = tampered((run) => {
      run('UPDATE journal_entries SET counter = 1000 WHERE counter = 3');
      run('UPDATE journal_entries SET counter = 3 WHERE counter = 4');
      run('UPDATE journal_entries SET counter = 4 WHERE counter = 1000');
    });
    expect(await firstBreak(reordered)).toMatchObject({ counter: 3 });

    // Edited and re-hashed by someone without the key: every hash fits again, the signature does not.
    const rehashed = tampered((run) => {
      const local = openDatabase(join(copies.at(-1)!, DATABASE_FILE));
      const rows = local.sqlite.prepare('SELECT * FROM journal_entries ORDER BY counter').all() as { terminal_id: string; counter: number; kind: string; at: string; content: string; prev_hash: string; hash: string }[];
      local.sqlite.close();
      let prev = rows[1]!.prev_hash;
      for (const r of rows.slice(1)) {
        const content = r.counter === 2 ? canonicalJson({ ...JSON.parse(r.content), amount: 1 }) : r.content;
        const hash = chainHash({ terminalId: r.terminal_id, counter: r.counter, kind: r.kind, at: r.at, prevHash: prev, content });
        run('UPDATE journal_entries SET content = ?, prev_hash = ?, hash = ? WHERE counter = ?', content, prev, hash, r.counter);
        prev = hash;
      }
    });
    expect(await firstBreak(rehashed)).toMatchObject({ counter: 2, reason: 'SIGNATURE' });

    // A signer key swapped for the attacker's own (signatures made with it): not the terminal's registered key.
    const foreign = tampered((run) => {
      run('DROP TRIGGER journal_signers_no_update');
      run(`UPDATE journal_signers SET public_key = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n'`);
    });
    expect(await firstBreak(foreign)).toMatchObject({ counter: 1, reason: 'FOREIGN_KEY' });
  });

  it('checks only new signatures once a run has checked the rest, and still catches a chain re-hashed behind that point', async () => {
    const dir = tampered(() => undefined);
    const file = join(dir, DATABASE_FILE);
    const first = openDatabase(file);
    expect((await verifyJournal(first.db, { incremental: true }))[0]!.firstBreak).toBeNull();
    expect(first.sqlite.prepare("SELECT value FROM local_meta WHERE key LIKE 'journal_signatures_checked:%'").pluck().get()).toMatch(/"counter":7/);
    // Entry 2's amount changed and every later entry re-hashed (without the key): entry 7's hash is not the remembered one any more.
    const rows = first.sqlite.prepare('SELECT * FROM journal_entries ORDER BY counter').all() as { terminal_id: string; counter: number; kind: string; at: string; content: string; prev_hash: string }[];
    let prev = rows[1]!.prev_hash;
    for (const r of rows.slice(1)) {
      const content = r.counter === 2 ? canonicalJson({ ...JSON.parse(r.content), amount: 1 }) : r.content;
      const hash = chainHash({ terminalId: r.terminal_id, counter: r.counter, kind: r.kind, at: r.at, prevHash: prev, content });
      first.sqlite.prepare('UPDATE journal_entries SET content = ?, prev_hash = ?, hash = ? WHERE counter = ?').run(content, prev, hash, r.counter);
      prev = hash;
    }
    expect((await verifyJournal(first.db, { incremental: true }))[0]!.firstBreak).toMatchObject({ counter: 2, reason: 'SIGNATURE' });
    first.sqlite.close();
  });

  it('is checked by `npm run journal -- verify --data-dir DIR`, which names the broken entry and exits 1', () => {
    const cli = (dir: string) => spawnSync('npx', ['tsx', 'scripts/journal.ts', 'verify', '--data-dir', dir], { encoding: 'utf8', cwd: process.cwd() });
    const ok = cli(copies[0]!);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/7 entries, chain intact and signed/);
    const broken = cli(tampered((run) => run('DELETE FROM journal_entries WHERE counter = 5')));
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN after entry 4 — Entry 5: is missing/);
  }, 60_000);
});
