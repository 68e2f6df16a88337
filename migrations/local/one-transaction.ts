import { sql, type Kysely } from 'kysely';

/** Migrations run before (and whatever) the app's table types say. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
export type AnyDb = Kysely<any>;

/**
 * SQLite DDL is transactional but kysely's Migrator does not wrap SQLite migrations in one, so
 * a migration runs its statements through this: a failed start leaves the file exactly as it was.
 */
export async function inOneTransaction(db: AnyDb, statements: readonly string[]): Promise<void> {
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    for (const statement of statements) await sql.raw(statement).execute(db);
    await sql`COMMIT`.execute(db);
  } catch (error) {
    // SQLite may have rolled back already (disk full, I/O error): a failing ROLLBACK must not hide why.
    await sql`ROLLBACK`.execute(db).catch(() => undefined);
    throw error;
  }
}
