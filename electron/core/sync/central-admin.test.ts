import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPostgres, type TestPostgres } from './testing/central-postgres';
import { checkOwnerRights, migrateCentral, openCentralAsOwner, registerCentralTerminal, type CentralDb } from './central-admin';
import { startSyncTerminal, type SyncTerminal } from './testing/sync-terminal';

/** The central CLI's owner checks, and the name given at registration. */
let central: TestPostgres;
let owner: CentralDb;
const run = promisify(execFile);

beforeAll(async () => {
  central = await startTestPostgres();
  owner = openCentralAsOwner(central.url);
}, 120_000);

afterAll(async () => {
  await owner?.destroy();
  await central?.stop();
});

describe('central migrate checks the owner role first', () => {
  it('an owner without CREATEROLE is told what is missing before anything is migrated (the real CLI)', async () => {
    await sql.raw(`CREATE ROLE weak_owner LOGIN PASSWORD 'weak-pass'`).execute(owner);
    const u = new URL(central.url);
    u.username = 'weak_owner';
    u.password = 'weak-pass';
    const weak = openCentralAsOwner(u.toString());
    try {
      const rights = await checkOwnerRights(weak);
      expect(rights.missing.join('\n')).toMatch(/lacks CREATEROLE/);
      expect(rights.missing.join('\n')).toMatch(/does not own the database/);
      expect(rights.warnings.join('\n')).toMatch(/not a superuser: the large-object functions/);
    } finally {
      await weak.destroy();
    }
    const cli = await run('npx', ['tsx', 'scripts/central.ts', 'migrate', '--url', u.toString()]).catch((e: { code: number; stderr: string }) => e);
    expect(cli).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot migrate this database yet:[\s\S]*CREATEROLE/) });
    const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(owner);
    expect(tables.rows[0]!.n).toBe(0);
    expect(await checkOwnerRights(owner)).toEqual({ missing: [], warnings: [] });
  }, 60_000);
});

describe('an owner that is not a superuser (CREATEROLE, owns the database)', () => {
  it('migrates (warned that large objects stay callable), registers terminals, and still ends a terminal transaction left open', async () => {
    await sql.raw(`CREATE ROLE plain_owner LOGIN CREATEROLE PASSWORD 'plain-pass'`).execute(owner);
    await sql.raw(`CREATE DATABASE plain_db OWNER plain_owner`).execute(owner);
    const u = new URL(central.url);
    u.username = 'plain_owner';
    u.password = 'plain-pass';
    u.pathname = '/plain_db';
    const plain = openCentralAsOwner(u.toString());
    try {
      expect(await checkOwnerRights(plain)).toMatchObject({ missing: [], warnings: [expect.stringMatching(/not a superuser/)] });
      await migrateCentral(plain);
      await sql`UPDATE sync_limits SET max_terminal_xact_seconds = 1`.execute(plain);
      const cinemaId = '01a24600-0000-7000-8000-000000000001';
      const stalled = await registerCentralTerminal(plain, { terminalId: '01a24600-0000-7000-8000-000000000002', cinemaId });
      const puller = await registerCentralTerminal(plain, { terminalId: '01a24600-0000-7000-8000-000000000003', cinemaId });
      const pg = (await import('pg')).default;
      const open = new pg.Client({ host: central.host, port: central.port, database: 'plain_db', user: stalled.user, password: stalled.password });
      open.on('error', () => undefined);
      await open.connect();
      await open.query('SET idle_in_transaction_session_timeout = 0');
      await open.query('BEGIN');
      await open.query('SELECT pg_current_xact_id()');
      await new Promise((r) => setTimeout(r, 1500));
      const { CentralClient } = await import('./central-client');
      const client = new CentralClient({ url: `postgres://${central.host}:${central.port}/plain_db`, user: puller.user, password: puller.password });
      await client.pull(null, 100);
      await client.close();
      await expect(open.query('SELECT 1')).rejects.toThrow();
      await open.end().catch(() => undefined);
    } finally {
      await plain.destroy();
    }
  }, 60_000);
});

describe('register-terminal --name', () => {
  let t: SyncTerminal | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it('is the name the terminal shows (its header) once it has synced', async () => {
    await migrateCentral(owner);
    t = await startSyncTerminal({ demo: true });
    const cinemaId = t.core.terminal().cinemaId!;
    const reg = await registerCentralTerminal(owner, { terminalId: t.core.terminal().id, cinemaId, name: 'Counter 2' });
    const u = new URL(central.url);
    u.username = '';
    u.password = '';
    await t.sync.configure({ url: u.toString(), user: reg.user, password: reg.password });
    await t.sync.syncNow();
    expect(t.core.terminal().name).toBe('Counter 2');
    const login = await t.core.call({ op: 'auth.login', input: { username: 'cashier', password: 'cashier1234' } });
    if (!login.ok) throw new Error(login.error.message);
    const system = await t.core.call({ op: 'system.status', input: {}, token: (login.value as { token: string }).token });
    expect(system).toMatchObject({ ok: true, value: { terminal: { name: 'Counter 2' } } });
    expect((await t.db.selectFrom('terminals').select('name').where('id', '=', t.core.terminal().id).executeTakeFirstOrThrow()).name).toBe('Counter 2');
  });
});
