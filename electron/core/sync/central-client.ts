import { Kysely, PostgresDialect, sql, type QueryResult, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { CentralCredentials } from './secret-store';
import { connectWithBackoff, type BusyRetryOptions } from './central-busy';
import type { JournalPushResult } from '../journal/push-journal';
import type { CinemaTerminal } from '../../../shared/contract';
import { MAX_PUSH_BYTES, MAX_PUSH_ROWS } from '../../../migrations/central/0004-terminal-reaches-own-cinema-only';
import { TERMINAL_KEY_SETTING } from '../../../migrations/central/0015-shared-backends-terminal-key';
import { terminalKeyHash, terminalKeyOf } from './terminal-key';


/** JSON text per push call: the centre measures the parsed form, which may be larger than the text. */
const PUSH_BYTES_PER_CALL = MAX_PUSH_BYTES / 2;

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
  /**
   * On the last page: the centre's newest transaction id. A cursor (the pull horizon) behind it
   * means a transaction is still running there; one that stays behind is holding every pull back.
   */
  newest?: string;
}

/** A row of sync_pull_rows: a change, or (t null) the cursor after a page that was not full. */
interface PulledRow {
  t: string | null;
  id: string;
  deleted: boolean;
  hlc: string;
  data: Record<string, unknown>;
  xid: string;
  /** bigint: text from the driver. */
  seq: string;
  newest: string | null;
}

const toChange = (r: PulledRow): CentralChange => ({ t: r.t!, id: r.id, deleted: r.deleted, hlc: r.hlc, row: r.data });

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

/** A push batch as sync_push_rows takes it: runs of one table and operation, in the batch's order. */
export type PushGroup =
  | { t: string; op: 'UPSERT'; rows: Record<string, unknown>[] }
  | { t: string; op: 'DELETE'; items: { id: string; hlc?: string; origin?: string }[] };

export function groupBatch(batch: readonly PushItem[]): PushGroup[] {
  const groups: PushGroup[] = [];
  let last: PushGroup | undefined;
  for (const item of batch) {
    if (!last || last.t !== item.t || last.op !== item.op) {
      last = item.op === 'UPSERT' ? { t: item.t, op: 'UPSERT', rows: [] } : { t: item.t, op: 'DELETE', items: [] };
      groups.push(last);
    }
    if (last.op === 'UPSERT') last.rows.push(item.row ?? { id: item.id });
    else last.items.push({ id: item.id, hlc: item.hlc, origin: item.origin });
  }
  return groups;
}

export interface PushResult {
  applied: number;
  deleted: number;
  conflicts: number;
  /** Rows that lost last-writer-wins: the centre's newer version comes back with the next pull (central 0004). */
  lost?: number;
}

/** What redeem_enrolment_code answers (central migration 0011). */
export type RedeemAnswer =
  | { ok: true; login: string; cinema_id: string; terminal_id: string; name: string; may_enrol: boolean }
  | { ok: false; reason: 'THROTTLED' | 'FORMAT' | 'UNKNOWN' | 'USED' | 'EXPIRED' | 'KNOWN_TERMINAL'; minutes?: number };

/** A terminal of the cinema as the centre lists it (the Sync screen adds which one is this terminal). */
export type CentralTerminal = Omit<CinemaTerminal, 'thisTerminal'>;

export interface CentralIdentity {
  terminalId: string;
  cinemaId: string;
  name: string;
}

/**
 * The terminal's connection to the central database, as its own least-privilege login role:
 * every call is one sync function (one statement, one central transaction).
 *
 * An address ending in `?pool=shared` is a pooler's database entry whose server connections all log
 * in as the centre's shared login (central 0015): there every call is a transaction that first says
 * which terminal is calling with the terminal's key, for that transaction only.
 */
export class CentralClient {
  private readonly db: Kysely<Record<string, never>>;
  private readonly pool: pg.Pool;
  /** This terminal's key (central 0015): sent with every call on a shared pool, its hash given on the own login. */
  private readonly key: string;
  private readonly shared: boolean;
  /** Connections the centre refused as full (53300) and this client retried after a pause. */
  busyRefusals = 0;

  /**
   * `idleTimeoutMs`: how long an idle connection is kept (default 1 s: connect per sync, see below);
   * behind a pooler such as PgBouncer a terminal may keep its (cheap) client connection longer.
   */
  /** `terminalKey`: the key to send on a shared pool, when the login's password is not the terminal's own (a test logging in as the shared login). */
  constructor(
    credentials: CentralCredentials,
    options: { connectTimeoutMs?: number; queryTimeoutMs?: number; idleTimeoutMs?: number; busy?: BusyRetryOptions; terminalKey?: string } = {},
  ) {
    const u = new URL(credentials.url);
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('The central database address must start with postgres://');
    this.shared = u.searchParams.get('pool') === 'shared';
    this.key = options.terminalKey ?? terminalKeyOf(credentials.password);
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
      // Connect per sync: a connection idle for a second is closed, so a terminal holds one only while
      // it syncs — 1,000 terminals polling every 5 s would otherwise keep 1,000 open (issue 18, README "A chain on one central PostgreSQL").
      idleTimeoutMillis: options.idleTimeoutMs ?? 1_000,
    });
    // A dropped connection surfaces on the next call; an idle one must not crash the process.
    this.pool.on('error', () => undefined);
    // …and a connection cut in the middle of a call fails that call; it must not also crash the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    // A full server (53300) is waited out with backoff and jitter, not reported (central-busy.ts).
    const busy: BusyRetryOptions = { ...options.busy, onRefused: () => (this.busyRefusals++, options.busy?.onRefused?.()) };
    const pool = this.pool;
    this.db = new Kysely({ dialect: new PostgresDialect({ pool: { connect: () => connectWithBackoff(() => pool.connect(), busy), end: () => pool.end() } }) });
  }

  /**
   * One call. On a shared pool it is a transaction whose first statement names the terminal by its
   * key for this transaction only, so the pooler may hand the server connection to another terminal
   * right after it (central 0015). Parameters stay parameters: a query's text is visible to every
   * session of the same login in pg_stat_activity — on the shared login, to other terminals.
   */
  private run<R>(query: RawBuilder<R>): Promise<QueryResult<R>> {
    if (!this.shared) return query.execute(this.db);
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config(${TERMINAL_KEY_SETTING}, ${this.key}, true)`.execute(trx);
      return query.execute(trx);
    });
  }

  /**
   * The key as an expression the call cannot be evaluated before (one round trip instead of four,
   * for the calls every sync makes): inside CASE, whose order PostgreSQL documents as the way to
   * force evaluation order, or as an argument the call needs.
   */
  private keyFirst(): RawBuilder<unknown> {
    return sql`set_config(${TERMINAL_KEY_SETTING}, ${this.key}, true)`;
  }

  /**
   * On the terminal's own login: gives the centre the hash of this terminal's key, so the terminal
   * may also sync through a shared pool (central 0015). Idempotent; a centre before 0015 has no such
   * function, which is not an error here.
   */
  async giveTerminalKey(): Promise<void> {
    if (this.shared) return; // a call on the shared pool already proves the centre has it
    try {
      await sql`SELECT sync_set_terminal_key(${terminalKeyHash(this.key)})`.execute(this.db);
    } catch (e) {
      if ((e as { code?: string }).code !== '42883') throw e;
    }
  }

  async whoami(): Promise<CentralIdentity> {
    const r = await this.run(sql<{ v: { terminal_id: string; cinema_id: string; name: string } }>`SELECT sync_whoami() AS v`);
    const v = r.rows[0]!.v;
    return { terminalId: v.terminal_id, cinemaId: v.cinema_id, name: v.name };
  }

  /**
   * The batch grouped by table and operation (sync_push_rows writes each group in one statement):
   * one central transaction, or several in order when the batch is beyond the centre's limits
   * (rows and bytes per call, central migration 0004) — each row is idempotent and parents still
   * go first, so a cut between the parts only means the rest is sent again.
   */
  async push(batch: PushItem[]): Promise<PushResult> {
    const text = JSON.stringify(groupBatch(batch));
    if (batch.length > 1 && (batch.length > MAX_PUSH_ROWS || text.length > PUSH_BYTES_PER_CALL)) {
      const half = Math.ceil(batch.length / 2);
      const first = await this.push(batch.slice(0, half));
      const second = await this.push(batch.slice(half));
      return {
        applied: first.applied + second.applied,
        deleted: first.deleted + second.deleted,
        conflicts: first.conflicts + second.conflicts,
        lost: (first.lost ?? 0) + (second.lost ?? 0),
      };
    }
    const r = this.shared
      ? await sql<{ v: PushResult }>`SELECT CASE WHEN ${this.keyFirst()} IS NOT NULL THEN sync_push_rows(${text}::jsonb) END AS v`.execute(this.db)
      : await sql<{ v: PushResult }>`SELECT sync_push_rows(${text}::jsonb) AS v`.execute(this.db);
    return r.rows[0]!.v;
  }

  /** Seats of a session of this cinema held at other terminals or sold (central holds and tickets), for the seat map. */
  async sessionSeats(sessionId: string): Promise<{ seatId: string; state: 'HELD' | 'SOLD' }[]> {
    const r = await this.run(sql<{ seat_id: string; state: 'HELD' | 'SOLD' }>`SELECT seat_id, state FROM sync_session_seats(${sessionId})`);
    return r.rows.map((x) => ({ seatId: x.seat_id, state: x.state }));
  }

  /**
   * The changes after the cursor as rows (each row's jsonb parsed on its own, not one document of
   * the whole page); the last row is the cursor where the next pull starts when the page is not full.
   */
  async pull(cursor: PullCursor | null, maxRows: number): Promise<PullPage> {
    const after = cursor?.xid ?? null;
    const r = this.shared
      ? // The cursor argument needs the key's row first (a lateral reference): one statement, key before pull.
        await sql<PulledRow>`SELECT p.t, p.id, p.deleted, p.hlc, p.data, p.xid, p.seq, p.newest FROM (SELECT ${this.keyFirst()} AS k) s,
          LATERAL sync_pull_rows(CASE WHEN s.k IS NOT NULL THEN ${after}::text END, ${cursor?.seq ?? 0}, ${maxRows}::integer) p`.execute(this.db)
      : await sql<PulledRow>`SELECT t, id, deleted, hlc, data, xid, seq, newest FROM sync_pull_rows(${after}, ${cursor?.seq ?? 0}, ${maxRows}::integer)`.execute(this.db);
    const rows = r.rows;
    const last = rows[rows.length - 1];
    if (last && last.t === null) {
      rows.pop();
      return { changes: rows.map(toChange), next: { xid: last.xid, seq: 0 }, more: false, newest: last.newest ?? undefined };
    }
    if (!last) throw new Error('The central database sent a page without a cursor.');
    return { changes: rows.map(toChange), next: { xid: last.xid, seq: Number(last.seq) }, more: true };
  }

  /** Rule 16: this terminal's new journal entries and their signers' keys; the centre checks the chain (central migration 0006). */
  async pushJournal(entries: readonly Record<string, unknown>[], signers: readonly Record<string, unknown>[]): Promise<JournalPushResult> {
    const r = await this.run(sql<{ v: JournalPushResult }>`SELECT sync_push_journal(${JSON.stringify(entries)}::jsonb, ${JSON.stringify(signers)}::jsonb) AS v`);
    return r.rows[0]!.v;
  }

  async holdSeats(sessionId: string, seatIds: string[], holdSeconds: number): Promise<{ ok: boolean; taken: string[] }> {
    const r = await this.run(sql<{ v: { ok: boolean; taken: string[] } }>`SELECT sync_hold_seats(${sessionId}, ${seatIds}::text[], ${Math.round(holdSeconds)}::integer) AS v`);
    return r.rows[0]!.v;
  }

  /** Rule 17: the centre's sums of a voucher of the chain (null when nothing of it has reached the centre yet). */
  async voucherBalance(voucherId: string): Promise<{ id: string; balance: number; by_cinema: Record<string, number>; updated_at: string; origin: string } | null> {
    const r = await this.run(sql<{ v: { id: string; balance: number; by_cinema: Record<string, number>; updated_at: string; origin: string } | null }>`SELECT sync_voucher_balance(${voucherId}) AS v`);
    return r.rows[0]?.v ?? null;
  }

  /** Takes over the central holds of a reservation of this cinema picked up here (central 0012); the number of seats. */
  async pickUpReservation(reservationId: string): Promise<number> {
    const r = await this.run(sql<{ v: number }>`SELECT sync_pick_up_reservation(${reservationId}) AS v`);
    return r.rows[0]!.v;
  }

  async releaseSeats(sessionId: string, seatIds: string[]): Promise<number> {
    const r = await this.run(sql<{ v: number }>`SELECT sync_release_seats(${sessionId}, ${seatIds}::text[]) AS v`);
    return r.rows[0]!.v;
  }

  async resolveConflict(conflictId: string, resolution: string): Promise<boolean> {
    const r = await this.run(sql<{ v: boolean }>`SELECT sync_resolve_conflict(${conflictId}, ${resolution}) AS v`);
    return r.rows[0]!.v;
  }

  /** As box_office_enrol (central 0011): a one-time code → this terminal's own login, or why not. */
  /** passwordSecret: the SCRAM secret of the password the terminal chose (scram-secret.ts); the centre never sees the password. */
  async redeemEnrolmentCode(code: string, terminal: { id: string; name: string; publicKey: string; passwordSecret: string }): Promise<RedeemAnswer> {
    const r = await this.run(sql<{ v: RedeemAnswer }>`SELECT redeem_enrolment_code(${code}, ${terminal.id}, ${terminal.name}, ${terminal.publicKey}, ${terminal.passwordSecret}) AS v`);
    return r.rows[0]!.v;
  }

  /** A code (its hash) for a terminal of this cinema; needs the centre's may_enrol for this terminal. */
  async issueEnrolmentCode(codeHash: string, terminalName: string, validSeconds: number): Promise<{ cinema_id: string; expires_at: string }> {
    const r = await this.run(sql<{ v: { cinema_id: string; expires_at: string } }>`SELECT sync_issue_enrolment_code(${codeHash}, ${terminalName}, ${validSeconds}::integer) AS v`);
    return r.rows[0]!.v;
  }

  /** A new cinema of the chain and a code (its hash) for its first terminal; needs may_enrol. */
  async createCinema(
    cinema: { id: string; name: string; address: string; timezone: string; currency: string },
    codeHash: string,
    terminalName: string,
    validSeconds: number,
  ): Promise<{ cinema_id: string; expires_at: string }> {
    const r = await this.run(sql<{ v: { cinema_id: string; expires_at: string } }>`SELECT sync_create_cinema(${cinema.id}, ${cinema.name}, ${cinema.address}, ${cinema.timezone}, ${cinema.currency},
      ${codeHash}, ${terminalName}, ${validSeconds}::integer) AS v`);
    return r.rows[0]!.v;
  }

  /** After a sync: the centre notes when it last saw this terminal and what it still has to send. */
  async heartbeat(changesWaiting: number): Promise<void> {
    await this.run(sql`SELECT sync_heartbeat(${changesWaiting}::bigint)`);
  }

  /** The terminals of this cinema as the centre knows them. */
  async cinemaTerminals(): Promise<CentralTerminal[]> {
    const r = await this.run(sql<{ terminal_id: string; name: string; registered_at: Date; last_seen_at: Date | null; changes_waiting: string | null; may_enrol: boolean; revoked: boolean }>`
      SELECT terminal_id, name, registered_at, last_seen_at, changes_waiting, may_enrol, revoked FROM sync_cinema_terminals()`);
    return r.rows.map((t) => ({
      terminalId: t.terminal_id,
      name: t.name,
      registeredAt: new Date(t.registered_at).toISOString(),
      lastSeenAt: t.last_seen_at ? new Date(t.last_seen_at).toISOString() : null,
      changesWaiting: t.changes_waiting === null ? null : Number(t.changes_waiting),
      mayEnrol: t.may_enrol,
      revoked: t.revoked,
    }));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
