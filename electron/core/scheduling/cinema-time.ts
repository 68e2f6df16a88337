import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** Wall-clock views of instants in a cinema's time zone, for rules and for messages people read. */

/** "14:05" in the cinema's zone. */
export function localClock(instant: string | number | Date, timezone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timezone), 'HH:mm');
}

/** The local calendar date (not the business date) of an instant: "2026-11-26". */
export function localDate(instant: string | number | Date, timezone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timezone), 'yyyy-MM-dd');
}

/** "Thu 26 Nov 14:05" in the cinema's zone. */
export function localDayAndClock(instant: string | number | Date, timezone: string): string {
  return format(new TZDate(new Date(instant).getTime(), timezone), 'EEE d MMM HH:mm');
}

/** The instant of a wall-clock time ('HH:MM') on a local calendar date in the cinema's zone. */
export function localInstant(date: string, time: string, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, h, mi, timezone).getTime());
}

/** 0 = Sunday … 6 = Saturday of a calendar date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
