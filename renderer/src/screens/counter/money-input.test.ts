import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quickTenders } from './money-input';

describe('cash handed over', () => {
  it('offers the exact amount and round notes above it, never less than due', () => {
    expect(quickTenders(2645)).toEqual([2645, 3000, 4000, 5000, 10000]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (due) => {
        expect(quickTenders(due).every((t) => t >= due)).toBe(true);
      }),
    );
  });
});
