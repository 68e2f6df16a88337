import type { Kysely } from 'kysely';
import type { SessionUser } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';
import type { DB } from './db/tables';
import type { Clock } from './clock';
import type { HybridLogicalClock } from './sync/hlc';
import type { SessionStore } from './auth/sessions';
import type { SyncStamp } from './sync/stamp';
import type { JournalSigner } from './journal/journal-signer';
import type { SystemPrintBackend } from './printing/printers/system-printer';

/** This terminal as the main process knows it; the cinema is unknown until first run creates it. */
export interface TerminalIdentity {
  id: string;
  name: string;
  cinemaId: string | null;
  /** The language it speaks at sign-in and to staff who chose none (issue 16). */
  language: Language;
}

export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** What every handler may use: passed in, never imported as a global. */
export interface CoreServices {
  db: Kysely<DB>;
  clock: Clock;
  hlc: HybridLogicalClock;
  sessions: SessionStore;
  terminal: { get(): TerminalIdentity; setCinema(cinemaId: string): void; setName(name: string): void; setLanguage(language: Language): void };
  /** The terminal's Ed25519 ticket-signing key; the private half never leaves the main process. */
  signing: { privateKeyPem: string; publicKeyPem: string };
  /** Signs the money journal (rule 16); unset = the terminal's own key. A certified device (TSE) plugs in here. */
  journalSigner?: JournalSigner;
  demo: boolean;
  log: Logger;
  /** Printing: the desktop's printers (set by Electron's main), how long a CUPS job is followed. */
  printing?: { systemPrint?: SystemPrintBackend; followMs?: number };
}

/** One call: the services plus who is calling (null for public operations). */
export interface RequestContext {
  services: CoreServices;
  db: Kysely<DB>;
  clock: Clock;
  terminal: TerminalIdentity;
  user: SessionUser | null;
  sessionId: string | null;
  /** `updated_at` + `origin` for a row this call writes. */
  stamp(): SyncStamp;
}

/** A signed-in call: handlers of non-public operations get a user for certain. */
export interface SignedInContext extends RequestContext {
  user: SessionUser;
  sessionId: string;
}
