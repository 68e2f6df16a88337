import { businessDayRange } from '../../../../shared/business-day';

/**
 * Small conversions for the programme forms: what a manager types ("19:30", "12.50") into what
 * the contract carries (an instant, minor units). The main process checks everything again.
 */

/** The instant of a local start time on a business day: before the day start it is the next calendar day. */
export function startInstant(businessDate: string, time: string, timezone: string, businessDayStart: string): string | null {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time) || !/^\d{4}-\d{2}-\d{2}$/.test(businessDate)) return null;
  const [y, m, d] = businessDate.split('-').map(Number) as [number, number, number];
  const calendar = time < businessDayStart ? new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10) : businessDate;
  return businessDayRange(calendar, { timezone, dayStart: time }).from.toISOString();
}

/** Minutes → the same instant later, ISO. */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
