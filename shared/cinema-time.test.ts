import { describe, expect, it } from 'vitest';
import { formatDateInZone, formatInstant } from './cinema-time';

describe('formatInstant', () => {
  it('shows an instant in the cinema’s zone, whatever the machine’s', () => {
    expect(formatInstant('2026-11-25T13:03:00.000Z', 'Europe/Berlin')).toBe('25 Nov 2026, 14:03 CET');
    expect(formatInstant('2026-07-01T22:30:00.000Z', 'Europe/Berlin')).toBe('2 Jul 2026, 00:30 CEST');
    expect(formatInstant('2026-11-25T13:03:00.000Z', 'Asia/Tokyo')).toBe('25 Nov 2026, 22:03 GMT+9');
    // 23:30 UTC on the 24th is already the 25th in Berlin.
    expect(formatDateInZone('2026-11-24T23:30:00.000Z', 'Europe/Berlin')).toBe('25 Nov 2026');
  });
});
