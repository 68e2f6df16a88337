import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateRefund } from './allocate-refund';

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
});
