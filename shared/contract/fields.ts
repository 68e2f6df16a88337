import { z } from 'zod';

/** Reusable input fields, with the messages a cashier or manager will read. */

/**
 * What no name or text may hold: NUL and the other control characters (C0, DEL, C1) and the
 * Unicode line and paragraph separators. They are invisible on screen, cut names short in C
 * libraries (CUPS, PDF fonts), split slips, logs and CSV exports, and make two names that look
 * the same differ. (No field takes more than one line: the UI has no multi-line inputs.) Also the
 * bidirectional overrides, embeddings and isolates (they turn a title round on a slip: "Trojan
 * Source"), a byte-order mark inside text, and a lone UTF-16 surrogate (SQLite stores it as bytes
 * that are not UTF-8). Joiners and marks that scripts need (ZWJ, ZWNJ, LRM/RLM) stay allowed.
 */
const CONTROL_CHARACTER = /[\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
export const CONTROL_CHARACTER_MESSAGE = 'must not contain invisible control characters (such as NUL, a tab or a line break)';

/**
 * The one builder of every string input in the contract: trimmed (`trim: false` keeps a password
 * exactly as typed) and refused, with a clear message, when it holds a control character. Chain
 * `.min()`, `.max()`, `.regex()`… on it as on `z.string()`; fields.test.ts checks every string
 * field of every operation is built here.
 */
export const text = (options: { trim?: boolean; message?: string } = {}) => {
  const base = z.string(options.message ? { message: options.message } : undefined);
  return (options.trim === false ? base : base.trim()).refine((v) => !CONTROL_CHARACTER.test(v), { message: CONTROL_CHARACTER_MESSAGE, abort: true });
};

export const id = z.uuid({ message: 'must be a valid id' });
export const isoInstant = z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-11-25T19:30:00Z' });
export const isoDate = z.iso.date({ message: 'must be a date like 2026-11-25' });
export const nonEmpty = (max = 200) =>
  text().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` });
export const username = text()
  .min(3, { message: 'must be at least 3 characters' })
  .max(40, { message: 'must be at most 40 characters' })
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'may use letters, digits, dot, dash and underscore only' });
/** Password rules (SPEC: accounts): long enough to resist guessing, short enough to type. */
export const newPassword = text({ trim: false })
  .min(8, { message: 'must be at least 8 characters' })
  .max(128, { message: 'must be at most 128 characters' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'must contain at least one letter and one digit' });
export const timezone = text().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/Berlin' },
);
export const currency = text().regex(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO 4217 code such as EUR' });
