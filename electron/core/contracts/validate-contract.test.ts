import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractProblemWords, dateRangesOverlap, validateContract, type ContractTerms } from './validate-contract';
import { inWords } from '../errors';

const base: ContractTerms = {
  startDate: '2026-11-26',
  endDate: '2027-01-31',
  dealType: 'PERCENTAGE',
  minimumGuarantee: null,
  houseAllowance: null,
  splits: [
    { week: 1, percentBp: 6000 },
    { week: 2, percentBp: 5000 },
    { week: 3, percentBp: 4000 },
  ],
};

const contiguousSplits = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 30 }).map((ps) => ps.map((percentBp, i) => ({ week: i + 1, percentBp })));
const isoDay = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));

describe('validateContract (rule 2)', () => {
  it('accepts sound terms', () => {
    expect(validateContract(base)).toEqual([]);
    expect(validateContract({ ...base, dealType: 'NINETY_TEN', houseAllowance: 350_000, minimumGuarantee: 50_000 })).toEqual([]);
  });

  it('names each problem exactly', () => {
    expect(validateContract({ ...base, splits: [{ week: 1, percentBp: 6000 }, { week: 2, percentBp: 5000 }, { week: 4, percentBp: 4000 }] })).toEqual([
      'week 3 is missing between 2 and 4',
    ]);
    expect(validateContract({ ...base, splits: [{ week: 2, percentBp: 6000 }] })).toEqual(['week 1 is missing: the splits start at week 2']);
    expect(validateContract({ ...base, splits: [{ week: 1, percentBp: 12_000 }] })).toEqual([
      'week 1: 120 % is out of range; a split must be more than 0 % and at most 100 %',
    ]);
    expect(validateContract({ ...base, splits: [{ week: 1, percentBp: 0 }] })[0]).toMatch(/week 1: 0 % is out of range/);
    expect(validateContract({ ...base, endDate: '2026-11-01' })).toEqual(['the end date 2026-11-01 is before the start date 2026-11-26']);
    expect(validateContract({ ...base, dealType: 'NINETY_TEN' })).toEqual(['a 90/10 deal needs the weekly house allowance']);
    expect(validateContract({ ...base, splits: [{ week: 1, percentBp: 5000 }, { week: 1, percentBp: 4000 }] })).toEqual(['week 1 appears twice']);
    expect(validateContract({ ...base, splits: [{ week: 1, percentBp: 5000 }, { week: 5, percentBp: 4000 }] })).toEqual(['weeks 2–4 are missing between 1 and 5']);
    expect(validateContract({ ...base, splits: [] })).toEqual(['the splits need at least week 1']);
  });

  it('property: contiguous weeks 1..n with 0 < percent ≤ 100 are always accepted, in any order', () => {
    fc.assert(
      fc.property(contiguousSplits, fc.boolean(), (splits, reverse) => {
        expect(validateContract({ ...base, splits: reverse ? [...splits].reverse() : splits })).toEqual([]);
      }),
    );
  });

  it('property: removing any week but the last leaves exactly that gap named', () => {
    fc.assert(
      fc.property(contiguousSplits.filter((s) => s.length >= 3), fc.nat(), (splits, pick) => {
        const missing = 2 + (pick % (splits.length - 2)); // a middle week
        const problems = validateContract({ ...base, splits: splits.filter((s) => s.week !== missing) });
        expect(problems).toEqual([`week ${missing} is missing between ${missing - 1} and ${missing + 1}`]);
      }),
    );
  });

  it('property: a percent outside (0, 100 %] is refused and its week named', () => {
    const bad = fc.oneof(fc.integer({ min: -1_000_000, max: 0 }), fc.integer({ min: 10_001, max: 1_000_000 }));
    fc.assert(
      fc.property(contiguousSplits, fc.nat(), bad, (splits, pick, percentBp) => {
        const week = 1 + (pick % splits.length);
        const problems = validateContract({ ...base, splits: splits.map((s) => (s.week === week ? { week, percentBp } : s)) });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(new RegExp(`^week ${week}: .* is out of range`));
      }),
    );
  });

  it('property: the dates are refused exactly when the end is before the start', () => {
    fc.assert(
      fc.property(isoDay, isoDay, (startDate, endDate) => {
        const problems = validateContract({ ...base, startDate, endDate });
        expect(problems.length > 0).toBe(endDate < startDate);
      }),
    );
  });

  it('property: date ranges overlap symmetrically, and exactly when they share a day', () => {
    const range = fc.tuple(isoDay, isoDay).map(([a, b]) => (a <= b ? { startDate: a, endDate: b } : { startDate: b, endDate: a }));
    fc.assert(
      fc.property(range, range, (a, b) => {
        expect(dateRangesOverlap(a, b)).toBe(dateRangesOverlap(b, a));
        const shared = (a.startDate > b.startDate ? a.startDate : b.startDate) <= (a.endDate < b.endDate ? a.endDate : b.endDate);
        expect(dateRangesOverlap(a, b)).toBe(shared);
      }),
    );
  });

  it('names each problem in the reader’s language, percentages as people write them', () => {
    const problems = contractProblemWords({ ...base, splits: [{ week: 1, percentBp: 4255 }, { week: 3, percentBp: 15_000 }] });
    expect(problems.map((w) => inWords(w, 'de'))).toEqual([
      'Woche 2 fehlt zwischen 1 und 3',
      'Woche 3: 150 % liegt außerhalb des zulässigen Bereichs; ein Anteil muss über 0 % und höchstens 100 % betragen',
    ]);
    expect(validateContract({ ...base, splits: [{ week: 1, percentBp: 42_550 }] })).toEqual(['week 1: 425.5 % is out of range; a split must be more than 0 % and at most 100 %']);
  });
});
