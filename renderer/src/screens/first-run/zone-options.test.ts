import { describe, expect, it } from 'vitest';
import { currencyLabel, offsetMinutes, zoneOptions } from './zone-options';

describe('time-zone options', () => {
  const winter = new Date('2026-01-15T12:00:00Z');

  it('lists common zones west to east with their offset', () => {
    const options = zoneOptions(undefined, winter);
    const berlin = options.find((o) => o.value === 'Europe/Berlin')!;
    expect(berlin.label).toBe('Europe / Berlin (UTC+01:00)');
    const offsets = options.map((o) => o.offsetMinutes);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it("adds the computer's own zone, marked, and ignores one that is not a zone", () => {
    const options = zoneOptions('America/Argentina/Cordoba', winter);
    expect(options.find((o) => o.value === 'America/Argentina/Cordoba')?.label).toMatch(/this computer$/);
    expect(zoneOptions('Not/AZone', winter).some((o) => o.value === 'Not/AZone')).toBe(false);
  });

  it('reads half-hour offsets and daylight saving', () => {
    expect(offsetMinutes('Asia/Kolkata', winter)).toBe(330);
    expect(offsetMinutes('America/New_York', winter)).toBe(-300);
    expect(offsetMinutes('America/New_York', new Date('2026-07-01T12:00:00Z'))).toBe(-240);
  });

  it('names currencies', () => {
    expect(currencyLabel('EUR', 'en')).toBe('EUR — Euro');
  });
});
