import { CINEMA_LOCALE } from './money';

/**
 * Instants as the cinema reads them: in its own IANA zone, whatever the zone of the machine or
 * browser (stored instants are UTC). No Node and no DOM imports in this file.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** "25 Nov 2026, 14:03 CET" — a date and time with the zone's short name. */
export function formatInstant(instant: string | number | Date, timeZone: string, locale: string = CINEMA_LOCALE): string {
  const key = `${locale}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formats.set(key, f);
  }
  return f.format(new Date(instant));
}
