import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal, parseOptionalCount, parsePercent, percentText } from './amount-input';

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
