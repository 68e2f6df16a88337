import { describe, expect, it } from 'vitest';
import { amountText, parseAmount, parsePercent, percentInput, plusMinutes, startInstant } from './plan-time';

describe('programme form conversions', () => {
  it('turns a local start on a business day into an instant, after midnight into the next calendar day', () => {
    expect(startInstant('2026-12-05', '19:30', 'Europe/Berlin', '06:00')).toBe('2026-12-05T18:30:00.000Z');
    expect(startInstant('2026-12-05', '00:30', 'Europe/Berlin', '06:00')).toBe('2026-12-05T23:30:00.000Z');
    expect(startInstant('2026-12-05', '25:00', 'Europe/Berlin', '06:00')).toBeNull();
  });

  it('reads amounts and percentages as typed', () => {
    expect(parseAmount('12.50', 'EUR')).toBe(1250);
    expect(parseAmount('12,5', 'EUR')).toBe(1250);
    expect(parseAmount('12', 'EUR')).toBe(1200);
    expect(parseAmount('1.234', 'EUR')).toBeNull();
    expect(parseAmount('abc', 'EUR')).toBeNull();
    expect(parseAmount('500', 'JPY')).toBe(500);
    expect(amountText(1250, 'EUR')).toBe('12.50');
    expect(parsePercent('42.5')).toBe(4250);
    expect(parsePercent('60 %')).toBe(6000);
    expect(parsePercent('120')).toBe(12_000);
    expect(parsePercent('x')).toBeNull();
    expect(percentInput(4250)).toBe('42.5');
    expect(percentInput(6000)).toBe('60');
    expect(plusMinutes('2026-12-05T18:30:00.000Z', 148)).toBe('2026-12-05T20:58:00.000Z');
  });
});
