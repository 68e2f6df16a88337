import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { enablePoolLogin, registerCentralTerminal, type CentralDb, type RegisteredTerminal } from './central-admin';
import { CentralClient, type PushItem } from './central-client';
import { terminalKeyHash, terminalKeyOf } from './terminal-key';
import { POOL_LOGIN, TERMINAL_KEY_SETTING } from '../../../migrations/central/0015-shared-backends-terminal-key';
import { newId } from '../ids';

/*
 * Central 0015: on the shared login a pooler's server connections use, the terminal is told by the
 * key each transaction carries — and only by that. Tried here as an attacker would, straight on the
 * shared login (what a pooler passes on): no key, a wrong key, a password as key, a revoked
 * terminal's key, another cinema's rows with its own key, a key set for a session or a transaction
 * before. The pooler itself (one backend shared by terminals in turn): central-pgbouncer.test.ts.
 */
const POOL_PASSWORD = 'shared-pool-test-password';

let central: TestPostgres;
let owner: CentralDb;
let a: RegisteredTerminal;
let a2: RegisteredTerminal;
let b: RegisteredTerminal;
const cinemaA = newId();
const cinemaB = newId();
const opened: CentralClient[] = [];

const direct = () => `postgres://${central.host}:${central.port}/${central.database}`;
/** The shared login, sending the given key with every call (as a terminal behind the pooler does). */
const pooled = (key: string) => {
  const c = new CentralClient({ url: `${direct()}?pool=shared`, user: POOL_LOGIN, password: POOL_PASSWORD }, { terminalKey: key });
  opened.push(c);
  return c;
};
const keyOf = (t: RegisteredTerminal) => terminalKeyOf(t.password);
const hlc = (node: string) => `${String(Date.now() - 60_000).padStart(15, '0')}-00000-${node}`;
const customer = (cinemaId: string, origin: string): PushItem => {
  const id = newId();
  return { t: 'customers', op: 'UPSERT', id, row: { id, name: 'Pooled', phone: null, email: null, card_number: null, cinema_id: cinemaId, created_at: '2026-12-05T12:00:00.000Z', updated_at: hlc(origin), origin } };
};

async function poolSession(): Promise<pg.Client> {
  const c = new pg.Client({ host: central.host, port: central.port, database: central.database, user: POOL_LOGIN, password: POOL_PASSWORD });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  a = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA, name: 'A1' });
  a2 = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA, name: 'A2' });
  b = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaB, name: 'B1' });
  await enablePoolLogin(owner, POOL_PASSWORD);
}, 120_000);

afterAll(async () => {
  for (const c of opened) await c.close().catch(() => undefined);
  await stopMigratedCentral({ central, owner });
});

describe('the shared login tells terminals apart by their key', () => {
  it('each key is its own terminal and cinema', async () => {
    expect(await pooled(keyOf(a)).whoami()).toMatchObject({ terminalId: a.terminalId, cinemaId: cinemaA, name: 'A1' });
    expect(await pooled(keyOf(b)).whoami()).toMatchObject({ terminalId: b.terminalId, cinemaId: cinemaB, name: 'B1' });
  });

  it('refuses a call without a key, with a wrong key, with a login password as key, with a revoked terminal’s key', async () => {
    const noKey = new CentralClient({ url: direct(), user: POOL_LOGIN, password: POOL_PASSWORD });
    opened.push(noKey);
    await expect(noKey.whoami()).rejects.toThrow(/carries no key of a registered terminal/);
    await expect(noKey.pull(null, 10)).rejects.toThrow(/carries no key of a registered terminal/);
    await expect(pooled(terminalKeyOf('guessed')).whoami()).rejects.toThrow(/carries no key/);
    await expect(pooled(a.password).whoami()).rejects.toThrow(/carries no key/); // the password is not the key
    await expect(pooled(terminalKeyHash(keyOf(a))).whoami()).rejects.toThrow(/carries no key/); // nor is what the centre keeps
    await expect(pooled('').whoami()).rejects.toThrow(/carries no key/);
    const revoked = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA });
    expect((await pooled(keyOf(revoked)).whoami()).terminalId).toBe(revoked.terminalId);
    await sql`UPDATE sync_terminals SET revoked_at = now() WHERE terminal_id = ${revoked.terminalId}`.execute(owner);
    await expect(pooled(keyOf(revoked)).whoami()).rejects.toThrow(/carries no key/);
  });

  it("B's key reaches only B's cinema: A's rows are refused, B's pushes are B's, pulls keep to the cinema", async () => {
    const asB = pooled(keyOf(b));
    await expect(asB.push([customer(cinemaA, b.terminalId)])).rejects.toThrow(/belongs to another cinema/);
    await expect(asB.push([customer(cinemaB, a.terminalId)])).rejects.toThrow(/origin other than terminal/);
    const mine = customer(cinemaB, b.terminalId);
    expect(await asB.push([mine])).toMatchObject({ applied: 1 });
    const ofA = customer(cinemaA, a.terminalId);
    expect(await pooled(keyOf(a)).push([ofA])).toMatchObject({ applied: 1 });
    const [pulledByB, pulledByA2] = await Promise.all([asB.pull(null, 1000), pooled(keyOf(a2)).pull(null, 1000)]);
    expect(pulledByB.changes.map((c) => c.id)).not.toContain(ofA.id);
    expect(pulledByA2.changes.map((c) => c.id)).toContain(ofA.id);
    expect(pulledByA2.changes.map((c) => c.id)).not.toContain(mine.id);
    // The heartbeat and the terminal list are the key's terminal's.
    await asB.heartbeat(3);
    expect((await sql<{ n: string }>`SELECT changes_waiting::text AS n FROM sync_terminals WHERE terminal_id = ${b.terminalId}`.execute(owner)).rows[0]!.n).toBe('3');
    expect((await asB.cinemaTerminals()).map((t) => t.terminalId)).toEqual([b.terminalId]);
  });

  it('values travel as written on the shared login (its calls write parameters as literals)', async () => {
    const asA = pooled(keyOf(a));
    const nasty = customer(cinemaA, a.terminalId);
    const name = `O'Brien \\ "x" '); DROP TABLE customers; -- 🎬 $1 $$ \u00e9\n`;
    (nasty.row as Record<string, unknown>).name = name;
    expect(await asA.push([nasty])).toMatchObject({ applied: 1 });
    const pulled = await pooled(keyOf(a2)).pull(null, 10_000);
    expect(pulled.changes.find((c) => c.id === nasty.id)?.row.name).toBe(name);
    expect((await sql<{ name: string }>`SELECT name FROM customers WHERE id = ${nasty.id}`.execute(owner)).rows[0]!.name).toBe(name);
    await expect(asA.holdSeats(`x' OR 1=1 --`, [`'); DROP TABLE seats; --`], 60)).rejects.toThrow(/not a session of this cinema/);
    expect(await asA.pull(pulled.next, 10)).toMatchObject({ more: false });
  });

  it("another terminal on the shared login sees neither the key nor the data of a call in pg_stat_activity", async () => {
    const asA = new CentralClient({ url: `${direct()}?pool=shared`, user: POOL_LOGIN, password: POOL_PASSWORD }, { terminalKey: keyOf(a), idleTimeoutMs: 60_000 });
    opened.push(asA);
    const secret = customer(cinemaA, a.terminalId);
    (secret.row as Record<string, unknown>).name = 'Secret customer of A';
    await asA.push([secret]);
    await asA.pull(null, 10);
    await asA.whoami();
    await asA.cinemaTerminals();
    const spy = await poolSession();
    try {
      const seen = (await spy.query(`SELECT coalesce(string_agg(query, ' | '), '') AS q, count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`, [POOL_LOGIN])).rows[0];
      expect(seen.n).toBeGreaterThan(0); // A's idle connection and its last query are there…
      expect(seen.q).not.toContain(keyOf(a)); // …but the key and the data travelled as parameters
      expect(seen.q).not.toContain('Secret customer');
    } finally {
      await spy.end();
    }
  });

  it('a key lasts its transaction: the next transaction on the same connection is nobody', async () => {
    const c = await poolSession();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config($1, $2, true)`, [TERMINAL_KEY_SETTING, keyOf(a)]);
      expect((await c.query('SELECT sync_whoami() AS v')).rows[0].v.terminal_id).toBe(a.terminalId);
      await c.query('COMMIT');
      await expect(c.query('SELECT sync_whoami()')).rejects.toThrow(/carries no key/);
      // A key set for the whole session is that terminal's own, never more (the pooler resets it: RESET ALL).
      await c.query(`SELECT set_config($1, $2, false)`, [TERMINAL_KEY_SETTING, keyOf(b)]);
      expect((await c.query('SELECT sync_whoami() AS v')).rows[0].v.terminal_id).toBe(b.terminalId);
      await c.query('RESET ALL');
      await expect(c.query('SELECT sync_whoami()')).rejects.toThrow(/carries no key/);
    } finally {
      await c.end();
    }
  });

  it('the shared login reads no table, no key hash, and cannot set a key', async () => {
    const c = await poolSession();
    try {
      await expect(c.query('SELECT key_hash FROM sync_terminals')).rejects.toThrow(/permission denied/);
      await expect(c.query('SELECT * FROM customers')).rejects.toThrow(/permission denied/);
      await expect(c.query('SELECT * FROM change_log')).rejects.toThrow(/permission denied/);
      await expect(c.query('CREATE TEMP TABLE x (a int)')).rejects.toThrow(/permission denied/);
      await c.query('BEGIN');
      await c.query(`SELECT set_config($1, $2, true)`, [TERMINAL_KEY_SETTING, keyOf(b)]);
      await expect(c.query('SELECT sync_set_terminal_key($1)', [terminalKeyHash('mine now')])).rejects.toThrow(/own login only/);
      await c.query('ROLLBACK');
      const s = (await c.query(`SELECT current_setting('statement_timeout') AS st, current_setting('idle_in_transaction_session_timeout') AS idle`)).rows[0];
      expect(s).toEqual({ st: '20s', idle: '10s' });
    } finally {
      await c.end();
    }
  });

  it('a terminal gives its key on its own login (an enrolled one has none yet); a malformed hash is refused', async () => {
    const t = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: cinemaA });
    await sql`UPDATE sync_terminals SET key_hash = NULL WHERE terminal_id = ${t.terminalId}`.execute(owner);
    await expect(pooled(keyOf(t)).whoami()).rejects.toThrow(/carries no key/);
    const own = new CentralClient({ url: direct(), user: t.user, password: t.password });
    opened.push(own);
    await own.giveTerminalKey();
    expect((await pooled(keyOf(t)).whoami()).terminalId).toBe(t.terminalId);
    const raw = new pg.Client({ host: central.host, port: central.port, database: central.database, user: t.user, password: t.password });
    await raw.connect();
    try {
      await expect(raw.query('SELECT sync_set_terminal_key($1)', ["x' OR true --"])).rejects.toThrow(/64 hexadecimal digits/);
      // Another terminal's hash cannot be taken over (unique): the attacker would have to know it anyway.
      const ofA = (await sql<{ h: string }>`SELECT encode(key_hash, 'hex') AS h FROM sync_terminals WHERE terminal_id = ${a.terminalId}`.execute(owner)).rows[0]!.h;
      await expect(raw.query('SELECT sync_set_terminal_key($1)', [ofA])).rejects.toThrow(/duplicate key/);
    } finally {
      await raw.end();
    }
    expect((await pooled(keyOf(a)).whoami()).terminalId).toBe(a.terminalId);
  });
});
