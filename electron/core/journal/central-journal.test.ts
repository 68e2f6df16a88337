import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPostgres } from '../sync/testing/central-postgres';
import { startCentralWithTerminals, type CentralWithTerminals } from '../sync/testing/central-fixture';
import type { CentralDb } from '../sync/central-admin';
import { CentralClient } from '../sync/central-client';
import { callSignedIn, connectTerminal, type SyncTerminal } from '../sync/testing/sync-terminal';
import { sqliteOf } from '../db/open';
import { verifyCentralJournal } from './verify-central-journal';

let central: TestPostgres;
let owner: CentralDb;
let centre: CentralWithTerminals;

beforeAll(async () => {
  centre = await startCentralWithTerminals();
  ({ central, owner } = centre);
}, 120_000);
afterAll(() => centre?.stop());

async function call<T>(t: SyncTerminal, op: string, input: unknown, role = 'cashier'): Promise<T> {
  const r = await callSignedIn(t, role, op, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function sellWater(t: SyncTerminal, quantity: number) {
  const water = await t.db.selectFrom('concession_items').select(['id', 'price']).where('name', '=', 'Still water 0.5 l').executeTakeFirstOrThrow();
  return call<{ receiptNumber: number }>(t, 'orders.sell', { concessions: [{ itemId: water.id, quantity }], payments: [{ method: 'CARD', amount: quantity * water.price, approvalCode: 'OK12', last4: '1234' }] });
}

const centralEntries = async (terminalId: string) =>
  (await sql<{ counter: string; kind: string; chain_ok: boolean }>`SELECT counter, kind, chain_ok FROM journal_entries WHERE terminal_id = ${terminalId} ORDER BY counter`.execute(owner)).rows;

/** Raw SQL on the terminal's own file, as someone with the file would do it (the append-only triggers dropped first). */
function tamper(t: SyncTerminal, ...statements: string[]) {
  const db = sqliteOf(t.db);
  db.exec('DROP TRIGGER IF EXISTS journal_entries_no_update; DROP TRIGGER IF EXISTS journal_entries_no_delete;');
  for (const s of statements) db.exec(s);
}

describe('the journal at the centre (rule 16)', () => {
  let t1: SyncTerminal;
  let t2: SyncTerminal;
  let cinemaId: string;
  let t2Login: { user: string; password: string };

  beforeAll(async () => {
    t1 = await centre.terminal(true);
    cinemaId = t1.core.terminal().cinemaId!;
    await connectTerminal(owner, central.url, t1, cinemaId);
    await t1.sync.syncNow();
    t2 = await centre.terminal(false);
    t2Login = await connectTerminal(owner, central.url, t2, cinemaId);
    await t2.sync.syncNow();
    await t2.sync.syncNow();
  }, 120_000);

  it('receives each terminal chain, checks every link on arrival, and takes a replay as nothing new', async () => {
    await call(t1, 'shifts.open', { openingFloat: 0 });
    await sellWater(t1, 1);
    await sellWater(t1, 2);
    await t1.sync.syncNow();
    expect(await centralEntries(t1.core.terminal().id)).toEqual([
      { counter: '1', kind: 'SHIFT_OPEN', chain_ok: true },
      { counter: '2', kind: 'SALE', chain_ok: true },
      { counter: '3', kind: 'SALE', chain_ok: true },
    ]);
    // Sent again from the start (say the terminal lost what it had confirmed): replayed, no break.
    await t1.db.deleteFrom('local_meta').where('key', '=', 'journal_sent_counter').execute();
    await t1.sync.syncNow();
    expect(await centralEntries(t1.core.terminal().id)).toHaveLength(3);
    expect((await t1.sync.conflicts()).filter((c) => c.kind === 'JOURNAL_BREAK')).toEqual([]);
    // The owner's full check (signatures too, against the terminal's registered key) agrees.
    expect(await verifyCentralJournal(owner, t1.core.terminal().id)).toMatchObject([{ entries: 3, firstBreak: null }]);
    // The legal name set on one terminal reaches the others with the cinema.
    const { id: _id, currencyEditable: _fixed, ...settings } = await call<Record<string, unknown>>(t1, 'cinema.get', {}, 'manager');
    await call(t1, 'cinema.update', { ...settings, legalName: 'Aurora Kino GmbH', taxNumber: 'DE111222333' }, 'manager');
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    expect(await t2.db.selectFrom('cinemas').select(['legal_name', 'tax_number']).executeTakeFirstOrThrow()).toEqual({ legal_name: 'Aurora Kino GmbH', tax_number: 'DE111222333' });
  });

  it('reports an entry edited on the terminal before it was sent as a conflict both terminals see', async () => {
    await sellWater(t1, 3);
    tamper(t1, `UPDATE journal_entries SET content = replace(content, '"amount":', '"amount":9') WHERE counter = 4`);
    await sellWater(t1, 1);
    await t1.sync.syncNow();
    expect((await centralEntries(t1.core.terminal().id)).slice(3)).toEqual([
      { counter: '4', kind: 'SALE', chain_ok: false },
      { counter: '5', kind: 'SALE', chain_ok: true },
    ]);
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    for (const t of [t1, t2]) {
      const open = (await t.sync.conflicts()).filter((c) => c.kind === 'JOURNAL_BREAK' && !c.resolved_at);
      expect(open).toHaveLength(1);
      expect(open[0]!.details).toMatchObject({ terminal_id: t1.core.terminal().id, counter: 4, reason: 'HASH', message: expect.stringContaining('Entry 4 (SALE') });
    }
    expect(await verifyCentralJournal(owner, t1.core.terminal().id)).toMatchObject([{ firstBreak: { counter: 4, reason: 'HASH' } }]);
    const listed = await call<{ kind: string; description: string }[]>(t2, 'sync.conflicts', {}, 'manager');
    expect(listed.find((c) => c.kind === 'JOURNAL_BREAK')?.description).toMatch(/money journal .* Entry 4 .*edited/);
  });

  it('reports deleted entries (the chain jumps) and refuses entries of another terminal', async () => {
    await call(t2, 'shifts.open', { openingFloat: 0 });
    await sellWater(t2, 1);
    await sellWater(t2, 1);
    tamper(t2, 'DELETE FROM journal_entries WHERE counter = 2');
    await t2.sync.syncNow();
    const t2Id = t2.core.terminal().id;
    expect(await centralEntries(t2Id)).toEqual([
      { counter: '1', kind: 'SHIFT_OPEN', chain_ok: true },
      { counter: '3', kind: 'SALE', chain_ok: false },
    ]);
    const conflict = (await sql<{ details: { reason: string; counter: number } }>`SELECT details FROM sync_conflicts WHERE kind = 'JOURNAL_BREAK' AND subject_id = ${t2Id}`.execute(owner)).rows;
    expect(conflict).toMatchObject([{ details: { reason: 'MISSING', counter: 3 } }]);

    // t2's login cannot send entries in t1's name.
    const url = new URL(central.url);
    url.username = '';
    url.password = '';
    const client = new CentralClient({ url: url.toString(), ...t2Login });
    try {
      await expect(client.pushJournal([{ terminal_id: t1.core.terminal().id, counter: 99 }], [])).rejects.toThrow(/is not terminal .*'s to send/);
      await expect(client.pushJournal([], [{ id: `terminal:${t1.core.terminal().id}`, algorithm: 'Ed25519', public_key: 'x' }])).rejects.toThrow(/signer .* is not terminal/);
    } finally {
      await client.close();
    }
  });
});
