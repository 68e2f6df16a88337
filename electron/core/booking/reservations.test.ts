import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { releaseAtOf } from './reservations';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

/** The session as the counter's programme of its day lists it. */
async function programmeEntry(sessionId: string) {
  const { sessions } = await f.t.call('programme.day', {}, f.cashier);
  return sessions.find((x) => x.id === sessionId)!;
}

describe('reservations (rule 18)', () => {
  it('release time: the start minus the cinema’s minutes', () => {
    expect(releaseAtOf('2026-11-25T19:00:00.000Z', { reservation_release_minutes: 30 })).toBe('2026-11-25T18:30:00.000Z');
  });

  it('reserves held seats under a name and phone; they are taken, found by code, phone or name, and picked up as a normal sale', async () => {
    const s = await f.session();
    const a = await f.seat(s.id, 'E', 5);
    const b = await f.seat(s.id, 'E', 6);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a, b] }, f.cashier);
    const r = await f.t.call('reservations.create', { sessionId: s.id, seatIds: [a, b], customerName: 'Jonas Weber', phone: '+49 30 555 0199' }, f.cashier);
    expect(r).toMatchObject({ status: 'ACTIVE', customerName: 'Jonas Weber', seats: [{ row: 'E', number: 5 }, { row: 'E', number: 6 }] });
    expect(r.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(r.releaseAt).toBe(new Date(Date.parse(s.startsAt) - 30 * 60_000).toISOString());

    // Taken: shown as reserved, not holdable, counted.
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.filter((x) => x.id === a || x.id === b).map((x) => x.state)).toEqual(['RESERVED', 'RESERVED']);
    expect(map.counts.reserved).toBe(2);
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier)).rejects.toMatchObject({ code: 'SEAT_TAKEN', message: expect.stringMatching(/reserved for a customer/) });

    for (const q of [r.code, r.code.toLowerCase(), '5550199', 'weber']) expect((await f.t.call('reservations.find', { query: q }, f.cashier)).map((x) => x.id)).toEqual([r.id]);
    expect(await f.t.call('reservations.find', { query: 'Nobody' }, f.cashier)).toEqual([]);

    // Pickup: held for this terminal, sold as a normal sale, marked picked up with the order.
    const picked = await f.t.call('reservations.pickUp', { reservationId: r.id }, f.cashier);
    expect(picked.seatIds.sort()).toEqual([a, b].sort());
    await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
    const draft = { sessionId: s.id, tickets: [{ seatId: a, ticketType: 'ADULT' as const }, { seatId: b, ticketType: 'ADULT' as const }], concessions: [], ageConfirmed: true };
    const quote = await f.t.call('orders.quote', draft, f.cashier);
    const sale = await f.t.call('orders.sell', { ...draft, reservationId: r.id, payments: [{ method: 'CASH', amount: quote.total, tendered: quote.total }] }, f.cashier);
    const row = await f.t.core.services.db.selectFrom('reservations').select(['status', 'order_id']).where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'PICKED_UP', order_id: sale.orderId });
    expect(await f.t.call('reservations.find', { query: r.code }, f.cashier)).toEqual([]);
  });

  it('frees the seats by itself at the release time, refuses a reservation too close to the start, and reserves only seats held here', async () => {
    const s = await f.session();
    const a = await f.seat(s.id, 'F', 5);
    await expect(f.t.call('reservations.create', { sessionId: s.id, seatIds: [a], customerName: 'Mia Klein', phone: '0301234567' }, f.cashier)).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier);
    const before = await programmeEntry(s.id);
    const r = await f.t.call('reservations.create', { sessionId: s.id, seatIds: [a], customerName: 'Mia Klein', phone: '0301234567' }, f.cashier);
    // The programme's seats left count the reserved seat as taken (the counter's session list and details read it).
    expect(await programmeEntry(s.id)).toMatchObject({ seatsSold: before.seatsSold, seatsReserved: before.seatsReserved + 1 });
    f.t.clock.set(r.releaseAt);
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.find((x) => x.id === a)!.state).toBe('FREE');
    expect(await programmeEntry(s.id)).toMatchObject({ seatsReserved: before.seatsReserved });
    await expect(f.t.call('reservations.pickUp', { reservationId: r.id }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/ran out/) });
    // Now within the 30 minutes before the start: too late to reserve.
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier);
    await expect(f.t.call('reservations.create', { sessionId: s.id, seatIds: [a], customerName: 'Mia Klein', phone: '0301234567' }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Too late to reserve/),
    });
  });

  it('a cancelled reservation gives its seats back', async () => {
    const s = await f.session();
    const a = await f.seat(s.id, 'G', 5);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier);
    const r = await f.t.call('reservations.create', { sessionId: s.id, seatIds: [a], customerName: 'Mia Klein', phone: '0301234567' }, f.cashier);
    expect((await f.t.call('reservations.cancel', { reservationId: r.id }, f.cashier)).status).toBe('CANCELLED');
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.find((x) => x.id === a)!.state).toBe('FREE');
  });
});
