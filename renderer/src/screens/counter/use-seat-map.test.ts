import { describe, expect, it } from 'vitest';
import type { SeatMap, SeatMapSeat } from '../../../../shared/contract';
import { applyHold, sendOrder } from './use-seat-map';

const seat = (id: string, state: SeatMapSeat['state'], expiresAt: string | null = null): SeatMapSeat => ({
  id,
  row: 'A',
  number: Number(id.slice(1)),
  x: Number(id.slice(1)),
  y: 0,
  kind: 'STANDARD',
  active: true,
  state,
  expiresAt,
  heldBack: false,
});

const mapOf = (seats: SeatMapSeat[]): SeatMap =>
  ({
    seats,
    counts: {
      free: seats.filter((s) => s.state === 'FREE').length,
      mine: seats.filter((s) => s.state === 'MINE').length,
      held: seats.filter((s) => s.state === 'HELD').length,
      sold: seats.filter((s) => s.state === 'SOLD').length,
    },
  }) as SeatMap;

describe('applyHold', () => {
  const base = mapOf([seat('s1', 'FREE'), seat('s2', 'MINE', '2026-11-25T12:05:00Z'), seat('s3', 'SOLD'), seat('s4', 'HELD'), seat('s5', 'FREE')]);

  it('shows the held seats as ours with the common expiry, and a seat no longer held as free', () => {
    const next = applyHold(base, { seatIds: ['s1'], expiresAt: '2026-11-25T12:07:00Z' });
    expect(next.seats.map((s) => [s.id, s.state, s.expiresAt])).toEqual([
      ['s1', 'MINE', '2026-11-25T12:07:00Z'],
      ['s2', 'FREE', null],
      ['s3', 'SOLD', null],
      ['s4', 'HELD', null],
      ['s5', 'FREE', null],
    ]);
    expect(next.counts).toEqual({ free: 2, mine: 1, held: 1, sold: 1 });
  });

  it('re-holding extends every hold; unchanged seats keep their objects (only changed cells redraw)', () => {
    const next = applyHold(base, { seatIds: ['s2', 's5'], expiresAt: '2026-11-25T12:09:00Z' });
    expect(next.seats[1]).toMatchObject({ state: 'MINE', expiresAt: '2026-11-25T12:09:00Z' });
    expect(next.seats[4]).toMatchObject({ state: 'MINE', expiresAt: '2026-11-25T12:09:00Z' });
    expect(next.counts).toMatchObject({ free: 1, mine: 2 });
    for (const i of [0, 2, 3]) expect(next.seats[i]).toBe(base.seats[i]);
  });

  it('an answer that changes nothing returns the same map', () => {
    expect(applyHold(base, { seatIds: ['s2'], expiresAt: '2026-11-25T12:05:00Z' })).toBe(base);
  });

  it('releasing everything frees every seat of ours', () => {
    const next = applyHold(base, { seatIds: [], expiresAt: null });
    expect(next.seats.filter((s) => s.state === 'MINE')).toHaveLength(0);
    expect(next.counts).toMatchObject({ free: 3, mine: 0 });
  });
});

describe('sendOrder (hold answers that come back out of order)', () => {
  it('shows an answer only if no later-sent request was answered first', () => {
    const order = sendOrder();
    const first = order.send(); // click on A
    const second = order.send(); // click on B
    expect(order.mayShow(second)).toBe(true); // {A, B}
    expect(order.mayShow(first)).toBe(false); // {A} would take B away
    const third = order.send();
    expect(order.mayShow(third)).toBe(true);
  });
});
