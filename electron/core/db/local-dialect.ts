import type Database from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite rolls a transaction back by itself after some errors — SQLITE_FULL (disk full),
 * SQLITE_IOERR, SQLITE_NOMEM — and kysely's ROLLBACK then threw "cannot rollback - no transaction
 * is active", which replaced the error that said why (a sale on a full disk answered INTERNAL).
 * This driver rolls back only a transaction that is still open, so the cause reaches the caller.
 */
class LocalSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: Database.Database,
    config: SqliteDialectConfig,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** kysely's SQLite dialect with the driver above. */
export class LocalSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly dialectConfig: SqliteDialectConfig,
  ) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new LocalSqliteDriver(this.sqlite, this.dialectConfig);
  }
}
