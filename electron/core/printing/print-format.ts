import type { PaymentMethod, SeatKind, TicketType } from '../../../shared/enums';
import { CINEMA_LOCALE, formatMoney } from '../../../shared/money';

/** Printed slips write money, numbers and dates in the cinema locale (the screens' and reports' too), its currency and time zone. */
const LOCALE = CINEMA_LOCALE;

export const money = (minor: number, currency: string): string => formatMoney(minor, currency, LOCALE);

export const percent = (bp: number): string => `${(bp / 100).toLocaleString(LOCALE, { maximumFractionDigits: 2 })} %`;

/** Date formatters by zone and pattern: making one costs far more than using it (a slip shows several dates). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "Wednesday, 25 November 2026" in the cinema's zone. */
export const longDate = (instant: string, timeZone: string): string =>
  fmt(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(instant));

/** "19:30" in the cinema's zone. */
export const clockTime = (instant: string, timeZone: string): string => fmt(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

/** "25 Nov 2026, 19:30" in the cinema's zone. */
export const dateTime = (instant: string, timeZone: string): string =>
  fmt(timeZone, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

export const TICKET_TYPE_WORD: Record<TicketType, string> = { ADULT: 'Adult', CHILD: 'Child', STUDENT: 'Student', SENIOR: 'Senior' };

export const SEAT_KIND_WORD: Record<SeatKind, string> = {
  STANDARD: 'Standard seat',
  VIP: 'VIP recliner',
  LOVESEAT: 'Loveseat',
  WHEELCHAIR: 'Wheelchair place',
  COMPANION: 'Companion seat',
};

export const METHOD_WORD: Record<PaymentMethod, string> = { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points', VOUCHER: 'Gift voucher' };

export { REFUND_REASON_WORD } from '../../../shared/refund-reason-words';
