import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startOneCinemaTwoTerminals, type OneCinemaTwoTerminals } from './testing/central-fixture';
import type { CentralDb } from './central-admin';
import { callSignedIn, freeSeats, type SyncTerminal } from './testing/sync-terminal';
import type { Reservation, SeatMap } from '../../../shared/contract';

/** Rule 18 across two terminals of one cinema on a real PostgreSQL: a reservation is taken everywhere until it frees itself. */
let cinema: OneCinemaTwoTerminals;
let t1: SyncTerminal, t2: SyncTerminal;
let owner: CentralDb;

beforeAll(async () => {
  cinema = await startOneCinemaTwoTerminals();
  ({ t1, t2, owner } = cinema);
}, 120_000);

afterAll(() => cinema?.stop());

async function call<T>(t: SyncTerminal, op: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return (await callSignedIn(t, 'cashier', op, input)) as never;
}

async function statesOn(t: SyncTerminal, sessionId: string, seatIds: string[]): Promise<string[]> {
  const map = await call<SeatMap>(t, 'booking.seatMap', { sessionId });
  if (!map.ok) throw new Error(map.error.message);
  return seatIds.map((id) => map.value.seats.find((s) => s.id === id)!.state);
}

describe('reservations on two terminals through the central database', () => {
  it('a seat reserved online on T1 is taken on T2 at once, reserved there after a pull, and free on both once the reservation runs out', async () => {
    // A session two days ahead: the reservation lasts longer than a central hold may (an hour).
    const session = await t1.db.selectFrom('sessions').select(['id', 'starts_at']).where('starts_at', '>', '2026-11-27T12:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow();
    const seats = await freeSeats(t1.db, session.id, 2);
    expect(await call(t1, 'booking.hold', { sessionId: session.id, seatIds: seats })).toMatchObject({ ok: true });
    const made = await call<Reservation>(t1, 'reservations.create', { sessionId: session.id, seatIds: seats, customerName: 'Ida Sommer', phone: '+49 30 1234567' });
    if (!made.ok) throw new Error(made.error.message);

    // Centrally taken before any sync: T2 can neither hold nor sell the seats.
    // Held centrally for as long as the centre holds at all (an hour), not the 5 minutes of a cashier's hold.
    const held = await sql<{ seat_id: string }>`SELECT seat_id FROM central_holds WHERE session_id = ${session.id} AND expires_at > now() + interval '55 minutes'`.execute(owner);
    expect(held.rows.map((r) => r.seat_id).sort()).toEqual([...seats].sort());
    expect(await statesOn(t2, session.id, seats)).toEqual(['HELD', 'HELD']);
    expect(await call(t2, 'booking.hold', { sessionId: session.id, seatIds: [seats[0]] })).toMatchObject({ ok: false, error: { code: 'SEAT_TAKEN', message: expect.stringContaining('another terminal') } });
    expect(await call(t2, 'shifts.open', { openingFloat: 0 })).toMatchObject({ ok: true });
    const sale = { sessionId: session.id, tickets: [{ seatId: seats[0], ticketType: 'ADULT' }], payments: [{ method: 'CASH', amount: 5000, tendered: 5000 }] };
    expect(await call(t2, 'orders.sell', sale)).toMatchObject({ ok: false });
    expect(await t2.db.selectFrom('tickets').select('id').where('session_id', '=', session.id).where('seat_id', 'in', seats).execute()).toEqual([]);

    // After a pull T2 knows the reservation: the seats show as reserved and stay refused.
    await t1.sync.syncNow();
    await t2.sync.syncNow();
    expect(await statesOn(t2, session.id, seats)).toEqual(['RESERVED', 'RESERVED']);
    expect(await call(t2, 'booking.hold', { sessionId: session.id, seatIds: [seats[1]] })).toMatchObject({ ok: false, error: { code: 'SEAT_TAKEN' } });
    expect(await call<Reservation[]>(t2, 'reservations.find', { query: 'Sommer' })).toMatchObject({ ok: true, value: [{ code: made.value.code }] });

    // The release time passes on both terminals and at the centre (its clock is the real one, so its
    // hold is moved to its end): the seats are free on both, and T2 can sell them.
    const after = new Date(Date.parse(made.value.releaseAt) + 60_000);
    t1.clock.set(after);
    t2.clock.set(after);
    await sql`UPDATE central_holds SET expires_at = now() - interval '1 second' WHERE session_id = ${session.id}`.execute(owner);
    expect(await statesOn(t1, session.id, seats)).toEqual(['FREE', 'FREE']);
    expect(await statesOn(t2, session.id, seats)).toEqual(['FREE', 'FREE']);
    expect(await call(t2, 'booking.hold', { sessionId: session.id, seatIds: seats })).toMatchObject({ ok: true });
    expect(await call(t1, 'reservations.find', { query: 'Sommer' })).toMatchObject({ ok: true, value: [] });
  }, 60_000);

  it('a reservation made on T1 is picked up and paid on T2: T2 takes over its central holds, and both end with the tickets sold', async () => {
    t1.clock.set('2026-11-25T12:00:00Z');
    t2.clock.set('2026-11-25T12:00:00Z');
    // Another session than the first test's, two seats nobody holds.
    const session = await t1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-28T12:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow();
    const seats = await freeSeats(t1.db, session.id, 2);
    expect(await call(t1, 'booking.hold', { sessionId: session.id, seatIds: seats })).toMatchObject({ ok: true });
    const made = await call<Reservation>(t1, 'reservations.create', { sessionId: session.id, seatIds: seats, customerName: 'Ole Berg', phone: '+49 30 7654321' });
    if (!made.ok) throw new Error(made.error.message);
    await t1.sync.syncNow();
    await t2.sync.syncNow();

    expect(await call(t2, 'reservations.pickUp', { reservationId: made.value.id })).toMatchObject({ ok: true });
    const held = await sql<{ terminal_id: string }>`SELECT terminal_id FROM central_holds WHERE session_id = ${session.id} AND expires_at > now()`.execute(owner);
    expect(held.rows.map((r) => r.terminal_id)).toEqual([t2.core.terminal().id, t2.core.terminal().id]);
    const draft = { sessionId: session.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'ADULT' })), concessions: [], ageConfirmed: true };
    const quote = await call<{ total: number }>(t2, 'orders.quote', draft);
    if (!quote.ok) throw new Error(quote.error.message);
    const sale = await call(t2, 'orders.sell', { ...draft, reservationId: made.value.id, payments: [{ method: 'CASH', amount: quote.value.total, tendered: quote.value.total }] });
    expect(sale).toMatchObject({ ok: true });

    await t2.sync.syncNow();
    await t1.sync.syncNow();
    for (const t of [t1, t2]) {
      expect(await statesOn(t, session.id, seats)).toEqual(['SOLD', 'SOLD']);
      expect(await t.db.selectFrom('reservations').select('status').where('id', '=', made.value.id).executeTakeFirstOrThrow()).toEqual({ status: 'PICKED_UP' });
    }
  }, 60_000);
});
