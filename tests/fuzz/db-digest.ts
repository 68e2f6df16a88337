import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * Watches a terminal's SQLite file from a second, read-only connection.
 *
 * `PRAGMA data_version` on this connection changes exactly when another connection (the core's)
 * commits, so "nothing was committed" costs one pragma; only after a commit do we hash the tables.
 *
 * What a refused call may legitimately write, and so is left out of the comparison:
 * - `login_attempts`: a wrong password or PIN is counted (lockout, SPEC accounts);
 * - new `audit_log` rows and the `outbox` rows their trigger writes: failed logins and PIN
 *   lockouts are audited (the log is append-only: triggers forbid changing or deleting a row);
 * - `local_meta.hlc_last`: the hybrid logical clock persisted by a timer;
 * - `reports` rows (and their outbox rows): a report export accepted earlier finishes in a worker
 *   and records its file whenever it is done, possibly during a later, refused call.
 */
export class DatabaseWatch {
  private readonly db: Database.Database;
  private readonly tables: string[];
  private version: number;
  private baseline: Map<string, string>;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    this.version = this.dataVersion();
    this.baseline = this.digest();
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private query(table: string): string | null {
    switch (table) {
      case 'login_attempts':
      case 'audit_log':
      case 'reports':
        return null;
      case 'outbox':
        return `SELECT * FROM outbox WHERE table_name NOT IN ('audit_log', 'reports') ORDER BY rowid`;
      case 'local_meta':
        return `SELECT * FROM local_meta WHERE key <> 'hlc_last' ORDER BY key`;
      default:
        return `SELECT * FROM "${table}" ORDER BY rowid`;
    }
  }

  /** One SHA-256 per table over every row, in rowid order. */
  digest(): Map<string, string> {
    const out = new Map<string, string>();
    const read = this.db.transaction(() => {
      for (const table of this.tables) {
        const sql = this.query(table);
        if (sql === null) continue;
        const hash = createHash('sha256');
        for (const row of this.db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
        out.set(table, hash.digest('hex'));
      }
    });
    read();
    return out;
  }

  /** Tables whose content differs from the baseline (empty when nothing was committed). */
  changedTables(): string[] {
    const v = this.dataVersion();
    if (v === this.version) return [];
    const now = this.digest();
    const changed = [...now].filter(([t, h]) => this.baseline.get(t) !== h).map(([t]) => t);
    // Only excluded rows moved (a counted login failure): no need to hash again next time.
    if (changed.length === 0) this.version = v;
    return changed;
  }

  /** Accepts the current content as the new baseline (after a call that was allowed to change things). */
  accept(): void {
    const v = this.dataVersion();
    if (v === this.version) return;
    this.version = v;
    this.baseline = this.digest();
  }

  /** Hash of chosen rows, e.g. another cinema's, to prove nothing touched them. */
  rowsDigest(table: string, ids: readonly string[]): string {
    const hash = createHash('sha256');
    const stmt = this.db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).raw();
    for (const id of ids) hash.update(JSON.stringify(stmt.get(id) ?? null));
    return hash.digest('hex');
  }

  /**
   * How many stored texts hold a control character (NUL, C0, DEL, C1, line separators), per
   * `table.column` — issue 12, item 11: no name or text may bring one in. PEM public keys
   * (`public_key` of terminals and journal signers) have line breaks by design and are left out.
   */
  controlCharacterCells(): Record<string, number> {
    const control = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
    const out: Record<string, number> = {};
    for (const table of this.tables) {
      const stmt = this.db.prepare(`SELECT * FROM "${table}"`);
      const columns = stmt.columns().map((c) => c.name);
      for (const row of stmt.raw().iterate() as Iterable<unknown[]>) {
        row.forEach((value, i) => {
          if (typeof value === 'string' && columns[i] !== 'public_key' && control.test(value)) out[`${table}.${columns[i]}`] = (out[`${table}.${columns[i]}`] ?? 0) + 1;
        });
      }
    }
    return out;
  }

  close(): void {
    this.db.close();
  }
}
