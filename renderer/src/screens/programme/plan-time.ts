import { businessDayRange } from '../../../../shared/business-day';
import { minorDigits, minorToDecimalString } from '../../../../shared/money';

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

/** "12.50" or "12,50" → 1250 minor units; null when it isn't an amount of this currency. */
export function parseAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const t = text.trim().replace(',', '.');
  const m = /^(\d{1,7})(?:\.(\d*))?$/.exec(t);
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 1250 → "12.50", for an input's initial value. */
export function amountText(minor: number, currency: string): string {
  return minorToDecimalString(minor, minorDigits(currency));
}

/** "42.5" (percent) → 4250 basis points; null when not a number with at most two decimals. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(',', '.').replace(/\s*%$/, '');
  const m = /^(-?\d{1,5})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  const sign = m[1]!.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(m[1])) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0'));
}

/** 4250 → "42.5". */
export function percentInput(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  return rest ? `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}` : String(whole);
}

/** Minutes → the same instant later, ISO. */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}
