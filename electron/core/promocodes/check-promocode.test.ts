import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPromocode, eligibleLines, spreadProportionally, type PromocodeCheck, type PromocodeTerms, type ProposedLine } from './check-promocode';

const DAY = { timezone: 'Europe/Berlin', dayStart: '06:00' };
const NOW = new Date('2026-11-25T18:00:00Z'); // business day 2026-11-25 in Berlin

const terms = (t: Partial<PromocodeTerms> = {}): PromocodeTerms => ({
  code: 'AUTUMN',
  kind: 'PERCENT',
  value: 1000,
  validFrom: null,
  validTo: null,
  maxUses: null,
  perCustomerLimit: null,
  minOrder: 0,
  appliesTo: 'ALL',
  filmIds: [],
  active: true,
  ...t,
});

const ticket = (key: string, amount: number, filmId = 'film-a'): ProposedLine => ({ key, kind: 'TICKET', amount, filmId });
const snack = (key: string, amount: number): ProposedLine => ({ key, kind: 'CONCESSION', amount });

const check = (t: Partial<PromocodeTerms>, lines: ProposedLine[], extra: Partial<PromocodeCheck> = {}) =>
  checkPromocode({ terms: terms(t), usage: { uses: 0, customerUses: 0 }, lines, customerId: null, now: NOW, day: DAY, currency: 'EUR', ...extra });

describe('checkPromocode: when a code applies (rule 7)', () => {
  it('gives 10 % off each line, half-up per line, and the order discount is their sum', () => {
    const d = check({}, [ticket('a', 1250), ticket('b', 1245), snack('c', 390)]);
    expect(d).toEqual({ ok: true, discount: 125 + 125 + 39, lineDiscounts: [{ key: 'a', discount: 125 }, { key: 'b', discount: 125 }, { key: 'c', discount: 39 }] });
  });

  it('refuses an inactive code, and one out of date in the cinema’s business day', () => {
    expect(check({ active: false }, [ticket('a', 1000)])).toMatchObject({ ok: false, reason: 'INACTIVE' });
    expect(check({ validFrom: '2026-11-26' }, [ticket('a', 1000)])).toMatchObject({ ok: false, reason: 'NOT_YET_VALID', message: expect.stringMatching(/valid from 2026-11-26/) });
    expect(check({ validTo: '2026-11-24' }, [ticket('a', 1000)])).toMatchObject({ ok: false, reason: 'EXPIRED', message: expect.stringMatching(/expired on 2026-11-24/) });
    // 02:30 in Berlin on the 26th still belongs to the business day of the 25th.
    const lateNight = new Date('2026-11-26T01:30:00Z');
    expect(check({ validTo: '2026-11-25' }, [ticket('a', 1000)], { now: lateNight }).ok).toBe(true);
    expect(check({ validFrom: '2026-11-26' }, [ticket('a', 1000)], { now: lateNight }).ok).toBe(false);
    expect(check({ validFrom: '2026-11-25', validTo: '2026-11-25' }, [ticket('a', 1000)]).ok).toBe(true);
  });

  it('refuses a used-up code and a customer over the limit; a per-customer code needs a customer', () => {
    expect(check({ maxUses: 3 }, [ticket('a', 1000)], { usage: { uses: 3, customerUses: 0 } })).toMatchObject({ ok: false, reason: 'USED_UP' });
    expect(check({ maxUses: 3 }, [ticket('a', 1000)], { usage: { uses: 2, customerUses: 0 } }).ok).toBe(true);
    expect(check({ perCustomerLimit: 1 }, [ticket('a', 1000)])).toMatchObject({ ok: false, reason: 'CUSTOMER_REQUIRED', message: expect.stringMatching(/loyalty card/) });
    expect(check({ perCustomerLimit: 1 }, [ticket('a', 1000)], { customerId: 'c1', usage: { uses: 5, customerUses: 1 } })).toMatchObject({ ok: false, reason: 'CUSTOMER_LIMIT' });
    expect(check({ perCustomerLimit: 2 }, [ticket('a', 1000)], { customerId: 'c1', usage: { uses: 5, customerUses: 1 } }).ok).toBe(true);
  });

  it('needs the minimum order, with both amounts in the message', () => {
    expect(check({ minOrder: 2000 }, [ticket('a', 1000), snack('b', 450)])).toMatchObject({
      ok: false,
      reason: 'BELOW_MINIMUM',
      message: 'Promocode AUTUMN needs an order of at least €20.00; this order is €14.50.',
    });
    expect(check({ minOrder: 1450 }, [ticket('a', 1000), snack('b', 450)]).ok).toBe(true);
  });

  it('applies only to its scope and films', () => {
    const lines = [ticket('t1', 1000, 'film-a'), ticket('t2', 1000, 'film-b'), snack('s', 500)];
    expect(eligibleLines(terms({ appliesTo: 'TICKETS' }), lines)).toEqual([true, true, false]);
    expect(eligibleLines(terms({ appliesTo: 'CONCESSIONS' }), lines)).toEqual([false, false, true]);
    expect(eligibleLines(terms({ appliesTo: 'ALL', filmIds: ['film-b'] }), lines)).toEqual([false, true, true]);
    expect(eligibleLines(terms({ appliesTo: 'ALL', filmIds: ['film-c'] }), lines)).toEqual([false, false, false]);
    expect(check({ appliesTo: 'CONCESSIONS' }, [ticket('a', 1000)])).toMatchObject({ ok: false, reason: 'NO_ELIGIBLE_LINES', message: expect.stringMatching(/concessions only/) });
    expect(check({ appliesTo: 'TICKETS', filmIds: ['film-z'] }, [ticket('a', 1000)])).toMatchObject({ ok: false, reason: 'NO_ELIGIBLE_LINES' });
  });

  it('spreads a fixed amount proportionally with the remainder on the last line, never more than the lines', () => {
    expect(check({ kind: 'FIXED', value: 500, appliesTo: 'TICKETS' }, [ticket('a', 1000), snack('s', 400), ticket('b', 500)])).toEqual({
      ok: true,
      discount: 500,
      lineDiscounts: [{ key: 'a', discount: 333 }, { key: 's', discount: 0 }, { key: 'b', discount: 167 }],
    });
    expect(check({ kind: 'FIXED', value: 5000 }, [ticket('a', 1000), snack('s', 400)])).toMatchObject({ ok: true, discount: 1400 });
    expect(spreadProportionally(2, [1, 1, 1, 1])).toEqual([1, 0, 1, 0]);
    expect(spreadProportionally(3, [1, 1, 1, 1])).toEqual([1, 1, 0, 1]);
  });
});

// Properties ------------------------------------------------------------------------------------

const lineArb = fc.record({
  kind: fc.constantFrom<'TICKET' | 'CONCESSION'>('TICKET', 'CONCESSION'),
  amount: fc.integer({ min: 0, max: 200_000 }),
  filmId: fc.constantFrom('f1', 'f2', 'f3'),
});
const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 12 }).map((ls) => ls.map((l, i) => ({ ...l, key: `l${i}` })));
const termsArb = fc.record({
  kind: fc.constantFrom<'PERCENT' | 'FIXED'>('PERCENT', 'FIXED'),
  percent: fc.integer({ min: 1, max: 10_000 }),
  fixed: fc.integer({ min: 1, max: 500_000 }),
  appliesTo: fc.constantFrom<'TICKETS' | 'CONCESSIONS' | 'ALL'>('TICKETS', 'CONCESSIONS', 'ALL'),
  filmIds: fc.subarray(['f1', 'f2', 'f3']),
});

describe('checkPromocode: properties', () => {
  it('discount ≤ eligible subtotal, every line 0 ≤ discount ≤ its amount, and the lines add up to the order', () => {
    fc.assert(
      fc.property(linesArb, termsArb, (lines, t) => {
        const pt = terms({ kind: t.kind, value: t.kind === 'PERCENT' ? t.percent : t.fixed, appliesTo: t.appliesTo, filmIds: t.filmIds });
        const d = check(pt, lines);
        if (!d.ok) {
          expect(d.reason).toBe('NO_ELIGIBLE_LINES');
          expect(eligibleLines(pt, lines).every((e) => !e)).toBe(true);
          return;
        }
        const eligible = eligibleLines(pt, lines);
        const eligibleTotal = lines.reduce((s, l, i) => s + (eligible[i] ? l.amount : 0), 0);
        expect(d.discount).toBeLessThanOrEqual(eligibleTotal);
        expect(d.lineDiscounts.reduce((s, l) => s + l.discount, 0)).toBe(d.discount);
        expect(d.lineDiscounts.map((l) => l.key)).toEqual(lines.map((l) => l.key));
        d.lineDiscounts.forEach((ld, i) => {
          expect(ld.discount).toBeGreaterThanOrEqual(0);
          expect(ld.discount).toBeLessThanOrEqual(lines[i]!.amount);
          if (!eligible[i]) expect(ld.discount).toBe(0);
        });
        if (pt.kind === 'FIXED') expect(d.discount).toBe(Math.min(pt.value, eligibleTotal));
      }),
      { numRuns: 2000 },
    );
  });

  it('a percentage is half-up per line: within half a minor unit of the exact share', () => {
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 1, max: 10_000 }), (lines, bp) => {
        const d = check({ value: bp }, lines);
        if (!d.ok) return;
        d.lineDiscounts.forEach((ld, i) => {
          const exact = (lines[i]!.amount * bp) / 10_000;
          expect(ld.discount - exact).toBeLessThanOrEqual(0.5);
          expect(exact - ld.discount).toBeLessThan(0.5);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('a fixed spread sums exactly, stays within its lines and within one unit of the proportional share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 15 }), fc.integer({ min: 0, max: 2_000_000 }), (amounts, discount) => {
        const shares = spreadProportionally(discount, amounts);
        const total = amounts.reduce((a, b) => a + b, 0);
        const d = Math.min(discount, total);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total === 0 ? 0 : d);
        shares.forEach((s, i) => {
          expect(Number.isInteger(s)).toBe(true);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(amounts[i]!);
          if (total > 0) expect(Math.abs(s - (d * amounts[i]!) / total)).toBeLessThan(1);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
