import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/**
 * Rule 12: a cinema's business day ends at a configurable hour (default 06:00), so a midnight show
 * counts for the evening before. These helpers turn instants into business dates and back,
 * following the cinema's IANA time zone through daylight-saving changes.
 */
export interface BusinessDayRule {
  timezone: string;
  /** 'HH:MM' local time at which a business day starts. */
  dayStart: string;
}

function parseDayStart(dayStart: string): { hours: number; minutes: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(dayStart);
  if (!m) throw new Error(`Business day start must be HH:MM, got "${dayStart}"`);
  return { hours: Number(m[1]), minutes: Number(m[2]) };
}

/** The business date (YYYY-MM-DD) an instant belongs to. */
export function businessDateOf(instant: Date | string, rule: BusinessDayRule): string {
  const { hours, minutes } = parseDayStart(rule.dayStart);
  const local = new TZDate(new Date(instant).getTime(), rule.timezone);
  // Compare wall-clock fields: before the day start, it is still yesterday's business day.
  const beforeStart = local.getHours() * 60 + local.getMinutes() < hours * 60 + minutes;
  const day = beforeStart ? addDays(local, -1) : local;
  return format(day, 'yyyy-MM-dd');
}

/** The UTC instants [from, to) that a business date covers. */
export function businessDayRange(date: string, rule: BusinessDayRule): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Business date must be YYYY-MM-DD, got "${date}"`);
  const { hours, minutes } = parseDayStart(rule.dayStart);
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const from = new TZDate(y, mo, d, hours, minutes, rule.timezone);
  const to = new TZDate(y, mo, d + 1, hours, minutes, rule.timezone);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** The local calendar date plus n days, as YYYY-MM-DD (no time zone involved). */
export function addBusinessDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}
