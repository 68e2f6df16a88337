import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { startTestPostgres, type TestPostgres } from './testing/central-postgres';
import { createCentralAdmin, migrateCentral, openCentralAsOwner, registerCentralTerminal, terminalRoleName, type CentralDb } from './central-admin';
import { allowEnrol, createCentralCinema, issueEnrolmentCode, makeEnrolmentCode } from './central-enrolment';
import { newLoginPassword } from './scram-secret';
import { contract } from '../../../shared/contract';
import { ENROL_LOGIN, REDEEM_PAUSE_SECONDS, ENROL_LOGIN_PASSWORD } from '../../../migrations/central/0011-enrolment-codes';

/**
 * Issue 17 from the attacker's side: the public enrolment login (its password is in the source) and
 * terminal logins, on a real PostgreSQL with pg_stat_statements tracking nested statements.
 */
let central: TestPostgres;
let owner: CentralDb;
let cinemaA: string;
let cinemaB: string;

type Answer = { ok: boolean; reason?: string; login?: string; password?: string; cinema_id?: string; may_enrol?: boolean };

async function login(user: string, password: string): Promise<pg.Client> {
  const c = new pg.Client({ host: central.host, port: central.port, database: central.database, user, password });
  await c.connect();
  return c;
}

const asEnrol = () => login(ENROL_LOGIN, ENROL_LOGIN_PASSWORD);

/** Redeems a code as the new terminal does: it chooses its password, the centre gets its SCRAM secret. */
async function redeem(c: pg.Client, code: string, terminalId: string, name = 'Attacker'): Promise<Answer> {
  const { password, secret } = newLoginPassword();
  const answer = (await c.query<{ v: Answer }>('SELECT redeem_enrolment_code($1, $2, $3, $4, $5) AS v', [code, terminalId, name, '', secret])).rows[0]!.v;
  return answer.ok ? { ...answer, password } : answer;
}

const uuid = (n: number) => `01a24600-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

beforeAll(async () => {
  central = await startTestPostgres({ shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', log_statement: 'all' });
  owner = openCentralAsOwner(central.url);
  await migrateCentral(owner);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(owner);
  cinemaA = (await createCentralCinema(owner, { name: 'Alpha', timezone: 'Europe/Berlin', currency: 'EUR' })).id;
  cinemaB = (await createCentralCinema(owner, { name: 'Beta', timezone: 'Europe/London', currency: 'GBP' })).id;
}, 120_000);

afterAll(async () => {
  await owner?.destroy();
  await central?.stop();
});

describe('the public enrolment login as an attacker', () => {
  it('may execute no function but redeem_enrolment_code, of any migration (trigger functions cannot be called)', async () => {
    const r = await sql<{ f: string }>`
      SELECT p.oid::regprocedure::text AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND has_function_privilege(${ENROL_LOGIN}, p.oid, 'EXECUTE')
         AND p.prorettype <> 'trigger'::regtype
       ORDER BY 1`.execute(owner);
    expect(r.rows.map((x) => x.f).filter((f) => !/^pg_stat_statements/.test(f))).toEqual(['redeem_enrolment_code(text,text,text,text,text)']);
  });

  it('two redemptions of one code at the same moment: exactly one terminal gets in', async () => {
    await sql`DELETE FROM enrolment_attempts`.execute(owner);
    const issued = await issueEnrolmentCode(owner, { cinema: cinemaA, mayEnrol: false });
    const clients = await Promise.all([1, 2, 3].map(() => asEnrol()));
    try {
      // The login's three connections are all taken: a fourth is turned away by the server.
      await expect(asEnrol()).rejects.toThrow(/too many connections/);
      const answers = await Promise.all(clients.map((c, i) => redeem(c, issued.code, uuid(0x100 + i))));
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      expect(answers.filter((a) => !a.ok).map((a) => a.reason)).toEqual(['USED', 'USED']);
      const rows = await sql`SELECT terminal_id FROM sync_terminals WHERE terminal_id IN (${uuid(0x100)}, ${uuid(0x101)}, ${uuid(0x102)}, ${uuid(0x103)})`.execute(owner);
      expect(rows.rows).toHaveLength(1);
      // Replayed later, by anyone: used.
      expect(await redeem(clients[0]!, issued.code, uuid(0x104))).toEqual({ ok: false, reason: 'USED' });
    } finally {
      for (const c of clients) await c.end();
    }
  });

  it("a code cannot take over a registered terminal's login: not its password, not its right to enrol, not a revoked one back", async () => {
    await sql`DELETE FROM enrolment_attempts`.execute(owner);
    // A's first terminal may enrol; a plain code of A names that terminal's id (ids are no secret: every row it writes carries it).
    const first = await issueEnrolmentCode(owner, { cinema: cinemaA, mayEnrol: true });
    const enrol = await asEnrol();
    try {
      const victim = await redeem(enrol, first.code, uuid(0x200), 'Till 1');
      expect(victim).toMatchObject({ ok: true, may_enrol: true });
      const plain = await issueEnrolmentCode(owner, { cinema: cinemaA, mayEnrol: false });
      expect(await redeem(enrol, plain.code, uuid(0x200), 'Evil')).toEqual({ ok: false, reason: 'KNOWN_TERMINAL' });
      // The victim's own login still works, and nothing about it changed.
      const still = await login(victim.login!, victim.password!);
      await still.end();
      const row = await sql`SELECT name, may_enrol, revoked_at FROM sync_terminals WHERE terminal_id = ${uuid(0x200)}`.execute(owner);
      expect(row.rows).toEqual([{ name: 'Till 1', may_enrol: true, revoked_at: null }]);
      // The code was not spent on the refusal: the real new terminal still gets in with it.
      expect(await redeem(enrol, plain.code, uuid(0x201))).toMatchObject({ ok: true, may_enrol: false });

      // A revoked terminal stays revoked whatever code is typed with its id.
      await sql`UPDATE sync_terminals SET revoked_at = now() WHERE terminal_id = ${uuid(0x201)}`.execute(owner);
      const again = await issueEnrolmentCode(owner, { cinema: cinemaA, mayEnrol: false });
      expect(await redeem(enrol, again.code, uuid(0x201))).toEqual({ ok: false, reason: 'KNOWN_TERMINAL' });
      expect((await sql`SELECT revoked_at IS NOT NULL AS revoked FROM sync_terminals WHERE terminal_id = ${uuid(0x201)}`.execute(owner)).rows).toEqual([{ revoked: true }]);

      // A role of that name made outside enrolment (by hand, say) is not handed out either.
      await sql.raw(`CREATE ROLE ${terminalRoleName(uuid(0x202))} LOGIN CREATEROLE`).execute(owner);
      expect(await redeem(enrol, again.code, uuid(0x202))).toEqual({ ok: false, reason: 'KNOWN_TERMINAL' });
    } finally {
      await enrol.end();
    }
  });

  it('crafted arguments: quotes, NULLs and megabytes are refused as answers, nothing made', async () => {
    await sql`DELETE FROM enrolment_attempts`.execute(owner);
    const enrol = await asEnrol();
    const issued = await issueEnrolmentCode(owner, { cinema: cinemaA });
    try {
      const v = async (args: unknown[]) => (await enrol.query<{ v: Answer }>('SELECT redeem_enrolment_code($1, $2, $3, $4, $5) AS v', args)).rows[0]!.v;
      const secret = newLoginPassword().secret;
      expect(await v([issued.code, "x'; DROP TABLE cinemas; --", 'n', '', secret])).toEqual({ ok: false, reason: 'FORMAT' });
      expect(await v([issued.code, null, null, null, null])).toEqual({ ok: false, reason: 'FORMAT' });
      expect(await v([null, uuid(0x300), 'n', '', secret])).toEqual({ ok: false, reason: 'UNKNOWN' });
      const started = Date.now();
      expect(await v(['A'.repeat(20_000_000), uuid(0x300), 'n', '', secret])).toEqual({ ok: false, reason: 'FORMAT' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await v([issued.code, uuid(0x300), 'x'.repeat(61), '', secret])).toEqual({ ok: false, reason: 'FORMAT' });
      // Only a SCRAM secret makes the password: a plain one (which logs would keep) or a quote is refused.
      expect(await v([issued.code, uuid(0x300), 'n', '', 'a-plain-password'])).toEqual({ ok: false, reason: 'FORMAT' });
      expect(await v([issued.code, uuid(0x300), 'n', '', `${secret}' SUPERUSER --`])).toEqual({ ok: false, reason: 'FORMAT' });
      // A name with quotes is a name: stored as typed, the role name comes from the id only.
      expect(await v([issued.code, uuid(0x300), "O'Brien\"; DROP ROLE postgres; --", '', secret])).toMatchObject({ ok: true, login: terminalRoleName(uuid(0x300)) });
      expect((await sql`SELECT name FROM sync_terminals WHERE terminal_id = ${uuid(0x300)}`.execute(owner)).rows).toEqual([{ name: 'O\'Brien"; DROP ROLE postgres; --' }]);
      expect((await sql`SELECT 1 FROM pg_roles WHERE rolname = 'postgres'`.execute(owner)).rows).toHaveLength(1);
    } finally {
      await enrol.end();
    }
  });

  it('guessing inside transactions it rolls back (uncounted) still costs every guess its pause, from any number of connections', async () => {
    await sql`DELETE FROM enrolment_attempts`.execute(owner);
    const clients = await Promise.all([1, 2, 3].map(() => asEnrol()));
    const guessesEach = 5;
    const started = Date.now();
    try {
      await Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < guessesEach; i++) {
            await c.query('BEGIN');
            expect(await redeem(c, makeEnrolmentCode().code, uuid(0x400))).toEqual({ ok: false, reason: 'UNKNOWN' });
            await c.query('ROLLBACK');
          }
        }),
      );
    } finally {
      for (const c of clients) await c.end();
    }
    // The counts were rolled back (so no throttle)…
    expect((await sql`SELECT 1 FROM enrolment_attempts`.execute(owner)).rows).toEqual([]);
    // …but 15 guesses took 15 pauses one after another: 4 a second in all, 345,600 a day.
    expect(Date.now() - started).toBeGreaterThanOrEqual(clients.length * guessesEach * REDEEM_PAUSE_SECONDS * 1000);
  });

  it('no password and no code reaches the statement statistics (pg_stat_statements tracking nested statements)', async () => {
    await sql`DELETE FROM enrolment_attempts`.execute(owner);
    await sql`SELECT pg_stat_statements_reset()`.execute(owner);
    const issued = await issueEnrolmentCode(owner, { cinema: cinemaA });
    const enrol = await asEnrol();
    const a = await redeem(enrol, issued.code, uuid(0x500));
    await enrol.end();
    expect(a.ok).toBe(true);
    // The owner's register-terminal and central admin: their passwords neither.
    const reg = await registerCentralTerminal(owner, { terminalId: uuid(0x501), cinemaId: cinemaA, name: 'By hand' });
    const again = await registerCentralTerminal(owner, { terminalId: uuid(0x501), cinemaId: cinemaA, name: 'By hand' });
    const admin = await createCentralAdmin(owner, 'auditor_one');
    for (const [user, password] of [[a.login!, a.password!], [again.user, again.password], [admin.user, admin.password]] as const) await (await login(user, password)).end();
    await expect(login(reg.user, reg.password)).rejects.toThrow(/password authentication failed/);
    const texts = (await sql<{ query: string }>`SELECT query FROM pg_stat_statements`.execute(owner)).rows.map((r) => r.query).join('\n');
    expect(texts).toContain('SCRAM-SHA-256$4096:');
    for (const secret of [a.password!, reg.password, again.password, admin.password]) expect(texts).not.toContain(secret);
    expect(texts).not.toContain(issued.code.replace(/-/g, ''));
    expect(texts).not.toContain(issued.code);
  });
});

describe('terminal logins as attackers', () => {
  it("B's terminal allowed to enrol issues codes for B only, creates no cinema over A, and B's plain terminal nothing", async () => {
    const bMay = await registerCentralTerminal(owner, { terminalId: uuid(0x600), cinemaId: cinemaB, name: 'B may' });
    await allowEnrol(owner, uuid(0x600), true);
    const c = await login(bMay.user, bMay.password);
    try {
      const code = makeEnrolmentCode();
      const r = (await c.query<{ v: { cinema_id: string } }>(`SELECT sync_issue_enrolment_code($1, 'x', 600) AS v`, [code.hash])).rows[0]!.v;
      expect(r.cinema_id).toBe(cinemaB);
      await expect(c.query(`SELECT sync_create_cinema($1, 'Alpha 2', '', 'UTC', 'EUR', $2, 'x', 600)`, [cinemaA, makeEnrolmentCode().hash])).rejects.toThrow(/exists already/);
      await expect(c.query(`SELECT sync_create_cinema($1, 'alpha', '', 'UTC', 'EUR', $2, 'x', 600)`, [uuid(0x601), makeEnrolmentCode().hash])).rejects.toThrow(/named/);
      // A hash already stored (another cinema's code) cannot be re-pointed.
      await expect(c.query(`SELECT sync_issue_enrolment_code($1, 'x', 600)`, [code.hash])).rejects.toThrow(/duplicate key|already/);
      const stored = await sql`SELECT cinema_id FROM enrolment_codes WHERE code_hash = ${code.hash}`.execute(owner);
      expect(stored.rows).toEqual([{ cinema_id: cinemaB }]);
    } finally {
      await c.end();
    }
  });
});

describe('the address a new terminal types', () => {
  it('carries no login: a user or password in it, even as query parameters, is refused before anything is stored', () => {
    const parse = (address: string) => contract['sync.joinWithCode'].input.safeParse({ address, code: makeEnrolmentCode().code, terminalName: '' }).success;
    expect(parse('central.example:5432/box_office')).toBe(true);
    expect(parse('postgres://central.example:5432/box_office?sslmode=require')).toBe(true);
    expect(parse('postgres://owner:secret@central.example:5432/box_office')).toBe(false);
    expect(parse('postgres://central.example:5432/box_office?user=postgres&password=secret')).toBe(false);
    expect(parse('postgres://central.example:5432/box_office?sslmode=require&password=secret')).toBe(false);
  });
});
