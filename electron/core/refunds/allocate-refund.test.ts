import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accrualToReverse, allocateRefund, lineShare } from './allocate-refund';

const sources = fc.array(
  fc.record({ paymentId: fc.uuid(), method: fc.constantFrom('CASH' as const, 'CARD' as const, 'BONUS' as const), remaining: fc.integer({ min: 0, max: 200_000 }) }),
  { minLength: 1, maxLength: 5 },
);

describe('refund arithmetic (rules 6 and 8)', () => {
  it('splits a refund over the payments exactly, never more than a payment has left', () => {
    fc.assert(
      fc.property(sources, fc.double({ min: 0, max: 1, noNaN: true }), (src, f) => {
        const left = src.reduce((s, p) => s + p.remaining, 0);
        const amount = Math.floor(left * f);
        const shares = allocateRefund(amount, src);
        expect(shares.reduce((s, x) => s + x.amount, 0)).toBe(amount);
        for (const x of shares) {
          expect(x.amount).toBeGreaterThan(0);
          expect(x.amount).toBeLessThanOrEqual(src.find((p) => p.paymentId === x.paymentId)!.remaining);
        }
      }),
    );
  });

  it('gives every payment exactly its remainder when everything is refunded, over any string of partial refunds', () => {
    fc.assert(
      fc.property(sources, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (src, cuts) => {
        const left = new Map(src.map((p) => [p.paymentId, p.remaining]));
        const state = () => src.map((p) => ({ ...p, remaining: left.get(p.paymentId)! }));
        for (const cut of cuts) {
          const rest = [...left.values()].reduce((s, v) => s + v, 0);
          for (const x of allocateRefund(Math.floor(rest * cut), state())) left.set(x.paymentId, left.get(x.paymentId)! - x.amount);
        }
        const rest = [...left.values()].reduce((s, v) => s + v, 0);
        for (const x of allocateRefund(rest, state())) left.set(x.paymentId, left.get(x.paymentId)! - x.amount);
        expect([...left.values()].every((v) => v === 0)).toBe(true);
      }),
    );
  });

  it('refuses more than is left', () => {
    expect(() => allocateRefund(101, [{ paymentId: 'a', method: 'CASH', remaining: 100 }])).toThrow(RangeError);
    expect(allocateRefund(0, [{ paymentId: 'a', method: 'CASH', remaining: 100 }])).toEqual([]);
    expect(allocateRefund(1000, [{ paymentId: 'c', method: 'CASH', remaining: 1500 }, { paymentId: 'b', method: 'BONUS', remaining: 500 }])).toEqual([
      { paymentId: 'c', method: 'CASH', amount: 750 },
      { paymentId: 'b', method: 'BONUS', amount: 250 },
    ]);
  });

  it('spreads a concession line over its units so that all units add up to the line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 10 }), { maxLength: 10 }), (quantity, total, steps) => {
        let before = 0;
        let sum = 0;
        for (const step of steps) {
          const units = Math.min(step, quantity - before);
          if (units <= 0) break;
          const share = lineShare(total, quantity, before, units);
          expect(share).toBeGreaterThanOrEqual(0);
          sum += share;
          before += units;
        }
        sum += lineShare(total, quantity, before, quantity - before);
        expect(sum).toBe(total);
      }),
    );
  });

  it('reverses the points earned in step with the money refunded, all of them at the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (earned, paid, f) => {
        const part = accrualToReverse(earned, paid, Math.floor(paid * f));
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(earned);
        expect(accrualToReverse(earned, paid, paid)).toBe(earned);
      }),
    );
    expect(accrualToReverse(120, 2400, 1200)).toBe(60);
  });
});
