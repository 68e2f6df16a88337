import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { registerCentralTerminal, terminalRoleName, type CentralDb } from './central-admin';
import { newLoginPassword } from './scram-secret';
import { allowEnrol, hashEnrolmentCode, issueEnrolmentCode, makeEnrolmentCode } from './central-enrolment';
import { connectTerminal, freeSeats, sellSeats, startSyncTerminal, type SyncTerminal } from './testing/sync-terminal';
import { groupCode, readEnrolmentCode } from '../../../shared/enrolment-code';
import { ENROL_LOGIN, ENROL_LOGIN_PASSWORD, MAX_FAILED_PER_CLIENT } from '../../../migrations/central/0011-enrolment-codes';

/** Issue 17: terminals join with one-time enrolment codes, on a real PostgreSQL. */
let central: TestPostgres;
let owner: CentralDb;
let t1: SyncTerminal;
let cinemaId: string;
const terminals: SyncTerminal[] = [];
const run = promisify(execFile);

const address = () => `${central.host}:${central.port}/${central.database}`;

async function fresh(): Promise<SyncTerminal> {
  const t = await startSyncTerminal({ demo: false, now: new Date().toISOString() });
  terminals.push(t);
  return t;
}

async function signedCall(t: SyncTerminal, op: string, input: unknown, user = 'admin', password = `${user}1234`) {
  const login = await t.core.call({ op: 'auth.login', input: { username: user, password } });
  if (!login.ok) throw new Error(login.error.message);
  return t.core.call({ op, input, token: (login.value as { token: string }).token });
}

/** What a refused enrolment must leave as it was, on both sides. */
async function untouched(t: SyncTerminal): Promise<void> {
  expect(t.sync.savedCredentials()).toBeNull();
  expect(t.core.terminal().cinemaId).toBeNull();
  expect(await t.db.selectFrom('users').select('id').execute()).toEqual([]);
  const roles = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${terminalRoleName(t.core.terminal().id)}`.execute(owner);
  expect(roles.rows).toEqual([]);
  const registered = await sql`SELECT 1 FROM sync_terminals WHERE terminal_id = ${t.core.terminal().id}`.execute(owner);
  expect(registered.rows).toEqual([]);
}

async function failedAttempts(): Promise<number> {
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment_attempts WHERE NOT ok`.execute(owner)).rows[0]!.n);
}

/** A client of the enrolment login, as anyone who knows the central address may open one. */
async function asEnrolLogin(): Promise<pg.Client> {
  const c = new pg.Client({ host: central.host, port: central.port, database: central.database, user: ENROL_LOGIN, password: ENROL_LOGIN_PASSWORD });
  await c.connect();
  return c;
}

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  t1 = await startSyncTerminal({ demo: true, now: new Date().toISOString() });
  terminals.push(t1);
  cinemaId = t1.core.terminal().cinemaId!;
  await connectTerminal(owner, central.url, t1, cinemaId);
  await t1.sync.syncNow();
}, 120_000);

afterAll(async () => {
  for (const t of terminals) await t.close();
  await stopMigratedCentral({ central, owner });
});

describe('joining with an enrolment code', () => {
  it('the CLI issues a code; a new terminal joins with it, gets its own login, name and cinema, and syncs', async () => {
    const cinemaName = (await t1.db.selectFrom('cinemas').select('name').where('id', '=', cinemaId).executeTakeFirstOrThrow()).name;
    const cli = await run('npx', ['tsx', 'scripts/central.ts', 'enrol', '--url', central.url, '--cinema', cinemaName, '--name', 'Counter 2', '--valid', '10m'], { cwd: process.cwd() });
    const code = /^\s{4}([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3})$/m.exec(cli.stdout)?.[1];
    expect(code, cli.stdout).toBeDefined();
    expect(cli.stdout).toContain(`central address: postgres://${address()}`);
    expect(cli.stdout).not.toContain('test-superuser');
    // Only the hash is kept, valid for the stated time.
    const stored = await sql<{ code_hash: string; minutes: number }>`SELECT code_hash, round(extract(epoch FROM expires_at - issued_at) / 60)::int AS minutes FROM enrolment_codes`.execute(owner);
    const plain = (readEnrolmentCode(code!) as { code: string }).code;
    expect(stored.rows).toEqual([{ code_hash: hashEnrolmentCode(plain), minutes: 10 }]);
    expect(JSON.stringify(stored.rows)).not.toContain(plain);

    const t2 = await fresh();
    const joined = await t2.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: code!.toLowerCase() } });
    expect(joined).toMatchObject({ ok: true, value: { cinema: { id: cinemaId, name: cinemaName }, staff: expect.any(Number) } });
    expect(t2.core.terminal()).toMatchObject({ cinemaId, name: 'Counter 2' });
    expect(t2.sync.savedCredentials()).toEqual({ url: `postgres://${address()}`, user: terminalRoleName(t2.core.terminal().id) });
    // Staff came with the pull: they sign in with their usual passwords.
    expect((await t2.core.call({ op: 'auth.login', input: { username: 'cashier', password: 'cashier1234' } })).ok).toBe(true);

    const session = await t2.db.selectFrom('sessions').select('id').where('starts_at', '>', new Date(Date.now() + 3600_000).toISOString()).orderBy('starts_at').executeTakeFirstOrThrow();
    const sold = await sellSeats(t2, session.id, await freeSeats(t2.db, session.id, 1));
    await t2.sync.syncNow();
    await t1.sync.syncNow();
    expect(await t1.db.selectFrom('tickets').select('id').where('id', '=', sold.ticketIds[0]!).executeTakeFirst()).toBeDefined();

    // Used once: the same code on another new terminal is refused and changes nothing.
    const t3 = await fresh();
    const attempts = await failedAttempts();
    const replay = await t3.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: code! } });
    expect(replay).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'This code has been used already: each code enrols one terminal. Ask for a new one.' } });
    await untouched(t3);
    expect(await failedAttempts()).toBe(attempts + 1);
  }, 120_000);

  it('the CLI creates a new cinema of the chain and a code for its first terminal, which may then enrol the next', async () => {
    const cli = await run('npx', ['tsx', 'scripts/central.ts', 'enrol', '--url', central.url, '--new-cinema', 'Kino Süd', '--address', 'Ring 1, Wien', '--zone', 'Europe/Vienna', '--currency', 'eur']);
    const code = /^\s{4}([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3})$/m.exec(cli.stdout)?.[1];
    expect(cli.stdout).toMatch(/cinema "Kino Süd" created/);
    expect(cli.stdout).toMatch(/That terminal may enrol further terminals/);
    const t = await fresh();
    const joined = await t.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: code!, terminalName: 'Süd 1' } });
    expect(joined).toMatchObject({ ok: true, value: { cinema: { name: 'Kino Süd' }, staff: 0 } });
    const cinema = await t.db.selectFrom('cinemas').selectAll().executeTakeFirstOrThrow();
    expect(cinema).toMatchObject({ name: 'Kino Süd', address: 'Ring 1, Wien', timezone: 'Europe/Vienna', currency: 'EUR', business_day_start: '06:00', week_start_day: 4, sales_close_minutes: 15 });
    expect(t.core.terminal()).toMatchObject({ cinemaId: cinema.id, name: 'Süd 1' });
    const registered = await sql<{ may_enrol: boolean }>`SELECT may_enrol FROM sync_terminals WHERE terminal_id = ${t.core.terminal().id}`.execute(owner);
    expect(registered.rows).toEqual([{ may_enrol: true }]);
    // A name the chain has already is refused by the CLI, and nothing is made.
    const again = await run('npx', ['tsx', 'scripts/central.ts', 'enrol', '--url', central.url, '--new-cinema', 'kino süd', '--zone', 'Europe/Vienna', '--currency', 'EUR']).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/has a cinema named kino süd already/) });
  }, 60_000);

  it('an expired code is refused and changes nothing', async () => {
    const issued = await issueEnrolmentCode(owner, { cinema: cinemaId });
    await sql`UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE code_hash = ${hashEnrolmentCode(issued.code.replace(/-/g, ''))}`.execute(owner);
    const t = await fresh();
    const r = await t.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: issued.code } });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^This code has expired\./) } });
    await untouched(t);
    const code = await sql<{ used_at: Date | null }>`SELECT used_at FROM enrolment_codes WHERE code_hash = ${hashEnrolmentCode(issued.code.replace(/-/g, ''))}`.execute(owner);
    expect(code.rows).toEqual([{ used_at: null }]);
  });

  it('a forged code is refused: a mistyped one before the centre is asked, a well-formed unknown one by the centre', async () => {
    const t = await fresh();
    const before = await failedAttempts();
    const real = makeEnrolmentCode().code;
    const typo = real.slice(0, 3) + (real[3] === 'A' ? 'B' : 'A') + real.slice(4);
    const mistyped = await t.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: groupCode(typo) } });
    expect(mistyped).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Please check the form — Code has a mistyped character: check it against the code you were given.' } });
    expect(await failedAttempts()).toBe(before);
    const unknown = await t.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: groupCode(real) } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^The central database does not know this code\./) } });
    expect(await failedAttempts()).toBe(before + 1);
    await untouched(t);
    // A wrong address says so in words, nothing stored.
    const nowhere = await t.core.call({ op: 'sync.joinWithCode', input: { address: `127.0.0.1:1/${central.database}`, code: groupCode(real) } });
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/did not answer/) } });
    await untouched(t);
  });

  it(`guessing is cut off: after ${MAX_FAILED_PER_CLIENT} wrong codes from one place even a right one is refused for the window`, async () => {
    await sql`DELETE FROM enrolment_attempts`.execute(owner);
    const enrol = await asEnrolLogin();
    try {
      const redeem = async (code: string) =>
        (await enrol.query<{ v: { ok: boolean; reason?: string } }>('SELECT redeem_enrolment_code($1, $2, $3, $4, $5) AS v', [code, '01a24600-0000-7000-8000-0000000000aa', 'Guesser', '', newLoginPassword().secret])).rows[0]!.v;
      for (let i = 0; i < MAX_FAILED_PER_CLIENT; i++) expect(await redeem(makeEnrolmentCode().code)).toEqual({ ok: false, reason: 'UNKNOWN' });
      const right = await issueEnrolmentCode(owner, { cinema: cinemaId });
      expect(await redeem(right.code)).toEqual({ ok: false, reason: 'THROTTLED', minutes: 15 });
      const t = await fresh();
      const r = await t.core.call({ op: 'sync.joinWithCode', input: { address: address(), code: right.code } });
      expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Too many wrong codes were tried/) } });
      await untouched(t);
      // The window passes: the right code works (it was never used).
      await sql`UPDATE enrolment_attempts SET at = at - interval '16 minutes'`.execute(owner);
      expect(await redeem(right.code)).toMatchObject({ ok: true, cinema_id: cinemaId, login: terminalRoleName('01a24600-0000-7000-8000-0000000000aa') });
    } finally {
      await enrol.end();
    }
  });

  it('the enrolment login can do nothing but redeem a code', async () => {
    const enrol = await asEnrolLogin();
    try {
      const refused = async (statement: string) => {
        await expect(enrol.query(statement), statement).rejects.toThrow(/permission denied/);
      };
      for (const table of ['cinemas', 'users', 'enrolment_codes', 'enrolment_attempts', 'sync_terminals', 'change_log']) await refused(`SELECT * FROM ${table} LIMIT 1`);
      await refused(`INSERT INTO enrolment_codes (code_hash, cinema_id, issued_by, expires_at) VALUES (repeat('a', 64), '${cinemaId}', 'me', now() + interval '1 day')`);
      await refused(`UPDATE enrolment_attempts SET ok = true`);
      await refused(`DELETE FROM enrolment_attempts`);
      await refused(`SELECT sync_whoami()`);
      await refused(`SELECT sync_push_rows('[]'::jsonb)`);
      await refused(`SELECT * FROM sync_pull_rows(NULL, 0, 10)`);
      await refused(`SELECT sync_issue_enrolment_code(repeat('a', 64), 'x', 600)`);
      await refused(`SELECT sync_store_enrolment_code(repeat('a', 64), '${cinemaId}', 'x', 600, true, 'me')`);
      await refused(`SELECT sync_insert_cinema('01a24600-0000-7000-8000-0000000000bb', 'Mine', '', 'UTC', 'EUR', 'me')`);
      await refused(`SELECT sync_cinema_terminals()`);
      await refused(`CREATE TABLE mine (x int)`);
      await refused(`CREATE TEMP TABLE mine (x int)`);
      await refused(`SELECT * FROM reports.sessions LIMIT 1`);
    } finally {
      await enrol.end();
    }
    const limits = await sql<{ rolconnlimit: number; settings: string[] }>`
      SELECT r.rolconnlimit, s.setconfig AS settings FROM pg_roles r JOIN pg_db_role_setting s ON s.setrole = r.oid AND s.setdatabase = 0 WHERE r.rolname = ${ENROL_LOGIN}`.execute(owner);
    expect(limits.rows).toEqual([{ rolconnlimit: 3, settings: expect.arrayContaining(['statement_timeout=5s', 'idle_in_transaction_session_timeout=5s', 'idle_session_timeout=30s']) }]);
  });
  it("a terminal's login reaches none of the enrolment internals, and without the centre's leave neither issues codes nor creates cinemas", async () => {
    const reg = await registerCentralTerminal(owner, { terminalId: '01a24600-0000-7000-8000-0000000000cc', cinemaId, name: 'Plain' });
    const plain = new pg.Client({ host: central.host, port: central.port, database: central.database, user: reg.user, password: reg.password });
    await plain.connect();
    try {
      for (const statement of [
        'SELECT * FROM enrolment_codes',
        'DELETE FROM enrolment_attempts',
        `SELECT redeem_enrolment_code('X', '01a24600-0000-7000-8000-0000000000dd', 'x', '', '')`,
        `SELECT sync_store_enrolment_code(repeat('a', 64), '${cinemaId}', 'x', 600, true, 'me')`,
        `SELECT sync_insert_cinema('01a24600-0000-7000-8000-0000000000bb', 'Mine', '', 'UTC', 'EUR', 'me')`,
        'SELECT sync_may_enrol()',
      ]) {
        await expect(plain.query(statement), statement).rejects.toThrow(/permission denied/);
      }
      await expect(plain.query(`SELECT sync_issue_enrolment_code(repeat('a', 64), 'x', 600)`)).rejects.toThrow(/may not enrol terminals/);
      await expect(
        plain.query(`SELECT sync_create_cinema('01a24600-0000-7000-8000-0000000000bb', 'Mine', '', 'UTC', 'EUR', repeat('a', 64), 'x', 600)`),
      ).rejects.toThrow(/may not enrol terminals/);
      expect((await sql`SELECT 1 FROM cinemas WHERE id = '01a24600-0000-7000-8000-0000000000bb'`.execute(owner)).rows).toEqual([]);
    } finally {
      await plain.end();
      await sql`UPDATE sync_terminals SET revoked_at = now() WHERE terminal_id = '01a24600-0000-7000-8000-0000000000cc'`.execute(owner);
    }
  });
});

describe('an administrator of a syncing terminal enrols terminals and creates cinemas', () => {
  it('only where the centre allows the terminal to enrol, and only an administrator', async () => {
    const refused = await signedCall(t1, 'sync.issueCode', { terminalName: 'Door 1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/may not enrol terminals/) } });
    await allowEnrol(owner, t1.core.terminal().id, true);
    expect(await signedCall(t1, 'sync.issueCode', {}, 'manager')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const issued = await signedCall(t1, 'sync.issueCode', { terminalName: 'Door 1', validMinutes: 5 });
    expect(issued).toMatchObject({ ok: true, value: { code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/), address: `postgres://${address()}`, cinema: { id: cinemaId } } });
    const value = (issued as { value: { code: string; expiresAt: string } }).value;
    expect(Date.parse(value.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(value.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 5_000);
    const t = await fresh();
    expect(await t.core.call({ op: 'sync.joinWithCode', input: { address: `postgres://${address()}`, code: value.code } })).toMatchObject({ ok: true, value: { cinema: { id: cinemaId } } });
    expect(t.core.terminal().name).toBe('Door 1');
  });

  it('a new cinema of the chain: its first terminal joins with the code, creates the first administrator and may enrol the next', async () => {
    const bad = await signedCall(t1, 'sync.createCinema', { name: 'Kino Nord', timezone: 'Mars/Olympus', currency: 'EUR' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const created = await signedCall(t1, 'sync.createCinema', { name: 'Kino Nord', address: 'Hafenstraße 1, Hamburg', timezone: 'Europe/Berlin', currency: 'EUR', terminalName: 'Nord 1' });
    expect(created).toMatchObject({ ok: true, value: { cinema: { name: 'Kino Nord' } } });
    const { code, cinema } = (created as { value: { code: string; cinema: { id: string } } }).value;
    const again = await signedCall(t1, 'sync.createCinema', { name: 'kino nord', timezone: 'Europe/Berlin', currency: 'EUR' });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/has a cinema named kino nord already/) } });

    const t = await fresh();
    const joined = await t.core.call({ op: 'sync.joinWithCode', input: { address: address(), code } });
    expect(joined).toMatchObject({ ok: true, value: { cinema: { id: cinema.id, name: 'Kino Nord' }, staff: 0 } });
    const setup = await t.core.call({ op: 'setup.status', input: {} });
    expect(setup).toMatchObject({ ok: true, value: { needsFirstAdmin: true, cinema: { id: cinema.id, name: 'Kino Nord', timezone: 'Europe/Berlin', currency: 'EUR' } } });
    const first = await t.core.call({
      op: 'setup.createFirstAdmin',
      input: { username: 'nord-admin', displayName: 'Nord Admin', password: 'nordadmin1', cinema: { name: 'Kino Nord', timezone: 'Europe/Berlin', currency: 'EUR' } },
    });
    expect(first).toMatchObject({ ok: true });
    await t.sync.syncNow();
    // The first administrator went to the centre for this cinema only; the terminal of the first cinema never sees it.
    const users = await sql<{ username: string; scope_cinema_id: string }>`SELECT username, scope_cinema_id FROM users WHERE username = 'nord-admin'`.execute(owner);
    expect(users.rows).toEqual([{ username: 'nord-admin', scope_cinema_id: cinema.id }]);
    await t1.sync.syncNow();
    expect(await t1.db.selectFrom('users').select('id').where('username', '=', 'nord-admin').executeTakeFirst()).toBeUndefined();
    expect(await t1.db.selectFrom('cinemas').select('id').where('id', '=', cinema.id).executeTakeFirst()).toBeUndefined();
    // Its administrator enrols the next terminal of Kino Nord from the screen.
    const next = await signedCall(t, 'sync.issueCode', { terminalName: 'Nord 2' }, 'nord-admin', 'nordadmin1');
    expect(next).toMatchObject({ ok: true, value: { cinema: { id: cinema.id, name: 'Kino Nord' } } });
    const list = await signedCall(t, 'sync.terminals', {}, 'nord-admin', 'nordadmin1');
    expect(list).toMatchObject({ ok: true, value: { mayEnrol: true, terminals: [{ name: 'Nord 1', thisTerminal: true, mayEnrol: true }] } });
  });

  it("the Sync screen's list: every terminal of the cinema with when the centre last saw it and what it had waiting", async () => {
    await sql`UPDATE sync_terminals SET last_seen_at = NULL`.execute(owner);
    await t1.sync.syncNow();
    const list = await signedCall(t1, 'sync.terminals', {}, 'manager');
    expect(list.ok).toBe(true);
    const { terminals: rows, mayEnrol } = (list as { value: { terminals: { name: string; thisTerminal: boolean; lastSeenAt: string | null; changesWaiting: number | null; revoked: boolean }[]; mayEnrol: boolean } }).value;
    expect(mayEnrol).toBe(true);
    expect(rows.map((r) => r.name)).toEqual([t1.core.terminal().name, 'Counter 2', 'Guesser', 'Plain', 'Door 1']);
    expect(rows.find((r) => r.name === 'Plain')).toMatchObject({ revoked: true });
    expect(rows[0]).toMatchObject({ thisTerminal: true, changesWaiting: 0, lastSeenAt: expect.any(String) });
    expect(Math.abs(Date.parse(rows[0]!.lastSeenAt!) - Date.now())).toBeLessThan(60_000);
    expect(rows[1]).toMatchObject({ thisTerminal: false, lastSeenAt: null });
    expect(rows.some((r) => r.name === 'Nord 1')).toBe(false);
    expect(await signedCall(t1, 'sync.terminals', {}, 'cashier')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
