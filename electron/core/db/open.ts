import Database from 'better-sqlite3';
import { Kysely, type SqliteDatabase } from 'kysely';
import { LocalSqliteDialect } from './local-dialect';
import type { DB } from './tables';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

export interface OpenDatabaseOptions {
  /** Path to the native addon built for the running runtime (Electron dev builds keep their own). */
  nativeBinding?: string;
  readonly?: boolean;
}

export interface LocalDatabase {
  sqlite: Database.Database;
  db: Kysely<DB>;
  /** Moves WAL checkpoints to a worker thread (see wal-checkpointer.ts) until close; false if it could not start. */
  checkpointInBackground(onFailure?: (reason: string) => void): Promise<boolean>;
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
  try {
    // The first statements read the file: a damaged one (SQLITE_NOTADB) or a full disk fails here.
    if (!options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // NORMAL is durable in WAL mode except for the last transactions on power loss;
    // a box office cannot lose an acknowledged sale, so keep FULL.
    sqlite.pragma('synchronous = FULL');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new LocalSqliteDialect(sqlite, { database: withStatementCache(sqlite) }) });
  handles.set(db, sqlite);
  let checkpointer: WalCheckpointer | null = null;
  return {
    sqlite,
    db,
    async checkpointInBackground(onFailure) {
      checkpointer ??= await startWalCheckpointer(sqlite, { nativeBinding: options.nativeBinding, onFailure });
      return checkpointer !== null;
    },
    async close() {
      // The worker's connection goes first, so closing the last one checkpoints and removes the log.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** How many distinct SQL texts keep their prepared statement (the app has a few hundred queries). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as kysely sees it, with its prepared statements kept: kysely's driver calls
 * `prepare(sql)` for every query, and SQLite parsing and planning the same text again costs more
 * than running it (a sale runs ~30 statements). Statements are kept by SQL text, least recently
 * used dropped first; a statement still being iterated (a stream left open) is never handed out
 * twice — the caller gets a fresh one. SQLite re-prepares a kept statement by itself after a schema
 * change. PRAGMAs are never kept: SQLite applies most of them while preparing.
 */
const PRAGMA = /^\s*pragma\b/i;

export function withStatementCache(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(sql: string) {
      // A PRAGMA acts when it is prepared, not when it runs: never reuse one.
      if (PRAGMA.test(sql)) return sqlite.prepare(sql);
      const kept = cache.get(sql);
      if (kept) {
        if (kept.busy) return sqlite.prepare(sql);
        // Most recently used last: Map keeps insertion order.
        cache.delete(sql);
        cache.set(sql, kept);
        return kept;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
