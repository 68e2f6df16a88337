import { z } from 'zod';
import { knownRating, RATING_NAMES } from '../age-ratings';
import { bicProblem, ibanPrinted, ibanProblem, PICTOGRAPH, taxIdProblem } from '../legal-ids';
import type { Words } from '../i18n/message-key';

/** Reusable input fields; their messages are keys of the `schema` catalogue (refusal-words.ts makes sentences of them). */

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
export const CONTROL_CHARACTER_MESSAGE = 'schema:predicate.controlCharacters';

/**
 * The one builder of every string input in the contract: trimmed (`trim: false` keeps a password
 * exactly as typed) and refused, with a clear message, when it holds a control character. Chain
 * `.min()`, `.max()`, `.regex()`… on it as on `z.string()`; fields.test.ts checks every string
 * field of every operation is built here.
 */
export const text = (options: { trim?: boolean } = {}) => {
  const base = z.string();
  return (options.trim === false ? base : base.trim()).refine((v) => !CONTROL_CHARACTER.test(v), { message: CONTROL_CHARACTER_MESSAGE, abort: true });
};

export const id = z.uuid({ message: 'schema:predicate.id' });
export const isoInstant = z.iso.datetime({ offset: true, message: 'schema:predicate.dateTime' });
export const isoDate = z.iso.date({ message: 'schema:predicate.date' });
export const nonEmpty = (max = 200) => text().min(1).max(max);
export const username = text()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'schema:predicate.username' });
/** Password rules (SPEC: accounts): long enough to resist guessing, short enough to type. */
export const newPassword = text({ trim: false })
  .min(8)
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'schema:predicate.letterAndDigit' });
export const timezone = text().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'schema:predicate.timezone' },
);
export const currency = text().regex(/^[A-Z]{3}$/, { message: 'schema:predicate.currency' });

// Legal and banking fields (issue 16.4): what a bank or tax office would refuse is refused here.

const noPictographs = (v: string) => !PICTOGRAPH.test(v);
export const PICTOGRAPH_MESSAGE = 'schema:predicate.pictographs';

/** A name or text that goes on contracts, receipts and bank transfers: no emoji, no control characters. */
export const legalText = (max: number, min = 0) =>
  text()
    .min(min)
    .max(max)
    .refine(noPictographs, { message: PICTOGRAPH_MESSAGE });

const checked = (max: number, problem: (v: string) => Words | null) =>
  text()
    .max(max)
    .superRefine((v, ctx) => {
      const why = v === '' ? null : problem(v);
      if (why) ctx.addIssue({ code: 'custom', message: why.key, params: why.values });
    });

/** An IBAN (mod-97 checked), stored as printed in groups of four; '' for none. */
export const iban = checked(42, ibanProblem).transform((v) => (v === '' ? '' : ibanPrinted(v)));
/** A BIC (8 or 11 characters), stored in capitals; '' for none. */
export const bic = checked(14, bicProblem).transform((v) => v.replace(/\s/g, '').toUpperCase());
/** A VAT id by its country's format, or a German Steuernummer; '' for none. */
export const taxId = checked(40, taxIdProblem);
/** A film's age rating from the lists per country ('' = not rated yet), written as the list writes it. */
export const ageRating = text()
  .refine((v) => v === '' || knownRating(v) !== null, { message: 'schema:predicate.ageRating', params: { choices: RATING_NAMES.join(', ') } })
  .transform((v) => (v === '' ? '' : knownRating(v)!.name));
