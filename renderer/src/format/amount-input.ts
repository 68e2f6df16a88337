import { minorDigits } from '../../../shared/money';

/*
 * The one parser of what a cashier or manager types into amount, percent and count fields, turned into the integers the contract wants — exactly,
 * from the digits, never through a float: money in minor units, percentages in basis points.
 */

/** "12", "12.5", "12,50" → 1250 with 2 minor digits; null when it is not a plain amount. */
export function parseDecimal(text: string, digits = 2): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d*)?$/.test(t)) return null;
  const [whole, fraction = ''] = t.split('.') as [string, string?];
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
}

/** 1250 with 2 digits → "12.50" ("12,50" in a locale that writes a decimal comma); 1000 bp with 2 digits → "10" (trailing zeros dropped when `trim`). */
export function formatDecimal(value: number, digits = 2, trim = false, locale?: string): string {
  if (digits === 0) return String(value);
  const s = String(Math.abs(value)).padStart(digits + 1, '0');
  let out = `${value < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
  if (trim) out = out.replace(/\.?0+$/, '');
  return locale && decimalComma(locale) ? out.replace('.', ',') : out;
}

/** Whether the locale writes 1.5 as "1,5" (parseDecimal reads either). */
function decimalComma(locale: string): boolean {
  return new Intl.NumberFormat(locale).formatToParts(1.5).some((p) => p.type === 'decimal' && p.value === ',');
}

/** "12.50" or "12,50" → 1250 minor units of this currency; null when it is not an amount of it. */
export const parseAmount = (text: string, currency: string) => parseDecimal(text, minorDigits(currency));
/** 1250 → "12.50", for an input's initial value. */
export const amountText = (minor: number, currency: string) => formatDecimal(minor, minorDigits(currency));

/** "10", "12.5", "12,5 %" or "-20" (percent) → basis points (1000, 1250, −2000); null when it is no percentage. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/\s*%$/, '');
  const negative = t.startsWith('-');
  const bp = parseDecimal(negative ? t.slice(1) : t, 2);
  return bp === null ? null : negative ? -bp : bp;
}
/** Basis points → "10" / "12.5" / "-20" (percent). */
export const percentText = (bp: number) => formatDecimal(bp, 2, true);

/** A whole number typed into a field ("-90" too: the server then says what the least is), or NaN. */
export function wholeFrom(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** A whole count, or null for an empty field (no limit); NaN when it is not a whole number. */
export function parseOptionalCount(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : Number.NaN;
}
