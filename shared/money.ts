/**
 * Money is an integer count of minor units (cents, kopecks) in the cinema's ISO 4217 currency.
 * Arithmetic happens on those integers only; this file turns them into text for people.
 *
 * No Node and no DOM imports in this file.
 */

/**
 * The locale every amount is written in — screens, slips, report PDFs and XLSX alike, so one
 * cinema never sees "€7,588.53" beside "7,588.53 €". Cinemas carry no locale of their own yet;
 * each formatter takes one, and this is the one they all get.
 */
export const CINEMA_LOCALE = 'en-GB';

/** The one minus sign of every negative amount ("−€12.84"): the typographic minus, as on the slips. */
export const MINUS = '\u2212';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f;
}

/** How many minor units a currency has (EUR 2, JPY 0, BHD 3), as Intl knows it. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * The exact decimal text of an amount in minor units: 123456 with 2 digits → "1234.56".
 * Built from digits, never by dividing a float, so even large amounts stay exact.
 */
export function minorToDecimalString(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Money must be a whole number of minor units, got ${minor}`);
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits > 0 ? abs.slice(0, abs.length - digits) : abs;
  const fraction = digits > 0 ? abs.slice(abs.length - digits) : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "€1,234.56" (or "1.234,56 €" in de-DE) from 123456 minor units of EUR; "−€12.84" below zero. */
export function formatMoney(minor: number, currency: string, locale: string = CINEMA_LOCALE): string {
  const formatter = formatterFor(currency, locale);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  // Intl formats a decimal string exactly (ES2023); the string comes from integer digits.
  const text = formatter.format(minorToDecimalString(minor, digits) as Intl.StringNumericLiteral);
  return minor < 0 ? text.replace(/[-\u2212]/, MINUS) : text;
}

/** A count as the cinema writes it: "12,345". */
export function formatCount(n: number, locale: string = CINEMA_LOCALE): string {
  const text = n.toLocaleString(locale);
  return n < 0 ? text.replace(/[-\u2212]/, MINUS) : text;
}

/** A share in basis points, one decimal: 8123 → "81.2 %". */
export function formatPercentBp(bp: number, locale: string = CINEMA_LOCALE): string {
  return `${(bp / 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/**
 * The spreadsheet number format that writes an amount (in currency units) the way formatMoney
 * does: the locale's order of symbol, number and spaces, the currency's digits, the same minus.
 * (Which characters group and separate digits is the spreadsheet program's own locale setting.)
 */
export function spreadsheetMoneyFormat(currency: string, locale: string = CINEMA_LOCALE): string {
  const digits = minorDigits(currency);
  const number = `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
  const pattern = (value: number) => {
    let numberPlaced = false;
    return formatterFor(currency, locale)
      .formatToParts(value)
      .map((p) => {
        if (p.type === 'integer' || p.type === 'group' || p.type === 'decimal' || p.type === 'fraction') {
          if (numberPlaced) return '';
          numberPlaced = true;
          return number;
        }
        const literal = p.type === 'minusSign' ? MINUS : p.value;
        return `"${literal.replace(/"/g, '')}"`;
      })
      .join('')
      .replace(/""/g, ''); // adjacent literals as one: "−€", not "−""€"
  };
  return `${pattern(1234.5)};${pattern(-1234.5)}`;
}

// Arithmetic -------------------------------------------------------------------------------------

const BP = 10_000n;

/**
 * amount × factor₁ × factor₂ … (each in basis points, 10000 = ×1), rounded half-up ONCE at the
 * end to the minor unit (rule 3). Exact: computed in BigInt, so no float ever touches money.
 */
export function applyBasisPoints(amount: number, ...factorsBp: number[]): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Amount must be a whole, non-negative number of minor units, got ${amount}`);
  let numerator = BigInt(amount);
  let denominator = 1n;
  for (const f of factorsBp) {
    if (!Number.isSafeInteger(f) || f < 0) throw new RangeError(`A factor must be whole basis points, got ${f}`);
    numerator *= BigInt(f);
    denominator *= BP;
  }
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

/** The part of an amount a percentage (in basis points) gives, rounded half-up: discounts, VAT shares, splits. */
export function percentOf(amount: number, bp: number): number {
  return applyBasisPoints(amount, bp);
}

/** Rounded down instead: bonus accrual never gives away a fraction of a point (rule 6). */
export function percentOfFloor(amount: number, bp: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0 || !Number.isSafeInteger(bp) || bp < 0) throw new RangeError('percentOfFloor takes whole, non-negative numbers');
  return Number((BigInt(amount) * BigInt(bp)) / BP);
}

/** The VAT contained in a gross amount at a rate: gross × rate / (1 + rate), half-up. */
export function vatIncluded(gross: number, rateBp: number): number {
  if (!Number.isSafeInteger(gross) || gross < 0) throw new RangeError(`Amount must be whole minor units, got ${gross}`);
  const num = BigInt(gross) * BigInt(rateBp);
  const den = BP + BigInt(rateBp);
  return Number((num * 2n + den) / (2n * den));
}
