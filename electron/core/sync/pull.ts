import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import { SYNCED_TABLES, type DB } from '../db/tables';
import { readMeta, writeMeta } from '../terminal/identity';
import type { HybridLogicalClock } from './hlc';
import type { CentralChange, CentralClient, PullCursor } from './central-client';

/** Facts written once where they happened: an existing row is never overwritten (audit log refuses updates). */
const INSERT_ONCE = new Set(['payments', 'bonus_transactions', 'audit_log', 'ticket_scans', 'ticket_revocations']);
const SYNCED = new Set<string>(SYNCED_TABLES);
const CURSOR_KEY = 'sync_cursor';
export const CONFLICT_KEY_PREFIX = 'sync_conflict:';
export const PENDING_KEY_PREFIX = 'sync_pending:';

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

/**
 * One page of a pull: fetched over the network first, then applied in ONE local transaction with
 * the outbox silenced (apply flag), and the cursor advanced in that same transaction.
 */
export async function pullPage(
  db: Kysely<DB>,
  central: Pick<CentralClient, 'pull'>,
  hlc: HybridLogicalClock,
  pageSize = 1000,
): Promise<PullOutcome> {
  const cursor = await readCursor(db);
  const page = await central.pull(cursor, pageSize);
  const columns = await localColumns(db);
  const started = performance.now();
  const outcome = await db.transaction().execute(async (trx) => {
    await sql`UPDATE sync_apply_flag SET applying = 1 WHERE id = 1`.execute(trx);
    const counts = { applied: 0, stale: 0, pending: 0 };
    const pending = new Set(
      (await trx.selectFrom('local_meta').select('key').where('key', 'like', `${PENDING_KEY_PREFIX}%`).execute()).map((r) => r.key),
    );
    for (const change of page.changes) {
      try {
        hlc.receive(change.hlc);
      } catch {
        // A clock more than a day ahead: keep the row, don't let it drag our clock.
      }
      const r = await applyChange(trx, change, columns, pending);
      counts[r]++;
    }
    counts.pending = pending.size > 0 ? await retryPending(trx, columns) : 0;
    await writeMeta(trx, CURSOR_KEY, JSON.stringify(page.next));
    await sql`UPDATE sync_apply_flag SET applying = 0 WHERE id = 1`.execute(trx);
    return counts;
  });
  return { received: page.changes.length, ...outcome, more: page.more, applyMs: performance.now() - started };
}

type ApplyResult = 'applied' | 'stale' | 'pending';

async function applyChange(trx: Transaction<DB>, change: CentralChange, columns: Map<string, string[]>, pending?: Set<string>): Promise<ApplyResult> {
  if (change.t === 'sync_conflicts') {
    await writeMeta(trx, CONFLICT_KEY_PREFIX + change.id, JSON.stringify(change.row));
    return 'applied';
  }
  if (!SYNCED.has(change.t)) return 'stale';
  try {
    const r = await applyRow(trx, change, columns.get(change.t)!);
    const key = pendingKey(change);
    // A newer version landed: an older one waiting for its parent is obsolete.
    if (r === 'applied' && (!pending || pending.has(key))) {
      await trx.deleteFrom('local_meta').where('key', '=', key).execute();
      pending?.delete(key);
    }
    return r;
  } catch (e) {
    // A constraint here (parent not yet arrived, seat still sold here): keep it and retry later.
    await writeMeta(trx, pendingKey(change), JSON.stringify({ ...change, reason: e instanceof Error ? e.message : String(e) }));
    pending?.add(pendingKey(change));
    return 'pending';
  }
}

const pendingKey = (c: CentralChange) => `${PENDING_KEY_PREFIX}${c.t}:${c.id}`;

async function applyRow(trx: Transaction<DB>, change: CentralChange, cols: string[]): Promise<ApplyResult> {
  const table = sql.table(change.t);
  if (change.deleted) {
    const r = await sql`DELETE FROM ${table} WHERE id = ${change.id} AND updated_at < ${change.hlc}`.execute(trx);
    return Number(r.numAffectedRows ?? 0) > 0 ? 'applied' : 'stale';
  }
  const present = cols.filter((c) => c in change.row);
  const values = present.map((c) => {
    const v = change.row[c];
    return v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as string | number | null);
  });
  const target = sql.join(present.map((c) => sql.ref(c)));
  const conflict = INSERT_ONCE.has(change.t)
    ? sql`DO NOTHING`
    : sql`DO UPDATE SET ${sql.join(
        present.filter((c) => c !== 'id').map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
      )} WHERE excluded.updated_at > ${table}.updated_at`;
  const r = await sql`INSERT INTO ${table} (${target}) VALUES (${sql.join(values)}) ON CONFLICT (id) ${conflict}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0 ? 'applied' : 'stale';
}

/** Rows that could not be applied before: try them again until nothing more moves. */
async function retryPending(trx: Transaction<DB>, columns: Map<string, string[]>): Promise<number> {
  for (let pass = 0; pass < 5; pass++) {
    const rows = await trx.selectFrom('local_meta').selectAll().where('key', 'like', `${PENDING_KEY_PREFIX}%`).execute();
    if (rows.length === 0) return 0;
    let moved = 0;
    for (const r of rows) {
      const change = JSON.parse(r.value) as CentralChange;
      if ((await applyChange(trx, change, columns)) !== 'pending') {
        await trx.deleteFrom('local_meta').where('key', '=', r.key).execute();
        moved++;
      }
    }
    if (moved === 0) return rows.length;
  }
  const left = await trx.selectFrom('local_meta').select((eb) => eb.fn.countAll<number>().as('n')).where('key', 'like', `${PENDING_KEY_PREFIX}%`).executeTakeFirstOrThrow();
  return Number(left.n);
}

let columnCache: WeakMap<object, Map<string, string[]>> = new WeakMap();

async function localColumns(db: Kysely<DB>): Promise<Map<string, string[]>> {
  const cached = columnCache.get(db);
  if (cached) return cached;
  const map = new Map<string, string[]>();
  for (const t of SYNCED_TABLES) {
    const r = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${t})`.execute(db);
    map.set(
      t,
      r.rows.map((c) => c.name),
    );
  }
  columnCache.set(db, map);
  return map;
}

/** For tests that migrate a database under a live connection. */
export function forgetColumnCache(): void {
  columnCache = new WeakMap();
}
