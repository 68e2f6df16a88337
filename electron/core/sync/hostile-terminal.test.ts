import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startConnectedTerminal, startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { createCentralAdmin, enablePoolLogin, registerCentralTerminal, type CentralDb } from './central-admin';
import { terminalKeyOf } from './terminal-key';
import { CentralClient, groupBatch, type PushItem } from './central-client';
import { callSignedIn, freeSeats, snapshot, type SyncTerminal } from './testing/sync-terminal';
import { newId } from '../ids';
import { systemContext } from '../system-context';
import { MAX_HOLD_SEATS, MAX_PUSH_ROWS } from '../../../migrations/central/0004-terminal-reaches-own-cinema-only';

/**
 * A hostile terminal: cinema B's own, registered login, trying everything issue 11 lists (and
 * more) against cinema A through the real sync functions of a real PostgreSQL. Every attempt must
 * be refused with nothing written, and A's terminals must not notice.
 */
let central: TestPostgres;
let owner: CentralDb;
let a1: SyncTerminal; // cinema A, the terminal that created it
let a2: SyncTerminal; // cinema A, a second terminal that joined
let b1: SyncTerminal; // cinema B's honest terminal
let hostile: CentralClient; // cinema B's own login, used by hand
let hostileLogin: { user: string; password: string };
let hostileShared: CentralClient; // the same terminal through the shared login a pooler uses, told by its key (central 0015)
const WAYS_IN = ['its own login', 'the shared login with its key'] as const;
const hostileOn = (way: (typeof WAYS_IN)[number]) => (way === 'its own login' ? hostile : hostileShared);
let hostileTerminal: string;
let cinemaA: string;
let cinemaB: string;

const address = () => `postgres://${central.host}:${central.port}/${central.database}`;
const hlcAt = (ms: number, node: string) => `${String(ms).padStart(15, '0')}-00000-${node}`;
const nowHlc = (node: string) => hlcAt(Date.now() - 60_000, node);
const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => (await q.execute(owner)).rows as T[];

/** Everything a refused call must leave as it was: every synced table, the log, holds, conflicts, large objects. */
async function fingerprint(): Promise<string> {
  const tables = await rows<{ name: string }>(sql`SELECT name FROM sync_tables ORDER BY push_order`);
  const parts: unknown[] = [];
  for (const { name } of tables) {
    parts.push(
      (await rows(sql`SELECT count(*)::int AS n, md5(coalesce(string_agg(id || updated_at || deleted::text, ',' ORDER BY id), '')) AS h FROM ${sql.table(name)}`))[0],
    );
  }
  parts.push((await rows(sql`SELECT count(*)::int AS n, max(seq)::text AS s FROM change_log`))[0]);
  parts.push((await rows(sql`SELECT count(*)::int AS n, md5(coalesce(string_agg(session_id || seat_id || terminal_id || expires_at::text, ',' ORDER BY session_id, seat_id), '')) AS h FROM central_holds`))[0]);
  parts.push((await rows(sql`SELECT count(*)::int AS n FROM sync_conflicts`))[0]);
  parts.push((await rows(sql`SELECT count(*)::int AS n FROM pg_largeobject_metadata`))[0]);
  return JSON.stringify(parts);
}

/** Expects the call refused (matching `message`) and the central database unchanged. */
async function refused(call: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = await fingerprint();
  await expect(call()).rejects.toThrow(message);
  expect(await fingerprint()).toBe(before);
}

const anyIdOf = async (table: string, scope: string | null) =>
  (await rows<{ id: string }>(sql`SELECT id FROM ${sql.table(table)} WHERE scope_cinema_id IS NOT DISTINCT FROM ${scope} AND NOT deleted ORDER BY id LIMIT 1`))[0]?.id;

/** A value for a NOT NULL column without a template row that the central CHECKs accept. */
const filler = (table: string, c: { name: string; type: string }) =>
  c.type === 'bigint'
    ? c.name === 'amount'
      ? 1
      : 0
    : table === 'tickets' && c.name === 'status'
      ? 'REFUNDED'
      : table === 'gift_voucher_movements' && c.name === 'kind'
        ? 'ADJUSTMENT'
        : table === 'gift_vouchers'
          ? // A voucher: its code's 64-hex hash and last 4, in the demo cinemas' currency.
            ({ code_hash: '0'.repeat(64), code_last4: '0000', currency: 'EUR' } as Record<string, string>)[c.name] ?? 'x'
          : 'x';

/** Column names, types and nullability of a central table (without the central columns). */
async function columnsOf(table: string) {
  return rows<{ name: string; type: string; nullable: boolean }>(
    sql`SELECT column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table} AND column_name NOT IN ('scope_cinema_id', 'deleted') ORDER BY ordinal_position`,
  );
}

/** A row of `table` as cinema B's terminal would push it: a template row (or typed defaults), B's ids in every reference. */
async function rowOfB(table: string): Promise<Record<string, unknown>> {
  const template = (await rows(sql`SELECT * FROM ${sql.table(table)} ORDER BY scope_cinema_id = ${cinemaB} DESC NULLS LAST, id LIMIT 1`))[0] ?? {};
  const row: Record<string, unknown> = {};
  for (const c of await columnsOf(table)) row[c.name] = c.name in template ? template[c.name] : c.nullable ? null : filler(table, c);
  delete row.scope_cinema_id;
  delete row.deleted;
  const refs = await rows<{ col: string; parent: string; shared: boolean }>(
    sql`SELECT r.col, r.parent, p.shared FROM sync_references r JOIN sync_tables p ON p.name = r.parent WHERE r.tbl = ${table}`,
  );
  for (const r of refs) row[r.col] = r.parent === table ? null : ((await anyIdOf(r.parent, r.shared ? null : cinemaB)) ?? null);
  if ('cinema_id' in row) row.cinema_id = cinemaB;
  return { ...row, id: newId(), origin: hostileTerminal, updated_at: nowHlc(hostileTerminal) };
}

/** As the owner: a row of `table` for `cinema` when it has none yet (the fixture every reference test needs). */
async function ensureRowOf(table: string, cinema: string): Promise<string> {
  const shared = (await rows<{ shared: boolean }>(sql`SELECT shared FROM sync_tables WHERE name = ${table}`))[0]!.shared;
  const existing = await anyIdOf(table, shared ? null : cinema);
  if (existing) return existing;
  const template = (await rows(sql`SELECT * FROM ${sql.table(table)} ORDER BY id LIMIT 1`))[0];
  const cols = await columnsOf(table);
  const row: Record<string, unknown> = {};
  for (const c of cols) row[c.name] = template && c.name in template ? template[c.name] : c.nullable ? null : filler(table, c);
  row.id = newId();
  if ('cinema_id' in row) row.cinema_id = cinema;
  const insert = sql`INSERT INTO ${sql.table(table)} SELECT * FROM jsonb_populate_record(NULL::${sql.table(table)}, ${JSON.stringify({ ...row, scope_cinema_id: shared ? null : cinema, deleted: false })}::jsonb)`;
  if (table !== 'gift_voucher_movements') await insert.execute(owner);
  // A bare movement (an adjustment of 1 on a voucher with no sale) is what the voucher checks refuse:
  // the fixture row goes in without triggers; the pushes under test meet every check.
  else
    await owner.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await insert.execute(trx);
    });
  return row.id as string;
}

const upsert = (t: string, row: Record<string, unknown>): PushItem => ({ t, op: 'UPSERT', id: row.id as string, row });

async function loginAs(user: string, password: string): Promise<pg.Client> {
  const c = new pg.Client({ host: central.host, port: central.port, database: central.database, user, password });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

const callAs = (t: SyncTerminal, op: string, input: unknown, role: 'admin' | 'manager' | 'cashier' = 'cashier') => callSignedIn(t, role, op, input);

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  a1 = await startConnectedTerminal({ central, owner }, { demo: true });
  cinemaA = a1.core.terminal().cinemaId!;
  a2 = await startConnectedTerminal({ central, owner }, { demo: false, cinemaId: cinemaA });
  await a2.sync.syncNow();
  b1 = await startConnectedTerminal({ central, owner }, { demo: true });
  cinemaB = b1.core.terminal().cinemaId!;
  // The hostile login: another registered terminal of cinema B (its own role, as issued by the CLI).
  hostileTerminal = newId();
  hostileLogin = await registerCentralTerminal(owner, { terminalId: hostileTerminal, cinemaId: cinemaB, name: 'B hostile' });
  hostile = new CentralClient({ url: address(), user: hostileLogin.user, password: hostileLogin.password });
  const pool = await enablePoolLogin(owner, 'shared-pool-test-password');
  hostileShared = new CentralClient({ url: `${address()}?pool=shared`, user: pool.user, password: pool.password }, { terminalKey: terminalKeyOf(hostileLogin.password) });
  // Every synced table has a row of A and of B, so every reference can be tried both ways.
  for (const { name } of await rows<{ name: string }>(sql`SELECT name FROM sync_tables ORDER BY push_order`)) {
    await ensureRowOf(name, cinemaA);
    await ensureRowOf(name, cinemaB);
  }
}, 240_000);

afterAll(async () => {
  await hostile?.close();
  await hostileShared?.close();
  for (const t of [a1, a2, b1]) await t?.close();
  await stopMigratedCentral({ central, owner });
});

describe("a hostile terminal of cinema B cannot reach cinema A's rows", () => {
  it.each(WAYS_IN)("refuses A's id in every foreign-key column of every synced table (generated from the schema), naming table, id and column — on %s", async (way) => {
    const client = hostileOn(way);
    const refs = await rows<{ tbl: string; col: string; parent: string; shared: boolean }>(
      sql`SELECT r.tbl, r.col, r.parent, p.shared FROM sync_references r JOIN sync_tables p ON p.name = r.parent ORDER BY r.tbl, r.col`,
    );
    const tried: string[] = [];
    for (const ref of refs.filter((r) => !r.shared)) {
      const row = await rowOfB(ref.tbl);
      row[ref.col] = await ensureRowOf(ref.parent, cinemaA);
      await refused(() => client.push([upsert(ref.tbl, row)]), new RegExp(`row ${row.id as string} of ${ref.tbl} names ${ref.col} `));
      // The same row carrying an invented id or an injection-looking one is refused the same way.
      row[ref.col] = `x' OR 1=1 --`;
      await refused(() => client.push([upsert(ref.tbl, row)]), new RegExp(`row ${row.id as string} of ${ref.tbl} names ${ref.col} `));
      tried.push(`${ref.tbl}.${ref.col}`);
    }
    // Every reference of the terminal's schema was tried (tickets → sessions, seats, orders; payments → orders, shifts; …).
    expect(tried).toEqual(expect.arrayContaining(['tickets.session_id', 'tickets.seat_id', 'tickets.order_id', 'payments.order_id', 'payments.shift_id', 'order_concession_lines.order_id', 'concession_preorders.order_id', 'ticket_scans.ticket_id', 'ticket_revocations.ticket_id', 'bonus_transactions.account_id', 'contract_splits.contract_id']));
    expect(tried.length).toBeGreaterThanOrEqual(40);
  });

  it("refuses a planted ticket on A's seat; A's seat stays free, A holds and sells it without a conflict", async () => {
    const session = (await a1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow()).id;
    const [seat] = await freeSeats(a1.db, session, 1);
    const ticket = await rowOfB('tickets');
    Object.assign(ticket, { session_id: session, seat_id: seat, status: 'SOLD' });
    await refused(() => hostile.push([upsert('tickets', ticket)]), /names session_id/);
    // The ticket inside a bigger batch of B's own good rows: the whole batch goes.
    const goodCustomer = await rowOfB('customers');
    await refused(() => hostile.push([upsert('customers', goodCustomer), upsert('tickets', ticket)]), /names session_id/);

    expect(await callAs(a1, 'booking.hold', { sessionId: session, seatIds: [seat] })).toMatchObject({ ok: true });
    await callAs(a1, 'booking.release', { sessionId: session, seatIds: [seat] });
    await a1.sync.syncNow();
    expect((await a1.sync.conflicts()).filter((c) => !c.resolved_at)).toEqual([]);
  });

  it('accepts the shared catalogue as a parent (a session of B may show a film A entered)', async () => {
    const filmOfA = (await rows<{ id: string }>(sql`SELECT id FROM films WHERE origin = ${a1.core.terminal().id} ORDER BY id LIMIT 1`))[0]!.id;
    const session = await rowOfB('sessions');
    session.film_id = filmOfA;
    expect((await hostile.push([upsert('sessions', session)])).applied).toBe(1);
  });

  it.each(WAYS_IN)("refuses forged origins, A's cinema id, A's row ids, deletes of A's rows, unknown tables — on %s", async (way) => {
    const client = hostileOn(way);
    const a1Id = a1.core.terminal().id;
    const customer = await rowOfB('customers');
    await refused(() => client.push([upsert('customers', { ...customer, origin: a1Id })]), /origin other than terminal/);
    await refused(() => client.push([upsert('customers', { ...customer, cinema_id: cinemaA })]), /belongs to another cinema/);
    const orderOfA = await ensureRowOf('orders', cinemaA);
    const order = await rowOfB('orders');
    await refused(() => client.push([upsert('orders', { ...order, id: orderOfA })]), /belongs to another cinema/);
    await refused(() => client.push([{ t: 'orders', op: 'DELETE', id: orderOfA, hlc: nowHlc(hostileTerminal), origin: hostileTerminal }]), /belongs to another cinema/);
    await refused(() => client.push([{ t: 'orders', op: 'DELETE', id: orderOfA, hlc: nowHlc(a1Id), origin: a1Id }]), /origin other than terminal/);
    await refused(() => client.push([{ t: 'cinemas', op: 'UPSERT', id: cinemaA, row: { id: cinemaA, origin: hostileTerminal, updated_at: nowHlc(hostileTerminal) } }]), /another cinema/);
    await refused(() => client.push([upsert('sync_terminals; DROP TABLE tickets; --', customer)]), /unknown table/);
    await refused(() => client.push([upsert('central_holds', customer)]), /unknown table/);
  });

  it("cannot take over the shared catalogue: far-future clocks refused on every table; A's film used by A's sessions cannot be deleted", async () => {
    const filmOfA = (await rows<Record<string, unknown>>(sql`SELECT * FROM films WHERE origin = ${a1.core.terminal().id} AND id IN (SELECT film_id FROM sessions WHERE scope_cinema_id = ${cinemaA}) ORDER BY id LIMIT 1`))[0]!;
    const { scope_cinema_id: _s, deleted: _d, ...film } = filmOfA;
    const future = hlcAt(Date.parse('2099-01-01T00:00:00Z'), hostileTerminal);
    await refused(() => hostile.push([upsert('films', { ...film, title: 'Taken over', origin: hostileTerminal, updated_at: future })]), /more than 5 minutes ahead/);
    // Ten minutes ahead is too far as well; every table is checked.
    for (const { name } of await rows<{ name: string }>(sql`SELECT name FROM sync_tables ORDER BY push_order`)) {
      const row = name === 'cinemas' ? { ...(await rowOfB(name)), id: cinemaB } : await rowOfB(name);
      await refused(() => hostile.push([upsert(name, { ...row, updated_at: hlcAt(Date.now() + 10 * 60_000, hostileTerminal) })]), /ahead of the central database/);
    }
    await refused(() => hostile.push([{ t: 'films', op: 'DELETE', id: film.id as string, hlc: nowHlc(hostileTerminal), origin: hostileTerminal }]), /used by another cinema's (sessions|rental_contracts)/);
    await refused(() => hostile.push([{ t: 'customers', op: 'DELETE', id: 'x', hlc: future, origin: hostileTerminal }]), /ahead of the central database/);
    const unclocked = { ...(await rowOfB('customers')), updated_at: 'not a clock' };
    await refused(() => hostile.push([upsert('customers', unclocked)]), /ahead of the central database/);
  });

  it('a pushed row that loses last-writer-wins comes back to the pusher', async () => {
    const filmOfA = (await rows<Record<string, unknown>>(sql`SELECT * FROM films WHERE origin = ${a1.core.terminal().id} ORDER BY id LIMIT 1`))[0]!;
    const { scope_cinema_id: _s, deleted: _d, ...film } = filmOfA;
    let cursor = (await hostile.pull(null, 10_000)).next;
    const older = hlcAt(1_000, hostileTerminal);
    expect(await hostile.push([upsert('films', { ...film, title: 'Older edit', origin: hostileTerminal, updated_at: older })])).toMatchObject({ applied: 0, lost: 1 });
    const page = await hostile.pull(cursor, 10_000);
    cursor = page.next;
    expect(page.changes.filter((c) => c.id === film.id)).toEqual([expect.objectContaining({ t: 'films', hlc: film.updated_at, row: expect.objectContaining({ title: film.title }) })]);
  });

  it("holds: only B's own sessions and seats, a bounded number, answers only about the asked seats", async () => {
    const sessionA = (await a1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow()).id;
    const seatsA = await freeSeats(a1.db, sessionA, 3);
    const sessionB = (await b1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow()).id;
    const seatsB = await freeSeats(b1.db, sessionB, 2);
    await refused(() => hostile.holdSeats(sessionA, seatsA, 600), /not a session of this cinema/);
    await refused(() => hostile.holdSeats(sessionB, [seatsB[0]!, seatsA[0]!], 600), /not a seat of this session's hall/);
    await refused(() => hostile.holdSeats(`x' OR 1=1 --`, seatsB, 600), /not a session of this cinema/);
    await refused(() => hostile.holdSeats(sessionB, Array.from({ length: 100_000 }, () => newId()), 600), new RegExp(`1 to ${MAX_HOLD_SEATS} seats`));
    await refused(() => hostile.holdSeats(sessionB, [], 600), /1 to/);
    await refused(() => hostile.releaseSeats(sessionA, seatsA), /not a session of this cinema/);
    // A's seats are still A's to hold.
    expect(await callAs(a1, 'booking.hold', { sessionId: sessionA, seatIds: seatsA })).toMatchObject({ ok: true });
    await callAs(a1, 'booking.release', { sessionId: sessionA, seatIds: seatsA });
    // Its own session: the answer names only seats it asked for.
    const soldB = (await rows<{ seat_id: string }>(sql`SELECT seat_id FROM tickets WHERE session_id = ${sessionB} AND status = 'SOLD' LIMIT 1`))[0]?.seat_id;
    const answer = await hostile.holdSeats(sessionB, seatsB, 60);
    expect(answer).toEqual({ ok: true, taken: [] });
    if (soldB) expect(await hostile.holdSeats(sessionB, [seatsB[0]!, soldB], 60)).toEqual({ ok: false, taken: [soldB] });
    await hostile.releaseSeats(sessionB, seatsB);
    // An advisory lock on A's session (any login may take one) does not block A's holds.
    const c = await loginAs(hostileLogin.user, hostileLogin.password);
    try {
      await expect(c.query(`SELECT pg_advisory_lock(hashtext($1))`, [sessionA])).resolves.toBeDefined();
      const t0 = Date.now();
      expect(await callAs(a1, 'booking.hold', { sessionId: sessionA, seatIds: [seatsA[0]!] })).toMatchObject({ ok: true });
      expect(Date.now() - t0).toBeLessThan(1500);
      await callAs(a1, 'booking.release', { sessionId: sessionA, seatIds: [seatsA[0]!] });
    } finally {
      await c.end();
    }
  });

  it("conflicts stay in their cinema: B's double sale is B's; A pulls none of it", async () => {
    const sessionB = (await b1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow()).id;
    const [seat] = await freeSeats(b1.db, sessionB, 1);
    const first: Record<string, unknown> = { ...(await rowOfB('tickets')), session_id: sessionB, seat_id: seat, status: 'SOLD', exchanged_to_ticket_id: null };
    const second = { ...first, id: newId() };
    await hostile.push([upsert('tickets', first)]);
    expect((await hostile.push([upsert('tickets', second)])).conflicts).toBe(1);
    const conflict = (await rows<{ cinema_id: string; details: { kept_ticket_id: string } }>(sql`SELECT cinema_id, details FROM sync_conflicts WHERE subject_id = ${second.id as string}`))[0]!;
    expect(conflict).toMatchObject({ cinema_id: cinemaB, details: { kept_ticket_id: first.id } });
    await a1.sync.syncNow();
    expect((await a1.sync.conflicts()).some((c) => c.cinema_id !== cinemaA)).toBe(false);
  });

  it('refuses oversized pushes with a clear message and writes nothing; the terminal splits its batches to fit', async () => {
    const customer = await rowOfB('customers');
    const many = Array.from({ length: MAX_PUSH_ROWS + 1 }, () => upsert('customers', { ...customer, id: newId() }));
    // Straight to sync_push_rows, as a hostile program would send it (the client would split it).
    const c = await loginAs(hostileLogin.user, hostileLogin.password);
    try {
      const push = (items: PushItem[]) => c.query('SELECT sync_push_rows($1::jsonb)', [JSON.stringify(groupBatch(items))]);
      await refused(() => push(many), new RegExp(`at most ${MAX_PUSH_ROWS} rows`));
      const huge = upsert('customers', { ...customer, id: newId(), name: 'x'.repeat(20 * 1024 * 1024) });
      await refused(() => push([huge]), /at most \d+ bytes/);
    } finally {
      await c.end();
    }
    // The terminal's client sends the same rows in parts that fit.
    expect((await hostile.push(many)).applied).toBe(MAX_PUSH_ROWS + 1);
  });

  it('the login can do nothing but call the sync functions: no tables, no inner functions, no large objects, no temp tables, no reports', async () => {
    const c = await loginAs(hostileLogin.user, hostileLogin.password);
    const before = await fingerprint();
    try {
      for (const q of [
        'SELECT * FROM tickets',
        'SELECT * FROM sync_terminals',
        'SELECT * FROM sync_references',
        'SELECT * FROM change_log',
        `UPDATE films SET title = 'x'`,
        `INSERT INTO central_holds VALUES ('a', 'b', 'c', 'd', now())`,
        `SELECT sync_apply_rowset('customers', '[]'::jsonb, NULL, false, 'x', 'y')`,
        `SELECT sync_apply_deletes('customers', '[]'::jsonb)`,
        `SELECT sync_check_hold(sync_me(), 'x', ARRAY['y'])`,
        `SELECT sync_end_stalled_terminals()`,
        `SELECT sync_limit_terminal_role('postgres')`,
        `SELECT lo_from_bytea(0, '\\x00'::bytea)`,
        'SELECT lo_create(0)',
        'SELECT lo_creat(-1)',
        `SELECT lo_import('/etc/hostname')`,
        `SELECT lo_put(1, 0, '\\x00'::bytea)`,
        'SELECT lo_unlink(1)',
        'SELECT * FROM reports.users',
        'CREATE TABLE mine (x int)',
        'CREATE TEMP TABLE mine (x int)',
      ]) {
        await expect(c.query(q), q).rejects.toThrow(/permission denied/);
      }
    } finally {
      await c.end();
    }
    expect(await fingerprint()).toBe(before);
  });

  it('the login has statement and idle-in-transaction timeouts and a connection limit', async () => {
    const c = await loginAs(hostileLogin.user, hostileLogin.password);
    try {
      expect((await c.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('20s');
      expect((await c.query('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout).toBe('10s');
      await expect(c.query('SELECT pg_sleep(30)')).rejects.toThrow(/statement timeout/);
    } finally {
      await c.end();
    }
    // However many the terminal's own pool has open, a fifth connection of the login is refused.
    const open: pg.Client[] = [];
    let refusedOne: unknown = null;
    try {
      for (let i = 0; i < 5 && !refusedOne; i++) {
        try {
          open.push(await loginAs(hostileLogin.user, hostileLogin.password));
        } catch (e) {
          refusedOne = e;
        }
      }
      expect(String(refusedOne)).toMatch(/too many connections/);
      expect(open.length).toBeLessThanOrEqual(4);
    } finally {
      for (const x of open) await x.end();
    }
  }, 40_000);

  it("an open transaction of B's login (timeouts switched off) delays A's pulls only until the next pull ends it; A's status says so meanwhile", async () => {
    await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 4`.execute(owner);
    const c = await loginAs(hostileLogin.user, hostileLogin.password);
    try {
      await c.query('SET idle_in_transaction_session_timeout = 0');
      await c.query('SET statement_timeout = 0');
      await c.query('BEGIN');
      await c.query('SELECT pg_current_xact_id()');
      // A change of A made after B's transaction began waits behind it.
      await a1.sync.syncNow();
      const hall = await a1.db.selectFrom('halls').select('id').orderBy('id').executeTakeFirstOrThrow();
      const renamed = `Hall ${Date.now()}`;
      await a1.db.updateTable('halls').set({ name: renamed, ...systemContext(a1.core.services).stamp() }).where('id', '=', hall.id).execute();
      await a1.sync.syncNow();
      await a2.sync.syncNow();
      const t0 = Date.now();
      let seenHeldBack = false;
      for (;;) {
        await a2.sync.syncNow();
        if ((await a2.sync.state()).centralHeldBackSince) seenHeldBack = true;
        const got = await a2.db.selectFrom('halls').select('name').where('id', '=', hall.id).executeTakeFirst();
        if (got?.name === renamed) break;
        if (Date.now() - t0 > 20_000) throw new Error('A2 never got the change');
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(seenHeldBack).toBe(true);
      expect(Date.now() - t0).toBeLessThan(12_000);
      expect((await a2.sync.state()).centralHeldBackSince).toBeNull();
      await expect(c.query('SELECT 1')).rejects.toThrow();
    } finally {
      await c.end().catch(() => undefined);
      await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 25`.execute(owner);
    }
  }, 40_000);

  it('the reporting login reads every cinema through views without password hashes or login roles', async () => {
    const admin = await createCentralAdmin(owner, `report_${Date.now().toString(36)}`);
    const c = await loginAs(admin.user, admin.password);
    try {
      const users = await c.query('SELECT * FROM reports.users');
      expect(users.rows.length).toBeGreaterThan(0);
      expect(Object.keys(users.rows[0])).not.toContain('password_hash');
      expect(Object.keys(users.rows[0])).not.toContain('pin_hash');
      expect((await c.query('SELECT count(DISTINCT cinema_scope)::int AS n FROM reports.tickets')).rows[0].n).toBeGreaterThanOrEqual(2);
      expect(Object.keys((await c.query('SELECT * FROM reports.terminals_registered LIMIT 1')).rows[0])).not.toContain('role_name');
      for (const q of ['SELECT password_hash FROM users', 'SELECT * FROM change_log', 'SELECT * FROM sync_terminals', 'SELECT sync_push_rows(\'[]\')']) {
        await expect(c.query(q), q).rejects.toThrow(/permission denied/);
      }
    } finally {
      await c.end();
    }
  });

  it("after all of it, A's terminals agree with each other and with the centre, with nothing of B", async () => {
    await a1.sync.syncNow();
    await a2.sync.syncNow();
    await a1.sync.syncNow();
    const tables = ['halls', 'seats', 'sessions', 'orders', 'tickets', 'payments', 'customers', 'shifts'];
    expect(await snapshot(a2.db, tables)).toEqual(await snapshot(a1.db, tables));
    for (const t of [a1, a2]) {
      expect(await t.db.selectFrom('tickets').select('id').where('terminal_id', '=', hostileTerminal).execute()).toEqual([]);
      expect(await t.db.selectFrom('cinemas').select('id').where('id', '=', cinemaB).execute()).toEqual([]);
      expect((await t.sync.state()).changesWaiting).toBe(0);
      expect(await t.db.selectFrom('local_meta').select('key').where('key', 'like', 'sync_pending:%').execute()).toEqual([]);
    }
  });
});
