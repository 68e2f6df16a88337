import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { registerCentralTerminal, type CentralDb } from './central-admin';
import { CentralClient, groupBatch, type CentralChange, type PullCursor, type PushItem } from './central-client';
import { startSyncTerminal, type SyncTerminal } from './testing/sync-terminal';
import { applyPulledPage } from './pull';
import { newId } from '../ids';

/**
 * The set-based push (sync_push_rows), the item form older terminals still send (sync_push), the
 * pull as rows (sync_pull_rows) and the local apply of a page through cached prepared statements.
 */
let central: TestPostgres;
let owner: CentralDb;
let cinema: string;
let me: string;
let client: CentralClient;
let legacy: CentralClient;
const address = () => `postgres://${central.host}:${central.port}/${central.database}`;

const hlc = (ms: number, node: string) => `${String(ms).padStart(15, '0')}-00000-${node}`;
const customer = (id: string, origin: string, name: string, ms: number, cinemaId: string | null = null): PushItem => ({
  t: 'customers',
  op: 'UPSERT',
  id,
  row: { id, name, phone: null, email: null, card_number: null, cinema_id: cinemaId, created_at: '2026-11-25T12:00:00.000Z', updated_at: hlc(ms, origin), origin },
});

async function logCount(): Promise<number> {
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM change_log`.execute(owner)).rows[0]!.n);
}

async function pullAll(c: CentralClient, pageSize: number): Promise<{ changes: CentralChange[]; pages: number; next: PullCursor | null }> {
  const changes: CentralChange[] = [];
  let cursor: PullCursor | null = null;
  let pages = 0;
  for (;;) {
    const page = await c.pull(cursor, pageSize);
    pages++;
    changes.push(...page.changes);
    cursor = page.next;
    if (!page.more) return { changes, pages, next: cursor };
  }
}

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  cinema = newId();
  me = newId();
  const reg = await registerCentralTerminal(owner, { terminalId: me, cinemaId: cinema });
  client = new CentralClient({ url: address(), user: reg.user, password: reg.password });
  legacy = new CentralClient({ url: address(), user: reg.user, password: reg.password });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await legacy?.close();
  await stopMigratedCentral({ central, owner });
});

/** What an older terminal sends: the item form, through sync_push. */
async function legacyPush(batch: PushItem[]): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reaching the old entry point on purpose
  const db = (legacy as any).db;
  return (await sql<{ v: unknown }>`SELECT sync_push(${JSON.stringify(batch)}::jsonb) AS v`.execute(db)).rows[0]!.v;
}

describe('push grouped by table', () => {
  it('groups runs of one table and operation in the batch order', () => {
    const a = customer('a', me, 'A', 1);
    const b = customer('b', me, 'B', 2);
    const del: PushItem = { t: 'customers', op: 'DELETE', id: 'c', hlc: 'h', origin: me };
    expect(groupBatch([a, b, del, a])).toEqual([
      { t: 'customers', op: 'UPSERT', rows: [a.row, b.row] },
      { t: 'customers', op: 'DELETE', items: [{ id: 'c', hlc: 'h', origin: me }] },
      { t: 'customers', op: 'UPSERT', rows: [a.row] },
    ]);
  });

  it('one id twice in a batch: the newer version is kept, logged once', async () => {
    const id = newId();
    const before = await logCount();
    const r = await client.push([customer(id, me, 'Newer', 3000), customer(id, me, 'Older', 2000)]);
    expect(r).toMatchObject({ applied: 1, deleted: 0, conflicts: 0 });
    expect((await sql<{ name: string }>`SELECT name FROM customers WHERE id = ${id}`.execute(owner)).rows).toEqual([{ name: 'Newer' }]);
    expect(await logCount()).toBe(before + 1);
  });

  it('a bad row in a later table refuses the whole batch: the earlier tables are not written either', async () => {
    const before = await logCount();
    const good = customer(newId(), me, 'Good', 5000);
    const account: PushItem = {
      t: 'bonus_accounts',
      op: 'UPSERT',
      id: newId(),
      row: { id: newId(), customer_id: good.id, card_number: 'X-1', created_at: '2026-11-25T12:00:00.000Z', updated_at: hlc(5000, newId()), origin: newId() },
    };
    await expect(client.push([good, account])).rejects.toThrow(/origin other than terminal/);
    await expect(client.push([good, customer(newId(), me, 'Elsewhere', 5000, newId())])).rejects.toThrow(/belongs to another cinema/);
    expect(await logCount()).toBe(before);
    expect((await sql`SELECT id FROM customers WHERE id = ${good.id}`.execute(owner)).rows).toEqual([]);
  });

  it('a terminal cannot call the inner rowset function itself', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the terminal's own connection
    const db = (client as any).db;
    await expect(sql`SELECT * FROM sync_apply_rowset('customers', '[]'::jsonb, NULL, false, ${me}, ${cinema})`.execute(db)).rejects.toThrow(/permission denied/);
  });

  it('a malformed group is refused with a clear message', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hand-made bad group
    const db = (client as any).db;
    await expect(sql`SELECT sync_push_rows(${JSON.stringify([{ t: 'customers', op: 'UPSERT', items: [] }])}::jsonb)`.execute(db)).rejects.toThrow(/UPSERT with rows or DELETE with items/);
    await expect(sql`SELECT sync_push_rows(${JSON.stringify({ t: 'customers' })}::jsonb)`.execute(db)).rejects.toThrow(/must be a JSON array/);
  });

  it('the item form of older terminals writes the same rows and change log as the grouped form', async () => {
    const viaGroups = [customer(newId(), me, 'G1', 7000), customer(newId(), me, 'G2', 7001)];
    const viaItems = [customer(newId(), me, 'G1', 7000), customer(newId(), me, 'G2', 7001)];
    expect(await client.push(viaGroups)).toMatchObject({ applied: 2, deleted: 0, conflicts: 0 });
    expect(await legacyPush(viaItems)).toMatchObject({ applied: 2, deleted: 0, conflicts: 0 });
    const logged = async (ids: string[]) =>
      (await sql<{ data: Record<string, unknown> }>`SELECT data FROM change_log WHERE row_id IN (${sql.join(ids)}) ORDER BY seq`.execute(owner)).rows.map((r) => {
        const { id: _id, ...rest } = r.data;
        return rest;
      });
    expect(await logged(viaItems.map((i) => i.id))).toEqual(await logged(viaGroups.map((i) => i.id)));
    // The log carries exactly the row's columns (no central bookkeeping).
    const [data] = (await sql<{ data: Record<string, unknown> }>`SELECT data FROM change_log WHERE row_id = ${viaGroups[0]!.id}`.execute(owner)).rows;
    expect(data!.data).toEqual(viaGroups[0]!.row);
    // Deletes in the item form: a tombstone, refused for insert-once tables.
    const del: PushItem = { t: 'customers', op: 'DELETE', id: viaItems[0]!.id, hlc: hlc(8000, me), origin: me };
    expect(await legacyPush([del])).toMatchObject({ applied: 0, deleted: 1, conflicts: 0 });
    await expect(legacyPush([{ t: 'payments', op: 'DELETE', id: 'x', hlc: '1', origin: me }])).rejects.toThrow(/never deleted/);
    await expect(legacyPush([{ t: 'nope', op: 'UPSERT', id: 'x', row: {} } as PushItem])).rejects.toThrow(/unknown table/);
  });
});

describe('pull as rows', () => {
  let reader: CentralClient;
  let readerId: string;

  beforeAll(async () => {
    readerId = newId();
    const reg = await registerCentralTerminal(owner, { terminalId: readerId, cinemaId: cinema });
    reader = new CentralClient({ url: address(), user: reg.user, password: reg.password });
    // A terminal's first pull writes its pull mark (central 0013; then at most every ten minutes),
    // which takes a transaction id and so moves the horizon once: done here, not between the pulls compared below.
    await reader.pull(null, 1);
  });
  afterAll(async () => {
    await reader?.close();
  });

  it('pages of any size see every change exactly once, in log order, and the same as the aggregated sync_pull', async () => {
    const batch = Array.from({ length: 23 }, (_, i) => customer(newId(), me, `Paged ${i}`, 9000 + i));
    await client.push(batch);
    const whole = await pullAll(reader, 10_000);
    for (const size of [1, 7, 23, 1000]) {
      const paged = await pullAll(reader, size);
      expect(paged.changes).toEqual(whole.changes);
      expect(paged.next).toEqual(whole.next);
    }
    // Each change once (a row changed twice is in the log twice, with two HLCs).
    const keys = whole.changes.map((c) => `${c.t}/${c.id}/${c.hlc}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const item of batch) expect(whole.changes.find((c) => c.id === item.id)).toEqual({ t: 'customers', id: item.id, deleted: false, hlc: item.row!.updated_at, row: item.row });
    // Older terminals' aggregated pull returns the same changes.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reaching the old entry point on purpose
    const db = (reader as any).db;
    const old = (await sql<{ v: { changes: CentralChange[]; more: boolean } }>`SELECT sync_pull(NULL, 0, 10000) AS v`.execute(db)).rows[0]!.v;
    expect(old.changes).toEqual(whole.changes);
    // Nothing new: an empty page that keeps the cursor where it is (or at the horizon).
    const again = await reader.pull(whole.next, 100);
    expect(again.changes).toEqual([]);
    expect(again.more).toBe(false);
  });

  it('a terminal never pulls its own writes', async () => {
    const mine = await pullAll(client, 1000);
    expect(mine.changes.filter((c) => c.row.origin === me)).toEqual([]);
  });
});

describe('a pulled page applied locally', () => {
  let t: SyncTerminal;
  beforeAll(async () => {
    t = await startSyncTerminal({ demo: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const other = newId();
  const row = (table: string, r: Record<string, unknown>, ms: number): CentralChange => ({
    t: table,
    id: r.id as string,
    deleted: false,
    hlc: hlc(ms, other),
    row: { created_at: '2026-11-25T12:00:00.000Z', ...r, updated_at: hlc(ms, other), origin: other },
  });
  const page = (changes: CentralChange[], seq: number) => ({ changes, next: { xid: '1', seq }, more: false });
  const outbox = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM outbox`.execute(t.db)).rows[0]!.n);

  it('a child before its parent waits, lands with the parent; nothing goes to the outbox; a replay changes nothing', async () => {
    const before = await outbox();
    const customerId = newId();
    const account = row('bonus_accounts', { id: newId(), customer_id: customerId, card_number: 'P-1' }, 1000);
    const first = await applyPulledPage(t.db, page([account], 1), t.core.services.hlc);
    expect(first).toMatchObject({ received: 1, applied: 0, pending: 1 });
    const parent = row('customers', { id: customerId, name: 'Parent', phone: null, email: null, card_number: null, cinema_id: null }, 1000);
    const second = await applyPulledPage(t.db, page([parent], 2), t.core.services.hlc);
    expect(second).toMatchObject({ received: 1, applied: 1, pending: 0 });
    expect(await t.db.selectFrom('bonus_accounts').select('customer_id').where('id', '=', account.id).executeTakeFirst()).toEqual({ customer_id: customerId });
    expect(await outbox()).toBe(before);
    // The same page again: older-or-equal versions are stale.
    expect(await applyPulledPage(t.db, page([parent, account], 3), t.core.services.hlc)).toMatchObject({ applied: 0, stale: 2, pending: 0 });
    // A newer version updates; an older one does not; a newer tombstone deletes.
    const renamed = row('customers', { id: customerId, name: 'Renamed', phone: null, email: null, card_number: null, cinema_id: null }, 2000);
    const older = row('customers', { id: customerId, name: 'Old', phone: null, email: null, card_number: null, cinema_id: null }, 1500);
    expect(await applyPulledPage(t.db, page([renamed, older], 4), t.core.services.hlc)).toMatchObject({ applied: 1, stale: 1 });
    expect(await t.db.selectFrom('customers').select('name').where('id', '=', customerId).executeTakeFirst()).toEqual({ name: 'Renamed' });
    const gone: CentralChange = { t: 'bonus_accounts', id: account.id, deleted: true, hlc: hlc(3000, other), row: { id: account.id } };
    expect(await applyPulledPage(t.db, page([gone], 5), t.core.services.hlc)).toMatchObject({ applied: 1 });
    expect(await t.db.selectFrom('bonus_accounts').select('id').where('id', '=', account.id).execute()).toEqual([]);
    expect(await outbox()).toBe(before);
    // The cursor moved with the last page, and our clock runs after the newest HLC received.
    expect(JSON.parse((await t.db.selectFrom('local_meta').select('value').where('key', '=', 'sync_cursor').executeTakeFirstOrThrow()).value)).toEqual({ xid: '1', seq: 5 });
    expect(t.core.services.hlc.now() > hlc(3000, other)).toBe(true);
  });

  it('a row waiting for its parent is dropped when its deletion arrives first (it does not come back with the parent)', async () => {
    const customerId = newId();
    const account = row('bonus_accounts', { id: newId(), customer_id: customerId, card_number: 'P-2' }, 6000);
    expect(await applyPulledPage(t.db, page([account], 8), t.core.services.hlc)).toMatchObject({ pending: 1 });
    const gone: CentralChange = { t: 'bonus_accounts', id: account.id, deleted: true, hlc: hlc(6500, other), row: { id: account.id } };
    expect(await applyPulledPage(t.db, page([gone], 9), t.core.services.hlc)).toMatchObject({ stale: 1, pending: 0 });
    const parent = row('customers', { id: customerId, name: 'Late parent', phone: null, email: null, card_number: null, cinema_id: null }, 6000);
    expect(await applyPulledPage(t.db, page([parent], 10), t.core.services.hlc)).toMatchObject({ applied: 1, pending: 0 });
    expect(await t.db.selectFrom('bonus_accounts').select('id').where('id', '=', account.id).execute()).toEqual([]);
  });

  it('a page applied in many short slices ends exactly as in one: rows, cursor, no outbox', async () => {
    const before = await outbox();
    const rows = Array.from({ length: 50 }, (_, i) => row('customers', { id: newId(), name: `Sliced ${i}`, phone: null, email: null, card_number: null, cinema_id: null }, 5000 + i));
    const r = await applyPulledPage(t.db, page(rows, 7), t.core.services.hlc, 0);
    expect(r).toMatchObject({ received: 50, applied: 50, stale: 0, pending: 0 });
    expect(await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', 'Sliced %').executeTakeFirstOrThrow()).toEqual({ n: 50 });
    expect(JSON.parse((await t.db.selectFrom('local_meta').select('value').where('key', '=', 'sync_cursor').executeTakeFirstOrThrow()).value)).toEqual({ xid: '1', seq: 7 });
    expect(await outbox()).toBe(before);
    // Between slices the flag is off: a local write then is queued as usual.
    expect((await t.db.selectFrom('sync_apply_flag').select('applying').executeTakeFirstOrThrow()).applying).toBe(0);
  });

  it('a row whose columns differ from the last one of its table gets a statement of its own', async () => {
    const a = row('customers', { id: newId(), name: 'Full', phone: '1', email: null, card_number: null, cinema_id: null }, 4000);
    const b = row('customers', { id: newId(), name: 'Fewer' }, 4000);
    const unknownColumn = row('customers', { id: newId(), name: 'Newer schema', loyalty_tier: 'GOLD' }, 4000);
    expect(await applyPulledPage(t.db, page([a, b, unknownColumn], 8), t.core.services.hlc)).toMatchObject({ applied: 3, pending: 0 });
    const names = await t.db.selectFrom('customers').select(['name', 'phone']).where('id', 'in', [a.id, b.id, unknownColumn.id]).orderBy('name').execute();
    expect(names).toEqual([
      { name: 'Fewer', phone: null },
      { name: 'Full', phone: '1' },
      { name: 'Newer schema', phone: null },
    ]);
  });
});
