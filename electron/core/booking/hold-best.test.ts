import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

const names = async (sessionId: string, ids: readonly string[]) => {
  const map = await f.t.call('booking.seatMap', { sessionId }, f.cashier);
  return map.seats.filter((s) => ids.includes(s.id)).map((s) => `${s.row}${s.number}`);
};

describe('booking.holdBest (issue 13, item 4)', () => {
  it('holds the best adjacent seats of the 300-seat IMAX hall for this terminal', async () => {
    const s = await f.session();
    const best = await f.t.call('booking.holdBest', { sessionId: s.id, count: 2 }, f.cashier);
    expect(best.picked).toHaveLength(2);
    expect(best.seatIds.sort()).toEqual([...best.picked].sort());
    // Two thirds back in a 15-row hall is row J; the centre block of the middle section.
    expect(await names(s.id, best.picked)).toEqual(['J10', 'J11']);
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.seats.filter((x) => best.picked.includes(x.id)).every((x) => x.state === 'MINE')).toBe(true);
  });

  it('replaces the previous proposal: its seats go back, and may be picked again', async () => {
    const s = await f.session();
    const two = await f.t.call('booking.holdBest', { sessionId: s.id, count: 2 }, f.cashier);
    const three = await f.t.call('booking.holdBest', { sessionId: s.id, count: 3, instead: two.picked }, f.cashier);
    expect(three.picked).toHaveLength(3);
    expect(three.seatIds.sort()).toEqual([...three.picked].sort());
  });

  it('keeps the seats already in the order and picks around them', async () => {
    const s = await f.session();
    const j10 = await f.seat(s.id, 'J', 10);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [j10] }, f.cashier);
    const best = await f.t.call('booking.holdBest', { sessionId: s.id, count: 2 }, f.cashier);
    expect(best.picked).not.toContain(j10);
    expect(best.seatIds).toContain(j10);
  });

  it('refuses in the cashier’s words when no group that large sits together, changing nothing', async () => {
    const s = await f.session();
    await expect(f.t.call('booking.holdBest', { sessionId: s.id, count: 20 }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/No 20 seats together are left in Hall 3 IMAX/),
    });
    const map = await f.t.call('booking.seatMap', { sessionId: s.id }, f.cashier);
    expect(map.counts.mine).toBe(0);
  });
});
