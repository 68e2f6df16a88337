import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './tables';

/**
 * One transaction for rows whose loss in a power cut harms nobody — seat holds: local, never
 * synced, and gone by themselves within minutes. Its commit does not wait for the disk
 * (synchronous = NORMAL for this one commit; in WAL mode the database stays consistent, only this
 * commit may be lost if the power fails right after it). The next ordinary commit — the sale,
 * synchronous = FULL — flushes the log, this transaction's rows included, so a sale still waits
 * for the disk exactly once. Every other transaction keeps the connection's own setting.
 */
export async function ephemeralTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    // SQLite takes the level only outside a transaction, so set it around this one — and always
    // back to FULL (never to whatever was read: a level left at NORMAL by a failed restore would
    // otherwise be "restored" by every later hold, and sales would stop waiting for the disk).
    await sql`PRAGMA synchronous = NORMAL`.execute(conn);
    try {
      return await conn.transaction().execute(work);
    } finally {
      await sql`PRAGMA synchronous = FULL`.execute(conn);
    }
  });
}
