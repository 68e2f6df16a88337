import { describe, expect, it } from 'vitest';
import { decimal, toCsv } from './csv';

describe('audit export CSV', () => {
  it('quotes only what needs quoting and writes amounts with the currency decimals', () => {
    expect(toCsv(['A', 'B'], [['Popcorn, large', 'say "hi"'], [1, null]])).toBe('A,B\r\n"Popcorn, large","say ""hi"""\r\n1,\r\n');
    expect(decimal(1250, 'EUR')).toBe('12.50');
    expect(decimal(-390, 'EUR')).toBe('-3.90');
    expect(decimal(5, 'EUR')).toBe('0.05');
    expect(decimal(1500, 'JPY')).toBe('1500');
  });
});
