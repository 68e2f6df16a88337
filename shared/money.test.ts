import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatPercentBp, minorDigits, minorToDecimalString, spreadsheetMoneyFormat } from './money';

describe('minorToDecimalString', () => {
  it('places the decimal point by the currency digits', () => {
    expect(minorToDecimalString(123456, 2)).toBe('1234.56');
    expect(minorToDecimalString(5, 2)).toBe('0.05');
    expect(minorToDecimalString(0, 2)).toBe('0.00');
    expect(minorToDecimalString(-1999, 2)).toBe('-19.99');
    expect(minorToDecimalString(1500, 0)).toBe('1500');
    expect(minorToDecimalString(1, 3)).toBe('0.001');
  });

  it('stays exact for amounts a float would round', () => {
    expect(minorToDecimalString(9007199254740991, 2)).toBe('90071992547409.91');
  });

  it('refuses fractions of a minor unit', () => {
    expect(() => minorToDecimalString(10.5, 2)).toThrow(RangeError);
    expect(() => minorToDecimalString(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats minor units with the currency and locale', () => {
    expect(formatMoney(123456, 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMoney(1250, 'USD', 'en-US')).toBe('$12.50');
    expect(formatMoney(0, 'GBP', 'en-GB')).toBe('£0.00');
    expect(formatMoney(-350, 'USD', 'en-US')).toBe('−$3.50');
  });

  it('follows the currency minor digits (JPY 0, BHD 3)', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(12345, 'BHD', 'en-US')).toMatch(/12\.345/);
  });

  it('writes every amount in the cinema locale, negatives with the one minus sign', () => {
    expect(formatMoney(758_853, 'EUR')).toBe('€7,588.53');
    expect(formatMoney(-1284, 'EUR')).toBe('−€12.84');
    expect(formatMoney(-67, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('−0,67 €');
    expect(formatCount(-1234)).toBe('−1,234');
    expect(formatPercentBp(8123)).toBe('81.2 %');
  });

  it('gives spreadsheets the same pattern: symbol, number, spaces and minus where formatMoney puts them', () => {
    expect(spreadsheetMoneyFormat('EUR')).toBe('"€"#,##0.00;"−€"#,##0.00');
    expect(spreadsheetMoneyFormat('JPY')).toBe('"JP¥"#,##0;"−JP¥"#,##0');
    expect(spreadsheetMoneyFormat('EUR', 'de-DE').replace(/\s/g, ' ')).toBe('#,##0.00" €";"−"#,##0.00" €"');
  });

  it('uses the locale grouping and decimal marks', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('1.234,56 €');
  });
});
