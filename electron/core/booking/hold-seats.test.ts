import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { newId } from '../ids';
import { sql } from 'kysely';
import { seatStates } from './seat-states';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

async function otherTerminalHolds(sessionId: string, seatId: string, minutes = 5): Promise<void> {
  const db = f.t.core.services.db;
  const cinema = await db.selectFrom('cinemas').select('id').executeTakeFirstOrThrow();
  const user = await db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow();
  const terminalId = newId();
  await db
    .insertInto('terminals')
    .values({ id: terminalId, cinema_id: cinema.id, name: 'Counter 2', public_key: 'x', updated_at: '1', origin: terminalId })
    .execute();
  const now = f.t.clock.now();
  await db
    .insertInto('seat_holds')
    .values({ id: newId(), session_id: sessionId, seat_id: seatId, terminal_id: terminalId, user_id: user.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + minutes * 60_000).toISOString() })
    .execute();
}

describe('seat map', () => {
  it('lists every seat of the 300-seat hall, free, with wheelchair places and companion seats held back', async () => {
    const s = await f.session();
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats).toHaveLength(300);
    expect(map.counts).toEqual({ free: 300, mine: 0, held: 0, sold: 0, reserved: 0 });
    expect(map.holdMinutes).toBe(5);
    const wheelchair = map.seats.filter((x) => x.kind === 'WHEELCHAIR');
    expect(wheelchair).toHaveLength(4);
    expect(wheelchair.every((x) => x.heldBack)).toBe(true);
    // 4 wheelchair places and the 4 companion seats beside them (issue 20, item 5).
    expect(map.seats.filter((x) => x.heldBack)).toHaveLength(8);
  });

  it('refuses an unknown session, and an usher', async () => {
    await expect(f.t.call('booking.seatMap', { sessionId: newId() }, f.cashier)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const usher = await f.t.signIn('USHER');
    const s = await f.session();
    await expect(f.t.call('booking.seatMap', { sessionId: s.id }, usher)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('holds (rule 4)', () => {
  it('holds seats for 5 minutes, shows them as mine, and frees them when the time is up without any job', async () => {
    const s = await f.session();
    const c5 = await f.seat(s.id, 'C', 5);
    const c6 = await f.seat(s.id, 'C', 6);
    const held = await f.t.call('booking.hold', { sessionId: s.id, seatIds: [c5, c6] }, f.cashier);
    expect(held.seatIds.sort()).toEqual([c5, c6].sort());
    expect(held.expiresAt).toBe(new Date(f.t.clock.now().getTime() + 5 * 60_000).toISOString());
    let map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts.mine).toBe(2);
    expect(map.seats.find((x) => x.id === c5)).toMatchObject({ state: 'MINE', expiresAt: held.expiresAt });

    f.t.clock.advance(4 * 60_000);
    map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts.mine).toBe(2);
    f.t.clock.advance(60_000);
    map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts).toMatchObject({ mine: 0, free: 300 });
  });

  it('extends every hold of this terminal in the session on a re-hold', async () => {
    const s = await f.session();
    const a = await f.seat(s.id, 'D', 7);
    const b = await f.seat(s.id, 'D', 8);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier);
    f.t.clock.advance(3 * 60_000);
    const again = await f.t.call('booking.hold', { sessionId: s.id, seatIds: [b] }, f.cashier);
    expect(again.seatIds).toHaveLength(2);
    f.t.clock.advance(4 * 60_000);
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.filter((x) => x.state === 'MINE').map((x) => x.id).sort()).toEqual([a, b].sort());
  });

  it("refuses a seat held by another terminal, naming it, and changes nothing; once that hold expires the seat is free", async () => {
    const s = await f.session();
    const e9 = await f.seat(s.id, 'E', 9);
    const e10 = await f.seat(s.id, 'E', 10);
    await otherTerminalHolds(s.id, e9);
    let map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.find((x) => x.id === e9)!.state).toBe('HELD');
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [e10, e9] }, f.cashier)).rejects.toMatchObject({
      code: 'SEAT_TAKEN',
      message: expect.stringContaining('Row E, seat 9'),
    });
    map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts).toMatchObject({ mine: 0, held: 1 });
    f.t.clock.advance(5 * 60_000 + 1);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [e9] }, f.cashier);
    map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.find((x) => x.id === e9)!.state).toBe('MINE');
  });

  it('releases chosen seats or all, never another terminal’s', async () => {
    const s = await f.session();
    const [a, b, c] = await Promise.all([f.seat(s.id, 'F', 1), f.seat(s.id, 'F', 2), f.seat(s.id, 'F', 3)]);
    await otherTerminalHolds(s.id, c);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a, b] }, f.cashier);
    expect((await f.t.call('booking.release', { sessionId: s.id, seatIds: [a, c] }, f.cashier)).seatIds).toEqual([b]);
    expect((await f.t.call('booking.release', { sessionId: s.id }, f.cashier)).seatIds).toEqual([]);
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts).toMatchObject({ mine: 0, held: 1 });
  });

  it('keeps wheelchair places back unless a companion seat goes with them (rule 13)', async () => {
    const s = await f.session();
    const a1 = await f.seat(s.id, 'A', 1);
    const a2 = await f.seat(s.id, 'A', 2);
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [a1] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('wheelchair'),
    });
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a2] }, f.cashier);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a1] }, f.cashier);
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts.mine).toBe(2);
  });

  it('keeps the companion seat beside the wheelchair place, with or without the hold-back (issue 20, item 5)', async () => {
    const s = await f.session();
    await f.t.core.services.db.updateTable('cinemas').set({ hold_wheelchair_until_full: 0 }).execute();
    const [a1, a19, a20, o19] = [await f.seat(s.id, 'A', 1), await f.seat(s.id, 'A', 19), await f.seat(s.id, 'A', 20), await f.seat(s.id, 'O', 19)];
    // Seen: sold alone with the hold-back off, and with a companion seat 14 rows away.
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [a1] }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('companion seat beside it (Row A, seat 2)') });
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [o19] }, f.cashier);
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [a20] }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT' });
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a19, a20] }, f.cashier);
    const draft = { sessionId: s.id, tickets: [a20, o19].map((seatId) => ({ seatId, ticketType: 'ADULT' as const })) };
    expect((await f.t.call('orders.quote', draft, f.cashier)).problems).toEqual([expect.stringContaining('companion seat beside it (Row A, seat 19)')]);
    await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
    await expect(f.t.call('orders.sell', { ...draft, ageConfirmed: true, payments: [{ method: 'CASH', amount: 1, tendered: 1 }] }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Row A, seat 19') });
    const pair = { sessionId: s.id, tickets: [a19, a20].map((seatId) => ({ seatId, ticketType: 'ADULT' as const })) };
    expect((await f.t.call('orders.quote', pair, f.cashier)).problems).toEqual([]);
  });

  it('keeps companion seats for wheelchair users while the hall has other free seats; the map shows them held back', async () => {
    const s = await f.session();
    const a2 = await f.seat(s.id, 'A', 2);
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.filter((x) => x.kind === 'COMPANION').every((x) => x.heldBack)).toBe(true);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a2] }, f.cashier);
    const alone = { sessionId: s.id, tickets: [{ seatId: a2, ticketType: 'ADULT' as const }] };
    expect((await f.t.call('orders.quote', alone, f.cashier)).problems).toEqual([expect.stringContaining('companion seat kept for wheelchair users')]);
    await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
    await expect(f.t.call('orders.sell', { ...alone, ageConfirmed: true, payments: [{ method: 'CASH', amount: 1, tendered: 1 }] }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('companion seat kept') });
  });

  it('refuses holds once sales have closed, and for cancelled or unknown seats', async () => {
    const s = await f.session();
    const a = await f.seat(s.id, 'G', 4);
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [newId()] }, f.cashier)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [] }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    f.t.clock.set(new Date(Date.parse(s.startsAt) + 15 * 60_000));
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Sales for'),
    });
    f.t.clock.set(new Date(Date.parse(s.startsAt) + 14 * 60_000));
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier);
    await f.t.core.services.db.updateTable('sessions').set({ status: 'CANCELLED' }).where('id', '=', s.id).execute();
    await expect(f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('cancelled'),
    });
  });
});

describe('seat states of chosen seats (what a hold and a sale read)', () => {
  it('agree with the whole hall, seat by seat, whatever mix of sold, held and free', async () => {
    const s = await f.session();
    const [a, b, c, d] = await Promise.all([f.seat(s.id, 'H', 1), f.seat(s.id, 'H', 2), f.seat(s.id, 'H', 3), f.seat(s.id, 'A', 1)]);
    await otherTerminalHolds(s.id, c);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a] }, f.cashier);
    const db = f.t.core.services.db;
    const where = { sessionId: s.id, hallId: s.hallId, terminalId: f.t.core.terminal().id, now: f.t.clock.now() };
    const all = await seatStates(db, where);
    const chosen = await seatStates(db, { ...where, seatIds: [d, c, b, a, a, newId()] });
    // Grid order, each seat once, unknown ids left out, same state and expiry as in the whole map.
    expect(chosen.map((r) => r.id)).toEqual(all.filter((r) => [a, b, c, d].includes(r.id)).map((r) => r.id));
    for (const r of chosen) expect(r).toEqual(all.find((x) => x.id === r.id));
    expect(chosen.map((r) => r.state).sort()).toEqual(['FREE', 'FREE', 'HELD', 'MINE']);
    expect(await seatStates(db, { ...where, seatIds: [] })).toEqual([]);
    // A seat of another hall is not in this session's hall.
    const other = await f.session('Hall 1');
    const elsewhere = await f.seat(other.id, 'A', 3);
    expect(await seatStates(db, { ...where, seatIds: [elsewhere] })).toEqual([]);
  });

  it('a hold does not keep the connection off FULL durability for what follows', async () => {
    const s = await f.session();
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [await f.seat(s.id, 'J', 4)] }, f.cashier);
    await f.t.call('booking.release', { sessionId: s.id }, f.cashier);
    const level = (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(f.t.core.services.db)).rows[0]!.synchronous;
    expect(level).toBe(2);
  });
});
