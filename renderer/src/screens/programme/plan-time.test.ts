import { describe, expect, it } from 'vitest';
import { plusMinutes, startInstant } from './plan-time';

describe('programme form conversions', () => {
  it('turns a local start on a business day into an instant, after midnight into the next calendar day', () => {
    expect(startInstant('2026-12-05', '19:30', 'Europe/Berlin', '06:00')).toBe('2026-12-05T18:30:00.000Z');
    expect(startInstant('2026-12-05', '00:30', 'Europe/Berlin', '06:00')).toBe('2026-12-05T23:30:00.000Z');
    expect(startInstant('2026-12-05', '25:00', 'Europe/Berlin', '06:00')).toBeNull();
  });

  it('adds minutes to an instant', () => {
    expect(plusMinutes('2026-12-05T18:30:00.000Z', 148)).toBe('2026-12-05T20:58:00.000Z');
  });
});
