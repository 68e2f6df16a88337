/**
 * Times as the cinema sees them: every instant is shown in the cinema's IANA time zone, whatever
 * the terminal's own zone. Business dates (YYYY-MM-DD) are calendar days, shown without any zone.
 */
import { wordsFor } from './words';

const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const dayClock = new Map<string, boolean>();

/** Whether the locale writes times on a 24-hour clock ("00:30", not "12:30 AM"). */
function uses24Hours(locale: string | undefined): boolean {
  const key = locale ?? '';
  let h24 = dayClock.get(key);
  if (h24 === undefined) {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    h24 = cycle === 'h23' || cycle === 'h24';
    dayClock.set(key, h24);
  }
  return h24;
}

/** The hour style of the locale: two digits on a 24-hour clock (00:30), plain on a 12-hour one (12:30 AM). */
function hour(locale: string | undefined): Intl.DateTimeFormatOptions {
  return uses24Hours(locale) ? { hour: '2-digit', hourCycle: 'h23' } : { hour: 'numeric' };
}

/** "19:30" (or "7:30 PM") in the cinema's zone. */
export function formatTime(instant: string | number | Date, timeZone: string, locale?: string): string {
  return dtf(locale, { timeZone, ...hour(locale), minute: '2-digit' }).format(new Date(instant));
}

/** "19:30" → { clock: "19:30" }; "7:30 PM" → { clock: "7:30", period: "PM" }, to set the period smaller. */
export function formatTimeParts(instant: string | number | Date, timeZone: string, locale?: string): { clock: string; period?: string } {
  const parts = dtf(locale, { timeZone, ...hour(locale), minute: '2-digit' }).formatToParts(new Date(instant));
  const period = parts.find((p) => p.type === 'dayPeriod')?.value;
  const clock = parts
    .filter((p) => p.type !== 'dayPeriod')
    .map((p) => p.value)
    .join('')
    .trim();
  return period ? { clock, period } : { clock };
}

/** A timeline's hour mark: "14:00" on a 24-hour clock, "2 PM" on a 12-hour one. */
export function formatHourMark(instant: number, timeZone: string, locale?: string): string {
  if (uses24Hours(locale)) return formatTime(instant, timeZone, locale);
  return dtf(locale, { timeZone, hour: 'numeric' }).format(new Date(instant));
}

/** "19:30:05" for the header clock. */
export function formatClock(instant: number | Date, timeZone: string, locale?: string): string {
  return dtf(locale, { timeZone, ...hour(locale), minute: '2-digit', second: '2-digit' }).format(new Date(instant));
}

/** "Thu, 26 Nov" for an instant in the cinema's zone. */
export function formatInstantDate(instant: number | Date | string, timeZone: string, locale?: string): string {
  return dtf(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(instant));
}

function calendarDate(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`A business date looks like 2026-11-26, got "${date}"`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

/** A business date's parts for a day tab: { weekday: "Thu", day: "26 Nov" }. */
export function formatDayTab(date: string, locale?: string): { weekday: string; day: string } {
  const d = calendarDate(date);
  return {
    weekday: dtf(locale, { timeZone: 'UTC', weekday: 'short' }).format(d),
    day: dtf(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(d),
  };
}

/** "Thursday, 26 November 2026" for a business date. */
export function formatLongDate(date: string, locale?: string): string {
  return dtf(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(calendarDate(date));
}

/** "2 h 05 min" / "45 min" for a running time ("2 Std. 05 Min." in German). */
export function formatDuration(minutes: number, locale?: string): string {
  const t = wordsFor(locale);
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return t('components:time.minutes', { minutes: rest });
  return t('components:time.hoursMinutes', { hours: h, minutes: String(rest).padStart(2, '0') });
}

/** "in 25 min", "10 min ago" ("vor 10 Min.") — relative to now. */
export function formatRelative(targetMs: number, nowMs: number, locale?: string): string {
  const t = wordsFor(locale);
  const diffMin = Math.round((targetMs - nowMs) / 60_000);
  if (diffMin === 0) return t('components:time.now');
  return diffMin > 0 ? t('components:time.in', { duration: formatDuration(diffMin, locale) }) : t('components:time.ago', { duration: formatDuration(-diffMin, locale) });
}

/** "Starts in 25 min", "Started 10 min ago", "Ended 1 h 05 min ago". */
export function formatWhen(startsMs: number, endsMs: number, nowMs: number, locale?: string): string {
  const t = wordsFor(locale);
  if (nowMs < startsMs) return t('components:time.starts', { when: formatRelative(startsMs, nowMs, locale) });
  if (nowMs < endsMs) return t('components:time.started', { when: formatRelative(startsMs, nowMs, locale) });
  return t('components:time.ended', { when: formatRelative(endsMs, nowMs, locale) });
}
