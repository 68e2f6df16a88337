/**
 * A cinema chain on one central PostgreSQL (issue 18): 200 cinemas × 5 terminals, a month of
 * history, then 1,000 simulated terminals — real PostgreSQL clients (the app's CentralClient) with
 * their own terminal logins, calling the same sync functions as the app — at the sync loop's cadence:
 *
 * - every terminal syncs every 5 s (first sync at a random offset, ±10 % jitter), CONNECTING FOR
 *   EACH SYNC and closing afterwards (1,000 open logins would not fit PostgreSQL's connections);
 * - 5 % of them sell: a sale (order, 2 tickets, payment) pushed on a quarter of their syncs;
 * - 1 % come back after a day offline and catch up from the start of the month's last day.
 *
 * Then an idle pull's central cost with 1, 20 and 200 cinemas writing in the poll window.
 * The month is one generated cinema's (the bench's history) cloned per cinema with ids remapped
 * (bench_id), written by the owner with its change log rows, one statement per table and day.
 * Sizes: BENCH_CHAIN_CINEMAS, BENCH_CHAIN_TERMINALS (per cinema), BENCH_CHAIN_DAYS,
 * BENCH_CHAIN_ORDERS (per cinema and day), BENCH_CHAIN_SECONDS (the live phase).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { enablePoolLogin, migrateCentral, openCentralAsOwner, registerCentralTerminal, type CentralDb } from '../../electron/core/sync/central-admin';
import { CentralClient, type PullCursor, type PushItem } from '../../electron/core/sync/central-client';
import { formatHlc } from '../../electron/core/sync/hlc';
import { DEFAULT_PULL_PAGE } from '../../electron/core/sync/sync-engine';
import { startTestPostgres, type TestPostgres } from '../../electron/core/sync/testing/central-postgres';
import type { Figure } from '../figures';
import { pgBouncerInstalled, startPgBouncer, type PgBouncer } from '../../electron/core/sync/testing/pgbouncer';
import type { BenchContext, Suite } from '../suite';

const POLL_MS = 5000;
/** Terminals syncing in the background while the idle pull is measured under load. */
const LOAD_TERMINALS = 250;
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
/** PgBouncer's server connections for all terminals (central 0015's shared login): a few per core. */
const SHARED_POOL_SIZE = env('BENCH_CHAIN_POOL', 16);

/** Shared by every cinema (no scope), cloned once. */
const SHARED = new Set(['distributors', 'films']);
/** Columns naming a row of a cinema: remapped per cinema. */
const remapped = (table: string, c: string) =>
  c === 'id' ? !SHARED.has(table) : c === 'origin' || c === 'sold_by' || c === 'scanned_by' || (c.endsWith('_id') && c !== 'film_id' && c !== 'distributor_id');

/** The id of template row `v` in cinema `k`: the same in SQL (bench_id) and here. */
function benchId(k: number, v: string): string {
  const h = createHash('md5').update(`${k}:${v}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Sizes {
  cinemas: number;
  terminalsPerCinema: number;
  days: number;
  ordersPerDay: number;
  liveSeconds: number;
}

interface Terminal {
  k: number;
  id: string;
  cinemaId: string;
  user: string;
  password: string;
  cursor: PullCursor | null;
  role: 'idle' | 'seller' | 'offline';
  syncs: number;
}

export default {
  title: 'chain: 200 cinemas, 1,000 terminals syncing every 5 s against one PostgreSQL',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const sizes: Sizes = {
      cinemas: env('BENCH_CHAIN_CINEMAS', ctx.quick ? 20 : 200),
      terminalsPerCinema: env('BENCH_CHAIN_TERMINALS', ctx.quick ? 2 : 5),
      days: env('BENCH_CHAIN_DAYS', ctx.quick ? 3 : 30),
      ordersPerDay: env('BENCH_CHAIN_ORDERS', ctx.quick ? 10 : 20),
      liveSeconds: env('BENCH_CHAIN_SECONDS', ctx.quick ? 12 : 60),
    };
    // pg_stat_statements (nested statements too): the centre's own time and buffers per pull call.
    const central = await startTestPostgres({ shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' });
    const owner = openCentralAsOwner(central.url);
    const history = new Database(ctx.historyFile, { readonly: true });
    try {
      await migrateCentral(owner);
      await sql.raw(`ALTER DATABASE ${central.database} SET track_functions = 'pl'`).execute(owner);
      await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(owner);
      let t0 = performance.now();
      const tpl = await stageTemplate(owner, history, sizes);
      const loaded = await cloneChain(ctx, owner, tpl, sizes);
      ctx.log(`chain: ${sizes.cinemas} cinemas × ${sizes.days} days, ${loaded.rows.toLocaleString('en')} rows and change log rows in ${((performance.now() - t0) / 1000).toFixed(0)} s (setup)`);
      t0 = performance.now();
      const terminals = await registerTerminals(owner, tpl, sizes, loaded.lastDay);
      await sql`ANALYZE`.execute(owner);
      ctx.log(`chain: ${terminals.length} terminal logins registered in ${((performance.now() - t0) / 1000).toFixed(0)} s (setup)`);
      // Each live phase starts from the same terminals: the ones back from a day offline catch up in both.
      const atStart = terminals.map((t) => ({ t, role: t.role, cursor: t.cursor }));
      const figures = await liveRun(ctx, central, owner, tpl, terminals, sizes);
      for (const s of atStart) if (s.role === 'offline') Object.assign(s.t, { role: s.role, cursor: s.cursor });
      if (pgBouncerInstalled() && process.env.BENCH_CHAIN_PGBOUNCER !== '0') {
        // The same live phase through PgBouncer: every terminal logs in to it as itself, and all share
        // SHARED_POOL_SIZE server connections of the centre's shared login, told apart by their keys (central 0015).
        const pool = await enablePoolLogin(owner);
        const bouncer = await startPgBouncer(owner, central, { pool_mode: 'transaction', max_client_conn: 2000, query_wait_timeout: 60 }, { password: pool.password, poolSize: SHARED_POOL_SIZE });
        try {
          figures.push(...(await liveRun(ctx, central, owner, tpl, terminals, sizes, bouncer)));
        } finally {
          await bouncer.stop();
        }
      } else {
        ctx.log('PgBouncer not installed (Debian package pgbouncer) or BENCH_CHAIN_PGBOUNCER=0: its live phase is left out');
      }
      figures.push(...(await idlePullScaling(ctx, central, owner, tpl, terminals, sizes, false)));
      figures.push(...(await idlePullScaling(ctx, central, owner, tpl, terminals, sizes, true)));
      return figures;
    } finally {
      history.close();
      await owner.destroy();
      await central.stop();
    }
  },
} satisfies Suite;

// ---- the month, generated ------------------------------------------------------------------

interface Template {
  cinemaId: string;
  terminalId: string;
  columns: Map<string, string[]>;
  /** A template order, ticket and payment for the live sales (unmapped). */
  order: Record<string, unknown>;
  ticket: Record<string, unknown>;
  payment: Record<string, unknown>;
  /** Unsold (session, seat) pairs of the template month, for the live sales. */
  freeSeats: [session: string, seat: string][];
}

const STAGED = ['cinemas', 'halls', 'seats', 'terminals', 'users', 'distributors', 'films', 'sessions', 'shifts', 'orders', 'tickets', 'payments'];
const BY_DAY = new Set(['orders', 'tickets', 'payments']);

/** One cinema's month from the bench's history, `ordersPerDay` orders a day, into tpl_* tables. */
async function stageTemplate(owner: CentralDb, history: Database.Database, sizes: Sizes): Promise<Template> {
  const first = history.prepare('SELECT min(substr(created_at, 1, 10)) FROM orders').pluck().get() as string;
  const end = new Date(Date.parse(`${first}T00:00:00Z`) + sizes.days * 86_400_000).toISOString().slice(0, 10);
  history.exec('CREATE TEMP TABLE bench_orders AS SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY substr(created_at, 1, 10) ORDER BY id) n FROM orders WHERE created_at < ?) WHERE n <= ?'.replace('?', `'${end}'`).replace('?', String(sizes.ordersPerDay)));
  const rows: Record<string, unknown[]> = {
    orders: history.prepare('SELECT * FROM orders WHERE id IN (SELECT id FROM temp.bench_orders)').all(),
    tickets: history.prepare("SELECT * FROM tickets WHERE order_id IN (SELECT id FROM temp.bench_orders) AND exchanged_to_ticket_id IS NULL").all(),
    payments: history.prepare('SELECT * FROM payments WHERE order_id IN (SELECT id FROM temp.bench_orders) AND refunds_payment_id IS NULL').all(),
  };
  const ticketRows = rows.tickets as Record<string, unknown>[];
  const sessionIds = new Set(ticketRows.map((t) => t.session_id as string));
  const shiftIds = new Set([...(rows.orders as Record<string, unknown>[]), ...(rows.payments as Record<string, unknown>[])].map((r) => r.shift_id as string));
  rows.sessions = (history.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[]).filter((s) => sessionIds.has(s.id as string));
  rows.shifts = (history.prepare('SELECT * FROM shifts').all() as Record<string, unknown>[]).filter((s) => shiftIds.has(s.id as string));
  for (const t of ['cinemas', 'halls', 'seats', 'terminals', 'users', 'distributors', 'films']) rows[t] = history.prepare(`SELECT * FROM ${t}`).all();
  const cinemas = rows.cinemas as Record<string, unknown>[];
  if (cinemas.length !== 1) throw new Error(`the bench history has ${cinemas.length} cinemas, expected one`);
  const order = (rows.orders as Record<string, unknown>[])[0]!;

  const columns = new Map<string, string[]>();
  for (const t of STAGED) {
    const central = new Set((await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${t} AND table_schema = 'public'`.execute(owner)).rows.map((r) => r.c));
    const cols = (history.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).filter((c) => central.has(c));
    columns.set(t, cols);
    await sql.raw(`CREATE TABLE tpl_${t} AS SELECT * FROM ${t} WITH NO DATA`).execute(owner);
    await sql.raw(`ALTER TABLE tpl_${t} ADD COLUMN day integer`).execute(owner);
    const list = cols.map((c) => `"${c}"`).join(', ');
    const batch = rows[t]!;
    for (let i = 0; i < batch.length; i += 5000) {
      await sql`INSERT INTO ${sql.table(`tpl_${t}`)} (${sql.raw(list)}, day)
                SELECT ${sql.raw(list)}, (substr(created_at, 1, 10)::date - ${first}::date) FROM jsonb_populate_recordset(NULL::${sql.table(`tpl_${t}`)}, ${JSON.stringify(batch.slice(i, i + 5000))}::jsonb)`.execute(owner);
    }
  }
  await sql`CREATE FUNCTION bench_id(k integer, v text) RETURNS text IMMUTABLE LANGUAGE sql AS
            $$ SELECT CASE WHEN v IS NULL THEN NULL ELSE md5(k::text || ':' || v)::uuid::text END $$`.execute(owner);

  // Seats nobody bought in the sampled month: what the live sales sell.
  const sold = new Set(ticketRows.map((t) => `${t.session_id as string}|${t.seat_id as string}`));
  const seatsOf = new Map<string, string[]>();
  for (const s of rows.seats as Record<string, unknown>[]) seatsOf.set(s.hall_id as string, [...(seatsOf.get(s.hall_id as string) ?? []), s.id as string]);
  const freeSeats: [string, string][] = [];
  for (const s of rows.sessions as Record<string, unknown>[]) {
    for (const seat of seatsOf.get(s.hall_id as string) ?? []) if (!sold.has(`${s.id as string}|${seat}`) && freeSeats.length < 20_000) freeSeats.push([s.id as string, seat]);
  }
  return {
    cinemaId: cinemas[0]!.id as string,
    terminalId: order.terminal_id as string,
    columns,
    order,
    ticket: ticketRows.find((t) => t.order_id === order.id) ?? ticketRows[0]!,
    payment: (rows.payments as Record<string, unknown>[])[0]!,
    freeSeats,
  };
}

/** Every cinema's copy of the template, with change log rows; the transactional tables day by day (all cinemas interleaved in each day's transactions). */
async function cloneChain(ctx: BenchContext, owner: CentralDb, tpl: Template, sizes: Sizes): Promise<{ rows: number; lastDay: PullCursor }> {
  let rows = 0;
  const clone = async (t: string, where: string) => {
    const cols = tpl.columns.get(t)!;
    const list = cols.map((c) => `"${c}"`).join(', ');
    // Terminals: the template's terminal and (terminalsPerCinema − 1) more per cinema.
    const expr = cols
      .map((c) => (t === 'terminals' && c === 'id' ? `bench_id(k, CASE WHEN j = 1 THEN "id" ELSE "id" || ':' || j END)` : remapped(t, c) ? `bench_id(k, "${c}")` : `"${c}"`))
      .join(', ');
    const from = SHARED.has(t) ? `tpl_${t}, (SELECT 1 AS k) one` : `tpl_${t}, generate_series(1, ${sizes.cinemas}) k${t === 'terminals' ? `, generate_series(1, ${sizes.terminalsPerCinema}) j` : ''}`;
    const scope = SHARED.has(t) ? 'NULL::text' : `bench_id(k, '${tpl.cinemaId}')`;
    const r = await sql.raw(`WITH up AS (
        INSERT INTO ${t} (${list}, scope_cinema_id, deleted)
        SELECT ${expr}, ${scope}, false FROM ${from} WHERE ${where} ORDER BY k RETURNING *)
      INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
      SELECT '${t}', up.id, up.scope_cinema_id, up.origin, up.updated_at, (to_jsonb(up) - 'scope_cinema_id' - 'deleted')::json FROM up`).execute(owner);
    rows += Number(r.numAffectedRows ?? 0) * 2;
  };
  for (const t of STAGED.filter((t) => !BY_DAY.has(t))) await clone(t, 'true');
  let lastDay: PullCursor = { xid: '0', seq: 0 };
  for (let d = 0; d < sizes.days; d++) {
    if (d === sizes.days - 1) lastDay = await horizon(owner);
    for (const t of STAGED.filter((t) => BY_DAY.has(t))) await clone(t, `day = ${d}`);
  }
  ctx.log(`chain: ${sizes.cinemas} cinemas cloned from one cinema's month (${sizes.ordersPerDay} orders a day each)`);
  return { rows, lastDay };
}

async function horizon(owner: CentralDb): Promise<PullCursor> {
  const r = await sql<{ x: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`.execute(owner);
  return { xid: r.rows[0]!.x, seq: 0 };
}

/** Each terminal its own login (the central CLI's code), 5 % sellers, 1 % back from a day offline. */
async function registerTerminals(owner: CentralDb, tpl: Template, sizes: Sizes, lastDay: PullCursor): Promise<Terminal[]> {
  const now = await horizon(owner);
  const terminals: Terminal[] = [];
  const total = sizes.cinemas * sizes.terminalsPerCinema;
  const sellers = Math.max(1, Math.round(total * 0.05));
  const offline = Math.max(1, Math.round(total * 0.01));
  let n = 0;
  for (let j = 1; j <= sizes.terminalsPerCinema; j++) {
    for (let k = 1; k <= sizes.cinemas; k++) {
      const id = benchId(k, j === 1 ? tpl.terminalId : `${tpl.terminalId}:${j}`);
      const cinemaId = benchId(k, tpl.cinemaId);
      const reg = await registerCentralTerminal(owner, { terminalId: id, cinemaId, name: `Till ${j}` });
      // Sellers and returning terminals spread over the cinemas (one per cinema first); one back
      // from offline is not its cinema's first till, whose are the template's sales (its own writes).
      const role = n < sellers ? 'seller' : n >= sizes.cinemas && n < sizes.cinemas + offline ? 'offline' : 'idle';
      terminals.push({ k, id, cinemaId, user: reg.user, password: reg.password, cursor: role === 'offline' ? lastDay : now, role, syncs: 0 });
      n++;
    }
  }
  return terminals;
}

// ---- the live phase ------------------------------------------------------------------------

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** CPU seconds of the whole PostgreSQL server (postmaster, its live children, and the children it reaped), from /proc; undefined where that cannot be read. */
/** CPU seconds of one process (PgBouncer's), or undefined where /proc cannot tell. */
function processCpu(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

function serverCpu(postmaster: number | undefined): number | undefined {
  if (!postmaster) return undefined;
  try {
    const fields = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    const pm = fields(postmaster);
    // After ") ": state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    let ticks = Number(pm[11]) + Number(pm[12]) + Number(pm[13]) + Number(pm[14]);
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const f = fields(pid);
        if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
    return ticks / 100;
  } catch {
    return undefined;
  }
}

async function postmasterPid(owner: CentralDb, central: TestPostgres): Promise<number | undefined> {
  if (process.env.DATABASE_URL || central.host !== '127.0.0.1') return undefined;
  const pid = (await sql<{ p: number }>`SELECT pg_backend_pid() AS p`.execute(owner)).rows[0]!.p;
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
  } catch {
    return undefined;
  }
}

const address = (c: TestPostgres) => `postgres://${c.host}:${c.port}/${c.database}`;

/** A sale of cinema k by terminal t: an order, two tickets on free seats, a cash payment — as the app pushes it. */
function sale(tpl: Template, t: Terminal, seats: [string, string][]): PushItem[] {
  const now = new Date().toISOString();
  const hlc = formatHlc({ wall: Date.now(), counter: 0, node: t.id });
  const orderId = crypto.randomUUID();
  const own = (table: string, row: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const c of tpl.columns.get(table)!) out[c] = remapped(table, c) && typeof row[c] === 'string' ? benchId(t.k, row[c]) : row[c];
    return { ...out, id: crypto.randomUUID(), terminal_id: t.id, origin: t.id, created_at: now, updated_at: hlc };
  };
  const order = { ...own('orders', tpl.order), id: orderId, number: `B-${orderId.slice(0, 8)}`, customer_id: null, promocode_id: null, status: 'PAID', paid_at: now };
  const tickets = seats.map(([session, seat]): Record<string, unknown> => ({
    ...own('tickets', tpl.ticket),
    order_id: orderId,
    session_id: benchId(t.k, session),
    seat_id: benchId(t.k, seat),
    status: 'SOLD',
    sold_at: now,
    scanned_at: null,
    scanned_by: null,
    scanned_terminal_id: null,
    exchanged_to_ticket_id: null,
  }));
  const payment: Record<string, unknown> = { ...own('payments', tpl.payment), order_id: orderId, refunds_payment_id: null };
  delete payment.terminal_id;
  return [
    { t: 'orders', op: 'UPSERT', id: orderId, row: order },
    ...tickets.map((row): PushItem => ({ t: 'tickets', op: 'UPSERT', id: row.id as string, row })),
    { t: 'payments', op: 'UPSERT', id: payment.id as string, row: payment },
  ];
}

/** The live phase, the terminals connecting to the centre directly, or to `via` (PgBouncer) in front of it. */
async function liveRun(ctx: BenchContext, central: TestPostgres, owner: CentralDb, tpl: Template, terminals: Terminal[], sizes: Sizes, via?: PgBouncer): Promise<Figure[]> {
  const P = via ? 'chain via PgBouncer (shared connections): ' : 'chain without a pooler (connect per sync): ';
  const idlePull: number[] = [];
  /** Each terminal's first sync: its connecting included, all 1,000 within one poll interval (a cold start of the chain). */
  const firstIdlePull: number[] = [];
  const figuresCold: Figure[] = [];
  const syncRound: number[] = [];
  const push: number[] = [];
  const catchUp: { ms: number; rows: number }[] = [];
  const errors: string[] = [];
  let pulls = 0;
  let pushes = 0;
  let busyRefusals = 0;
  const seatsFor = (k: number): [string, string][] => {
    const i = nextSeat.get(k) ?? 0;
    nextSeat.set(k, i + 2);
    return tpl.freeSeats.slice(i % (tpl.freeSeats.length - 2), (i % (tpl.freeSeats.length - 2)) + 2);
  };
  const url = via ? `postgres://127.0.0.1:${via.port}/${central.database}_shared?pool=shared` : address(central);

  /**
   * One sync of one terminal: connect, push what it sold, pull until caught up, disconnect. Through
   * PgBouncer a terminal keeps its client connection (idle client connections cost the server
   * nothing there; a new one costs a SCRAM exchange on both sides), and each call is a transaction
   * on one of the shared server connections that names the terminal by its key.
   */
  const syncStarts: number[] = [];
  const kept = new Map<Terminal, CentralClient>();
  const clientOf = (t: Terminal) => {
    const options = { connectTimeoutMs: 60_000, idleTimeoutMs: via ? 60_000 : undefined };
    const client = (via && kept.get(t)) || new CentralClient({ url, user: t.user, password: t.password }, options);
    if (via) kept.set(t, client);
    return client;
  };
  const hasSynced = new Set<Terminal>();
  const syncOnce = async (t: Terminal) => {
    const round0 = performance.now();
    const first = !hasSynced.has(t);
    hasSynced.add(t);
    const client = clientOf(t);
    const refusedBefore = client.busyRefusals;
    try {
      if (t.role === 'seller' && t.syncs++ % 4 === 0) {
        const p0 = performance.now();
        const r = await client.push(sale(tpl, t, seatsFor(t.k)));
        push.push(performance.now() - p0);
        pushes++;
        if (r.applied !== 4) errors.push(`a sale applied ${r.applied} of 4 rows`);
      }
      const c0 = performance.now();
      let rows = 0;
      for (;;) {
        const p0 = performance.now();
        const page = await client.pull(t.cursor, DEFAULT_PULL_PAGE);
        pulls++;
        if (t.role === 'idle') (first ? firstIdlePull : idlePull).push(performance.now() - p0);
        rows += page.changes.length;
        t.cursor = page.next;
        if (!page.more) break;
      }
      if (t.role === 'offline') {
        catchUp.push({ ms: performance.now() - c0, rows });
        t.role = 'idle';
      }
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    } finally {
      busyRefusals += client.busyRefusals - refusedBefore;
      if (!via) await client.close();
    }
    syncRound.push(performance.now() - round0);
  };

  // Connections held by terminal logins, sampled by the owner.
  // Connections in use, sampled by the owner: the terminals' and all logins' (the sampler's own included).
  const conns: number[] = [];
  const allConns: number[] = [];
  const sampler = setInterval(() => {
    void sql<{ n: number; all: number }>`SELECT count(*) FILTER (WHERE usename LIKE 'terminal\\_%' OR usename = 'box_office_pool')::int AS n, count(*)::int AS all
                                          FROM pg_stat_activity WHERE backend_type = 'client backend'`
      .execute(owner)
      .then((r) => {
        conns.push(r.rows[0]!.n);
        allConns.push(r.rows[0]!.all);
      })
      .catch(() => undefined);
  }, 250);

  const pm = await postmasterPid(owner, central);
  await sql`SELECT pg_stat_reset(), pg_stat_statements_reset()`.execute(owner);
  // The simulator's own lateness: 1,000 terminals in one Node process on a shared machine; its p99 is part of every p99 here.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = serverCpu(pm);
  const bouncerCpu0 = processCpu(via?.pid);
  const startedAt = performance.now();
  const until = startedAt + sizes.liveSeconds * 1000;
  ctx.log(`live${via ? ' via PgBouncer' : ''}: ${terminals.length} terminals for ${sizes.liveSeconds} s (${terminals.filter((t) => t.role === 'seller').length} selling, ${terminals.filter((t) => t.role === 'offline').length} back from a day offline)`);
  // Each terminal's loop: a random first offset, then every 5 s ± 10 % (a slow sync delays the next, as the app's loop does).
  // After a failed sync it backs off as the app's engine does (interval × 2^failures, ≤ 60 s, ±10 %).
  const loops = terminals.map(async (t) => {
    await sleep(Math.random() * POLL_MS);
    let failures = 0;
    while (performance.now() < until) {
      const s0 = performance.now();
      const before = errors.length;
      await syncOnce(t);
      failures = errors.length > before ? failures + 1 : 0;
      if (failures === 0) syncStarts.push(s0);
      const wait = failures > 0 ? Math.min(60_000, POLL_MS * 2 ** Math.min(failures, 10)) : POLL_MS;
      await sleep(Math.max(0, wait * (0.9 + Math.random() * 0.2) - (performance.now() - s0)));
    }
  });
  await Promise.all(loops);
  lag.disable();
  const seconds = (performance.now() - startedAt) / 1000;
  for (const c of kept.values()) await c.close();
  const cpu1 = serverCpu(pm);
  const bouncerCpu1 = processCpu(via?.pid);
  clearInterval(sampler);
  const pullCost = await centreCostPerPull(owner);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const cpuPerSync = cpu0 !== undefined && cpu1 !== undefined ? ((cpu1 - cpu0) / syncRound.length) * 1000 : NaN;
  ctx.log(
    `live: ${pulls} pulls, ${pushes} sale pushes in ${seconds.toFixed(0)} s; idle pull p50 ${pct(idlePull, 50).toFixed(1)} ms p99 ${pct(idlePull, 99).toFixed(1)} ms; ` +
      `whole sync (connect + pull + close) p50 ${pct(syncRound, 50).toFixed(1)} ms p99 ${pct(syncRound, 99).toFixed(1)} ms; server CPU ${cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0).toFixed(1) : '?'} s; ` +
      `terminal connections max ${Math.max(0, ...conns)}, mean ${(conns.reduce((a, b) => a + b, 0) / Math.max(1, conns.length)).toFixed(1)}; load average ${load}`,
  );
  if (errors.length > 0) ctx.log(`live${via ? ' via PgBouncer' : ''}: ${errors.length} errors, first: ${errors[0]}`);
  figuresCold.push({
    figure: `${P}idle pull, p99 of each terminal's first sync (connecting included, all within ${POLL_MS / 1000} s)`,
    value: pct(firstIdlePull, 99),
    unit: 'ms',
    better: 'lower',
    target: {},
    note: `p50 ${pct(firstIdlePull, 50).toFixed(1)} ms; a cold start of the whole chain at once (e.g. after the centre restarts): ${firstIdlePull.length} first pulls`,
  });
  const catchMs = catchUp.map((c) => c.ms);
  const catchRows = catchUp.map((c) => c.rows);
  // Sustained: syncs begun after the first poll interval (every terminal has started by then).
  const steadySeconds = (until - startedAt - POLL_MS) / 1000;
  const steady = syncStarts.filter((s) => s >= startedAt + POLL_MS && s < until).length / steadySeconds;
  const figures: Figure[] = [
    ...figuresCold,
    { figure: `${P}syncs (pull rounds) done per second sustained, ${terminals.length} terminals`, value: steady, unit: '/s', better: 'higher', target: { min: (0.9 * terminals.length * 1000) / POLL_MS }, note: `${sizes.cinemas} cinemas × ${sizes.terminalsPerCinema} terminals, ${sizes.days} days of history, ${sizes.liveSeconds} s live; target: 90 % of one sync per terminal per 5 s; pull calls (pages) in all: ${pulls}; load average at the end ${load} (the machine is shared)` },
    { figure: `${P}sale pushes per second sustained`, value: pushes / seconds, unit: '/s', better: 'higher', target: {}, note: 'order + 2 tickets + payment per push; 5 % of the terminals sell, on a quarter of their syncs' },
    { figure: `${P}idle pull, p50`, value: pct(idlePull, 50), unit: 'ms', better: 'lower', target: { max: 50 }, note: "every terminal's syncs after its first (below)" },
    { figure: `${P}idle pull, p99`, value: pct(idlePull, 99), unit: 'ms', better: 'lower', target: { max: 250 }, note: `the simulator's event loop was late by up to ${(lag.percentile(99) / 1e6).toFixed(0)} ms (p99; max ${(lag.max / 1e6).toFixed(0)} ms): one Node process plays all ${terminals.length} terminals` },
    { figure: `${P}whole sync (connect, pull, close), p99`, value: pct(syncRound, 99), unit: 'ms', better: 'lower', target: { max: 1000 }, note: via ? "the terminal's client connection to PgBouncer is kept; each call one statement (its key first, central 0015) on one of the shared server connections" : 'a new connection per sync: TCP, SCRAM authentication, a backend process' },
    { figure: `${P}sale push, p50`, value: pct(push, 50), unit: 'ms', better: 'lower', target: { max: 100 } },
    { figure: `${P}sale push, p99`, value: pct(push, 99), unit: 'ms', better: 'lower', target: { max: 500 } },
    { figure: `${P}a day's catch-up (p50 of ${catchUp.length}, ≈${Math.round(pct(catchRows, 50))} rows)`, value: pct(catchMs, 50), unit: 'ms', better: 'lower', target: { max: 5000 } },
    { figure: `${P}a day's catch-up, p99`, value: pct(catchMs, 99), unit: 'ms', better: 'lower', target: { max: 10_000 } },
    { figure: `${P}central CPU per sync (server processes)`, value: cpuPerSync, unit: 'ms', better: 'lower', target: { max: 5 }, note: 'all PostgreSQL processes (/proc utime+stime, reaped backends included) over the live phase ÷ syncs: connection setup and authentication, pulls, pushes' },
    {
      figure: `${P}PgBouncer's CPU per sync (its one process)`,
      value: bouncerCpu0 !== undefined && bouncerCpu1 !== undefined ? ((bouncerCpu1 - bouncerCpu0) / syncRound.length) * 1000 : NaN,
      unit: 'ms',
      better: 'lower',
      target: {},
      note: 'client logins (SCRAM), routing each call to a shared server connection, RESET ALL after it; one PgBouncer process uses one core',
    },
    { figure: `${P}centre time per pull call under load (pg_stat_statements)`, value: pullCost.ms, unit: 'ms', better: 'lower', target: { max: 5 }, note: `sync_pull_rows as executed by the server, nested statements included; ${pullCost.buffers.toFixed(0)} buffers per call; ${pullCost.calls} calls (idle pulls, a day's catch-up pages)` },
    {
      figure: `${P}server connections in use, max (all logins)`,
      value: Math.max(0, ...allConns),
      unit: 'conns',
      better: 'lower',
      target: { max: 100 },
      note: `${via ? `PgBouncer (${Object.entries(via.settings).map(([k, v]) => `${k} ${v}`).join(', ')}; ${SHARED_POOL_SIZE} server connections of the shared login for every terminal)` : 'connect per sync: a terminal holds a connection only while it syncs'}; terminals' logins alone: max ${Math.max(0, ...conns)}, mean ${(conns.reduce((a, b) => a + b, 0) / Math.max(1, conns.length)).toFixed(1)} (sampled every 250 ms); PostgreSQL's max_connections here 200`,
    },
    { figure: `${P}syncs refused (failed: an error the Sync screen would show)`, value: errors.length, unit: 'syncs', better: 'lower', target: { max: 1 }, note: errors.length ? `first: ${errors[0]}` : `of ${syncRound.length}` },
    {
      figure: `${P}connections refused as 'too many' and retried after a pause`,
      value: busyRefusals,
      unit: 'conns',
      better: 'lower',
      target: {},
      note: 'SQLSTATE 53300 at connect: the client waits (backoff with jitter, central-busy.ts) and connects again; the sync is slower, not failed',
    },
  ];
  // The chain's design is the pooler (README): without one, the figures say what connecting per sync
  // costs, and only "no sync refused" is held against them.
  const held = via ? figures : figures.map((f) => (f.figure.includes('syncs refused') ? f : { ...f, target: {} }));
  return held.filter((f) => Number.isFinite(f.value));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The next free template seat per cinema, across live phases (a seat sold twice would be a double sale). */
const nextSeat = new Map<number, number>();

// ---- an idle pull's cost against the chain's activity --------------------------------------

/** The centre's own cost of sync_pull_rows calls (pg_stat_statements, top level: nested statements included), of one login or all. */
async function centreCostPerPull(owner: CentralDb, user?: string): Promise<{ ms: number; buffers: number; calls: number }> {
  const r = await sql<{ calls: string; ms: number; hit: number }>`
    SELECT sum(calls) AS calls, sum(total_exec_time) / nullif(sum(calls), 0) AS ms, sum(shared_blks_hit + shared_blks_read)::float8 / nullif(sum(calls), 0) AS hit
    FROM pg_stat_statements s WHERE s.toplevel AND s.query LIKE '%sync_pull_rows(%'
      AND (${user ?? null}::text IS NULL OR s.userid = (SELECT oid FROM pg_roles WHERE rolname = ${user ?? null}))`.execute(owner);
  const row = r.rows[0]!;
  return { ms: Number(row.ms ?? NaN), buffers: Number(row.hit ?? NaN), calls: Number(row.calls ?? 0) };
}

/** Terminals syncing every 5 s (±10 %), connecting per sync, until `stop` is set: the load other pulls run under. */
function syncLoad(url: string, terminals: Terminal[], stop: { done: boolean }): Promise<void> {
  return Promise.all(
    terminals.map(async (t) => {
      await sleep(Math.random() * POLL_MS);
      while (!stop.done) {
        const s0 = performance.now();
        const client = new CentralClient({ url, user: t.user, password: t.password }, { connectTimeoutMs: 60_000 });
        try {
          for (;;) {
            const page = await client.pull(t.cursor, DEFAULT_PULL_PAGE);
            t.cursor = page.next;
            if (!page.more) break;
          }
        } catch {
          // the load only loads; its errors are the live phase's figures
        } finally {
          await client.close();
        }
        await sleep(Math.max(0, POLL_MS * (0.9 + Math.random() * 0.2) - (performance.now() - s0)));
      }
    }),
  ).then(() => undefined);
}

/**
 * The changes one poll window brings, from `active` cinemas (20 changes each, the terminal's own
 * cinema among them): the pull of a terminal of cinema 1 from before the window, repeated on one
 * connection. Its central cost (pg_stat_statements: the server's time and buffers per call, this
 * login's calls only) must follow its cinema's 20 changes, not the chain's — measured on a quiet
 * server, and while every other idle terminal syncs every 5 s.
 */
async function idlePullScaling(ctx: BenchContext, central: TestPostgres, owner: CentralDb, tpl: Template, terminals: Terminal[], sizes: Sizes, underLoad: boolean): Promise<Figure[]> {
  const reader = terminals.find((t) => t.k === 1 && t.role !== 'seller')!;
  const client = new CentralClient({ url: address(central), user: reader.user, password: reader.password }, { connectTimeoutMs: 60_000, idleTimeoutMs: 60_000 });
  const perCinema = 20;
  const repeats = ctx.quick ? 50 : 300;
  const label = underLoad ? 'under load' : 'quiet';
  const results: { active: number; ms: number; centreMs: number; buffers: number; rows: number }[] = [];
  const stop = { done: false };
  // The load: idle terminals syncing every 5 s, as many as this machine's centre sustains (≈ 50 syncs/s measured here).
  const loaders = terminals.filter((t) => t !== reader && t.role === 'idle').slice(0, LOAD_TERMINALS);
  await client.pull(null, 1);
  const load = underLoad ? syncLoad(address(central), loaders, stop) : Promise.resolve();
  try {
    if (underLoad) await sleep(POLL_MS);
    for (const active of [1, 20, 200].filter((a) => a <= sizes.cinemas)) {
      const from = await horizon(owner);
      await sql`INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
                SELECT 'tickets', md5(random()::text)::uuid::text, bench_id(k, ${tpl.cinemaId}), 'bench', '0', '{}'::json
                FROM generate_series(1, ${active}) k, generate_series(1, ${perCinema}) i`.execute(owner);
      // Until the window is below the horizon (a running transaction of the load may hold it a moment).
      for (let i = 0; i < 100 && (await client.pull(from, DEFAULT_PULL_PAGE)).changes.length < perCinema; i++) await sleep(20);
      await sql`SELECT pg_stat_statements_reset((SELECT oid FROM pg_roles WHERE rolname = ${reader.user}))`.execute(owner);
      let rows = 0;
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        const page = await client.pull(from, DEFAULT_PULL_PAGE);
        times.push(performance.now() - t0);
        rows = page.changes.length;
      }
      const cost = await centreCostPerPull(owner, reader.user);
      results.push({ active, ms: pct(times, 50), centreMs: cost.ms, buffers: cost.buffers, rows });
      ctx.log(
        `idle pull (${label}) with ${active} cinemas active in the window (${active * perCinema} changes): centre ${cost.ms.toFixed(3)} ms and ${cost.buffers.toFixed(1)} buffers per call, client p50 ${pct(times, 50).toFixed(2)} ms, ${rows} rows for this terminal`,
      );
    }
  } finally {
    stop.done = true;
    await load;
    await client.close();
  }
  const one = results[0]!;
  const most = results[results.length - 1]!;
  const cold = underLoad ? [] : [await pullOnNewConnections(owner, central, reader, most.active)];
  const shown = results.map((r) => `${r.centreMs.toFixed(3)} ms / ${r.buffers.toFixed(0)} buffers`).join(', ');
  return [
    ...cold,
    ...results.map((r): Figure => ({ figure: `chain: idle pull (${label}), ${r.active} cinemas active in its window: centre time per call`, value: r.centreMs, unit: 'ms', better: 'lower', target: {}, note: `client p50 ${r.ms.toFixed(2)} ms; ${r.buffers.toFixed(0)} buffers per call` })),
    {
      figure: `chain: idle pull's centre time (${label}), ${most.active} cinemas active ÷ 1`,
      value: most.centreMs / one.centreMs,
      unit: '×',
      better: 'lower',
      target: { max: 1.5 },
      note: `${perCinema} changes per active cinema in one poll window, the terminal's cinema among them; ${repeats} pulls each on one connection; centre time and buffers per call at ${results.map((r) => r.active).join(' / ')}: ${shown}${underLoad ? `; meanwhile ${loaders.length} other terminals sync every 5 s, connecting per sync` : ''}`,
    },
  ];
}

/**
 * The same idle pull as the first call of a new connection (connect per sync): a new backend reads
 * the catalogue into its caches and compiles the sync functions before it pulls — the centre's
 * price of connecting per sync, apart from authentication.
 */
async function pullOnNewConnections(owner: CentralDb, central: TestPostgres, reader: Terminal, active: number): Promise<Figure> {
  await sql`SELECT pg_stat_statements_reset((SELECT oid FROM pg_roles WHERE rolname = ${reader.user}))`.execute(owner);
  for (let i = 0; i < 30; i++) {
    const client = new CentralClient({ url: address(central), user: reader.user, password: reader.password });
    try {
      await client.pull(reader.cursor, DEFAULT_PULL_PAGE);
    } finally {
      await client.close();
    }
  }
  const cost = await centreCostPerPull(owner, reader.user);
  return {
    figure: 'chain: idle pull as the first call of a new connection (quiet): centre time per call',
    value: cost.ms,
    unit: 'ms',
    better: 'lower',
    target: {},
    note: `${cost.buffers.toFixed(0)} buffers per call (a warm connection: the figures below); ${cost.calls} connections, each one pull; ${active} cinemas active in the window`,
  };
}
