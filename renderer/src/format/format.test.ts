import { describe, expect, it } from 'vitest';
import { formatDayTab, formatDuration, formatHourMark, formatLongDate, formatRelative, formatTime, formatTimeParts, formatWhen } from './time';
import { fillLevel, phaseOf, seatsLeft, soldPercent, splitEnded } from './session-phase';
import { formatAndLanguage, languageName } from './language';
import { hallLabel } from './hall';

describe('time formatting', () => {
  it("shows instants in the cinema's zone, not the terminal's", () => {
    expect(formatTime('2026-11-26T18:30:00Z', 'Europe/Berlin', 'en-GB')).toBe('19:30');
    expect(formatTime('2026-11-26T18:30:00Z', 'America/New_York', 'en-GB')).toBe('13:30');
    expect(formatTime('2026-11-26T18:30:00Z', 'Asia/Kolkata', 'en-US')).toBe('12:00 AM');
    expect(formatTime('2026-11-26T23:05:00Z', 'Europe/Berlin', 'en-GB')).toBe('00:05');
    expect(formatTime('2026-11-26T08:05:00Z', 'Europe/Berlin', 'de-DE')).toBe('09:05');
  });

  it('splits the day period off for large times, and marks hours compactly', () => {
    expect(formatTimeParts('2026-11-26T18:30:00Z', 'Europe/Berlin', 'en-GB')).toEqual({ clock: '19:30' });
    expect(formatTimeParts('2026-11-26T18:30:00Z', 'Europe/Berlin', 'en-US')).toEqual({ clock: '7:30', period: 'PM' });
    expect(formatHourMark(Date.parse('2026-11-26T13:00:00Z'), 'Europe/Berlin', 'en-US')).toBe('2 PM');
    expect(formatHourMark(Date.parse('2026-11-26T13:00:00Z'), 'Europe/Berlin', 'en-GB')).toBe('14:00');
  });

  it('shows business dates as calendar days', () => {
    expect(formatDayTab('2026-11-26', 'en-GB')).toEqual({ weekday: 'Thu', day: '26 Nov' });
    expect(formatLongDate('2026-11-26', 'en-GB')).toMatch(/^Thursday,? 26 November 2026$/);
    expect(() => formatDayTab('26.11.2026')).toThrow(RangeError);
  });

  it('formats running times and relative times', () => {
    expect(formatDuration(125)).toBe('2 h 05 min');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatRelative(Date.parse('2026-11-26T19:30:00Z'), Date.parse('2026-11-26T19:05:00Z'))).toBe('in 25 min');
    expect(formatRelative(Date.parse('2026-11-26T19:00:00Z'), Date.parse('2026-11-26T19:10:00Z'))).toBe('10 min ago');
    const start = Date.parse('2026-11-26T19:00:00Z');
    const end = Date.parse('2026-11-26T21:00:00Z');
    expect(formatWhen(start, end, start - 25 * 60_000)).toBe('Starts in 25 min');
    expect(formatWhen(start, end, start + 10 * 60_000)).toBe('Started 10 min ago');
    expect(formatWhen(start, end, end + 65 * 60_000)).toBe('Ended 1 h 05 min ago');
    // In German by the locale's words (issue 16).
    expect(formatDuration(125, 'de-DE')).toBe('2 Std. 05 Min.');
    expect(formatRelative(start, start - 5 * 60_000, 'de-DE')).toBe('in 5 Min.');
    expect(formatRelative(start, start + 5 * 60_000, 'de-DE')).toBe('vor 5 Min.');
    expect(formatWhen(start, end, end + 65 * 60_000, 'de-DE')).toBe('Endete vor 1 Std. 05 Min.');
  });
});

describe('session phase', () => {
  const base = { startsAt: '2026-11-26T19:00:00Z', endsAt: '2026-11-26T21:00:00Z' };
  const now = (iso: string) => Date.parse(iso);

  it('reads status and the clock together', () => {
    expect(phaseOf({ ...base, status: 'ON_SALE' }, now('2026-11-26T18:00:00Z'))).toBe('ON_SALE');
    expect(phaseOf({ ...base, status: 'SCHEDULED' }, now('2026-11-26T18:00:00Z'))).toBe('NOT_ON_SALE');
    expect(phaseOf({ ...base, status: 'ON_SALE' }, now('2026-11-26T19:05:00Z'))).toBe('STARTED');
    expect(phaseOf({ ...base, status: 'ON_SALE' }, now('2026-11-26T21:00:00Z'))).toBe('ENDED');
    expect(phaseOf({ ...base, status: 'CANCELLED' }, now('2026-11-26T18:00:00Z'))).toBe('CANCELLED');
    expect(phaseOf({ ...base, status: 'CLOSED' }, now('2026-11-26T18:00:00Z'))).toBe('CLOSED');
  });

  it('folds away the sessions that are over', () => {
    const a = { id: 'a', endsAt: '2026-11-26T12:00:00Z' };
    const b = { id: 'b', endsAt: '2026-11-26T21:00:00Z' };
    expect(splitEnded([a, b], now('2026-11-26T12:00:00Z'))).toEqual({ ended: [a], upcoming: [b] });
  });

  it('counts seats left and fill', () => {
    expect(seatsLeft({ seatsTotal: 120, seatsSold: 30, seatsReserved: 0 })).toBe(90);
    expect(seatsLeft({ seatsTotal: 120, seatsSold: 30, seatsReserved: 4 })).toBe(86);
    expect(seatsLeft({ seatsTotal: 10, seatsSold: 12, seatsReserved: 0 })).toBe(0);
    expect(soldPercent({ seatsTotal: 120, seatsSold: 30 })).toBe(25);
    expect(soldPercent({ seatsTotal: 0, seatsSold: 0 })).toBe(0);
    expect(fillLevel({ seatsTotal: 100, seatsSold: 100, seatsReserved: 0 })).toBe('SOLD_OUT');
    expect(fillLevel({ seatsTotal: 100, seatsSold: 90, seatsReserved: 0 })).toBe('ALMOST_FULL');
    expect(fillLevel({ seatsTotal: 100, seatsSold: 10, seatsReserved: 0 })).toBe('OPEN');
    // Reserved seats are taken: all of them reserved or sold is full.
    expect(fillLevel({ seatsTotal: 100, seatsSold: 60, seatsReserved: 40 })).toBe('SOLD_OUT');
    expect(fillLevel({ seatsTotal: 100, seatsSold: 10, seatsReserved: 80 })).toBe('ALMOST_FULL');
  });
});

describe('language', () => {
  it('names language codes and keeps anything else as it is', () => {
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('OmU', 'en')).toBe('OmU');
    expect(formatAndLanguage('3D', 'en', 'en')).toBe('3D · English');
    expect(formatAndLanguage('2D', '', 'en')).toBe('2D');
  });
});

describe('hall label', () => {
  it('adds the type unless the name already says it', () => {
    expect(hallLabel({ name: 'Hall 1', type: 'STANDARD' })).toBe('Hall 1 · Standard');
    expect(hallLabel({ name: 'Hall 3 IMAX', type: 'IMAX' })).toBe('Hall 3 IMAX');
  });
});
