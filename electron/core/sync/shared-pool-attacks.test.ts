import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { pgBouncerInstalled, startPgBouncer, type PgBouncer } from './testing/pgbouncer';
import { createCentralAdmin, enablePoolLogin, registerCentralTerminal, type CentralDb, type RegisteredTerminal } from './central-admin';
import { CentralClient, type PushItem } from './central-client';
import { terminalKeyHash, terminalKeyOf } from './terminal-key';
import { POOL_LOGIN } from '../../../migrations/central/0015-shared-backends-terminal-key';
import { newId } from '../ids';

/*
 * A hostile terminal of cinema B on PgBouncer's shared server connections (central 0015): it logs in
 * to PgBouncer as itself, and whatever SQL it sends runs on a backend of the shared login
 * `box_office_pool` — the same role as every other terminal's pooled backend. What that role may do
 * to its peers (see them, signal them, change its own settings) is tried here.
 */
const POOL_PASSWORD = 'shared-pool-test-password';

describe.skipIf(!pgBouncerInstalled())('a hostile terminal on the shared server connections', () => {
  let central: TestPostgres;
  let owner: CentralDb;
  let bouncer: PgBouncer;
  let a: RegisteredTerminal;
  let b: RegisteredTerminal;
  const cinemaA = newId();
  const cinemaB = newId();
  const sharedDb = () => `${central.database}_shared`;
  const sharedUrl = () => `postgres://127.0.0.1:${bouncer.port}/${sharedDb()}?pool=shared`;
  const clients: CentralClient[] = [];
  const raws: pg.Client[] = [];

  /** A terminal's app: its own login to PgBouncer, the shared pool behind it. */
  const app = (t: RegisteredTerminal) => {
    const c = new CentralClient({ url: sharedUrl(), user: t.user, password: t.password }, { idleTimeoutMs: 60_000 });
    clients.push(c);
    return c;
  };
  /** The hostile terminal's own SQL, through PgBouncer onto the shared login's backends. */
  const hostile = async (t: RegisteredTerminal) => {
    const c = new pg.Client({ host: '127.0.0.1', port: bouncer.port, database: sharedDb(), user: t.user, password: t.password });
    c.on('error', () => undefined);
    await c.connect();
    raws.push(c);
    return c;
  };
  const customers = (cinemaId: string, origin: string, n: number): PushItem[] =>
    Array.from({ length: n }, () => {
      const id = newId();
      const updated_at = `${String(Date.now() - 60_000).padStart(15, '0')}-00000-${origin}`;
      return { t: 'customers', op: 'UPSERT', id, row: { id, name: `A's customer ${id}`, phone: null, email: null, card_number: null, cinema_id: cinemaId, created_at: '2026-12-05T12:00:00.000Z', updated_at, origin } };
    });

  beforeAll(async () => {
    ({ central, owner } = await startMigratedCentral());
    a = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA, name: 'A1' });
    b = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaB, name: 'B1' });
    await enablePoolLogin(owner, POOL_PASSWORD);
    // Two server connections: the hostile terminal holds one while A's calls run on the other.
    bouncer = await startPgBouncer(owner, central, { pool_mode: 'transaction', max_client_conn: 100 }, { password: POOL_PASSWORD, poolSize: 2 });
  }, 120_000);

  afterAll(async () => {
    for (const c of raws) await c.end().catch(() => undefined);
    for (const c of clients) await c.close().catch(() => undefined);
    await bouncer?.stop();
    await stopMigratedCentral({ central, owner });
  });

  it("reads no other terminal's key (nor its data) from the shared login's activity while A syncs", async () => {
    const asA = app(a);
    const spy = await hostile(b);
    const seen = new Set<string>();
    let syncing = true;
    const aSyncs = (async () => {
      for (let i = 0; i < 15; i++) {
        await asA.push(customers(cinemaA, a.terminalId, 300));
        await asA.pull(null, 1000);
      }
    })().finally(() => (syncing = false));
    while (syncing) {
      const r = await spy.query<{ q: string }>(`SELECT query AS q FROM pg_stat_activity WHERE usename = current_user AND pid <> pg_backend_pid()`);
      for (const { q } of r.rows) seen.add(q);
      // pg_stat_get_backend_activity: the same text by backend id
      const r2 = await spy.query<{ q: string | null }>(`SELECT pg_stat_get_backend_activity(id) AS q FROM pg_stat_get_backend_idset() id`);
      for (const { q } of r2.rows) if (q) seen.add(q);
    }
    await aSyncs;
    const texts = [...seen].join('\n');
    expect(texts).toMatch(/sync_(push|pull)_rows/); // the spy did see A's calls running
    expect(texts).not.toContain(terminalKeyOf(a.password));
    expect(texts).not.toContain("A's customer");
    // Had it seen the key, this is what it would do with it: be A.
    const stolen = /terminal_key', '([0-9a-f]{64})'/.exec(texts)?.[1];
    if (stolen) {
      const asStolen = new CentralClient({ url: sharedUrl(), user: b.user, password: b.password }, { terminalKey: stolen });
      clients.push(asStolen);
      expect((await asStolen.whoami()).cinemaId).not.toBe(cinemaA);
    }
  }, 120_000);

  it("cannot end or cancel the shared login's other backends (another terminal's call in flight)", async () => {
    const victim = new pg.Client({ host: central.host, port: central.port, database: central.database, user: POOL_LOGIN, password: POOL_PASSWORD });
    victim.on('error', () => undefined);
    await victim.connect();
    raws.push(victim);
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const attacker = await hostile(b);
    await expect(attacker.query('SELECT pg_cancel_backend($1)', [pid])).rejects.toThrow(/permission denied/);
    await expect(attacker.query('SELECT pg_terminate_backend($1)', [pid])).rejects.toThrow(/permission denied/);
    expect((await victim.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });

  it("cannot become whoever sends no key: B giving the hash of the empty key is refused, a keyless call is nobody", async () => {
    const own = new pg.Client({ host: central.host, port: central.port, database: central.database, user: b.user, password: b.password });
    own.on('error', () => undefined);
    await own.connect();
    raws.push(own);
    // A warm shared backend reads an unset key as '' (the setting exists once any transaction set it).
    await expect(own.query(`SELECT sync_set_terminal_key(encode(sha256(''::bytea), 'hex'))`)).rejects.toThrow(/not a key/);
    // Even with that hash in place (written by the owner here), a call carrying no key is nobody.
    await sql`UPDATE sync_terminals SET key_hash = sha256(''::bytea) WHERE terminal_id = ${b.terminalId}`.execute(owner);
    try {
      // A's terminal pointed at the shared entry without ?pool=shared: its calls carry no key.
      const misconfigured = new CentralClient({ url: `postgres://127.0.0.1:${bouncer.port}/${sharedDb()}`, user: a.user, password: a.password });
      clients.push(misconfigured);
      await app(a).whoami(); // the shared backends are warm
      await expect(misconfigured.whoami()).rejects.toThrow(/carries no key/);
      await expect(misconfigured.pull(null, 10)).rejects.toThrow(/carries no key/);
    } finally {
      await sql`UPDATE sync_terminals SET key_hash = decode(${terminalKeyHash(terminalKeyOf(b.password))}, 'hex') WHERE terminal_id = ${b.terminalId}`.execute(owner);
    }
  });

  it("cannot make its own key the shared login's default, so that calls carrying no key become its calls", async () => {
    const attacker = await hostile(b);
    const keyB = terminalKeyOf(b.password);
    try {
      // PostgreSQL refuses a non-superuser a default for a custom setting: directly, and after the
      // setting exists in its session (a set_config makes it known).
      await expect(attacker.query(`ALTER ROLE ${POOL_LOGIN} IN DATABASE ${central.database} SET box_office.terminal_key = '${keyB}'`)).rejects.toThrow(/permission denied to set parameter/);
      await attacker.query(`SELECT set_config('box_office.terminal_key', 'x', false)`);
      await expect(attacker.query(`ALTER ROLE ${POOL_LOGIN} IN DATABASE ${central.database} SET box_office.terminal_key = '${keyB}'`)).rejects.toThrow(/permission denied to set parameter/);
      // A fresh backend of the shared login (as PgBouncer opens one), a call carrying no key.
      const fresh = new pg.Client({ host: central.host, port: central.port, database: central.database, user: POOL_LOGIN, password: POOL_PASSWORD });
      fresh.on('error', () => undefined);
      await fresh.connect();
      raws.push(fresh);
      await expect(fresh.query('SELECT sync_whoami()')).rejects.toThrow(/carries no key/);
    } finally {
      await sql.raw(`ALTER ROLE ${POOL_LOGIN} IN DATABASE ${central.database} RESET ALL`).execute(owner);
    }
  });

  it("the key's order holds: the calls a key is set inside (CASE, a lateral argument) are volatile, never folded before it", async () => {
    const r = await sql<{ f: string; v: string }>`SELECT proname AS f, provolatile AS v FROM pg_proc WHERE proname IN ('sync_push_rows', 'sync_pull_rows')`.execute(owner);
    expect(r.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of r.rows) expect(row).toEqual({ f: row.f, v: 'v' });
  });

  it("no key hash reaches the reporting login or a terminal's answers", async () => {
    const admin = await createCentralAdmin(owner, `review_${Date.now().toString(36)}`);
    const c = new pg.Client({ host: central.host, port: central.port, database: central.database, user: admin.user, password: admin.password });
    c.on('error', () => undefined);
    await c.connect();
    raws.push(c);
    await expect(c.query('SELECT key_hash FROM sync_terminals')).rejects.toThrow(/permission denied/);
    const columns = await c.query<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'reports' AND column_name LIKE '%key%'`);
    expect(columns.rows.filter((x) => /hash|secret/.test(x.c))).toEqual([]);
    const listed = JSON.stringify(await app(b).cinemaTerminals());
    expect(listed).not.toMatch(/key_hash|[0-9a-f]{64}/);
  });

  it("can create no function anywhere (one first in a search_path it gives the shared login would run inside A's calls, A's key in reach)", async () => {
    const attacker = await hostile(b);
    const writable = await attacker.query(`SELECT nspname FROM pg_namespace WHERE has_schema_privilege(oid, 'CREATE')`);
    expect(writable.rows).toEqual([]);
    expect((await attacker.query(`SELECT has_database_privilege(current_database(), 'TEMP') AS t`)).rows[0].t).toBe(false);
    await expect(attacker.query(`CREATE FUNCTION public.sync_whoami() RETURNS json LANGUAGE sql AS $$ SELECT '{}'::json $$`)).rejects.toThrow(/permission denied/);
  });

  it("keeps keys out of the server log: the shared login logs no parameter values, and cannot be made to", async () => {
    const attacker = await hostile(b);
    expect((await attacker.query<{ v: string }>(`SELECT current_setting('log_parameter_max_length') AS v`)).rows[0]!.v).toBe('0');
    await expect(attacker.query(`SET log_parameter_max_length = -1`)).rejects.toThrow(/permission denied/);
    await expect(attacker.query(`ALTER ROLE ${POOL_LOGIN} SET log_parameter_max_length = -1`)).rejects.toThrow(/permission denied/);
  });

  it("a transaction held open on a shared backend, its timeout switched off, is ended by the next pull's guard", async () => {
    const attacker = await hostile(b);
    await attacker.query(`SET idle_in_transaction_session_timeout = 0`);
    await attacker.query('BEGIN');
    await attacker.query('SELECT pg_current_xact_id()');
    await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 1`.execute(owner);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      await app(a).pull(null, 10);
      await expect(attacker.query('SELECT 1')).rejects.toThrow(/terminat|server conn crashed|closed|Connection/i);
    } finally {
      await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 25`.execute(owner);
    }
  });

  it("cannot keep a shared server connection for itself: a transaction without a transaction id, timeouts off, is ended too", async () => {
    const attacker = await hostile(b);
    await attacker.query(`SET idle_in_transaction_session_timeout = 0`);
    await attacker.query(`SET statement_timeout = 0`);
    await attacker.query('BEGIN');
    await attacker.query('SELECT 1'); // no transaction id: it holds no pull back, only a server connection
    await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 1`.execute(owner);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      await app(a).pull(null, 10);
      await expect(attacker.query('SELECT 1')).rejects.toThrow(/terminat|server conn crashed|closed|Connection/i);
    } finally {
      await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 25`.execute(owner);
    }
  });

  it('cannot leave a prepared transaction behind (it would hold every pull with no backend to end)', async () => {
    const attacker = await hostile(b);
    await attacker.query('BEGIN');
    await attacker.query('SELECT pg_current_xact_id()');
    await expect(attacker.query(`PREPARE TRANSACTION 'stuck'`)).rejects.toThrow(/prepared transactions are disabled/);
    await attacker.query('ROLLBACK');
  });

  it("a default B gives the shared login (ALTER ROLE on itself) is put back by the next pull", async () => {
    const attacker = await hostile(b);
    const fresh = () => {
      const c = new CentralClient({ url: `postgres://${central.host}:${central.port}/${central.database}?pool=shared`, user: POOL_LOGIN, password: POOL_PASSWORD }, { terminalKey: terminalKeyOf(a.password) });
      clients.push(c);
      return c;
    };
    try {
      // PostgreSQL allows it: the shared login is the role B's SQL runs as.
      await attacker.query(`ALTER ROLE ${POOL_LOGIN} IN DATABASE ${central.database} SET search_path = pg_catalog`);
      await attacker.query(`ALTER ROLE ${POOL_LOGIN} SET work_mem = '64kB'`);
      // A backend PgBouncer opens before the next pull gets it: every call there fails (the window left open).
      await expect(fresh().whoami()).rejects.toThrow(/sync_whoami\(\) does not exist/);
      await app(a).pull(null, 10); // any terminal's pull: the guard puts the defaults back
      expect((await fresh().whoami()).terminalId).toBe(a.terminalId);
      const left = await sql<{ db: number; config: string[] }>`SELECT setdatabase::int AS db, setconfig AS config FROM pg_db_role_setting WHERE setrole = ${POOL_LOGIN}::regrole`.execute(owner);
      expect(left.rows).toEqual([{ db: 0, config: expect.arrayContaining(['statement_timeout=20s', 'idle_in_transaction_session_timeout=10s']) }]);
      expect(left.rows[0]!.config.filter((c) => !/^(statement_timeout|idle_in_transaction_session_timeout|log_parameter_max_length)=/.test(c))).toEqual([]);
    } finally {
      await sql.raw(`ALTER ROLE ${POOL_LOGIN} IN DATABASE ${central.database} RESET ALL`).execute(owner);
      await sql.raw(`ALTER ROLE ${POOL_LOGIN} RESET work_mem`).execute(owner);
    }
  });

  // OPEN: PostgreSQL lets every role change its own password, and no privilege takes that away:
  // through PgBouncer a terminal can give `box_office_pool` a password it knows — PgBouncer is then
  // locked out at its next server login (every cinema stops syncing) and the terminal may log in
  // as the shared login itself. The way out is the pool login authenticated by certificate or peer
  // (pg_hba, docs/operations.md), so its password opens nothing. The password set here is the current one.
  it.fails("cannot change the shared login's password for everyone (ALTER ROLE on itself)", async () => {
    const attacker = await hostile(b);
    await expect(attacker.query(`ALTER ROLE ${POOL_LOGIN} PASSWORD '${POOL_PASSWORD}'`)).rejects.toThrow(/permission denied/);
  });

  // OPEN: the shared pool is every terminal's. One terminal holding every server connection (a
  // statement of up to statement_timeout, or an idle transaction up to its timeout, on as many client
  // connections as the pool has servers) makes every other terminal of the chain wait; with its own
  // pool per login it could only stall itself. PgBouncer 1.18 has no limit per client login on a
  // pool whose server login is forced (max_user_connections counts the forced user); PgBouncer 1.24's
  // `max_user_client_connections` would bound it (report of this review).
  it.fails("cannot stall another terminal's sync by holding every shared server connection", async () => {
    const hogs = [await hostile(b), await hostile(b)];
    const asA = app(a);
    const held = Promise.all(hogs.map((h) => h.query('SELECT pg_sleep(2)')));
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    await asA.whoami();
    const waited = Date.now() - t0;
    await held;
    expect(waited).toBeLessThan(1000);
  });
});

/*
 * Session state one terminal leaves on a shared backend, and the next terminal's call on that same
 * backend (ONE server connection): PgBouncer runs `server_reset_query` (SHARED_RESET_QUERY, central
 * 0015) after every transaction. RESET ALL alone left a role set with SET ROLE, session advisory
 * locks, cursors WITH HOLD, prepared statements and LISTENs on the backend; none may remain, and none
 * may change who the next call is or what it does.
 */
describe.skipIf(!pgBouncerInstalled())("what a hostile terminal leaves on the one shared backend", () => {
  let central: TestPostgres;
  let owner: CentralDb;
  let bouncer: PgBouncer;
  let a: RegisteredTerminal;
  let b: RegisteredTerminal;
  const cinemaA = newId();
  const raws: pg.Client[] = [];
  let asA: CentralClient;

  beforeAll(async () => {
    ({ central, owner } = await startMigratedCentral());
    a = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA, name: 'A1' });
    b = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: newId(), name: 'B1' });
    await enablePoolLogin(owner, POOL_PASSWORD);
    bouncer = await startPgBouncer(owner, central, { pool_mode: 'transaction', max_client_conn: 100 }, { password: POOL_PASSWORD, poolSize: 1 });
    asA = new CentralClient({ url: `postgres://127.0.0.1:${bouncer.port}/${central.database}_shared?pool=shared`, user: a.user, password: a.password }, { idleTimeoutMs: 60_000 });
  }, 120_000);

  afterAll(async () => {
    for (const c of raws) await c.end().catch(() => undefined);
    await asA?.close();
    await bouncer?.stop();
    await stopMigratedCentral({ central, owner });
  });

  const hostile = async (t: RegisteredTerminal) => {
    const c = new pg.Client({ host: '127.0.0.1', port: bouncer.port, database: `${central.database}_shared`, user: t.user, password: t.password });
    c.on('error', () => undefined);
    await c.connect();
    raws.push(c);
    return c;
  };

  it('settings, a role, locks, cursors, prepared statements and LISTEN left by B do not make A anyone else', async () => {
    const attacker = await hostile(b);
    const keyB = terminalKeyOf(b.password);
    await expect(attacker.query(`SET SESSION AUTHORIZATION ${a.user}`)).rejects.toThrow(/permission denied/);
    await expect(attacker.query(`SET ROLE ${a.user}`)).rejects.toThrow(/permission denied/);
    await attacker.query('SET ROLE box_office_terminal'); // its own group: allowed, kept past RESET ALL
    await attacker.query(`SELECT set_config('box_office.terminal_key', $1, false), set_config('search_path', 'pg_catalog', false), set_config('statement_timeout', '1ms', false)`, [keyB]);
    await attacker.query(`SELECT pg_advisory_lock(hashtext('x'))`);
    await attacker.query(`DECLARE held CURSOR WITH HOLD FOR SELECT generate_series(1, 10)`);
    await attacker.query(`PREPARE sync_whoami_plan AS SELECT 1`);
    await attacker.query(`LISTEN box_office`);
    // The next call on that one backend: A, with its own settings, working.
    expect(await asA.whoami()).toMatchObject({ terminalId: a.terminalId, cinemaId: cinemaA });
    expect((await asA.pull(null, 100)).more).toBe(false);
    // A call that sends no key on that backend is nobody (not B), whatever B set for its session.
    const careless = await hostile(a);
    await expect(careless.query('SELECT sync_whoami()')).rejects.toThrow(/carries no key/);
    const who = (await careless.query<{ s: string }>('SELECT session_user AS s')).rows[0]!.s;
    expect(who).toBe(POOL_LOGIN);
    const left = await careless.query(`SELECT current_user AS role, (SELECT count(*)::int FROM pg_cursors) AS cursors,
      (SELECT count(*)::int FROM pg_prepared_statements) AS prepared, (SELECT count(*)::int FROM pg_listening_channels()) AS listening,
      (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS locks`);
    expect(left.rows[0]).toEqual({ role: POOL_LOGIN, cursors: 0, prepared: 0, listening: 0, locks: 0 });
  });
});
