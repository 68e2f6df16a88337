import { CINEMA_LOCALE } from './money';

/**
 * Instants as the cinema reads them: in its own IANA zone, whatever the zone of the machine or
 * browser (stored instants are UTC). No Node and no DOM imports in this file.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = formats.get(key);
  if (!f) {
    const date = { timeZone, day: 'numeric', month: 'short', year: 'numeric' } as const;
    f = new Intl.DateTimeFormat(locale, withTime ? { ...date, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } : date);
    formats.set(key, f);
  }
  return f;
}

/** "25 Nov 2026, 14:03 CET" — a date and time with the zone's short name. */
export function formatInstant(instant: string | number | Date, timeZone: string, locale: string = CINEMA_LOCALE): string {
  return format(locale, timeZone, true).format(new Date(instant));
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "14:03" — the wall-clock time of an instant in the cinema's zone (24-hour in every language). */
export function formatClockInZone(instant: string | number | Date, timeZone: string, locale: string = CINEMA_LOCALE): string {
  const key = `${locale}|${timeZone}`;
  let f = clocks.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(key, f);
  }
  return f.format(new Date(instant));
}

const days = new Map<string, Intl.DateTimeFormat>();

/** "Thu 26 Nov 14:05" / "Do., 26. Nov. 14:05" — a day of the week, the date and the clock in the cinema's zone. */
export function formatDayAndClock(instant: string | number | Date, timeZone: string, locale: string = CINEMA_LOCALE): string {
  const key = `${locale}|${timeZone}`;
  let f = days.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    days.set(key, f);
  }
  return `${f.format(new Date(instant))} ${formatClockInZone(instant, timeZone, locale)}`;
}

/** "25 Nov 2026" — the calendar day an instant falls on in the cinema's zone. */
export function formatDateInZone(instant: string | number | Date, timeZone: string, locale: string = CINEMA_LOCALE): string {
  return format(locale, timeZone, false).format(new Date(instant));
}
