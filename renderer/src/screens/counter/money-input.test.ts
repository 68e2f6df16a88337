import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { moneyInputText, parseMoneyInput, quickTenders } from './money-input';

describe('cash amounts as typed', () => {
  it('reads amounts with a dot or a comma and refuses anything else', () => {
    expect(parseMoneyInput('12')).toBe(1200);
    expect(parseMoneyInput('12,5')).toBe(1250);
    expect(parseMoneyInput(' 0.05 ')).toBe(5);
    expect(parseMoneyInput('1.234')).toBeNull();
    expect(parseMoneyInput('-3')).toBeNull();
    expect(parseMoneyInput('abc')).toBeNull();
  });
  it('round-trips every amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(parseMoneyInput(moneyInputText(n))).toBe(n);
      }),
    );
  });
  it('offers the exact amount and round notes above it, never less than due', () => {
    expect(quickTenders(2645)).toEqual([2645, 3000, 4000, 5000, 10000]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (due) => {
        expect(quickTenders(due).every((t) => t >= due)).toBe(true);
      }),
    );
  });
});
