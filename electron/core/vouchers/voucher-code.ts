import { randomBytes } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP = 4;

/** A new voucher code, 60 random bits as `XXXX-XXXX-XXXX` (guessing one is hopeless; the QR carries the same text). */
export function newVoucherCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(GROUPS * GROUP);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!);
  return Array.from({ length: GROUPS }, (_, i) => chars.slice(i * GROUP, (i + 1) * GROUP).join('')).join('-');
}

/**
 * What the cashier typed or the scanner sent, as the code is stored: case, spaces and dashes do not
 * matter, and O/I/L read as 0/1/1 (Crockford). Null when it cannot be a voucher code.
 */
export function normalizeVoucherCode(typed: string): string | null {
  const plain = typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (plain.length !== GROUPS * GROUP || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  return Array.from({ length: GROUPS }, (_, i) => plain.slice(i * GROUP, (i + 1) * GROUP)).join('-');
}
