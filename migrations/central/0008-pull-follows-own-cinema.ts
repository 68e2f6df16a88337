import { sql, type Kysely } from 'kysely';

/**
 * Issue 18: a pull's cost follows the terminal's own cinema, not the chain. The pull reads
 * change_log in (xid, seq) order and filtered the cinema afterwards, so an idle pull walked every
 * cinema's changes of the poll window and a day's catch-up every cinema's day. This index gives
 * the planner each scope's changes in (xid, seq) order: the terminal's cinema and the shared
 * catalogue (scope NULL) are read from it, the other cinemas' rows are never visited. The pull's
 * snapshot rule (only below the horizon, cursor jumps to it) is unchanged.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS idx_change_log_scope_xid ON change_log (scope_cinema_id, xid, seq)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP INDEX IF EXISTS idx_change_log_scope_xid`.execute(db);
}
