import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBasisPoints, percentOf, percentOfFloor, vatIncluded } from './money';

describe('money arithmetic (integers only, rule 3 rounding)', () => {
  it('rounds half-up to the minor unit', () => {
    expect(percentOf(1005, 5000)).toBe(503); // 502.5 → 503
    expect(percentOf(1004, 5000)).toBe(502);
    expect(applyBasisPoints(1000, 15000, 7000)).toBe(1050);
    expect(applyBasisPoints(999, 7500, 8000)).toBe(599); // 599.4
    expect(applyBasisPoints(1250)).toBe(1250);
  });

  it('matches exact rational rounding for any amount and factors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 30_000 }), (a, f1, f2) => {
        const exactTimes2e8 = BigInt(a) * BigInt(f1) * BigInt(f2);
        const result = BigInt(applyBasisPoints(a, f1, f2));
        // result is the integer nearest to exact/1e8, ties up.
        expect(result * 100_000_000n * 2n <= exactTimes2e8 * 2n + 100_000_000n).toBe(true);
        expect((result + 1n) * 100_000_000n * 2n > exactTimes2e8 * 2n + 100_000_000n).toBe(true);
      }),
    );
  });

  it('rounds accrual down and computes included VAT', () => {
    expect(percentOfFloor(1999, 1000)).toBe(199);
    expect(vatIncluded(1070, 700)).toBe(70);
    expect(vatIncluded(1190, 1900)).toBe(190);
    expect(vatIncluded(0, 1900)).toBe(0);
  });

  it('refuses floats and negatives', () => {
    expect(() => applyBasisPoints(10.5, 10000)).toThrow(RangeError);
    expect(() => applyBasisPoints(-1, 10000)).toThrow(RangeError);
    expect(() => applyBasisPoints(10, 1.5)).toThrow(RangeError);
  });
});
