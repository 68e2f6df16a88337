import { describe, expect, it } from 'vitest';
import { SEAT_MAX, SEAT_MIN, fitSeat } from './fit-seats';

describe('fitSeat', () => {
  it('fits the 22-column IMAX hall into a 1024 px window beside the order', () => {
    const seat = fitSeat(560, 420, 22, 15);
    expect(seat).toBeGreaterThanOrEqual(SEAT_MIN);
    expect(52 + 22 * seat + 21 * 4).toBeLessThanOrEqual(560);
    expect(15 * seat + 14 * 4).toBeLessThanOrEqual(420);
  });

  it('never grows beyond a comfortable seat nor shrinks below a clickable one', () => {
    expect(fitSeat(4000, 4000, 5, 5)).toBe(SEAT_MAX);
    expect(fitSeat(100, 100, 60, 40)).toBe(SEAT_MIN);
    expect(fitSeat(0, 0, 10, 10)).toBe(SEAT_MAX);
  });
});
