import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountText, formatDecimal, parseAmount, parseDecimal, parseOptionalCount, parsePercent, percentText, wholeFrom } from './amount-input';

describe('amount inputs', () => {
  it('reads money and percentages exactly', () => {
    expect(parseDecimal('12', 2)).toBe(1200);
    expect(parseDecimal(' 12,5 ', 2)).toBe(1250);
    expect(parseDecimal('0.07', 2)).toBe(7);
    expect(parseDecimal('1.005', 2)).toBeNull();
    expect(parseDecimal('-1', 2)).toBeNull();
    expect(parseDecimal('abc', 2)).toBeNull();
    expect(parseDecimal('500', 0)).toBe(500);
    expect(parsePercent('12.5')).toBe(1250);
    expect(parsePercent('100')).toBe(10_000);
  });

  it('writes them back', () => {
    expect(formatDecimal(1250, 2)).toBe('12.50');
    expect(formatDecimal(5, 2)).toBe('0.05');
    expect(percentText(1000)).toBe('10');
    expect(percentText(1250)).toBe('12.5');
    expect(percentText(7)).toBe('0.07');
  });

  it('reads optional counts', () => {
    expect(parseOptionalCount('')).toBeNull();
    expect(parseOptionalCount(' 40 ')).toBe(40);
    expect(parseOptionalCount('4.5')).toBeNaN();
  });
});

// The cases of the parsers this one replaced (counter cash, programme prices, settings percents).
describe('one parser for every amount, percent and count typed in', () => {
  it('reads cash with a dot or a comma and refuses anything else', () => {
    expect(parseDecimal('12')).toBe(1200);
    expect(parseDecimal('12,5')).toBe(1250);
    expect(parseDecimal(' 0.05 ')).toBe(5);
    expect(parseDecimal('1.234')).toBeNull();
    expect(parseDecimal('-3')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
  });
  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(parseDecimal(formatDecimal(n))).toBe(n);
      }),
    );
  });
  it('reads amounts of the currency and percentages as typed, signed where typed so', () => {
    expect(parseAmount('12.50', 'EUR')).toBe(1250);
    expect(parseAmount('12,5', 'EUR')).toBe(1250);
    expect(parseAmount('1.234', 'EUR')).toBeNull();
    expect(parseAmount('500', 'JPY')).toBe(500);
    expect(amountText(1250, 'EUR')).toBe('12.50');
    expect(formatDecimal(1250, 2, false, 'de-DE')).toBe('12,50');
    expect(parseAmount(formatDecimal(1250, 2, false, 'de-DE'), 'EUR')).toBe(1250);
    expect(parsePercent('42.5')).toBe(4250);
    expect(parsePercent('60 %')).toBe(6000);
    expect(parsePercent('-20')).toBe(-2000);
    expect(parsePercent('x')).toBeNull();
    expect(percentText(4250)).toBe('42.5');
    expect(percentText(-2000)).toBe('-20');
    expect(wholeFrom(' 90 ')).toBe(90);
    expect(wholeFrom('-90')).toBe(-90);
    expect(wholeFrom('9.5')).toBeNaN();
  });
});
