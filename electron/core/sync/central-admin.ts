import { Kysely, Migrator, PostgresDialect, sql, type MigrationResult } from 'kysely';
import pg from 'pg';
import { centralMigrations } from '../../../migrations/central';
import { newLoginPassword, scramSha256Secret } from './scram-secret';
import { terminalKeyHash, terminalKeyOf } from './terminal-key';
import { POOL_LOGIN } from '../../../migrations/central/0015-shared-backends-terminal-key';

/**
 * What the central database's owner does (the `npm run central` CLI and the tests): migrate,
 * register a terminal (its own PostgreSQL login role), create a central admin.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the central schema is reached through its functions
export type CentralDb = Kysely<any>;

export function openCentralAsOwner(url: string): CentralDb {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection dropped by the server is replaced on the next query, not a crash.
  pool.on('error', () => undefined);
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}

/**
 * What the owner role must be able to do before migrating (0001 creates roles, 0001/0004 revoke
 * on the database and in pg_catalog): the missing rights as sentences, and warnings for rights
 * whose absence only weakens a protection.
 */
export async function checkOwnerRights(db: CentralDb): Promise<{ missing: string[]; warnings: string[] }> {
  const r = await sql<{ name: string; superuser: boolean; createrole: boolean; owns_db: boolean; create_public: boolean }>`
    SELECT current_user AS name, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
           d.datdba = r.oid AS owns_db, has_schema_privilege('public', 'CREATE') AS create_public
    FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`.execute(db);
  const me = r.rows[0]!;
  const missing: string[] = [];
  if (!me.superuser && !me.createrole) missing.push(`role ${me.name} lacks CREATEROLE (it creates the terminal and admin login roles): ALTER ROLE ${me.name} CREATEROLE`);
  if (!me.superuser && !me.owns_db) missing.push(`role ${me.name} does not own the database (it revokes TEMP on it): ALTER DATABASE … OWNER TO ${me.name}`);
  if (!me.superuser && !me.create_public) missing.push(`role ${me.name} cannot create tables in schema public: GRANT CREATE ON SCHEMA public TO ${me.name}`);
  const warnings = me.superuser
    ? []
    : [`role ${me.name} is not a superuser: the large-object functions (lo_*) stay callable by terminal logins, and the shared login may cancel and end its peers' backends, unless a superuser runs the REVOKEs in docs/operations.md ("Setting up the central PostgreSQL")`];
  return { missing, warnings };
}

export async function migrateCentral(db: CentralDb): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => centralMigrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new Error(`Central migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return results;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The login role of a terminal: derived from its id, so one terminal has exactly one. */
export function terminalRoleName(terminalId: string): string {
  return `terminal_${terminalId.replace(/-/g, '').toLowerCase()}`;
}

export interface RegisteredTerminal {
  terminalId: string;
  cinemaId: string;
  user: string;
  /** Shown once; only its hash stays in PostgreSQL. */
  password: string;
}

/**
 * Creates the terminal's LOGIN role (member of box_office_terminal: EXECUTE on the sync functions
 * only) with a fresh random password, and maps it to its terminal id and cinema. Registering the
 * same terminal again issues a new password (the old one stops working).
 */
export async function registerCentralTerminal(
  db: CentralDb,
  input: { terminalId: string; cinemaId: string; name?: string; publicKey?: string | null },
): Promise<RegisteredTerminal> {
  if (!UUID.test(input.terminalId)) throw new Error(`terminal id must be a UUID (the Sync screen shows it): ${input.terminalId}`);
  if (!UUID.test(input.cinemaId)) throw new Error(`cinema id must be a UUID (the Sync screen shows it): ${input.cinemaId}`);
  const role = terminalRoleName(input.terminalId);
  const { password, secret } = newLoginPassword();
  await db.transaction().execute(async (trx) => {
    const other = await sql<{ cinema_id: string }>`SELECT cinema_id FROM sync_terminals WHERE terminal_id = ${input.terminalId}`.execute(trx);
    if (other.rows[0] && other.rows[0].cinema_id !== input.cinemaId) {
      throw new Error(`terminal ${input.terminalId} is already registered for cinema ${other.rows[0].cinema_id}`);
    }
    const exists = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`.execute(trx);
    // Role names and passwords can't be bound parameters in DDL: the name is hex-only, the SCRAM secret
    // base64 (the password itself is never sent: no server log or pg_stat_statements row holds it).
    if (exists.rows.length === 0) await sql.raw(`CREATE ROLE ${role} LOGIN PASSWORD '${secret}' IN ROLE box_office_terminal`).execute(trx);
    else await sql.raw(`ALTER ROLE ${role} LOGIN PASSWORD '${secret}'`).execute(trx);
    // Timeouts and a connection limit (central migration 0004); the owner may see and end the login's
    // sessions (a transaction left open holds every cinema's pulls).
    await sql`SELECT sync_limit_terminal_role(${role})`.execute(trx);
    // The hash of the terminal's key for the shared pool (central 0015), from the same password.
    const keyHash = terminalKeyHash(terminalKeyOf(password));
    await sql`INSERT INTO sync_terminals (role_name, terminal_id, cinema_id, name, public_key, key_hash)
              VALUES (${role}, ${input.terminalId}, ${input.cinemaId}, ${input.name ?? ''}, ${input.publicKey ?? null}, decode(${keyHash}, 'hex'))
              ON CONFLICT (role_name) DO UPDATE SET name = excluded.name, public_key = coalesce(excluded.public_key, sync_terminals.public_key),
                key_hash = excluded.key_hash, revoked_at = NULL`.execute(trx);
  });
  return { terminalId: input.terminalId, cinemaId: input.cinemaId, user: role, password };
}

/**
 * The shared login a pooler's server connections use (central 0015), with a fresh password: only the
 * pooler's configuration holds it (terminals log in to the pooler as themselves). Running it again
 * issues a new password.
 */
export async function enablePoolLogin(db: CentralDb, chosen?: string): Promise<{ user: string; password: string }> {
  // (Tests choose one: the login is the cluster's, shared by the test files' databases.)
  const { password, secret } = chosen ? { password: chosen, secret: scramSha256Secret(chosen) } : newLoginPassword();
  await sql.raw(`ALTER ROLE ${POOL_LOGIN} LOGIN PASSWORD '${secret}'`).execute(db);
  return { user: POOL_LOGIN, password };
}

/** A central administrator: may log in and read the views of schema `reports` (every cinema, no secrets), writes nothing. */
export async function createCentralAdmin(db: CentralDb, username: string): Promise<{ user: string; password: string }> {
  if (!/^[a-z][a-z0-9_]{2,40}$/.test(username)) throw new Error('admin name: 3–41 lower-case letters, digits or _ starting with a letter');
  const { password, secret } = newLoginPassword();
  await sql.raw(`CREATE ROLE ${username} LOGIN PASSWORD '${secret}' IN ROLE box_office_admin`).execute(db);
  return { user: username, password };
}

export interface PruneResult {
  /** change_log rows with a transaction id below this are gone (central 0013's floor). */
  floor: string;
  deleted: number;
  batches: number;
}

/**
 * change_log retention (central 0013): raises the floor to what every live terminal has pulled, and
 * not past `keepDays` of history, then deletes below it `batch` rows per transaction (no long lock,
 * no long transaction holding every pull's horizon). A terminal below the floor gets a full re-pull.
 */
export async function pruneChangeLog(db: CentralDb, options: { keepDays: number; batch?: number }): Promise<PruneResult> {
  if (!Number.isFinite(options.keepDays) || options.keepDays < 0) throw new Error('--keep-days must be a number of days, 0 or more');
  const batch = options.batch ?? 5000;
  if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch must be a whole number of rows, 1 or more');
  const floor = (await sql<{ f: string }>`SELECT sync_raise_log_floor(make_interval(secs => ${options.keepDays * 86_400}))::text AS f`.execute(db)).rows[0]!.f;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const n = Number((await sql<{ n: string }>`SELECT sync_prune_change_log(${batch}::integer) AS n`.execute(db)).rows[0]!.n);
    batches++;
    deleted += n;
    if (n === 0) return { floor, deleted, batches };
  }
}
