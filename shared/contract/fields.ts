import { z } from 'zod';

/** Reusable input fields, with the messages a cashier or manager will read. */
export const id = z.uuid({ message: 'must be a valid id' });
export const isoInstant = z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-11-25T19:30:00Z' });
export const isoDate = z.iso.date({ message: 'must be a date like 2026-11-25' });
export const nonEmpty = (max = 200) =>
  z.string().trim().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` });
export const username = z
  .string()
  .trim()
  .min(3, { message: 'must be at least 3 characters' })
  .max(40, { message: 'must be at most 40 characters' })
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'may use letters, digits, dot, dash and underscore only' });
/** Password rules (SPEC: accounts): long enough to resist guessing, short enough to type. */
export const newPassword = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(128, { message: 'must be at most 128 characters' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'must contain at least one letter and one digit' });
export const timezone = z.string().refine(
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
export const currency = z.string().regex(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO 4217 code such as EUR' });
