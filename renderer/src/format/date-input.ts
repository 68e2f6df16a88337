/*
 * What a person types into a date or time field, read in the window's locale: "05.12.2026" in German,
 * "05/12/2026" in British English — always handed on as the ISO value the contract wants
 * ("2026-12-05", "19:30"). A native <input type="date"> follows the browser's language instead, so an
 * English Windows shows a German cashier mm/dd/yyyy. Intl knows each locale's order and separator;
 * the calendar check is a line, so no date library is needed here.
 */

export type DateOrder = readonly ['day' | 'month' | 'year', 'day' | 'month' | 'year', 'day' | 'month' | 'year'];

export interface DatePattern {
  order: DateOrder;
  /** What goes between the parts: "." in German, "/" in British English. */
  separator: string;
}

const patterns = new Map<string, DatePattern>();

/** The locale's short numeric date: its order of day, month and year, and its separator. */
export function datePattern(locale: string): DatePattern {
  let p = patterns.get(locale);
  if (!p) {
    const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 5));
    const order = parts.filter((x) => x.type === 'day' || x.type === 'month' || x.type === 'year').map((x) => x.type) as unknown as DateOrder;
    const separator = parts.find((x) => x.type === 'literal')?.value.trim() || '.';
    p = { order: order.length === 3 ? order : ['day', 'month', 'year'], separator };
    patterns.set(locale, p);
  }
  return p;
}

/** "TT.MM.JJJJ" / "DD/MM/YYYY": the pattern written with the language's letters for day, month and year. */
export function datePlaceholder(locale: string, letters: { day: string; month: string; year: string }): string {
  const { order, separator } = datePattern(locale);
  return order.map((part) => letters[part]).join(separator);
}

function isoParts(iso: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-12-05" → "05.12.2026" (de-DE) / "05/12/2026" (en-GB); "" stays "", text that is no ISO date is shown as it is. */
export function formatDateText(iso: string, locale: string): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const { order, separator } = datePattern(locale);
  return order.map((part) => (part === 'year' ? pad(p.year, 4) : pad(p[part]))).join(separator);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type DateReading =
  | { kind: 'empty' }
  /** `complete`: typed with its four-digit year (a two-digit one may still be on its way to four). */
  | { kind: 'date'; iso: string; complete: boolean }
  /** Not a date at all, or only the start of one ("05.1"). */
  | { kind: 'notADate'; complete: boolean }
  | { kind: 'noSuchMonth'; month: number; complete: boolean }
  | { kind: 'noSuchDay'; year: number; month: number; days: number; complete: boolean };

/**
 * Reads a typed date in the locale's order: "5.12.2026", "05.12.26", "05122026" (digits only) and the
 * ISO "2026-12-05" (pasted, or typed by a test) all read as 2026-12-05. A two-digit year is 20yy.
 * A problem is `complete` when the text has a day, a month and a four-digit year: it is no half-typed
 * date, so its refusal can show at once.
 */
export function readDateText(text: string, locale: string): DateReading {
  const t = text.trim().replace(/[.\s/-]+$/, '');
  if (!t) return { kind: 'empty' };
  const { order } = datePattern(locale);
  let fields: Record<'day' | 'month' | 'year', string> | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) fields = { year: iso[1]!, month: iso[2]!, day: iso[3]! };
  else if (/^\d{8}$/.test(t) || /^\d{6}$/.test(t)) {
    // Digits only: two for the day and the month, the rest for the year, in the locale's order.
    const yearWidth = t.length - 4;
    fields = { day: '', month: '', year: '' };
    let at = 0;
    for (const part of order) {
      const width = part === 'year' ? yearWidth : 2;
      fields[part] = t.slice(at, at + width);
      at += width;
    }
  } else {
    const groups = t.split(/[.\s/-]+/);
    if (groups.length === 3 && groups.every((g) => /^\d+$/.test(g))) {
      fields = { day: '', month: '', year: '' };
      order.forEach((part, i) => (fields![part] = groups[i]!));
    }
  }
  const complete = fields !== null && fields.year.length >= 4;
  if (!fields || fields.day.length > 2 || fields.month.length > 2 || (fields.year.length !== 2 && fields.year.length !== 4)) return { kind: 'notADate', complete };
  const year = fields.year.length === 2 ? 2000 + Number(fields.year) : Number(fields.year);
  const month = Number(fields.month);
  const day = Number(fields.day);
  if (month < 1 || month > 12) return { kind: 'noSuchMonth', month, complete };
  if (day < 1) return { kind: 'notADate', complete };
  const days = daysInMonth(year, month);
  if (day > days) return { kind: 'noSuchDay', year, month, days, complete };
  return { kind: 'date', iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, complete };
}

export type TimeReading = { kind: 'empty' } | { kind: 'time'; hhmm: string } | { kind: 'notATime'; complete: boolean };

/**
 * Reads a typed time on the 24-hour clock (German and British staff both use it): "19:30", "19.30",
 * "1930", "9:05", "905" and a bare hour "19" or "9" → "19:30", "09:05", "19:00", "09:00". A refusal is
 * `complete` when no more typing can mend it ("19:75", "2400", letters), not on the way to "1930" ("193").
 */
export function readTimeText(text: string): TimeReading {
  const t = text.trim();
  if (!t) return { kind: 'empty' };
  let hours: string;
  let minutes: string;
  let complete: boolean;
  const split = /^(\d{1,2})[:.h ](\d{2})$/.exec(t);
  if (split) [hours, minutes, complete] = [split[1]!, split[2]!, true];
  else if (/^\d{1,2}$/.test(t)) [hours, minutes, complete] = [t, '00', false];
  else if (/^\d{3,4}$/.test(t)) [hours, minutes, complete] = [t.slice(0, -2), t.slice(-2), t.length === 4];
  else return { kind: 'notATime', complete: /[^\d:.h ]|\d{5}|[:.h ]\d{3}/.test(t) };
  if (Number(hours) > 23 || Number(minutes) > 59) return { kind: 'notATime', complete };
  return { kind: 'time', hhmm: `${pad(Number(hours))}:${minutes}` };
}

/** "19:30" shown as typed on the 24-hour clock; seconds a stored value may carry ("06:00:00") are left off. */
export function formatTimeText(hhmm: string): string {
  const m = /^(\d{2}):(\d{2})(:\d{2})?$/.exec(hhmm);
  return m ? `${m[1]}:${m[2]}` : hhmm;
}

/** The time `minutes` later (or earlier) on a 24-hour dial: "23:55" + 10 → "00:05". */
export function addMinutes(hhmm: string, minutes: number): string {
  const m = /^(\d{2}):(\d{2})/.exec(hhmm);
  if (!m) return hhmm;
  const total = (((Number(m[1]) * 60 + Number(m[2]) + minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}
