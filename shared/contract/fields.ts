import { z } from 'zod';
import { knownRating, RATING_NAMES } from '../age-ratings';
import { bicProblem, ibanPrinted, ibanProblem, PICTOGRAPH, taxIdProblem } from '../legal-ids';

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

// Legal and banking fields (issue 16.4): what a bank or tax office would refuse is refused here.

const noPictographs = (v: string) => !PICTOGRAPH.test(v);
export const PICTOGRAPH_MESSAGE = 'must not contain emoji or pictographs';

/** A name or text that goes on contracts, receipts and bank transfers: no emoji, no control characters. */
export const legalText = (max: number, min = 0) =>
  text()
    .min(min, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine(noPictographs, { message: PICTOGRAPH_MESSAGE });

const checked = (max: number, problem: (v: string) => string | null) =>
  text()
    .max(max, { message: `must be at most ${max} characters` })
    .superRefine((v, ctx) => {
      const why = v === '' ? null : problem(v);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });

/** An IBAN (mod-97 checked), stored as printed in groups of four; '' for none. */
export const iban = checked(42, ibanProblem).transform((v) => (v === '' ? '' : ibanPrinted(v)));
/** A BIC (8 or 11 characters), stored in capitals; '' for none. */
export const bic = checked(14, bicProblem).transform((v) => v.replace(/\s/g, '').toUpperCase());
/** A VAT id by its country's format, or a German Steuernummer; '' for none. */
export const taxId = checked(40, taxIdProblem);
/** A film's age rating from the lists per country ('' = not rated yet), written as the list writes it. */
export const ageRating = text()
  .refine((v) => v === '' || knownRating(v) !== null, { message: `must be one of ${RATING_NAMES.join(', ')}` })
  .transform((v) => (v === '' ? '' : knownRating(v)!.name));
