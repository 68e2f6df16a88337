import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { pgBouncerInstalled, startPgBouncer, type PgBouncer } from './testing/pgbouncer';
import { registerCentralTerminal, type CentralDb } from './central-admin';
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
