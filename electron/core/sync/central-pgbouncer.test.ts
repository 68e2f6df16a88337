import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { pgBouncerInstalled, startPgBouncer, type PgBouncer } from './testing/pgbouncer';
import { enablePoolLogin, registerCentralTerminal, type CentralDb } from './central-admin';
import { terminalKeyOf } from './terminal-key';
import { freeSeats, sellSeats, snapshot, startSyncTerminal, type SyncTerminal } from './testing/sync-terminal';
import { CentralClient } from './central-client';
import { newId } from '../ids';

/*
 * PgBouncer in transaction pooling in front of the centre (issue 18), each terminal still its own
 * login: the sync functions read the terminal from `session_user` and use no session state (no SET,
 * no temporary tables, no prepared statements kept between transactions), and the login role's
 * settings are applied when PgBouncer's server connection starts — so they hold through the pooler.
 * Runs where the Debian package `pgbouncer` is installed.
 */
describe.skipIf(!pgBouncerInstalled())('through PgBouncer (transaction pooling, one login per terminal)', () => {
  let central: TestPostgres;
  let owner: CentralDb;
  let bouncer: PgBouncer;
  const cinemaA = newId();
  const cinemaB = newId();
  let a: { user: string; password: string; terminalId: string };
  let b: { user: string; password: string; terminalId: string };
  let a2: { user: string; password: string; terminalId: string };
  const url = () => `postgres://127.0.0.1:${bouncer.port}/${central.database}`;

  beforeAll(async () => {
    ({ central, owner } = await startMigratedCentral());
    a = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA });
    b = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaB });
    a2 = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA });
    // One server connection for both pools: they take turns on it (PgBouncer closes one pool's idle connection for the other).
    bouncer = await startPgBouncer(owner, central, { pool_mode: 'transaction', default_pool_size: 1, max_db_connections: 1, server_idle_timeout: 1 });
  }, 120_000);

  afterAll(async () => {
    await bouncer?.stop();
    await stopMigratedCentral({ central, owner });
  });

  it("each terminal is its own login at the centre, with its role's timeouts", async () => {
    for (const t of [a, b]) {
      const client = new CentralClient({ url: url(), user: t.user, password: t.password });
      try {
        expect((await client.whoami()).terminalId).toBe(t.terminalId);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading the session the pooler gave this call
        const db = (client as any).db as CentralDb;
        const s = (await sql<{ who: string; st: string; idle: string }>`SELECT session_user AS who, current_setting('statement_timeout') AS st, current_setting('idle_in_transaction_session_timeout') AS idle`.execute(db)).rows[0]!;
        expect(s).toEqual({ who: t.user, st: '20s', idle: '10s' });
      } finally {
        await client.close();
      }
    }
  });

  it('push and pull keep to the cinema; a wrong password is refused by the pooler', async () => {
    const ca = new CentralClient({ url: url(), user: a.user, password: a.password });
    const cb = new CentralClient({ url: url(), user: b.user, password: b.password });
    const ca2 = new CentralClient({ url: url(), user: a2.user, password: a2.password });
    try {
      const id = newId();
      const hlc = `${String(Date.now() - 60_000).padStart(15, '0')}-00000-${a.terminalId}`;
      const row = { id, name: 'Via the pooler', phone: null, email: null, card_number: null, cinema_id: cinemaA, created_at: '2026-11-25T12:00:00.000Z', updated_at: hlc, origin: a.terminalId };
      expect(await ca.push([{ t: 'customers', op: 'UPSERT', id, row }])).toMatchObject({ applied: 1 });
      const [other, own, same] = await Promise.all([cb.pull(null, 100), ca.pull(null, 100), ca2.pull(null, 100)]);
      expect(other.changes.map((c) => c.id)).not.toContain(id);
      expect(own.changes.map((c) => c.id)).not.toContain(id); // its own write
      expect(same.changes.map((c) => c.id)).toContain(id);
    } finally {
      await ca.close();
      await cb.close();
      await ca2.close();
    }
    const wrong = new CentralClient({ url: url(), user: a.user, password: 'wrong' });
    try {
      // (PgBouncer answers in its own words: 'SASL authentication failed')
      await expect(wrong.pull(null, 1)).rejects.toThrow(/authentication failed/);
    } finally {
      await wrong.close();
    }
  });
});

/*
 * Central 0015 through PgBouncer: a second database entry whose server connections all log in as
 * the shared login — one pool for every terminal; each terminal still logs in to PgBouncer as
 * itself and is told apart at the centre by the key each transaction carries.
 */
describe.skipIf(!pgBouncerInstalled())('through PgBouncer, terminals sharing server connections (central 0015)', () => {
  let central: TestPostgres;
  let owner: CentralDb;
  let bouncer: PgBouncer;
  const cinemaA = newId();
  const cinemaB = newId();
  let terminals: { user: string; password: string; terminalId: string; cinemaId: string }[];
  const sharedUrl = () => `postgres://127.0.0.1:${bouncer.port}/${central.database}_shared?pool=shared`;
  const POOL_PASSWORD = 'shared-pool-test-password';

  beforeAll(async () => {
    ({ central, owner } = await startMigratedCentral());
    terminals = [];
    for (const cinemaId of [cinemaA, cinemaA, cinemaB, cinemaB]) terminals.push({ ...(await registerCentralTerminal(owner, { terminalId: newId(), cinemaId })), cinemaId });
    await enablePoolLogin(owner, POOL_PASSWORD);
    // ONE server connection for all four terminals.
    bouncer = await startPgBouncer(owner, central, { pool_mode: 'transaction', max_client_conn: 100 }, { password: POOL_PASSWORD, poolSize: 1 });
  }, 120_000);

  afterAll(async () => {
    await bouncer?.stop();
    await stopMigratedCentral({ central, owner });
  });

  it('four terminals calling at once on one server connection: each call is its own terminal', async () => {
    const clients = terminals.map((t) => new CentralClient({ url: sharedUrl(), user: t.user, password: t.password }, { idleTimeoutMs: 60_000 }));
    try {
      const calls = Array.from({ length: 40 }, (_, i) => i % terminals.length);
      const answers = await Promise.all(calls.map((i) => clients[i]!.whoami()));
      expect(answers.map((w) => w.terminalId)).toEqual(calls.map((i) => terminals[i]!.terminalId));
      const backends = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'box_office_pool'`.execute(owner);
      expect(backends.rows[0]!.n).toBe(1);
      // A push of B through the shared connection stays B's; A's pulls do not see it.
      const id = newId();
      const b = terminals[2]!;
      const row = { id, name: 'Shared backend', phone: null, email: null, card_number: null, cinema_id: cinemaB, created_at: '2026-12-05T12:00:00.000Z', updated_at: `${String(Date.now() - 60_000).padStart(15, '0')}-00000-${b.terminalId}`, origin: b.terminalId };
      const [pushed, pulledA] = await Promise.all([clients[2]!.push([{ t: 'customers', op: 'UPSERT', id, row }]), clients[0]!.pull(null, 1000)]);
      expect(pushed).toMatchObject({ applied: 1 });
      expect((await clients[0]!.pull(pulledA.next, 1000)).changes.map((c) => c.id)).not.toContain(id);
      expect((await clients[3]!.pull(null, 1000)).changes.map((c) => c.id)).toContain(id);
    } finally {
      for (const c of clients) await c.close();
    }
  });

  it("a terminal's session-level key does not outlive its transaction on the shared connection (RESET ALL)", async () => {
    const [a, b] = [terminals[0]!, terminals[2]!];
    const hostile = new pg.Client({ host: '127.0.0.1', port: bouncer.port, database: `${central.database}_shared`, user: b.user, password: b.password });
    const careless = new pg.Client({ host: '127.0.0.1', port: bouncer.port, database: `${central.database}_shared`, user: a.user, password: a.password });
    for (const c of [hostile, careless]) c.on('error', () => undefined);
    await hostile.connect();
    await careless.connect();
    try {
      await hostile.query(`SELECT set_config('box_office.terminal_key', $1, false)`, [terminalKeyOf(b.password)]);
      // The next transaction on that one server connection, of another terminal sending no key: nobody.
      await expect(careless.query('SELECT sync_whoami()')).rejects.toThrow(/carries no key/);
      // A wrong password is refused by PgBouncer itself.
      const wrong = new pg.Client({ host: '127.0.0.1', port: bouncer.port, database: `${central.database}_shared`, user: a.user, password: 'wrong' });
      wrong.on('error', () => undefined);
      await expect(wrong.connect()).rejects.toThrow(/authentication failed/);
    } finally {
      await hostile.end();
      await careless.end();
    }
  });
});

/*
 * The app's own sync engine on the shared pool: a demo cinema's first push, a second terminal
 * joining it, a sale crossing over — every call through PgBouncer's one server connection of the
 * shared login, each terminal told apart by its key.
 */
describe.skipIf(!pgBouncerInstalled())("the app's sync engine through PgBouncer's shared server connections", () => {
  let central: TestPostgres;
  let owner: CentralDb;
  let bouncer: PgBouncer;
  let t1: SyncTerminal;
  let t2: SyncTerminal;

  beforeAll(async () => {
    ({ central, owner } = await startMigratedCentral());
    t1 = await startSyncTerminal({ demo: true });
    t2 = await startSyncTerminal({ demo: false });
    const cinemaId = t1.core.terminal().cinemaId!;
    const logins = [
      await registerCentralTerminal(owner, { terminalId: t1.core.terminal().id, cinemaId, name: 'Kasse 1' }),
      await registerCentralTerminal(owner, { terminalId: t2.core.terminal().id, cinemaId, name: 'Kasse 2' }),
    ];
    await enablePoolLogin(owner, 'shared-pool-test-password');
    bouncer = await startPgBouncer(owner, central, { pool_mode: 'transaction', max_client_conn: 100 }, { password: 'shared-pool-test-password', poolSize: 1 });
    const url = `postgres://127.0.0.1:${bouncer.port}/${central.database}_shared?pool=shared`;
    await t1.sync.configure({ url, user: logins[0]!.user, password: logins[0]!.password });
    await t2.sync.configure({ url, user: logins[1]!.user, password: logins[1]!.password });
  }, 300_000);

  afterAll(async () => {
    await t1?.close();
    await t2?.close();
    await bouncer?.stop();
    await stopMigratedCentral({ central, owner });
  });

  it('pushes a cinema, joins a second terminal to it and carries a sale across, all on one shared server connection', async () => {
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    expect(t2.core.terminal().cinemaId).toBe(t1.core.terminal().cinemaId);
    const session = await t1.db.selectFrom('sessions').select('id').orderBy('starts_at', 'desc').executeTakeFirstOrThrow();
    const sold = await sellSeats(t1, session.id, await freeSeats(t1.db, session.id, 2));
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    const arrived = await t2.db.selectFrom('tickets').select('id').where('order_id', '=', sold.orderId).execute();
    expect(arrived.map((t) => t.id).sort()).toEqual([...sold.ticketIds].sort());
    expect(await snapshot(t2.db, ['films', 'sessions', 'tickets', 'orders'])).toEqual(await snapshot(t1.db, ['films', 'sessions', 'tickets', 'orders']));
    // Both seen by the centre (heartbeat), each as itself; only the shared login's one backend served them.
    const seen = await sql<{ name: string }>`SELECT name FROM sync_terminals WHERE last_seen_at IS NOT NULL ORDER BY name`.execute(owner);
    expect(seen.rows.map((r) => r.name)).toEqual(['Kasse 1', 'Kasse 2']);
    const backends = await sql<{ u: string }>`SELECT DISTINCT usename AS u FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`.execute(owner);
    expect(backends.rows.map((r) => r.u)).toEqual(['box_office_pool']);
  });
});
