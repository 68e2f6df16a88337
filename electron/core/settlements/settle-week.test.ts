import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentOf, vatIncluded } from '../../../shared/money';
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

describe('settleWeek (rule 11)', () => {
  it('net is gross − discounts with the included VAT taken out', () => {
    fc.assert(
      fc.property(week, (w) => {
        const { net } = settleWeek(w);
        expect(net).toBe(w.gross - w.discounts - vatIncluded(w.gross - w.discounts, w.vatBp));
      }),
    );
  });

  it('without a guarantee the share is percent × net, rounded half-up once', () => {
    fc.assert(
      fc.property(week, (w) => {
        const s = settleWeek({ ...w, minimumGuarantee: null });
        expect(s.due).toBe(percentOf(s.net, w.percentBp));
        expect(s.basis).toBe('PERCENT');
      }),
    );
  });

  it('never pays less than the pro-rated minimum guarantee, and pays exactly the larger term', () => {
    fc.assert(
      fc.property(week, (w) => {
        const s = settleWeek(w);
        const share = percentOf(s.net, w.percentBp);
        const guarantee = w.minimumGuarantee ? Math.round((w.minimumGuarantee * w.days) / 7 + 1e-9) : 0;
        // Exact comparison happens before rounding; after rounding the due is within half a cent of the max.
        expect(s.due).toBeGreaterThanOrEqual(Math.min(share, guarantee));
        expect(s.due).toBe(Math.max(share, guarantee));
      }),
    );
  });

  it('rounds once per week: summing per-day shares can differ, the week share is exact', () => {
    // 3 days of 1 cent net each at 50 %: per-day rounding gives 3 × 1 = 3, the week gives 2 (1.5 → 2).
    const s = settleWeek({ gross: 3, discounts: 0, vatBp: 0, percentBp: 5000, dealType: 'PERCENTAGE', minimumGuarantee: null, houseAllowance: null, days: 7 });
    expect(s.due).toBe(2);
    fc.assert(
      fc.property(week, (w) => {
        const exact = ((w.gross - w.discounts - vatIncluded(w.gross - w.discounts, w.vatBp)) * w.percentBp) / 10_000;
        expect(Math.abs(settleWeek({ ...w, minimumGuarantee: null }).due - exact)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('a 90/10 deal pays the greater of percent × net and 90 % of (net − house allowance)', () => {
    fc.assert(
      fc.property(week, fc.integer({ min: 0, max: 5_000_000 }), (w, allowance) => {
        const s = settleWeek({ ...w, dealType: 'NINETY_TEN', houseAllowance: allowance, minimumGuarantee: null });
        const floor = percentOf(s.net, w.percentBp);
        const ninety = s.net > allowance ? percentOf(s.net - allowance, 9000) : 0;
        expect(s.due).toBe(Math.max(floor, ninety));
        expect(s.due).toBeLessThanOrEqual(s.net);
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
