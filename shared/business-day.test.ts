import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDateOf, businessDayRange } from './business-day';

const berlin = { timezone: 'Europe/Berlin', dayStart: '06:00' };

describe('business day (rule 12)', () => {
  it('counts a midnight show for the evening before', () => {
    // 00:30 local on 26 Nov (Berlin is UTC+1 in winter) belongs to 25 Nov.
    expect(businessDateOf('2026-11-25T23:30:00Z', berlin)).toBe('2026-11-25');
    expect(businessDateOf('2026-11-26T04:59:00Z', berlin)).toBe('2026-11-25');
    expect(businessDateOf('2026-11-26T05:00:00Z', berlin)).toBe('2026-11-26');
  });

  it('gives the UTC range of a business day, across a daylight-saving change', () => {
    const winter = businessDayRange('2026-11-25', berlin);
    expect(winter.from.toISOString()).toBe('2026-11-25T05:00:00.000Z');
    expect(winter.to.toISOString()).toBe('2026-11-26T05:00:00.000Z');
    // Clocks go back on 25 Oct 2026: that business day lasts 25 hours.
    const fallBack = businessDayRange('2026-10-24', berlin);
    expect(fallBack.from.toISOString()).toBe('2026-10-24T04:00:00.000Z');
    expect(fallBack.to.toISOString()).toBe('2026-10-25T05:00:00.000Z');
  });

  it('maps every instant of a range back to its date', () => {
    const { from, to } = businessDayRange('2026-03-28', berlin);
    for (let t = from.getTime(); t < to.getTime(); t += 17 * 60_000) {
      expect(businessDateOf(new Date(t), berlin)).toBe('2026-03-28');
    }
    expect(businessDateOf(to, berlin)).toBe('2026-03-29');
  });

  it('adds calendar days', () => {
    expect(addBusinessDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addBusinessDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
