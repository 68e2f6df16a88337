import { sql, type Kysely } from 'kysely';
import { SYNCED_TABLES, type DB, type OutboxRow, type SyncedTable } from '../db/tables';
import type { HybridLogicalClock } from './hlc';
import type { CentralClient, PushItem, PushResult } from './central-client';

export interface PushOutcome extends PushResult {
  /** Outbox entries sent and removed. */
  entries: number;
  /** Rows sent (several outbox entries of one row travel as one). */
  rows: number;
}

const TABLE_ORDER = new Map<string, number>(SYNCED_TABLES.map((t, i) => [t, i]));

/**
 * Reads the oldest outbox entries, builds one batch with each row's CURRENT values (a deleted row
 * as a tombstone), sends it, and removes exactly those entries once the central database has
 * committed. A batch replayed after a cut connection changes nothing twice (ids + HLC).
 * Returns null when the outbox is empty.
 */
export async function pushOutboxBatch(
  db: Kysely<DB>,
  central: Pick<CentralClient, 'push'>,
  me: { terminalId: string; hlc: HybridLogicalClock },
  batchSize = 1000,
): Promise<PushOutcome | null> {
  const entries = await db.selectFrom('outbox').selectAll().orderBy('seq').limit(batchSize).execute();
  if (entries.length === 0) return null;
  const batch = await buildBatch(db, entries, me);
  const result = batch.length > 0 ? await central.push(batch) : { applied: 0, deleted: 0, conflicts: 0 };
  // Only now, after the central commit: later entries (seq above) stay for the next batch.
  await db.deleteFrom('outbox').where('seq', '<=', entries[entries.length - 1]!.seq).execute();
  return { ...result, entries: entries.length, rows: batch.length };
}

async function buildBatch(db: Kysely<DB>, entries: OutboxRow[], me: { terminalId: string; hlc: HybridLogicalClock }): Promise<PushItem[]> {
  // The last entry of each row says what happened to it last.
  const last = new Map<string, OutboxRow>();
  for (const e of entries) {
    const key = `${e.table_name}\u0000${e.row_id}`;
    last.delete(key);
    last.set(key, e);
  }
  const byTable = new Map<SyncedTable, string[]>();
  for (const e of last.values()) {
    const ids = byTable.get(e.table_name) ?? [];
    ids.push(e.row_id);
    byTable.set(e.table_name, ids);
  }
  const items: PushItem[] = [];
  for (const [table, ids] of byTable) {
    if (!TABLE_ORDER.has(table)) continue;
    const current = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE id IN (${sql.join(chunk)})`.execute(db);
      for (const r of rows.rows) current.set(r.id as string, r);
    }
    for (const id of ids) {
      const row = current.get(id);
      if (row) {
        // A row a pull has since overwritten with another terminal's newer write is theirs to push.
        if (row.origin === me.terminalId) items.push({ t: table, op: 'UPSERT', id, row });
      } else if (last.get(`${table}\u0000${id}`)!.op === 'DELETE') {
        items.push({ t: table, op: 'DELETE', id, hlc: me.hlc.now(), origin: me.terminalId });
      }
      // An UPSERT of a row gone since: its DELETE entry is further on in the outbox.
    }
  }
  return items.sort((a, b) => TABLE_ORDER.get(a.t)! - TABLE_ORDER.get(b.t)!);
}

export async function outboxCount(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
