import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CentralCredentials } from './secret-store';

/** A change as the central database sends it in a pull. */
export interface CentralChange {
  t: string;
  id: string;
  deleted: boolean;
  hlc: string;
  row: Record<string, unknown>;
}

export interface PullCursor {
  xid: string;
  seq: number;
}

export interface PullPage {
  changes: CentralChange[];
  next: PullCursor;
  more: boolean;
}

/** One row of a push batch. */
export interface PushItem {
  t: string;
  op: 'UPSERT' | 'DELETE';
  id: string;
  /** DELETE only: the tombstone's HLC and the deleting terminal. */
  hlc?: string;
  origin?: string;
  row?: Record<string, unknown>;
}

export interface PushResult {
  applied: number;
  deleted: number;
  conflicts: number;
}

export interface CentralIdentity {
  terminalId: string;
  cinemaId: string;
  name: string;
}

/**
 * The terminal's connection to the central database, as its own least-privilege login role:
 * every call is one sync function (one statement, one central transaction).
 */
export class CentralClient {
  private readonly db: Kysely<Record<string, never>>;
  private readonly pool: pg.Pool;

  constructor(credentials: CentralCredentials, options: { connectTimeoutMs?: number; queryTimeoutMs?: number } = {}) {
    const u = new URL(credentials.url);
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('The central database address must start with postgres://');
    this.pool = new pg.Pool({
      host: decodeURIComponent(u.hostname),
      port: Number(u.port || 5432),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
      user: credentials.user,
      password: credentials.password,
      ssl: u.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
      max: 2,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      query_timeout: options.queryTimeoutMs ?? 60_000,
      idleTimeoutMillis: 30_000,
    });
    // A dropped connection surfaces on the next call; an idle one must not crash the process.
    this.pool.on('error', () => undefined);
    // …and a connection cut in the middle of a call fails that call; it must not also crash the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.db = new Kysely({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  async whoami(): Promise<CentralIdentity> {
    const r = await sql<{ v: { terminal_id: string; cinema_id: string; name: string } }>`SELECT sync_whoami() AS v`.execute(this.db);
    const v = r.rows[0]!.v;
    return { terminalId: v.terminal_id, cinemaId: v.cinema_id, name: v.name };
  }

  async push(batch: PushItem[]): Promise<PushResult> {
    const r = await sql<{ v: PushResult }>`SELECT sync_push(${JSON.stringify(batch)}::jsonb) AS v`.execute(this.db);
    return r.rows[0]!.v;
  }

  async pull(cursor: PullCursor | null, maxRows: number): Promise<PullPage> {
    const r = await sql<{ v: PullPage }>`SELECT sync_pull(${cursor?.xid ?? null}, ${cursor?.seq ?? 0}, ${maxRows}::integer) AS v`.execute(this.db);
    return r.rows[0]!.v;
  }

  async holdSeats(sessionId: string, seatIds: string[], holdSeconds: number): Promise<{ ok: boolean; taken: string[] }> {
    const r = await sql<{ v: { ok: boolean; taken: string[] } }>`SELECT sync_hold_seats(${sessionId}, ${seatIds}::text[], ${Math.round(holdSeconds)}::integer) AS v`.execute(this.db);
    return r.rows[0]!.v;
  }

  async releaseSeats(sessionId: string, seatIds: string[]): Promise<number> {
    const r = await sql<{ v: number }>`SELECT sync_release_seats(${sessionId}, ${seatIds}::text[]) AS v`.execute(this.db);
    return r.rows[0]!.v;
  }

  async resolveConflict(conflictId: string, resolution: string): Promise<boolean> {
    const r = await sql<{ v: boolean }>`SELECT sync_resolve_conflict(${conflictId}, ${resolution}) AS v`.execute(this.db);
    return r.rows[0]!.v;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
