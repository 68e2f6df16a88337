import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { registerCentralTerminal, type CentralDb } from './central-admin';
import { callSignedIn, snapshot, startSyncTerminal, type SyncTerminal } from './testing/sync-terminal';
import { startChaosProxy, type ChaosProxy } from './testing/chaos-proxy';
import { systemContext } from '../system-context';

/**
 * Issue 11 (d): terminals converge under connection cuts even when an edit loses last-writer-wins,
 * and say "all sent" only when it is true; sales made while a terminal counts as online never
 * become double sales (their seats are confirmed centrally first).
 */
let central: TestPostgres;
let owner: CentralDb;
let proxy: ChaosProxy;
const ts: SyncTerminal[] = [];

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  proxy = await startChaosProxy({ host: '127.0.0.1', port: central.port }, [30, 400], Math.random);
}, 120_000);

afterAll(async () => {
  for (const t of ts) await t.close();
  await proxy?.close();
  await stopMigratedCentral({ central, owner });
});

async function terminalOf(cinemaId: string | null, now: string): Promise<SyncTerminal> {
  const t = await startSyncTerminal({ demo: cinemaId === null, now });
  ts.push(t);
  const reg = await registerCentralTerminal(owner, { terminalId: t.core.terminal().id, cinemaId: cinemaId ?? t.core.terminal().cinemaId! });
  await t.sync.configure({ url: `postgres://127.0.0.1:${proxy.port}/${central.database}`, user: reg.user, password: reg.password });
  return t;
}

/** Sync until one gets through (the proxy may cut any of them). */
async function syncThrough(t: SyncTerminal): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await t.sync.syncNow();
      return;
    } catch {
      // cut: try again
    }
  }
  throw new Error('no sync got through 200 tries');
}

async function trySync(t: SyncTerminal): Promise<boolean> {
  try {
    await t.sync.syncNow();
    return true;
  } catch {
    return false;
  }
}

describe('convergence under connection cuts', () => {
  it('an edit that loses last-writer-wins comes back: every terminal and the centre end identical; "all sent" only when true', async () => {
    // t3's clock is two days ahead of t2's: t2 does not take t3's clock over (more than a day
    // ahead), so t2's later edit of the same hall is stamped OLDER than t3's and loses centrally.
    const t1 = await terminalOf(null, '2026-11-25T12:00:00Z');
    const cinemaId = t1.core.terminal().cinemaId!;
    await syncThrough(t1);
    const t2 = await terminalOf(cinemaId, '2026-11-25T12:00:00Z');
    const t3 = await terminalOf(cinemaId, '2026-11-27T12:00:00Z');
    for (const t of [t2, t3, t2, t3]) await syncThrough(t);
    const hall = await t1.db.selectFrom('halls').select('id').orderBy('id').executeTakeFirstOrThrow();
    const rename = async (t: SyncTerminal, name: string) =>
      t.db.updateTable('halls').set({ name, ...systemContext(t.core.services).stamp() }).where('id', '=', hall.id).execute();

    proxy.chaos(true, true);
    await rename(t3, 'Winner (newer clock)');
    await syncThrough(t3);
    await syncThrough(t2);
    expect((await t2.db.selectFrom('halls').select('name').where('id', '=', hall.id).executeTakeFirstOrThrow()).name).toBe('Winner (newer clock)');
    await rename(t2, 'Loser (older clock)');
    // Until the centre's version is back on t2, t2 never says "all sent".
    let claims = 0;
    for (let i = 0; i < 60; i++) {
      await trySync(t2);
      const st = await t2.sync.state();
      const local = (await t2.db.selectFrom('halls').select('name').where('id', '=', hall.id).executeTakeFirstOrThrow()).name;
      if (st.changesWaiting === 0) {
        claims++;
        expect(local).toBe('Winner (newer clock)');
      }
    }
    expect(claims).toBeGreaterThan(0);
    proxy.chaos(false);
    for (let round = 0; round < 2; round++) for (const t of [t1, t2, t3]) await t.sync.syncNow();

    const centre = (await sql<{ name: string }>`SELECT name FROM halls WHERE id = ${hall.id}`.execute(owner)).rows[0]!.name;
    expect(centre).toBe('Winner (newer clock)');
    const [a, b, c] = await Promise.all([t1, t2, t3].map((t) => snapshot(t.db)));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    for (const t of [t1, t2, t3]) expect((await t.sync.state()).changesWaiting).toBe(0);
    console.log(`[sync] convergence: ${proxy.cuts} connections cut; the losing edit came back; "all sent" claimed ${claims} times, each time true`);
  }, 120_000);
});

describe('sales under connection cuts', () => {
  it('no double sale of a terminal that counted as online (its seats are confirmed centrally first)', async () => {
    const t1 = await terminalOf(null, '2026-11-25T12:00:00Z');
    const cinemaId = t1.core.terminal().cinemaId!;
    await syncThrough(t1);
    const t2 = await terminalOf(cinemaId, '2026-11-25T12:00:00Z');
    const t3 = await terminalOf(cinemaId, '2026-11-25T12:00:00Z');
    const sellers = [t1, t2, t3];
    for (const t of [t2, t3, t1, t2, t3]) await syncThrough(t);
    for (const t of sellers) await callSignedIn(t, 'cashier', 'shifts.open', { openingFloat: 0 });
    // Every terminal sells from the same few seats: clashes are the point.
    const session = (await t1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow()).id;

    proxy.chaos(true, true);
    let attempts = 0;
    let sold = 0;
    const started = Date.now();
    while (Date.now() - started < 45_000 && attempts < 240) {
      const t = sellers[attempts % 3]!;
      attempts++;
      const map = await callSignedIn(t, 'cashier', 'booking.seatMap', { sessionId: session });
      if (!map.ok) continue;
      const free = (map.value as { seats: { id: string; state: string; active: boolean; kind: string }[] }).seats.filter(
        (s) => s.active && s.state === 'FREE' && s.kind !== 'WHEELCHAIR',
      );
      if (free.length === 0) break;
      // The first 12 free seats in map order: the three terminals aim at the same ones.
      const seat = free[Math.floor(Math.random() * Math.min(12, free.length))]!;
      const held = await callSignedIn(t, 'cashier', 'booking.hold', { sessionId: session, seatIds: [seat.id] });
      if (held.ok) {
        const draft = { sessionId: session, tickets: [{ seatId: seat.id, ticketType: 'ADULT' }], concessions: [] };
        const quote = await callSignedIn(t, 'cashier', 'orders.quote', draft);
        if (quote.ok) {
          const toPay = (quote.value as { toPay: number }).toPay;
          const sale = await callSignedIn(t, 'cashier', 'orders.sell', { ...draft, payments: [{ method: 'CASH', amount: toPay, tendered: toPay }] });
          if (sale.ok) sold++;
        }
      }
      await trySync(t);
    }
    const cuts = proxy.cuts;
    proxy.chaos(false);
    for (let round = 0; round < 3; round++) for (const t of sellers) await t.sync.syncNow();

    // Each sale says how its seats were held: confirmed centrally (online) or the local hold alone (offline).
    const sales = await sql<{ order_id: string; central_hold: string }>`
      SELECT entity_id AS order_id, (details::json)->>'centralHold' AS central_hold FROM audit_log WHERE action = 'order.sell'`.execute(owner);
    const holdOf = new Map(sales.rows.map((r) => [r.order_id, r.central_hold]));
    const conflicts = await sql<{ ticket: { order_id: string }; kept_ticket_id: string | null }>`
      SELECT details->'ticket' AS ticket, details->>'kept_ticket_id' AS kept_ticket_id FROM sync_conflicts WHERE kind = 'DOUBLE_SALE'`.execute(owner);
    const keptOrders = await sql<{ order_id: string }>`
      SELECT order_id FROM tickets WHERE id IN (SELECT details->>'kept_ticket_id' FROM sync_conflicts WHERE kind = 'DOUBLE_SALE')`.execute(owner);
    const online = [...holdOf.values()].filter((h) => h === 'CONFIRMED').length;
    const offline = [...holdOf.values()].filter((h) => h === 'OFFLINE').length;
    // A double sale involves two sales: the one pushed second (the conflict's ticket) and the one kept.
    const onlineLosers = conflicts.rows.filter((c) => holdOf.get(c.ticket.order_id) === 'CONFIRMED').length;
    console.log(
      `[sync] sales under cuts: ${cuts} connections cut, ${attempts} attempts, ${sold} sales (${online} confirmed online, ${offline} offline); ` +
        `double sales ${conflicts.rows.length}, of which the second ticket was sold while its terminal counted as online: ${onlineLosers}; ` +
        `kept tickets of offline sales: ${keptOrders.rows.filter((k) => holdOf.get(k.order_id) === 'OFFLINE').length}`,
    );
    expect(sold).toBeGreaterThan(10);
    expect(online).toBeGreaterThan(0);
    expect(onlineLosers).toBe(0);
    // Every terminal agrees on the tickets — but the seats of a double sale, which differ until a
    // manager settles them (the second ticket stays on its own terminal, the kept one waits there).
    const clashed = new Set((await sql<{ k: string }>`SELECT details->>'seat_id' AS k FROM sync_conflicts`.execute(owner)).rows.map((r) => r.k));
    type T = { id: string; seat_id: string; status: string; session_id: string };
    const [a, b, c] = await Promise.all(sellers.map(async (t) => ((await snapshot(t.db, ['tickets'])).tickets as T[]).filter((r) => !clashed.has(r.seat_id))));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const live = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE session_id = ${session} AND status = 'SOLD'`.execute(owner);
    expect(a!.filter((r) => r.status === 'SOLD' && r.session_id === session)).toHaveLength(live.rows[0]!.n - clashed.size);
  }, 150_000);
});
