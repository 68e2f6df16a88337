import type { PaymentMethod, RefundReason, SeatKind, TicketType } from '../../../shared/enums';
import { formatMoney } from '../../../shared/money';
import { wordsIn, type Words } from '../../../shared/i18n/create-i18n';
import { DEFAULT_LANGUAGE, localeOf, type Language } from '../../../shared/i18n/languages';

/**
 * Everything printed or exported is written in its reader's language (issue 16): words from the
 * `documents` catalogue, enum words from `enums`, money, numbers and dates in that language's
 * locale, in the cinema's currency and time zone.
 */
export interface Printed {
  language: Language;
  locale: string;
  t: Words;
  money(minor: number, currency: string): string;
  /** A signed amount with a true minus: "−12,00 €". */
  signed(minor: number, currency: string): string;
  percent(bp: number): string;
  count(n: number): string;
  /** "Mittwoch, 25. November 2026" / "Wednesday, 25 November 2026" in the cinema's zone. */
  longDate(instant: string, timeZone: string): string;
  /** "19:30" in the cinema's zone. */
  clockTime(instant: string, timeZone: string): string;
  /** "25. Nov. 2026, 19:30" / "25 Nov 2026, 19:30" in the cinema's zone. */
  dateTime(instant: string, timeZone: string): string;
  ticketType(type: TicketType): string;
  seatKind(kind: SeatKind): string;
  method(method: PaymentMethod | string): string;
  refundReason(reason: RefundReason): string;
  /** "row C seat 7" / "Reihe C Platz 7". */
  seat(row: string, seat: number | string): string;
}

/** Date formatters by locale, zone and pattern: making one costs far more than using it (a slip shows several dates). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DATE_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const printers = new Map<Language, Printed>();

/** The words and formats of one language, made once per process. */
export function printedIn(language: Language = DEFAULT_LANGUAGE): Printed {
  let p = printers.get(language);
  if (p) return p;
  const locale = localeOf(language);
  const t = wordsIn(language);
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  p = {
    language,
    locale,
    t,
    money,
    signed: (minor, currency) => `${minor < 0 ? '−' : ''}${money(Math.abs(minor), currency)}`,
    percent: (bp) => `${(bp / 100).toLocaleString(locale, { maximumFractionDigits: 2 })} %`,
    count: (n) => n.toLocaleString(locale),
    longDate: (instant, timeZone) => fmt(locale, timeZone, LONG_DATE).format(new Date(instant)),
    clockTime: (instant, timeZone) => fmt(locale, timeZone, CLOCK).format(new Date(instant)),
    dateTime: (instant, timeZone) => fmt(locale, timeZone, DATE_TIME).format(new Date(instant)),
    ticketType: (type) => t(`enums:ticketType.${type}`),
    seatKind: (kind) => t(`enums:seatKind.${kind}`),
    method: (method) => (['CASH', 'CARD', 'BONUS', 'VOUCHER'].includes(method) ? t(`enums:paymentMethod.${method as PaymentMethod}`) : method),
    refundReason: (reason) => t(`enums:refundReason.${reason}`),
    seat: (row, seat) => t('documents:ticket.seatLabel', { row, seat }),
  };
  printers.set(language, p);
  return p;
}

/** "19:30" in the cinema's zone (24-hour clock in every language). */
export const clockTime = (instant: string, timeZone: string): string => printedIn().clockTime(instant, timeZone);
