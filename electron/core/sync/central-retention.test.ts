import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestPostgres } from './testing/central-postgres';
import { startCentralWithTerminals, type CentralWithTerminals } from './testing/central-fixture';
import { openCentralAsOwner, pruneChangeLog, type CentralDb } from './central-admin';
import { CentralClient } from './central-client';
import { connectTerminal, freeSeats, sellSeats, snapshot, type SyncTerminal } from './testing/sync-terminal';
import { systemContext } from '../system-context';

/*
 * change_log retention (central 0013): what every live terminal has pulled, and older than the kept
 * days, is pruned in batches; a terminal behind the floor — offline longer than that, or new after a
 * prune — gets a full re-pull of its cinema and converges with the others.
 */
let central: TestPostgres;
let owner: CentralDb;
let centre: CentralWithTerminals;

beforeAll(async () => {
  centre = await startCentralWithTerminals();
  ({ central, owner } = centre);
}, 120_000);

afterAll(() => centre?.stop());

const terminal = (demo: boolean) => centre.terminal(demo);

const logRows = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM change_log`.execute(owner)).rows[0]!.n);
/** As if ten minutes had passed: the next pull of every terminal writes its mark anew. */
const remarkAll = () => sql`UPDATE sync_pull_marks SET marked_at = now() - interval '11 minutes'`.execute(owner);

describe('change_log retention', () => {
  let t1: SyncTerminal, t2: SyncTerminal;
  let cinemaId: string;

  beforeAll(async () => {
    t1 = await terminal(true);
    cinemaId = t1.core.terminal().cinemaId!;
    await connectTerminal(owner, central.url, t1, cinemaId);
    await t1.sync.syncNow();
    t2 = await terminal(false);
    await connectTerminal(owner, central.url, t2, cinemaId);
    await t2.sync.syncNow();
    await t1.sync.syncNow();
  }, 120_000);

  it('keeps what a live terminal has not pulled yet, however old', async () => {
    const before = await logRows();
    // Both pulled everything, but their marks are their first pulls' cursors (0): nothing may go.
    await sql`UPDATE change_log SET logged_at = now() - interval '40 days'`.execute(owner);
    const r = await pruneChangeLog(owner, { keepDays: 35, batch: 100 });
    expect(r.deleted).toBe(0);
    expect(await logRows()).toBe(before);
  });

  it('prunes in batches what every live terminal has pulled and is older than the kept days', async () => {
    // Marks are rewritten at most every ten minutes: as if ten had passed, both pull again.
    await remarkAll();
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    const before = await logRows();
    const lastOld = Number((await sql<{ s: string }>`SELECT max(seq) AS s FROM change_log`.execute(owner)).rows[0]!.s);
    // Something recent, within the kept days: a sale of t1.
    const session = await t1.db.selectFrom('sessions').select('id').orderBy('starts_at', 'desc').executeTakeFirstOrThrow();
    await sellSeats(t1, session.id, await freeSeats(t1.db, session.id, 2));
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    const recent = (await logRows()) - before;
    expect(recent).toBeGreaterThan(0);
    await sql`UPDATE change_log SET logged_at = now() - interval '40 days' WHERE seq <= ${lastOld}`.execute(owner);
    await remarkAll();
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    const r = await pruneChangeLog(owner, { keepDays: 35, batch: 500 });
    expect(r.deleted).toBeGreaterThan(0);
    expect(r.batches).toBeGreaterThan(2);
    expect(await logRows()).toBe(before + recent - r.deleted);
    // The recent rows are all there.
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM change_log WHERE seq > ${lastOld}`.execute(owner)).rows[0]!.n)).toBe(recent);
    // Both terminals go on from their cursors (above the floor): nothing is missed.
    const ctx1 = systemContext(t1.core.services);
    const film = await t1.db.selectFrom('films').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t1.db.updateTable('films').set({ title: 'After the prune', ...ctx1.stamp() }).where('id', '=', film.id).execute();
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    expect((await t2.db.selectFrom('films').select('title').where('id', '=', film.id).executeTakeFirstOrThrow()).title).toBe('After the prune');
    // Pruning again finds nothing more; the floor never goes down.
    expect((await pruneChangeLog(owner, { keepDays: 35 })).deleted).toBe(0);
  });

  it('a terminal offline longer than the kept days, and a new terminal after a prune, get a full re-pull of the cinema', async () => {
    // t2 goes offline; meanwhile t1 sells, edits and deletes.
    const ctx1 = systemContext(t1.core.services);
    const session = await t1.db.selectFrom('sessions').select('id').orderBy('starts_at', 'desc').executeTakeFirstOrThrow();
    await sellSeats(t1, session.id, await freeSeats(t1.db, session.id, 3));
    const price = await t1.db.selectFrom('price_defaults').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t1.db.deleteFrom('price_defaults').where('id', '=', price.id).execute();
    const film = await t1.db.selectFrom('films').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t1.db.updateTable('films').set({ title: 'While t2 was away', ...ctx1.stamp() }).where('id', '=', film.id).execute();
    await t1.sync.syncNow();
    // 40 days pass for everything; t1 keeps syncing, t2 does not.
    await sql`UPDATE sync_pull_marks SET marked_at = now() - interval '40 days' WHERE terminal_id = ${t2.core.terminal().id}`.execute(owner);
    await sql`UPDATE change_log SET logged_at = now() - interval '40 days'`.execute(owner);
    await sql`UPDATE sync_pull_marks SET marked_at = now() - interval '11 minutes' WHERE terminal_id = ${t1.core.terminal().id}`.execute(owner);
    await t1.sync.syncNow();
    await t1.sync.syncNow();
    const r = await pruneChangeLog(owner, { keepDays: 35 });
    expect(r.deleted).toBeGreaterThan(0);
    const floor = (await sql<{ f: string }>`SELECT floor::text AS f FROM sync_log_floor`.execute(owner)).rows[0]!.f;
    expect(BigInt(floor)).toBeGreaterThan(0n);

    // t2 comes back: its cursor is below the floor, so it re-pulls the cinema (small pages: several of them).
    const c2 = JSON.parse((await t2.db.selectFrom('local_meta').select('value').where('key', '=', 'sync_cursor').executeTakeFirstOrThrow()).value) as { xid: string };
    expect(BigInt(c2.xid)).toBeLessThan(BigInt(floor));
    await t2.sync.syncNow();
    const [a, b] = await Promise.all([snapshot(t1.db), snapshot(t2.db)]);
    expect(b).toEqual(a);
    expect((b.films as { id: string; title: string }[]).find((f) => f.id === film.id)!.title).toBe('While t2 was away');
    expect((b.price_defaults as { id: string }[]).some((p) => p.id === price.id)).toBe(false);
    // Its cursor is back on the log, above the floor; the re-pull's list is gone.
    const after = JSON.parse((await t2.db.selectFrom('local_meta').select('value').where('key', '=', 'sync_cursor').executeTakeFirstOrThrow()).value) as { xid: string };
    expect(BigInt(after.xid)).toBeGreaterThanOrEqual(BigInt(floor));
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM sync_repull_rows`.execute(owner)).rows[0]!.n)).toBe(0);

    // A brand-new terminal after the prune loads the whole cinema the same way.
    const t3 = await terminal(false);
    await connectTerminal(owner, central.url, t3, cinemaId);
    await t3.sync.syncNow();
    expect(t3.core.terminal().cinemaId).toBe(cinemaId);
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    await t3.sync.syncNow();
    const [a2, b2, c2s] = await Promise.all([snapshot(t1.db), snapshot(t2.db), snapshot(t3.db)]);
    expect(b2).toEqual(a2);
    // (t3's own terminal row reached t1 and t2 through the log; the rest t3 got from the re-pull)
    expect(c2s).toEqual(a2);
  }, 120_000);

  it('a re-pull interrupted between pages goes on where it stopped; the terminal login cannot prune', async () => {
    const reg = await connectTerminal(owner, central.url, await terminal(false), cinemaId);
    const client = new CentralClient({ url: `postgres://${central.host}:${central.port}/${central.database}`, ...reg });
    try {
      const first = await client.pull(null, 50);
      expect(first.more).toBe(true);
      expect(first.next.xid).toBe('0');
      expect(first.changes).toHaveLength(50);
      // Pulled again from the same cursor (the terminal crashed before applying): the same rows.
      const again = await client.pull(first.next, 50);
      const again2 = await client.pull(first.next, 50);
      expect(again2.changes.map((c) => c.id)).toEqual(again.changes.map((c) => c.id));
      expect(again.changes.map((c) => c.id)).not.toContain(first.changes[0]!.id);
      let cursor = again.next;
      let pages = 2;
      for (;;) {
        const p = await client.pull(cursor, 500);
        pages++;
        cursor = p.next;
        if (!p.more) break;
      }
      expect(pages).toBeGreaterThan(2);
      expect(cursor.xid).not.toBe('0');
      await expect(sql`SELECT sync_prune_change_log(10)`.execute(openTerminal(reg))).rejects.toThrow(/permission denied/);
    } finally {
      await client.close();
    }
  }, 120_000);
});

const opened: CentralDb[] = [];
function openTerminal(reg: { user: string; password: string }): CentralDb {
  const db = openCentralAsOwner(`postgres://${encodeURIComponent(reg.user)}:${encodeURIComponent(reg.password)}@${central.host}:${central.port}/${central.database}`);
  opened.push(db);
  return db;
}
afterAll(async () => {
  for (const db of opened) await db.destroy();
});
