import { describe, expect, it } from 'vitest';
import type { SeatMapSeat } from '../../../../shared/contract';
import { seatNames, splitHeldSeats } from './sale-seats';

const seat = (id: string, number: number): SeatMapSeat => ({ id, row: 'H', number, x: number, y: 7, kind: 'STANDARD', active: true, state: 'MINE', expiresAt: null, heldBack: false });

describe('splitHeldSeats', () => {
  it('puts only the seats this sale chose in the order; the other held seats are earlier holds', () => {
    const mine = [seat('a', 1), seat('b', 2), seat('c', 3), seat('d', 4)];
    const { order, earlier } = splitHeldSeats(mine, new Set(['b', 'd']));
    expect(order.map((s) => s.id)).toEqual(['b', 'd']);
    expect(earlier.map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('a new sale (nothing chosen) charges nothing, whatever the terminal still holds', () => {
    const { order, earlier } = splitHeldSeats([seat('a', 1), seat('b', 2)], new Set());
    expect(order).toEqual([]);
    expect(earlier).toHaveLength(2);
  });

  it('a chosen seat that is no longer held (released, expired, sold) is not in the order', () => {
    expect(splitHeldSeats([seat('a', 1)], new Set(['a', 'gone'])).order.map((s) => s.id)).toEqual(['a']);
  });

  it('names seats as printed on the map', () => {
    expect(seatNames([seat('a', 10), seat('b', 11)])).toBe('H10, H11');
  });
});
