/*
 * What a manager types into amount fields, turned into the integers the contract wants — exactly,
 * from the digits, never through a float: money in minor units, percentages in basis points.
 */

/** "12", "12.5", "12,50" → 1250 with 2 minor digits; null when it is not a plain amount. */
export function parseDecimal(text: string, digits: number): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d*)?$/.test(t)) return null;
  const [whole, fraction = ''] = t.split('.') as [string, string?];
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
}

/** 1250 with 2 digits → "12.50"; 1000 bp with 2 digits → "10" (trailing zeros dropped when `trim`). */
export function formatDecimal(value: number, digits: number, trim = false): string {
  if (digits === 0) return String(value);
  const s = String(Math.abs(value)).padStart(digits + 1, '0');
  let out = `${value < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
  if (trim) out = out.replace(/\.?0+$/, '');
  return out;
}

/** "10" or "12.5" (percent) → basis points (1000, 1250). */
export const parsePercent = (text: string) => parseDecimal(text, 2);
/** Basis points → "10" / "12.5" (percent). */
export const percentText = (bp: number) => formatDecimal(bp, 2, true);

/** A whole count, or null for an empty field (no limit); NaN when it is not a whole number. */
export function parseOptionalCount(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,9}$/.test(t) ? Number(t) : Number.NaN;
}
