import { randomBytes, scrypt } from 'node:crypto';

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

/**
 * Why a hash: every terminal of the chain holds every voucher, and a code is a bearer secret, so a
 * terminal's SQLite file (and the central table) keeps only this lookup key and the last 4
 * characters. The key must be the same on every terminal to find a voucher offline, hence a fixed
 * salt; scrypt's cost (N = 2^14, r = 8: 16 MiB, ~40 ms per code on a terminal, ~100 ms measured on a
 * busy 2-core build box) makes trying the 2^60 codes hopeless (~10^9 CPU-years), not merely slow.
 */
const HASH_SALT = 'box-office gift voucher code v1';
const HASH_COST = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The stored lookup key of a normalised code (64 hex characters). */
export function voucherCodeHash(code: string): Promise<string> {
  return new Promise((resolve, reject) =>
    scrypt(code, HASH_SALT, 32, HASH_COST, (e, key) => (e ? reject(e) : resolve(key.toString('hex')))),
  );
}

/** The last 4 characters of a normalised code: all that journals, receipts and reports show. */
export function voucherCodeLast4(code: string): string {
  return code.slice(-4);
}

/** How a voucher is named where its full code must not appear: `…-7KQ2`. */
export function maskedVoucherCode(last4: string): string {
  return `…-${last4}`;
}
