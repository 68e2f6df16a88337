/**
 * Sync against one PostgreSQL (embedded, or DATABASE_URL):
 *
 * - push: 100 000 tickets of the generated year through the real push path — a terminal's
 *   least-privilege login, `sync_push` with its checks, last-writer-wins and change log — against
 *   the same server's batched INSERT of the same rows, as the owner, into a plain copy of the table.
 * - initial load: a brand-new terminal joins the cinema and pulls ≈1M rows of the year (catalogue,
 *   shifts, orders, tickets, lines, payments …) through the real sync engine, INCLUDING applying
 *   them into its local SQLite — against a keyset SELECT of the same rows, page by page, plus plain
 *   better-sqlite3 prepared INSERTs into the same tables (same columns, CHECK constraints and indexes;
 *   no triggers, no foreign keys, no conflict handling) in one transaction per page.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { startCore } from '../../electron/core/app-core';
import { migrateToLatest } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { SYNCED_TABLES } from '../../electron/core/db/tables';
import { newId } from '../../electron/core/ids';
import { migrateCentral, openCentralAsOwner, registerCentralTerminal, type CentralDb } from '../../electron/core/sync/central-admin';
import { CentralClient, type PushItem } from '../../electron/core/sync/central-client';
import { DEFAULT_PULL_PAGE, syncOf } from '../../electron/core/sync/sync-engine';
import { startTestPostgres, type TestPostgres } from '../../electron/core/sync/testing/central-postgres';
import type { Figure } from '../figures';
import type { BenchContext, Suite } from '../suite';

const PUSH_BATCH = 1000;
/** What a terminal's sales write as they happen: cut by time for a smaller load. */
const TRANSACTIONAL = new Set(['orders', 'tickets', 'payments', 'order_concession_lines', 'bonus_transactions', 'ticket_revocations', 'ticket_scans', 'concession_preorders']);

export default {
  title: 'sync: push of 100,000 tickets; a new terminal’s initial load of ≈1M rows',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const central = await startTestPostgres();
    const owner = openCentralAsOwner(central.url);
    const history = new Database(ctx.historyFile, { readonly: true });
    try {
      await migrateCentral(owner);
      const cinemaId = history.prepare('SELECT id FROM cinemas ORDER BY id LIMIT 1').pluck().get() as string;
      const figures = [await benchPush(ctx, central, owner, history, cinemaId)];
      figures.push(...(await benchInitialLoad(ctx, central, owner, history, cinemaId)));
      return figures;
    } finally {
      history.close();
      await owner.destroy();
      await central.stop();
    }
  },
} satisfies Suite;

/** Other sizes while working on sync (the figures and targets are for the defaults). */
const sizeFromEnv = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);

const address = (c: TestPostgres) => `postgres://${c.host}:${c.port}/${c.database}`;
const rate = (rows: number, ms: number) => (rows / ms) * 1000;
/** User + system CPU of this process: on a shared machine steadier than wall time. */
const cpuSeconds = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(1);

async function benchPush(ctx: BenchContext, central: TestPostgres, owner: CentralDb, history: Database.Database, cinemaId: string): Promise<Figure> {
  const n = sizeFromEnv('BENCH_SYNC_PUSH_ROWS') ?? (ctx.quick ? 5000 : 100_000);
  const pusherId = newId();
  const reg = await registerCentralTerminal(owner, { terminalId: pusherId, cinemaId });
  const client = new CentralClient({ url: address(central), user: reg.user, password: reg.password });
  // The year's tickets, as this terminal's own writes (a terminal pushes only rows it wrote).
  const sample = (history.prepare('SELECT * FROM tickets ORDER BY id LIMIT ?').all(n) as Record<string, unknown>[]).map((r): Record<string, unknown> => ({ ...r, origin: pusherId }));
  // An exchanged ticket goes after the ticket it points at (the centre checks that reference too).
  const rows = [
    ...sample.filter((r) => !r.exchanged_to_ticket_id),
    ...sample.filter((r) => r.exchanged_to_ticket_id).sort((a, b) => String(b.id).localeCompare(String(a.id))),
  ];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < rows.length; i += PUSH_BATCH) batches.push(rows.slice(i, i + PUSH_BATCH));
  ctx.log(`push: ${rows.length.toLocaleString('en')} tickets in batches of ${PUSH_BATCH}`);
  try {
    // The centre checks every reference of a pushed row (central 0004): the tickets' sessions,
    // seats, orders, sellers and terminals are there already, as the terminals' pushes left them.
    const t0Parents = performance.now();
    const parents = await loadParents(owner, history, cinemaId, rows);
    ctx.log(`push: ${parents.toLocaleString('en')} parent rows loaded in ${((performance.now() - t0Parents) / 1000).toFixed(1)} s (setup)`);
    // Raw: the same rows, same batches, as the owner into a plain copy of the table.
    await sql`CREATE TABLE raw_tickets (LIKE tickets INCLUDING ALL)`.execute(owner);
    await sql`ALTER TABLE raw_tickets DROP COLUMN scope_cinema_id, DROP COLUMN deleted`.execute(owner);
    await sql`CREATE UNIQUE INDEX ON raw_tickets (session_id, seat_id) WHERE status = 'SOLD'`.execute(owner);
    let t0 = performance.now();
    for (const b of batches) {
      await sql`INSERT INTO raw_tickets SELECT * FROM jsonb_populate_recordset(NULL::raw_tickets, ${JSON.stringify(b)}::jsonb)`.execute(owner);
    }
    const rawMs = performance.now() - t0;

    t0 = performance.now();
    let applied = 0;
    for (const b of batches) applied += (await client.push(b.map((row): PushItem => ({ t: 'tickets', op: 'UPSERT', id: row.id as string, row })))).applied;
    const pushMs = performance.now() - t0;
    if (applied !== rows.length) throw new Error(`push applied ${applied} of ${rows.length} tickets`);

    // Replaying a batch changes nothing (idempotent): checked, not timed as a figure.
    const again = (await client.push(batches[0]!.map((row): PushItem => ({ t: 'tickets', op: 'UPSERT', id: row.id as string, row })))).applied;
    if (again !== 0) throw new Error(`a replayed batch changed ${again} rows`);
    ctx.log(`push: ${Math.round(rate(rows.length, pushMs)).toLocaleString('en')} rows/s, raw INSERT ${Math.round(rate(rows.length, rawMs)).toLocaleString('en')} rows/s`);
    return {
      figure: `sync push of ${rows.length.toLocaleString('en')} tickets`,
      value: rate(rows.length, pushMs),
      raw: rate(rows.length, rawMs),
      unit: 'rows/s',
      better: 'higher',
      target: { minRatio: 0.5 },
      note: `batches of ${PUSH_BATCH}, sync_push as a terminal's login (checks, LWW, change log) vs the owner's INSERT … jsonb_populate_recordset into a plain copy of the table`,
    };
  } finally {
    await client.close();
    // The initial load below starts from an empty centre.
    await sql`DROP TABLE IF EXISTS raw_tickets`.execute(owner);
    await sql.raw(`TRUNCATE ${SYNCED_TABLES.join(', ')}, change_log`).execute(owner);
  }
}

/** The parents every pushed ticket names, as the owner (setup): the catalogue, sessions, shifts, orders; tickets an exchanged one points at. */
async function loadParents(owner: CentralDb, history: Database.Database, cinemaId: string, tickets: Record<string, unknown>[]): Promise<number> {
  const shared = new Set(['films', 'distributors']);
  let total = 0;
  const insert = async (t: string, batch: unknown[]) => {
    if (batch.length === 0) return;
    const central = new Set((await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${t}`.execute(owner)).rows.map((r) => r.c));
    const cols = (history.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).filter((c) => central.has(c)).map((c) => `"${c}"`).join(', ');
    for (let i = 0; i < batch.length; i += 10_000) {
      const part = batch.slice(i, i + 10_000);
      await sql`INSERT INTO ${sql.table(t)} (${sql.raw(cols)}, scope_cinema_id, deleted)
                SELECT ${sql.raw(cols)}, ${shared.has(t) ? null : cinemaId}::text, false FROM jsonb_populate_recordset(NULL::${sql.table(t)}, ${JSON.stringify(part)}::jsonb)`.execute(owner);
      total += part.length;
    }
  };
  for (const t of ['cinemas', 'halls', 'seats', 'terminals', 'users', 'distributors', 'films', 'sessions', 'customers', 'promocodes', 'shifts', 'orders']) {
    await insert(t, history.prepare(`SELECT * FROM ${t}`).all());
  }
  const pushed = new Set(tickets.map((r) => r.id as string));
  const targets = [...new Set(tickets.map((r) => r.exchanged_to_ticket_id as string | null).filter((id): id is string => !!id && !pushed.has(id)))];
  const select = history.prepare('SELECT * FROM tickets WHERE id = ?');
  await insert('tickets', targets.map((id) => select.get(id)).filter(Boolean));
  await sql`ANALYZE`.execute(owner);
  return total;
}

/** Keyset SELECT per table, pages of the pull's size, plain prepared INSERTs, one transaction per page. */
async function rawLoad(central: TestPostgres, local: Database.Database, expected: number): Promise<{ ms: number; cpu: NodeJS.CpuUsage }> {
  const reader = new pg.Client({
    connectionString: central.url,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) },
  });
  await reader.connect();
  const page = DEFAULT_PULL_PAGE;
  let rows = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  try {
    for (const t of SYNCED_TABLES) {
      const central = new Set((await reader.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1', [t])).rows.map((r) => r.c));
      const cols = (local.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).filter((c) => central.has(c));
      const insert = local.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      const apply = local.transaction((batch: Record<string, unknown>[]) => {
        for (const r of batch) insert.run(cols.map((c) => r[c]));
      });
      let last = '';
      for (;;) {
        const r = await reader.query<Record<string, unknown>>(`SELECT ${cols.join(', ')} FROM ${t} WHERE id > $1 ORDER BY id LIMIT ${page}`, [last]);
        if (r.rows.length === 0) break;
        apply(r.rows);
        rows += r.rows.length;
        last = r.rows[r.rows.length - 1]!.id as string;
        if (r.rows.length < page) break;
      }
    }
  } finally {
    await reader.end();
  }
  const ms = performance.now() - t0;
  if (rows !== expected) throw new Error(`raw read ${rows} of ${expected} rows`);
  return { ms, cpu: process.cpuUsage(cpu) };
}

/** Loads ≈`target` rows of the year into the central tables and the change log, as the owner (setup, not timed). */
async function loadCentral(ctx: BenchContext, owner: CentralDb, history: Database.Database, cinemaId: string, target: number): Promise<number> {
  const count = (t: string, where = '') => history.prepare(`SELECT count(*) FROM ${t} ${where}`).pluck().get() as number;
  const fixed = SYNCED_TABLES.filter((t) => !TRANSACTIONAL.has(t)).reduce((n, t) => n + count(t), 0);
  const moving = [...TRANSACTIONAL].reduce((n, t) => n + count(t), 0);
  // The first part of the year: every table's rows written before the cut.
  const share = Math.min(1, Math.max(0, (target - fixed) / moving));
  const orders = count('orders');
  const cut =
    share >= 1
      ? '9999'
      : (history.prepare('SELECT created_at FROM orders ORDER BY created_at LIMIT 1 OFFSET ?').pluck().get(Math.floor(orders * share)) as string);
  const shared = new Set(['films', 'distributors']);
  let total = 0;
  for (const t of SYNCED_TABLES) {
    const where = TRANSACTIONAL.has(t) ? 'WHERE created_at < ?' : '';
    const stmt = history.prepare(`SELECT * FROM ${t} ${where}`);
    const scope = shared.has(t) ? null : cinemaId;
    // The columns both sides have (central tables mirror the terminal's; a newer local column would not be there).
    const central = new Set((await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${t}`.execute(owner)).rows.map((r) => r.c));
    const cols = (history.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[])
      .filter((c) => central.has(c))
      .map((c) => `"${c}"`)
      .join(', ');
    let batch: unknown[] = [];
    // The owner's bulk insert of a batch and its change log rows (what the terminals' pushes wrote).
    const flush = async () => {
      if (batch.length === 0) return;
      await sql`WITH up AS (
                  INSERT INTO ${sql.table(t)} (${sql.raw(cols)}, scope_cinema_id, deleted)
                  SELECT ${sql.raw(cols)}, ${scope}::text, false FROM jsonb_populate_recordset(NULL::${sql.table(t)}, ${JSON.stringify(batch)}::jsonb)
                  RETURNING *)
                INSERT INTO change_log (table_name, row_id, scope_cinema_id, origin, updated_at, data)
                SELECT ${t}, up.id, up.scope_cinema_id, up.origin, up.updated_at, to_jsonb(up) - 'scope_cinema_id' - 'deleted' FROM up`.execute(owner);
      total += batch.length;
      batch = [];
    };
    for (const row of (where ? stmt.iterate(cut) : stmt.iterate()) as Iterable<unknown>) {
      batch.push(row);
      if (batch.length === 10_000) await flush();
    }
    await flush();
  }
  await sql`ANALYZE`.execute(owner);
  ctx.log(`initial load: ${total.toLocaleString('en')} rows in the centre (sales before ${cut.slice(0, 10)})`);
  return total;
}

async function benchInitialLoad(ctx: BenchContext, central: TestPostgres, owner: CentralDb, history: Database.Database, cinemaId: string): Promise<Figure[]> {
  let t0 = performance.now();
  const total = await loadCentral(ctx, owner, history, cinemaId, sizeFromEnv('BENCH_SYNC_PULL_ROWS') ?? (ctx.quick ? 20_000 : 1_000_000));
  ctx.log(`initial load: setup ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Raw: keyset SELECT of the same rows, page by page, and plain prepared INSERTs into a plain copy
  // of the tables (as the push's raw table: CHECKs and indexes, no foreign keys, no triggers).
  const local = new Database(join(ctx.workDir, 'raw.sqlite'));
  local.pragma('journal_mode = WAL');
  local.pragma('synchronous = FULL');
  local.pragma('foreign_keys = OFF');
  const schema = history
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL`)
    .all() as { type: string; name: string; tbl_name: string; sql: string }[];
  const synced = new Set<string>(SYNCED_TABLES);
  for (const s of schema.filter((s) => s.type === 'table' && synced.has(s.name))) local.exec(s.sql);
  for (const s of schema.filter((s) => s.type === 'index' && synced.has(s.tbl_name))) local.exec(s.sql);
  const raw = await rawLoad(central, local, total);
  local.close();
  ctx.log(`initial load: raw ${(raw.ms / 1000).toFixed(1)} s, ${Math.round(rate(total, raw.ms)).toLocaleString('en')} rows/s, this process's CPU ${cpuSeconds(raw.cpu)} s`);
  const rawMs = raw.ms;
  const page = DEFAULT_PULL_PAGE;

  // For the record (not a figure): the same plain INSERTs into a terminal's own schema — its
  // triggers (outbox silenced by the apply flag, report sums), all its indexes — shows how much of
  // the difference is the schema's work rather than the sync's.
  const own = openDatabase(join(ctx.workDir, 'raw-terminal.sqlite'));
  await migrateToLatest(own.db);
  own.sqlite.pragma('foreign_keys = OFF');
  own.sqlite.prepare('UPDATE sync_apply_flag SET applying = 1 WHERE id = 1').run();
  const rawOwn = await rawLoad(central, own.sqlite, total);
  await own.close();
  ctx.log(`initial load: raw into a terminal's schema ${(rawOwn.ms / 1000).toFixed(1)} s, ${Math.round(rate(total, rawOwn.ms)).toLocaleString('en')} rows/s, this process's CPU ${cpuSeconds(rawOwn.cpu)} s`);

  // The real thing: a brand-new terminal of this cinema, its first sync.
  const core = await startCore({ dataDir: join(ctx.workDir, 'new-terminal'), log: { info: () => undefined, error: () => undefined }, sync: { background: false } });
  try {
    const reg = await registerCentralTerminal(owner, { terminalId: core.terminal().id, cinemaId, name: 'New till' });
    const engine = syncOf(core.services);
    await engine.configure({ url: address(central), user: reg.user, password: reg.password });
    let cpu = process.cpuUsage();
    t0 = performance.now();
    await engine.syncNow();
    const ms = performance.now() - t0;
    cpu = process.cpuUsage(cpu);
    let got = 0;
    for (const t of SYNCED_TABLES) got += Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(core.services.db)).rows[0]!.n);
    // The new terminal adds its own row (terminals) and the audit of joining.
    if (got < total) throw new Error(`the new terminal has ${got} of ${total} rows`);
    if (core.terminal().cinemaId !== cinemaId) throw new Error('the new terminal did not join the cinema');
    const waiting = (await sql<{ n: number }>`SELECT count(*) AS n FROM local_meta WHERE key LIKE 'sync_pending:%'`.execute(core.services.db)).rows[0]!.n;
    if (waiting > 0) ctx.log(`initial load: ${waiting} rows still wait for a parent`);
    ctx.log(`initial load: ${(ms / 1000).toFixed(1)} s, ${Math.round(rate(total, ms)).toLocaleString('en')} rows/s, longest page apply ${engine.longestApplyMs.toFixed(0)} ms, this process's CPU ${cpuSeconds(cpu)} s`);
    const rows = total.toLocaleString('en');
    return [
      {
        figure: `sync pull / initial load of ${rows} rows`,
        value: rate(total, ms),
        raw: rate(total, rawMs),
        unit: 'rows/s',
        better: 'higher',
        target: { minRatio: 0.5 },
        note: `a new terminal's first sync through the sync engine, pages of ${page}, applied into its SQLite; raw = keyset SELECT per table + prepared INSERTs into the same tables (indexes and CHECKs; no triggers, no foreign keys), one transaction per page`,
      },
      { figure: `sync initial load of ${rows} rows, wall time`, value: ms / 1000, raw: rawMs / 1000, unit: 's', better: 'lower', target: { max: 60 } },
      {
        figure: 'sync pull: longest page apply (main thread held)',
        value: engine.longestApplyMs,
        unit: 'ms',
        better: 'lower',
        target: { max: 50 },
        note: 'the longest single local transaction applying one pulled page; the counter waits at most this long',
      },
    ];
  } finally {
    await core.close();
  }
}
