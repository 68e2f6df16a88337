import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealType } from '../../../shared/enums';
import { vatIncluded } from '../../../shared/money';
import { percentForWeek, settleWeek, type WeekSettlementInput } from './settle-week';

const week = fc
  .record({
    gross: fc.integer({ min: 0, max: 50_000_000 }),
    discountShare: fc.integer({ min: 0, max: 10_000 }),
    vatBp: fc.constantFrom(0, 700, 1900, 2000),
    percentBp: fc.integer({ min: 1, max: 10_000 }),
    minimumGuarantee: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
    days: fc.integer({ min: 1, max: 7 }),
  })
  .map(
    (r): WeekSettlementInput => ({
      gross: r.gross,
      discounts: Math.floor((r.gross * r.discountShare) / 10_000),
      vatBp: r.vatBp,
      percentBp: r.percentBp,
      dealType: 'PERCENTAGE',
      minimumGuarantee: r.minimumGuarantee,
      houseAllowance: null,
      days: r.days,
    }),
  );

/** Exact fractions, to restate rule 11 without the code under test. */
type Fraction = { n: bigint; d: bigint };
const frac = (n: bigint, d: bigint = 1n): Fraction => ({ n, d });
const times = (a: Fraction, b: Fraction) => frac(a.n * b.n, a.d * b.d);
const minus = (a: Fraction, b: Fraction) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const greater = (a: Fraction, b: Fraction) => a.n * b.d > b.n * a.d;
const halfUp = (a: Fraction) => Number((2n * a.n + a.d) / (2n * a.d));

/** Rule 11 read literally: net = (gross − discounts) / (1 + VAT); the greatest term; rounded half-up once. */
function independentDue(w: WeekSettlementInput): number {
  const net = frac(BigInt(w.gross - w.discounts) * 10_000n, BigInt(10_000 + w.vatBp));
  const terms = [times(net, frac(BigInt(w.percentBp), 10_000n))];
  if (w.minimumGuarantee) terms.push(frac(BigInt(w.minimumGuarantee * w.days), 7n));
  if (w.dealType === 'NINETY_TEN') {
    const over = minus(net, frac(BigInt(w.houseAllowance ?? 0)));
    if (over.n > 0n) terms.push(times(over, frac(9n, 10n)));
  }
  return halfUp(terms.reduce((a, b) => (greater(b, a) ? b : a)));
}

describe('settleWeek (rule 11)', () => {
  it('net is gross − discounts with the included VAT taken out', () => {
    fc.assert(
      fc.property(week, (w) => {
        const { net } = settleWeek(w);
        expect(net).toBe(w.gross - w.discounts - vatIncluded(w.gross - w.discounts, w.vatBp));
      }),
    );
  });

  it('without a guarantee the share is percent × the exact net, rounded half-up once (an independent check)', () => {
    fc.assert(
      fc.property(week, (w) => {
        const s = settleWeek({ ...w, minimumGuarantee: null });
        // Half-up rounding of x = P·A / (10000 + V) means: (2d − 1)·den ≤ 2·P·A < (2d + 1)·den.
        const num = 2n * BigInt(w.percentBp) * BigInt(w.gross - w.discounts);
        const den = BigInt(10_000 + w.vatBp);
        const d = BigInt(s.due);
        expect((2n * d - 1n) * den <= num && num < (2n * d + 1n) * den).toBe(true);
        expect(s.basis).toBe('PERCENT');
      }),
    );
  });

  it('every deal equals the independent formula: the greatest exact term, rounded once', () => {
    fc.assert(
      fc.property(week, fc.constantFrom<DealType>('PERCENTAGE', 'NINETY_TEN'), fc.integer({ min: 0, max: 5_000_000 }), (w, dealType, allowance) => {
        const s = settleWeek({ ...w, dealType, houseAllowance: dealType === 'NINETY_TEN' ? allowance : null });
        expect(s.due).toBe(independentDue({ ...w, dealType, houseAllowance: dealType === 'NINETY_TEN' ? allowance : null }));
      }),
      { numRuns: 2000 },
    );
  });

  it('the weeks the issue found a cent too high', () => {
    // 166.20 incl. 7 % VAT → 155.3271… × 35 % = 54.3645: 54.36, not 54.37 (net rounded first).
    const base: WeekSettlementInput = { gross: 16_620, discounts: 0, vatBp: 700, percentBp: 3500, dealType: 'PERCENTAGE', minimumGuarantee: null, houseAllowance: null, days: 7 };
    expect(settleWeek(base)).toEqual({ net: 15_533, due: 5436, basis: 'PERCENT' });
    // A 90/10 week: 9,000.00 incl. 19 % → net 7,563.0252…; 90 % × (net − 50.00) = 6,761.7227: 6,761.72 (the net rounded first gave 6,761.73).
    const ninety = settleWeek({ ...base, gross: 900_000, vatBp: 1900, percentBp: 2500, dealType: 'NINETY_TEN', houseAllowance: 5_000 });
    expect(ninety).toEqual({ net: 756_303, due: 676_172, basis: 'NINETY_TEN' });
  });

  it('never pays less than the pro-rated minimum guarantee', () => {
    fc.assert(
      fc.property(week, (w) => {
        const s = settleWeek(w);
        const guarantee = w.minimumGuarantee ? Math.round((w.minimumGuarantee * w.days) / 7 + 1e-9) : 0;
        expect(s.due).toBeGreaterThanOrEqual(guarantee);
      }),
    );
  });

  it('rounds once per week: summing per-day shares can differ, the week share is exact', () => {
    // 3 days of 1 cent net each at 50 %: per-day rounding gives 3 × 1 = 3, the week gives 2 (1.5 → 2).
    const s = settleWeek({ gross: 3, discounts: 0, vatBp: 0, percentBp: 5000, dealType: 'PERCENTAGE', minimumGuarantee: null, houseAllowance: null, days: 7 });
    expect(s.due).toBe(2);
    fc.assert(
      fc.property(week, (w) => {
        const exact = ((w.gross - w.discounts) * 10_000) / (10_000 + w.vatBp) * (w.percentBp / 10_000);
        expect(Math.abs(settleWeek({ ...w, minimumGuarantee: null }).due - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
    );
  });

  it('refuses impossible figures', () => {
    const base: WeekSettlementInput = { gross: 100, discounts: 0, vatBp: 0, percentBp: 5000, dealType: 'PERCENTAGE', minimumGuarantee: null, houseAllowance: null, days: 7 };
    expect(() => settleWeek({ ...base, discounts: 101 })).toThrow(/discounts/);
    expect(() => settleWeek({ ...base, days: 8 })).toThrow(/1 to 7/);
    expect(() => settleWeek({ ...base, gross: -1 })).toThrow(/gross/);
    expect(() => settleWeek({ ...base, gross: 0.5 })).toThrow(/gross/);
  });

  it('takes the override, else the week’s split, else the last split', () => {
    const splits = [
      { week_number: 1, percent_bp: 6000 },
      { week_number: 2, percent_bp: 5000 },
      { week_number: 3, percent_bp: 4000 },
    ];
    expect(percentForWeek(splits, 1)).toBe(6000);
    expect(percentForWeek(splits, 2)).toBe(5000);
    expect(percentForWeek(splits, 9)).toBe(4000);
    expect(percentForWeek(splits, 2, 3500)).toBe(3500);
  });
});
