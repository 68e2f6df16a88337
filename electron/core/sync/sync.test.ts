import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startCentralWithTerminals, type CentralWithTerminals } from './testing/central-fixture';
import { registerCentralTerminal, type CentralDb } from './central-admin';
import { connectTerminal, freeSeats, managerContext, refundOrder, sellSeats, snapshot, type SyncTerminal } from './testing/sync-terminal';
import { systemContext } from '../system-context';
import { resolveConflict } from './resolve-conflict';
import { CentralClient, type PushItem } from './central-client';
import { newId } from '../ids';
import fc from 'fast-check';
import { startCore } from '../app-core';
import { syncOf } from './sync-engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteOf } from '../db/open';
import { expected, kept } from '../reports/testing/report-sums';
import { REPORT_SUMS_STALE_KEY } from './initial-load';

let central: TestPostgres;
let owner: CentralDb;
let centre: CentralWithTerminals;

beforeAll(async () => {
  centre = await startCentralWithTerminals();
  ({ central, owner } = centre);
}, 120_000);

afterAll(() => centre?.stop());

const terminal = (demo: boolean) => centre.terminal(demo);

/** Sync every terminal, twice round, so each sees what the others pushed. */
async function syncAll(...ts: SyncTerminal[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const t of ts) await t.sync.syncNow();
}

async function nextSession(t: SyncTerminal): Promise<string> {
  const s = await t.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow();
  return s.id;
}

async function openConflicts(t: SyncTerminal) {
  return (await t.sync.conflicts()).filter((c) => !c.resolved_at);
}

describe('three terminals of one cinema against one central database', () => {
  let t1: SyncTerminal, t2: SyncTerminal, t3: SyncTerminal;
  let cinemaId: string;
  let reg3: { user: string; password: string };

  beforeAll(async () => {
    t1 = await terminal(true);
    cinemaId = t1.core.terminal().cinemaId!;
    await connectTerminal(owner, central.url, t1, cinemaId);
    await t1.sync.syncNow();
    t2 = await terminal(false);
    t3 = await terminal(false);
    await connectTerminal(owner, central.url, t2, cinemaId);
    reg3 = await connectTerminal(owner, central.url, t3, cinemaId);
    await syncAll(t1, t2, t3);
  }, 120_000);

  const call = async (t: SyncTerminal, op: string, input: unknown, role: 'admin' | 'manager' | 'cashier' = 'admin') => {
    const login = await t.core.call({ op: 'auth.login', input: { username: role, password: `${role}1234` } });
    if (!login.ok) throw new Error(login.error.message);
    return t.core.call({ op, input, token: (login.value as { token: string }).token });
  };
  const centralAddress = () => `postgres://${central.host}:${central.port}/${central.database}`;

  it('a brand-new terminal joins the cinema from its first-run screen (public, only before setup)', async () => {
    const t4 = await terminal(false);
    const join = (input: unknown) => t4.core.call({ op: 'sync.join', input });
    const reg4 = await registerCentralTerminal(owner, { terminalId: t4.core.terminal().id, cinemaId });
    expect(await join({ url: centralAddress(), user: reg3.user, password: reg3.password })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/belong to terminal .*, not to this one/) },
    });
    expect(await join({ url: centralAddress(), user: reg4.user, password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const joined = await join({ url: centralAddress(), user: reg4.user, password: reg4.password });
    expect(joined).toMatchObject({ ok: true, value: { cinema: { id: cinemaId }, staff: expect.any(Number) } });
    expect(t4.core.terminal().cinemaId).toBe(cinemaId);
    expect((await t4.core.call({ op: 'auth.login', input: { username: 'manager', password: 'manager1234' } })).ok).toBe(true);
    expect(await join({ url: centralAddress(), user: reg4.user, password: reg4.password })).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
    expect(await t1.core.call({ op: 'sync.join', input: { url: centralAddress(), user: reg4.user, password: reg4.password } })).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
    await t4.close();
  });

  it('the admin sees the settings without the password; status is there for every role', async () => {
    const settings = await call(t2, 'sync.settings', {});
    expect(settings).toMatchObject({ ok: true, value: { url: centralAddress(), terminalId: t2.core.terminal().id, cinemaId, status: { configured: true, online: true } } });
    expect(JSON.stringify(settings)).not.toMatch(/password/i);
    const status = await call(t2, 'sync.status', {}, 'cashier');
    expect(status).toMatchObject({ ok: true, value: { configured: true, online: true, changesWaiting: 0, openConflicts: 0, demo: false } });
    expect(await call(t2, 'sync.now', {})).toMatchObject({ ok: true, value: { online: true } });
    expect(await call(t2, 'sync.now', {}, 'manager')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('test connection names the terminal; wrong or foreign credentials are refused and change nothing', async () => {
    expect(await call(t3, 'sync.test', { url: centralAddress(), user: reg3.user, password: reg3.password })).toEqual({
      ok: true,
      value: { terminalId: t3.core.terminal().id, cinemaId, matches: true },
    });
    const wrong = await call(t2, 'sync.test', { url: centralAddress(), user: reg3.user, password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/did not accept the connection: password authentication failed/) } });
    const foreign = await call(t2, 'sync.configure', { url: centralAddress(), user: reg3.user, password: reg3.password });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/belong to terminal .*, not to this one/) } });
    const badUrl = await call(t2, 'sync.configure', { url: 'http://example.org', user: 'x', password: 'y' });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await call(t2, 'sync.settings', {})) as { value: { user: string } }).toMatchObject({ value: { user: expect.stringMatching(/^terminal_/) } });
    expect(((await call(t2, 'sync.settings', {})) as { value: { user: string } }).value.user).not.toBe(reg3.user);
    // The demo cinema never connects.
    const demo = await call(t1, 'sync.configure', { url: centralAddress(), user: reg3.user, password: reg3.password });
    expect(demo).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/demo data is never sent/) } });
  });

  it('a fresh terminal joins the cinema: staff, programme and its own terminal row arrive', async () => {
    expect(t2.core.terminal().cinemaId).toBe(cinemaId);
    const rows = Object.values(await snapshot(t2.db)).reduce((n, r) => n + r.length, 0);
    console.log(`[sync] joining terminal pulled ${rows} rows; the longest page held its database ${t2.sync.longestApplyMs.toFixed(1)} ms`);
    const call = (op: 'auth.login', input: { username: string; password: string }) => t2.core.call({ op, input });
    const login = await call('auth.login', { username: 'cashier', password: 'cashier1234' });
    expect(login.ok).toBe(true);
    const terminalsOnT1 = await t1.db.selectFrom('terminals').select('id').execute();
    expect(terminalsOnT1.map((r) => r.id).sort()).toEqual([t1, t2, t3].map((t) => t.core.terminal().id).sort());
    expect((await t1.sync.state()).changesWaiting).toBe(0);
    // Its initial load skipped the per-row triggers (initial-load.ts): every trigger is back, the
    // report sums were rebuilt to their definitions.
    const triggers = (t: SyncTerminal) => sqliteOf(t.db).prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
    expect(triggers(t2)).toEqual(triggers(t1));
    expect(kept(sqliteOf(t2.db))).toEqual(expected(sqliteOf(t2.db)));
    expect(await t2.db.selectFrom('local_meta').select('key').where('key', '=', REPORT_SUMS_STALE_KEY).execute()).toEqual([]);
  });

  it('sell, edit, refund and delete on different terminals: every database converges', async () => {
    // Terminals that sell apply pulled rows with all their triggers: the schema is never touched.
    const schemaVersion = (t: SyncTerminal) => sqliteOf(t.db).pragma('schema_version', { simple: true });
    const versions = [t1, t2, t3].map(schemaVersion);
    const session = await nextSession(t1);
    const seats = await freeSeats(t1.db, session, 6);
    await sellSeats(t1, session, seats.slice(0, 2));
    await sellSeats(t2, session, seats.slice(2, 4));
    const sold3 = await sellSeats(t3, session, seats.slice(4, 5));
    await refundOrder(t3, sold3.orderId);

    // Concurrent edits of one film on two terminals: the later HLC wins everywhere.
    const film = await t1.db.selectFrom('films').select('id').orderBy('id').executeTakeFirstOrThrow();
    const ctx1 = systemContext(t1.core.services);
    const ctx2 = systemContext(t2.core.services);
    await t1.db.updateTable('films').set({ title: 'Title from T1', ...ctx1.stamp() }).where('id', '=', film.id).execute();
    t2.clock.advance(1000);
    await t2.db.updateTable('films').set({ title: 'Title from T2', ...ctx2.stamp() }).where('id', '=', film.id).execute();
    // A deletion travels too.
    const price = await t3.db.selectFrom('price_defaults').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t3.db.deleteFrom('price_defaults').where('id', '=', price.id).execute();

    await syncAll(t1, t2, t3);
    const [a, b, c] = await Promise.all([snapshot(t1.db), snapshot(t2.db), snapshot(t3.db)]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect((a.films as { id: string; title: string }[]).find((f) => f.id === film.id)!.title).toBe('Title from T2');
    expect((a.price_defaults as { id: string }[]).some((p) => p.id === price.id)).toBe(false);
    const tickets = a.tickets as { session_id: string; status: string }[];
    expect(tickets.filter((t) => t.session_id === session && t.status === 'SOLD')).toHaveLength(4);
    expect(tickets.filter((t) => t.session_id === session && t.status === 'REFUNDED')).toHaveLength(1);
    // The refund's reason travels with it (central 0009).
    const refunds = (a.payments as { order_id: string; kind: string; refund_reason: string | null }[]).filter((p) => p.order_id === sold3.orderId && p.kind === 'REFUND');
    expect(refunds.map((p) => p.refund_reason)).toEqual(['CUSTOMER_CHANGED_MIND']);
    // And the central database holds the same tickets.
    const centralTickets = await sql<{ n: string }>`SELECT count(*) AS n FROM tickets WHERE session_id = ${session} AND NOT deleted`.execute(owner);
    expect(Number(centralTickets.rows[0]!.n)).toBe(5);
    for (const t of [t1, t2, t3]) expect((await t.sync.state()).changesWaiting).toBe(0);
    expect([t1, t2, t3].map(schemaVersion)).toEqual(versions);
    for (const t of [t1, t2, t3]) expect(kept(sqliteOf(t.db))).toEqual(expected(sqliteOf(t.db)));
  }, 60_000);

  it('a seat sold on two terminals offline becomes a conflict both see; re-seating on one reaches the other', async () => {
    const session = await nextSession(t1);
    const [seat, freeSeat] = await freeSeats(t1.db, session, 2);
    // Both offline: neither syncs between the two sales.
    const first = await sellSeats(t1, session, [seat!]);
    const second = await sellSeats(t2, session, [seat!]);
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    await t1.sync.syncNow();
    const c1 = await openConflicts(t1);
    const c2 = await openConflicts(t2);
    expect(c1).toHaveLength(1);
    expect(c2.map((c) => c.id)).toEqual(c1.map((c) => c.id));
    expect(c1[0]!.kind).toBe('DOUBLE_SALE');
    expect(c1[0]!.subject_id).toBe(second.ticketIds[0]);
    expect(c1[0]!.details.kept_ticket_id).toBe(first.ticketIds[0]);
    expect((await t1.sync.state()).openConflicts).toBe(1);
    // Both tickets are kept centrally: the first in tickets, the second in the conflict.
    const kept = await sql<{ id: string }>`SELECT id FROM tickets WHERE session_id = ${session} AND seat_id = ${seat!} AND status = 'SOLD'`.execute(owner);
    expect(kept.rows.map((r) => r.id)).toEqual(first.ticketIds);

    // The manager sees it in words, with the free seats to move the customer to.
    const listed = (await call(t2, 'sync.conflicts', {}, 'manager')) as { ok: true; value: { description: string; freeSeats: { id: string }[] }[] };
    expect(listed.value).toHaveLength(1);
    expect(listed.value[0]!.description).toMatch(/^Seat sold twice while offline: Row .+, seat \d+ for .+ in .+ — order .+ did not get it\.$/);
    expect(listed.value[0]!.freeSeats.map((f) => f.id)).toContain(freeSeat);
    // …in the terminal's language: written from the conflict's kind and details, not stored text.
    expect(await call(t2, 'terminal.setLanguage', { language: 'de' })).toMatchObject({ ok: true });
    const german = (await call(t2, 'sync.conflicts', {}, 'manager')) as typeof listed;
    expect(german.value[0]!.description).toMatch(/^Platz offline doppelt verkauft: Reihe .+, Platz \d+ für .+ in .+ — Bestellung .+ hat ihn nicht erhalten\.$/);
    expect(await call(t2, 'terminal.setLanguage', { language: 'en' })).toMatchObject({ ok: true });
    expect(await call(t2, 'sync.conflicts', {}, 'cashier')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(t2, 'sync.resolveConflict', { conflictId: c1[0]!.id, action: 'RESEAT', seatId: seat! }, 'manager')).toMatchObject({
      ok: false,
      error: { code: 'SEAT_TAKEN' },
    });
    // A re-seat takes its seat centrally first: while T3's cashier holds it, T1 cannot move the customer there.
    expect(await call(t3, 'booking.hold', { sessionId: session, seatIds: [freeSeat!] }, 'cashier')).toMatchObject({ ok: true });
    await expect(resolveConflict(await managerContext(t1), { conflictId: c1[0]!.id, action: 'RESEAT', seatId: freeSeat! })).rejects.toMatchObject({ code: 'SEAT_TAKEN' });
    expect(await t1.db.selectFrom('tickets').select('id').where('session_id', '=', session).where('seat_id', '=', freeSeat!).execute()).toEqual([]);
    await call(t3, 'booking.release', { sessionId: session, seatIds: [freeSeat!] }, 'cashier');
    await new Promise((r) => setTimeout(r, 200));
    // The manager on T1 re-seats the second customer.
    const { newTicketId } = await resolveConflict(await managerContext(t1), { conflictId: c1[0]!.id, action: 'RESEAT', seatId: freeSeat! });
    await syncAll(t1, t2, t3);
    for (const t of [t1, t2, t3]) {
      expect(await openConflicts(t)).toEqual([]);
      const live = await t.db.selectFrom('tickets').select(['id', 'seat_id']).where('session_id', '=', session).where('seat_id', 'in', [seat!, freeSeat!]).where('status', '=', 'SOLD').orderBy('seat_id').execute();
      expect(live.map((r) => r.id).sort()).toEqual([first.ticketIds[0], newTicketId].sort());
      const old = await t.db.selectFrom('tickets').select(['status', 'exchanged_to_ticket_id']).where('id', '=', second.ticketIds[0]!).executeTakeFirstOrThrow();
      expect(old).toEqual({ status: 'EXCHANGED', exchanged_to_ticket_id: newTicketId });
    }
    const conflicts = await t2.sync.conflicts();
    expect(conflicts.find((c) => c.id === c1[0]!.id)!.resolution).toBe('RESEATED');
    const [a, b, c] = await Promise.all([snapshot(t1.db), snapshot(t2.db), snapshot(t3.db)]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  }, 60_000);

  it('a double sale can be settled by refunding the second ticket instead', async () => {
    const session = await nextSession(t1);
    const [seat] = await freeSeats(t1.db, session, 1);
    await sellSeats(t3, session, [seat!]);
    const second = await sellSeats(t2, session, [seat!]);
    await t3.sync.syncNow();
    await t2.sync.syncNow();
    const [conflict] = await openConflicts(t2);
    expect(conflict!.subject_id).toBe(second.ticketIds[0]);
    await expect(resolveConflict(await managerContext(t2), { conflictId: conflict!.id, action: 'ACKNOWLEDGE' })).rejects.toThrow(/re-seat the customer or refund/);
    await resolveConflict(await managerContext(t2), { conflictId: conflict!.id, action: 'REFUND' });
    await expect(resolveConflict(await managerContext(t2), { conflictId: conflict!.id, action: 'REFUND' })).rejects.toThrow(/already been resolved/);
    // Rule 16: the money that went back has its numbered refund slip, in the signed journal.
    const slips = await t2.db.selectFrom('fiscal_receipts').select(['kind', 'amount']).where('order_id', '=', second.orderId).execute();
    expect(slips).toEqual([{ kind: 'REFUND', amount: expect.any(Number) }]);
    expect(slips[0]!.amount).toBeLessThan(0);
    expect(await t2.db.selectFrom('journal_entries').select('kind').orderBy('counter', 'desc').executeTakeFirstOrThrow()).toEqual({ kind: 'REFUND' });
    await syncAll(t1, t2, t3);
    for (const t of [t1, t2, t3]) {
      expect(await openConflicts(t)).toEqual([]);
      const tk = await t.db.selectFrom('tickets').select('status').where('id', '=', second.ticketIds[0]!).executeTakeFirstOrThrow();
      expect(tk.status).toBe('REFUNDED');
      expect(await t.db.selectFrom('ticket_revocations').select('reason').where('ticket_id', '=', second.ticketIds[0]!).executeTakeFirstOrThrow()).toEqual({ reason: 'CONFLICT' });
    }
  }, 60_000);

  it('online, a seat held on one terminal is held centrally: another terminal cannot hold it until released', async () => {
    const session = await nextSession(t1);
    const [seat] = await freeSeats(t1.db, session, 1);
    expect(await call(t1, 'booking.hold', { sessionId: session, seatIds: [seat!] }, 'cashier')).toMatchObject({ ok: true });
    // T2's seat map shows the seat held at once (the centre's holds are read with the map), not after a sync.
    const map = (await call(t2, 'booking.seatMap', { sessionId: session }, 'cashier')) as { ok: true; value: { seats: { id: string; state: string }[] } };
    expect(map.value.seats.find((s) => s.id === seat)!.state).toBe('HELD');
    const refused = await call(t2, 'booking.hold', { sessionId: session, seatIds: [seat!] }, 'cashier');
    expect(refused).toMatchObject({ ok: false, error: { code: 'SEAT_TAKEN', message: expect.stringMatching(/^Row .+, seat \d+ is being sold at another terminal/) } });
    // Nothing stays held locally on the refused terminal.
    expect(await t2.db.selectFrom('seat_holds').select('id').where('seat_id', '=', seat!).execute()).toEqual([]);
    expect(await call(t1, 'booking.release', { sessionId: session, seatIds: [seat!] }, 'cashier')).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(await call(t2, 'booking.hold', { sessionId: session, seatIds: [seat!] }, 'cashier')).toMatchObject({ ok: true });
    await call(t2, 'booking.release', { sessionId: session, seatIds: [seat!] }, 'cashier');
  });

  it('property: concurrent edits and deletions of reference data, synced in any order, converge to the last writer', async () => {
    const films = (await t1.db.selectFrom('films').select('id').orderBy('id').limit(3).execute()).map((f) => f.id);
    const ts = [t1, t2, t3];
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ terminal: fc.nat(2), film: fc.nat(films.length - 1), advanceMs: fc.nat(3), syncAfter: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (edits, withDelete) => {
          round++;
          let last: { film: string; title: string } | null = null;
          const lastByFilm = new Map<string, string>();
          for (const [k, e] of edits.entries()) {
            const t = ts[e.terminal]!;
            t.clock.advance(e.advanceMs);
            const title = `Round ${round} edit ${k} on T${e.terminal + 1}`;
            const ctx = systemContext(t.core.services);
            const stamp = ctx.stamp();
            await t.db.updateTable('films').set({ title, ...stamp }).where('id', '=', films[e.film]!).execute();
            const current = lastByFilm.get(films[e.film]!);
            const localRow = await t.db.selectFrom('films').select('updated_at').where('id', '=', films[e.film]!).executeTakeFirstOrThrow();
            if (!current || localRow.updated_at > current) lastByFilm.set(films[e.film]!, stamp.updated_at);
            last = { film: films[e.film]!, title };
            if (e.syncAfter) await t.sync.syncNow();
          }
          // A concession item created on one terminal and deleted on another travels as a tombstone.
          let doomed: string | null = null;
          if (withDelete) {
            const ctxA = systemContext(t1.core.services);
            doomed = newId();
            await t1.db.insertInto('concession_items').values({ id: doomed, cinema_id: cinemaId, name: `Doomed ${round}`, price: 100, vat_bp: 700, ...ctxA.stamp() }).execute();
            await syncAll(t1, t3);
            await t3.db.deleteFrom('concession_items').where('id', '=', doomed).execute();
          }
          await syncAll(t1, t2, t3);
          const [a, b, c] = await Promise.all(ts.map((t) => snapshot(t.db, ['films', 'concession_items'])));
          expect(b).toEqual(a);
          expect(c).toEqual(a);
          // The winner is the edit with the greatest HLC.
          for (const [film, hlc] of lastByFilm) {
            const row = (a!.films as { id: string; updated_at: string }[]).find((f) => f.id === film)!;
            expect(row.updated_at >= hlc).toBe(true);
          }
          expect(last).not.toBeNull();
          if (doomed) expect((a!.concession_items as { id: string }[]).some((i) => i.id === doomed)).toBe(false);
        },
      ),
      { numRuns: 12, seed: 5 },
    );
  }, 120_000);

  it('a bonus account overdrawn offline is reported as a conflict', async () => {
    const ctx1 = systemContext(t1.core.services);
    const customerId = newId();
    const accountId = newId();
    await t1.db.transaction().execute(async (trx) => {
      await trx.insertInto('customers').values({ id: customerId, name: 'Overdrawn', card_number: `C-${customerId.slice(-6)}`, ...ctx1.stamp() }).execute();
      await trx.insertInto('bonus_accounts').values({ id: accountId, customer_id: customerId, card_number: `C-${customerId.slice(-6)}`, ...ctx1.stamp() }).execute();
      await trx.insertInto('bonus_transactions').values({ id: newId(), account_id: accountId, kind: 'ACCRUAL', amount: 100, ...ctx1.stamp() }).execute();
    });
    await syncAll(t1, t2);
    // Both terminals, offline, spend the same 100 points.
    for (const t of [t1, t2]) {
      const ctx = systemContext(t.core.services);
      await t.db.insertInto('bonus_transactions').values({ id: newId(), account_id: accountId, kind: 'REDEMPTION', amount: -100, ...ctx.stamp() }).execute();
    }
    await syncAll(t1, t2);
    const open = await openConflicts(t1);
    const bonus = open.find((c) => c.kind === 'BONUS_OVERDRAWN')!;
    expect(bonus.subject_id).toBe(accountId);
    expect(bonus.details.balance).toBe(-100);
    await expect(resolveConflict(await managerContext(t1), { conflictId: bonus.id, action: 'REFUND' })).rejects.toThrow(/marked as dealt with/);
    await resolveConflict(await managerContext(t1), { conflictId: bonus.id, action: 'ACKNOWLEDGE' });
    await syncAll(t1, t2);
    expect(await openConflicts(t2)).toEqual([]);
  }, 60_000);

  it('a promocode used beyond its limit offline is reported as a conflict', async () => {
    const ctx1 = systemContext(t1.core.services);
    const promoId = newId();
    await t1.db.insertInto('promocodes').values({ id: promoId, cinema_id: cinemaId, code: `ONCE${promoId.slice(-4)}`, kind: 'PERCENT', value: 1000, max_uses: 1, ...ctx1.stamp() }).execute();
    await syncAll(t1, t2);
    const session = await nextSession(t1);
    const seats = await freeSeats(t1.db, session, 2);
    // Each terminal, offline, sells one order with the single-use code.
    for (const [k, t] of [t1, t2].entries()) {
      const { orderId } = await sellSeats(t, session, [seats[k]!]);
      const ctx = systemContext(t.core.services);
      await t.db.updateTable('orders').set({ promocode_id: promoId, ...ctx.stamp() }).where('id', '=', orderId).execute();
    }
    await syncAll(t1, t2);
    const promo = (await openConflicts(t2)).find((c) => c.kind === 'PROMOCODE_OVER_LIMIT')!;
    expect(promo.subject_id).toBe(promoId);
    expect(promo.details).toMatchObject({ uses: 2, max_uses: 1 });
    const listed = (await call(t1, 'sync.conflicts', {}, 'manager')) as { ok: true; value: { id: string; description: string }[] };
    expect(listed.value.find((c) => c.id === promo.id)!.description).toMatch(/^Promocode used beyond its limit while offline: code ONCE.{4} used 2 times, limit 1\.$/);
    expect(await call(t1, 'sync.resolveConflict', { conflictId: promo.id, action: 'ACKNOWLEDGE' }, 'manager')).toMatchObject({ ok: true });
    await syncAll(t1, t2);
    expect((await openConflicts(t2)).filter((c) => c.kind === 'PROMOCODE_OVER_LIMIT')).toEqual([]);
  }, 60_000);

  it('callers arriving during a sync share one follow-up sync: never two running side by side', async () => {
    let finished = 0;
    const off = t1.sync.onSynced(() => finished++);
    try {
      await Promise.all([t1.sync.syncNow(), t1.sync.syncNow(), t1.sync.syncNow(), t1.sync.syncNow()]);
      // The first caller's sync, then one more for the three who came while it ran.
      expect(finished).toBe(2);
    } finally {
      off();
    }
  }, 60_000);
});

describe('the background loop', () => {
  it('pushes a sale within moments without being asked, and backs off while the central database is unreachable', async () => {
    // A core with its background loop on: the periodic sync far apart, the outbox watched closely.
    const dir = mkdtempSync(join(tmpdir(), 'box-office-loop-'));
    const core = await startCore({ dataDir: dir, demo: true, log: { info: () => undefined, error: () => undefined }, sync: { allowDemo: true, intervalMs: 60_000, watchMs: 50 } });
    try {
      const sync = syncOf(core.services);
      const reg = await registerCentralTerminal(owner, { terminalId: core.terminal().id, cinemaId: core.terminal().cinemaId! });
      await sync.configure({ url: `postgres://${central.host}:${central.port}/${central.database}`, user: reg.user, password: reg.password });
      const until = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
        return check();
      };
      expect(await until(async () => (await sync.state()).online && (await sync.state()).changesWaiting === 0)).toBe(true);
      const t = { core, db: core.services.db, sync, clock: null as never, dir, close: async () => undefined };
      const session = await nextSession(t);
      const [seat] = await freeSeats(core.services.db, session, 1);
      const sold = await sellSeats(t, session, [seat!]);
      expect(await until(async () => (await sync.state()).changesWaiting === 0)).toBe(true);
      const there = await sql`SELECT id FROM tickets WHERE id = ${sold.ticketIds[0]!}`.execute(owner);
      expect(there.rows).toHaveLength(1);

      // Wrong address: offline, the reason kept, nothing lost.
      await sync.configure({ url: `postgres://127.0.0.1:1/${central.database}`, user: reg.user, password: reg.password });
      await sellSeats(t, session, (await freeSeats(core.services.db, session, 1)));
      expect(await until(async () => (await sync.state()).lastError !== null)).toBe(true);
      const state = await sync.state();
      expect(state).toMatchObject({ online: false, configured: true });
      expect(state.changesWaiting).toBeGreaterThan(0);
      await expect(sync.syncNow()).rejects.toThrow(/ECONNREFUSED|connect/);
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the central database guards itself', () => {
  let cinemaA: string;
  let terminalA: string;
  let clientA: CentralClient;
  let regA: { user: string; password: string };
  const cinemaB = newId();

  const cinemaRow = (id: string, origin: string) => ({
    id,
    name: 'Guard cinema',
    address: '',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    ticket_vat_bp: 700,
    business_day_start: '06:00',
    week_start_day: 4,
    sales_close_minutes: 15,
    hold_minutes: 5,
    bonus_accrual_bp: 1000,
    bonus_max_share_bp: 5000,
    hold_wheelchair_until_full: 1,
    active: 1,
    created_at: '2026-11-25T12:00:00.000Z',
    updated_at: '000001764072000000-00000-' + origin,
    origin,
  });
  const customer = (id: string, origin: string, cinema: string | null, name = 'Guest', hlc = '000001764072000000-00000-') => ({
    t: 'customers',
    op: 'UPSERT' as const,
    id,
    row: { id, name, phone: null, email: null, card_number: null, cinema_id: cinema, created_at: '2026-11-25T12:00:00.000Z', updated_at: hlc + origin, origin },
  });

  beforeAll(async () => {
    cinemaA = newId();
    terminalA = newId();
    regA = await registerCentralTerminal(owner, { terminalId: terminalA, cinemaId: cinemaA });
    clientA = new CentralClient({ url: `postgres://${central.host}:${central.port}/${central.database}`, user: regA.user, password: regA.password });
    await clientA.push([{ t: 'cinemas', op: 'UPSERT', id: cinemaA, row: cinemaRow(cinemaA, terminalA) }]);
  }, 60_000);
  afterAll(async () => {
    await clientA?.close();
  });

  it('a terminal role cannot SELECT, INSERT or call the inner functions', async () => {
    const c = new pg.Client({ host: central.host, port: central.port, database: central.database, user: regA.user, password: regA.password });
    await c.connect();
    try {
      for (const q of [
        'SELECT * FROM tickets',
        'SELECT * FROM sync_terminals',
        'SELECT * FROM change_log',
        `INSERT INTO customers (id, name, created_at, updated_at, origin) VALUES ('x', 'x', 'x', 'x', 'x')`,
        `SELECT sync_apply_rows('customers', '[]'::jsonb, NULL, false)`,
        'CREATE TABLE mine (x int)',
        'CREATE TEMP TABLE mine (x int)',
      ]) {
        await expect(c.query(q), q).rejects.toThrow(/permission denied/);
      }
      expect((await c.query('SELECT sync_whoami() AS v')).rows[0].v).toEqual({ terminal_id: terminalA, cinema_id: cinemaA, name: '' });
    } finally {
      await c.end();
    }
  });

  it('refuses rows of another cinema and forged origins, and writes nothing of such a batch', async () => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM change_log`.execute(owner);
    const good = customer(newId(), terminalA, cinemaA);
    await expect(clientA.push([good, customer(newId(), terminalA, cinemaB)])).rejects.toThrow(/belongs to another cinema/);
    await expect(clientA.push([good, customer(newId(), newId(), cinemaA)])).rejects.toThrow(/origin other than terminal/);
    await expect(clientA.push([{ t: 'cinemas', op: 'UPSERT', id: cinemaB, row: cinemaRow(cinemaB, terminalA) }])).rejects.toThrow(/another cinema/);
    await expect(clientA.push([{ t: 'sync_terminals', op: 'UPSERT', id: 'x', row: {} } as PushItem])).rejects.toThrow(/unknown table/);
    await expect(clientA.push([{ t: 'audit_log', op: 'DELETE', id: 'x', hlc: '1', origin: terminalA }])).rejects.toThrow(/never deleted/);
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM change_log`.execute(owner);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const found = await sql`SELECT id FROM customers WHERE id = ${good.id}`.execute(owner);
    expect(found.rows).toEqual([]);
  });

  it("cannot overwrite another cinema's row by its id, nor see it in a pull", async () => {
    const terminalB = newId();
    const regB = await registerCentralTerminal(owner, { terminalId: terminalB, cinemaId: cinemaB });
    const clientB = new CentralClient({ url: `postgres://${central.host}:${central.port}/${central.database}`, user: regB.user, password: regB.password });
    try {
      const rowB = customer(newId(), terminalB, cinemaB);
      await clientB.push([rowB]);
      await expect(clientA.push([customer(rowB.id, terminalA, null, 'Hijacked', '000009999999999999-00000-')])).rejects.toThrow(/belongs to another cinema/);
      const page = await clientA.pull(null, 10_000);
      expect(page.changes.some((c) => c.id === rowB.id)).toBe(false);
      const pageB = await clientB.pull(null, 10_000);
      expect(pageB.changes.some((c) => c.t === 'cinemas' && c.id === cinemaA)).toBe(false);
    } finally {
      await clientB.close();
    }
  });

  it('the same batch pushed twice changes nothing the second time', async () => {
    const batch = [customer(newId(), terminalA, cinemaA), customer(newId(), terminalA, null, 'Second')];
    const first = await clientA.push(batch);
    expect(first.applied).toBe(2);
    const state = async () => ({
      log: (await sql`SELECT seq, row_id, updated_at FROM change_log ORDER BY seq`.execute(owner)).rows,
      rows: (await sql`SELECT * FROM customers ORDER BY id`.execute(owner)).rows,
    });
    const before = await state();
    expect(await clientA.push(batch)).toMatchObject({ applied: 0, deleted: 0, conflicts: 0 });
    expect(await state()).toEqual(before);
    // An older version of a row never overwrites a newer one (last writer by HLC).
    const older = customer(batch[0]!.id, terminalA, cinemaA, 'Older', '000001000000000000-00000-');
    expect((await clientA.push([older])).applied).toBe(0);
  });
});
