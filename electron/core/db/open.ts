import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './tables';

export interface OpenDatabaseOptions {
  /** Path to the native addon built for the running runtime (Electron dev builds keep their own). */
  nativeBinding?: string;
  readonly?: boolean;
}

export interface LocalDatabase {
  sqlite: Database.Database;
  db: Kysely<DB>;
  close(): Promise<void>;
}

const handles = new WeakMap<Kysely<DB>, Database.Database>();

/**
 * The better-sqlite3 handle behind a database opened here, for bulk work that prepares its own
 * statements (a sync pull applying thousands of rows). Use it only while holding kysely's
 * connection — inside `db.transaction().execute(…)` — so no other call's statements interleave.
 */
export function sqliteOf(db: Kysely<DB>): Database.Database {
  const sqlite = handles.get(db);
  if (!sqlite) throw new Error('this database was not opened by openDatabase');
  return sqlite;
}

/** Opens the terminal's SQLite file with the settings every connection needs. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): LocalDatabase {
  const sqlite = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
  });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // NORMAL is durable in WAL mode except for the last transactions on power loss;
  // a box office cannot lose an acknowledged sale, so keep FULL.
  sqlite.pragma('synchronous = FULL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  handles.set(db, sqlite);
  return {
    sqlite,
    db,
    async close() {
      await db.destroy();
    },
  };
}
