import { z } from 'zod';
import type { Role } from '../enums';
import { operation } from './operation';
import { currency, newPassword, nonEmpty, text, timezone, username } from './fields';
import { LANGUAGES, type Language } from '../i18n/languages';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The language this person chose; null: the terminal's. */
  language: Language | null;
}

export interface SignedIn {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

export interface SetupStatus {
  /** True on a brand-new install: the first-run screen creates the admin. */
  needsFirstAdmin: boolean;
  terminal: { id: string; name: string };
  cinema: { id: string; name: string; timezone: string; currency: string } | null;
  demo: boolean;
  /** The language this terminal speaks before anyone signs in, and for those who chose none. */
  language: Language;
}

const language = z.enum(LANGUAGES, { message: 'schema:language' });

export const authOperations = {
  'setup.status': operation<SetupStatus>()({
    input: z.object({}).strict(),
    access: 'public',
    summary: 'Whether this terminal still needs its first administrator, and which terminal and cinema it is.',
  }),
  'setup.createFirstAdmin': operation<SignedIn>()({
    input: z
      .object({
        username,
        displayName: nonEmpty(80),
        password: newPassword,
        cinema: z
          .object({
            name: nonEmpty(120),
            address: text().max(300).default(''),
            timezone,
            currency,
          })
          .strict(),
      })
      .strict(),
    access: 'public',
    summary: 'First run only: creates the cinema and its administrator, then signs the administrator in.',
  }),
  'auth.login': operation<SignedIn>()({
    input: z
      .object({
        username: text().min(1).max(40),
        password: text({ trim: false }).min(1).max(128),
      })
      .strict(),
    access: 'public',
    summary: 'Signs a member of staff in; repeated wrong passwords lock the name out for a while.',
  }),
  'auth.logout': operation<null>()({
    input: z.object({}).strict(),
    access: 'signed-in',
    summary: 'Ends this session.',
  }),
  'auth.me': operation<SessionUser>()({
    input: z.object({}).strict(),
    access: 'signed-in',
    summary: 'Who is signed in.',
  }),
  'auth.setLanguage': operation<SessionUser>()({
    input: z.object({ language: language.nullable() }).strict(),
    access: 'signed-in',
    summary: 'Sets the language you work in (null: the language of the terminal you are at).',
  }),
  'terminal.setLanguage': operation<null>()({
    input: z.object({ language }).strict(),
    access: ['ADMIN', 'MANAGER'],
    summary: 'Sets the language this terminal speaks at sign-in and for staff who chose none.',
  }),
  'auth.changePassword': operation<null>()({
    input: z.object({ currentPassword: text({ trim: false }).min(1).max(128), newPassword }).strict(),
    access: 'signed-in',
    summary: 'Changes your own password.',
  }),
};
