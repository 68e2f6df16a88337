import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { sqliteOf } from './open';
import type { DB } from './tables';

/**
 * One local transaction of synchronous work (better-sqlite3 statements): the connection is taken
 * from kysely first (its mutex: no other query of this process runs meanwhile), then BEGIN, the
 * work and COMMIT happen in one go — the transaction is never open across a turn of the event
 * loop, so it holds the database exactly as long as the work and its commit take (`ms`). A throw
 * rolls it back.
 */
export async function heldTransaction<T>(db: Kysely<DB>, work: () => T): Promise<{ value: T; ms: number }> {
  const sqlite = sqliteOf(db);
  return db.connection().execute(async () => {
    if (sqlite.inTransaction) throw new Error('a transaction is already open on this connection');
    const started = performance.now();
    const value = sqlite.transaction(work)();
    return { value, ms: performance.now() - started };
  });
}
