import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { heldTransaction } from '../db/held-transaction';
import { sqliteOf } from '../db/open';
import { PULLED_TABLES, SYNCED_TABLES, type DB } from '../db/tables';
import { readMeta } from '../terminal/identity';
import type { HybridLogicalClock } from './hlc';
import type { CentralChange, CentralClient, PullCursor, PullPage } from './central-client';
import { withoutRowTriggers } from './initial-load';

/** Facts written once where they happened: an existing row is never overwritten (audit log refuses updates). */
const INSERT_ONCE = new Set(['payments', 'bonus_transactions', 'audit_log', 'ticket_scans', 'ticket_revocations', 'gift_vouchers', 'gift_voucher_movements']);
/** What a pull applies: the synced tables and those only the centre writes (a voucher's sums per cinema). */
const PULLED = [...SYNCED_TABLES, ...PULLED_TABLES];
const SYNCED = new Set<string>(PULLED);
const CURSOR_KEY = 'sync_cursor';
export const CONFLICT_KEY_PREFIX = 'sync_conflict:';
export const PENDING_KEY_PREFIX = 'sync_pending:';
/** The key just after every `sync_pending:…` key (':' + 1 = ';'): a range the primary key answers. */
const PENDING_KEY_END = 'sync_pending;';

export interface PullOutcome {
  /** Changes received. */
  received: number;
  applied: number;
  /** Older than what this terminal has (last writer by HLC wins). */
  stale: number;
  /** Waiting for a parent row or a seat to free up; retried on the next pull. */
  pending: number;
  more: boolean;
  /** How long the local transaction held the database (the main process is busy this long). */
  applyMs: number;
}

export async function readCursor(db: Kysely<DB>): Promise<PullCursor | null> {
  const v = await readMeta(db, CURSOR_KEY);
  return v ? (JSON.parse(v) as PullCursor) : null;
}

/** How long one local transaction of a pull may hold the database before the counter gets a turn (ms). */
export const APPLY_SLICE_MS = 25;

/**
 * One page of a pull: fetched over the network first, then applied locally (see applyPulledPage).
 */
export async function pullPage(
  db: Kysely<DB>,
  central: Pick<CentralClient, 'pull'>,
  hlc: HybridLogicalClock,
  pageSize = 1000,
): Promise<PullOutcome> {
  const page = await central.pull(await readCursor(db), pageSize);
  return applyPulledPage(db, page, hlc);
}

/**
 * Applies a fetched page: every row through a prepared statement cached per table and column set
 * (no query building per row), the outbox silenced by the apply flag (the outbox triggers' WHEN
 * reads it; every other trigger still runs), each slice one synchronous transaction on the
 * connection taken from kysely (heldTransaction: nothing interleaves, and the transaction is
 * never open while the event loop does other work, such as parsing the next page).
 *
 * A page is applied in slices of at most `sliceMs` each, one local transaction per slice, with
 * the event loop free in between (a sale waits at most one slice). The cursor advances in the
 * LAST slice only: after a crash the page is pulled again and the slices already applied find
 * their rows there with the same HLC — stale, nothing changes (a row written here since carries a
 * newer HLC and is kept). Rows waiting for a parent are retried in the last slice.
 */
/**
 * `initialLoad`: a terminal without a cinema yet (it cannot sell) applies each slice with the
 * per-row triggers that do nothing useful for pulled rows dropped inside the slice's transaction
 * (initial-load.ts); the caller then rebuilds the report sums (`rebuildStaleReportSums`).
 */
export async function applyPulledPage(
  db: Kysely<DB>,
  page: PullPage,
  hlc: HybridLogicalClock,
  sliceMs = APPLY_SLICE_MS,
  mode: { initialLoad?: boolean } = {},
): Promise<PullOutcome> {
  const sqlite = sqliteOf(db);
  const counts: Counts = { applied: 0, stale: 0, pending: 0 };
  let longest = 0;
  let next = 0;
  receiveClocks(hlc, page.changes);
  do {
    const from = next;
    const slice = () => applySlice(sqlite, page, from, performance.now() + sliceMs, counts);
    const done = await heldTransaction(db, () => (mode.initialLoad ? withoutRowTriggers(sqlite, tablesFrom(page.changes, from), slice) : slice()));
    next = done.value;
    longest = Math.max(longest, done.ms);
    if (next < page.changes.length) await new Promise((resolve) => setImmediate(resolve));
  } while (next < page.changes.length);
  return { received: page.changes.length, ...counts, more: page.more, applyMs: longest };
}

/** The tables the rest of the page writes (the slice stops somewhere among them). */
function tablesFrom(changes: readonly CentralChange[], from: number): Set<string> {
  const tables = new Set<string>();
  for (let i = from; i < changes.length; i++) if (SYNCED.has(changes[i]!.t)) tables.add(changes[i]!.t);
  return tables;
}

type ApplyResult = 'applied' | 'stale' | 'pending';
type Counts = Record<ApplyResult, number>;

/** Applies changes from `from` until the deadline passes (at least one); returns where it stopped. */
function applySlice(sqlite: Database.Database, page: PullPage, from: number, deadline: number, counts: Counts): number {
  const st = statements(sqlite);
  st.setApplying.run(1);
  const pending = new Set(st.pendingKeys.pluck().all(PENDING_KEY_PREFIX, PENDING_KEY_END) as string[]);
  const changes = page.changes;
  let i = from;
  while (i < changes.length) {
    counts[applyChange(st, changes[i]!, pending)]++;
    i++;
    // The clock is read every 16 rows: cheap, and a slice overshoots by a few rows at most.
    if ((i & 15) === 0 && performance.now() > deadline) break;
  }
  if (i === changes.length) {
    // 'pending' counts what is still waiting after the retry, not how often rows had to wait.
    counts.pending = pending.size > 0 ? retryPending(st) : 0;
    st.writeMeta.run(CURSOR_KEY, JSON.stringify(page.next));
  }
  st.setApplying.run(0);
  return i;
}

/**
 * Our clock must run after every HLC received. HLCs are fixed-width text, so the newest of the
 * page is its largest string: receiving it is enough. One a day ahead is refused by the clock
 * (the row is kept, the clock not dragged); then the others are taken one by one.
 */
function receiveClocks(hlc: HybridLogicalClock, changes: readonly CentralChange[]): void {
  let newest = '';
  for (const c of changes) if (c.hlc > newest) newest = c.hlc;
  if (!newest) return;
  try {
    hlc.receive(newest);
  } catch {
    for (const c of changes) {
      try {
        hlc.receive(c.hlc);
      } catch {
        // A clock more than a day ahead: keep the row, don't let it drag our clock.
      }
    }
  }
}

function applyChange(st: Statements, change: CentralChange, pending?: Set<string>): ApplyResult {
  if (change.t === 'sync_conflicts') {
    st.writeMeta.run(CONFLICT_KEY_PREFIX + change.id, JSON.stringify(change.row));
    return 'applied';
  }
  if (!SYNCED.has(change.t)) return 'stale';
  const key = pendingKey(change);
  try {
    const r = applyRow(st, change);
    // A newer version landed, or the row is gone at the centre (a tombstone comes after every
    // version the centre had): one waiting for its parent is obsolete and must not land later.
    if ((r === 'applied' || change.deleted) && (!pending || pending.has(key))) {
      st.deleteMeta.run(key);
      pending?.delete(key);
    }
    return r;
  } catch (e) {
    // A constraint here (parent not yet arrived, seat still sold here): only this statement is
    // undone; keep the row and retry it later.
    st.writeMeta.run(key, JSON.stringify({ ...change, reason: e instanceof Error ? e.message : String(e) }));
    pending?.add(key);
    return 'pending';
  }
}

const pendingKey = (c: CentralChange) => `${PENDING_KEY_PREFIX}${c.t}:${c.id}`;

function applyRow(st: Statements, change: CentralChange): ApplyResult {
  if (change.deleted) return st.deleteRow(change.t).run(change.id, change.hlc).changes > 0 ? 'applied' : 'stale';
  const upsert = st.upsert(change.t, change.row);
  const values = upsert.columns.map((c) => {
    const v = change.row[c];
    return v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as string | number | null);
  });
  if (upsert.insert.run(values).changes > 0) return 'applied';
  if (!upsert.update) return 'stale';
  const set = values.filter((_, i) => upsert.columns[i] !== 'id');
  return upsert.update.run([...set, change.id, (change.row.updated_at as string | undefined) ?? change.hlc]).changes > 0 ? 'applied' : 'stale';
}

/** Rows that could not be applied before: try them again until nothing more moves. */
function retryPending(st: Statements): number {
  for (let pass = 0; pass < 5; pass++) {
    const rows = st.pendingRows.all(PENDING_KEY_PREFIX, PENDING_KEY_END) as { key: string; value: string }[];
    if (rows.length === 0) return 0;
    let moved = 0;
    for (const r of rows) {
      const change = JSON.parse(r.value) as CentralChange;
      if (applyChange(st, change) !== 'pending') {
        st.deleteMeta.run(r.key);
        moved++;
      }
    }
    if (moved === 0) return rows.length;
  }
  return st.pendingKeys.pluck().all(PENDING_KEY_PREFIX, PENDING_KEY_END).length;
}

/**
 * Last writer wins as two statements: INSERT … ON CONFLICT (id) DO NOTHING, and only when the row
 * is already there an UPDATE of it if the pulled version is newer. One `ON CONFLICT DO UPDATE`
 * would say the same, but with foreign keys on SQLite then treats every insert as one that may
 * write several rows and checks each foreign key from both sides — for a new terminal's initial
 * load more than half of its time (a ticket: ~45 µs instead of ~15 µs).
 */
interface Upsert {
  /** The row's columns this table has, in the statement's order. */
  columns: string[];
  insert: Database.Statement;
  /** The values but the id, then the id and the pulled updated_at; null for rows written once. */
  update: Database.Statement | null;
}

interface Statements {
  setApplying: Database.Statement<[number]>;
  writeMeta: Database.Statement<[string, string]>;
  deleteMeta: Database.Statement<[string]>;
  pendingKeys: Database.Statement<[string, string]>;
  pendingRows: Database.Statement<[string, string]>;
  deleteRow(table: string): Database.Statement<[string, string]>;
  upsert(table: string, row: Record<string, unknown>): Upsert;
}

let statementCache = new WeakMap<Database.Database, Statements>();

/** Prepared once per connection; an upsert per table and set of columns a row arrives with. */
function statements(sqlite: Database.Database): Statements {
  const cached = statementCache.get(sqlite);
  if (cached) return cached;
  const columns = new Map<string, Set<string>>();
  for (const t of PULLED) columns.set(t, new Set(sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]));
  const deletes = new Map<string, Database.Statement<[string, string]>>();
  const upserts = new Map<string, Upsert>();
  const st: Statements = {
    setApplying: sqlite.prepare('UPDATE sync_apply_flag SET applying = ? WHERE id = 1'),
    writeMeta: sqlite.prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    deleteMeta: sqlite.prepare('DELETE FROM local_meta WHERE key = ?'),
    pendingKeys: sqlite.prepare('SELECT key FROM local_meta WHERE key >= ? AND key < ?'),
    pendingRows: sqlite.prepare('SELECT key, value FROM local_meta WHERE key >= ? AND key < ? ORDER BY key'),
    deleteRow(table) {
      let s = deletes.get(table);
      if (!s) {
        s = sqlite.prepare(`DELETE FROM "${table}" WHERE id = ? AND updated_at < ?`);
        deletes.set(table, s);
      }
      return s;
    },
    upsert(table, row) {
      const keys = Object.keys(row);
      const cacheKey = `${table}:${keys.join(',')}`;
      let u = upserts.get(cacheKey);
      if (!u) {
        const local = columns.get(table)!;
        const cols = keys.filter((c) => local.has(c));
        const list = cols.map((c) => `"${c}"`).join(', ');
        // The columns in the same order as `cols` without the id (applyRow binds them so).
        const set = cols.filter((c) => c !== 'id').map((c) => `"${c}" = ?`);
        u = {
          columns: cols,
          insert: sqlite.prepare(`INSERT INTO "${table}" (${list}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`),
          update:
            INSERT_ONCE.has(table) || set.length === 0
              ? null
              : sqlite.prepare(`UPDATE "${table}" SET ${set.join(', ')} WHERE id = ? AND updated_at < ?`),
        };
        upserts.set(cacheKey, u);
      }
      return u;
    },
  };
  statementCache.set(sqlite, st);
  return st;
}

/** For tests that migrate a database under a live connection. */
export function forgetColumnCache(): void {
  statementCache = new WeakMap();
}
