import { z } from 'zod';
import { operation } from './operation';
import { ADMIN_ONLY, MANAGERS, STAFF } from './roles';
import { currency, id, nonEmpty, text, timezone } from './fields';
import { readEnrolmentCode } from '../enrolment-code';
import { cardApprovalCode } from './refunds';

/** What the header shows everyone: is the central database reachable, what is waiting. */
export interface SyncStatus {
  /** Central credentials have been entered on this terminal. */
  configured: boolean;
  online: boolean;
  /** Local changes not yet in the central database (outbox entries). */
  changesWaiting: number;
  lastSyncAt: string | null;
  /** Why the last attempt failed, in the database's words. */
  lastError: string | null;
  openConflicts: number;
  /** The demo cinema never syncs. */
  demo: boolean;
  /** Since when a transaction at the central database holds back other terminals' changes (null: nothing waits). */
  centralHeldBackSince: string | null;
}

/** The admin's settings screen: never the password. */
export interface SyncSettings {
  url: string | null;
  user: string | null;
  terminalId: string;
  cinemaId: string | null;
  status: SyncStatus;
}

export interface SyncTestResult {
  terminalId: string;
  cinemaId: string;
  /** The central registration names this terminal and its cinema. */
  matches: boolean;
}

export type SyncConflictKind = 'DOUBLE_SALE' | 'BONUS_OVERDRAWN' | 'PROMOCODE_OVER_LIMIT' | 'JOURNAL_BREAK' | 'VOUCHER_OVERDRAWN';

export interface SyncConflictSummary {
  id: string;
  kind: SyncConflictKind;
  detectedAt: string;
  /** In the manager's words: what clashed. */
  description: string;
  resolvedAt: string | null;
  resolution: string | null;
  /** DOUBLE_SALE: the ticket that did not get the seat, and free seats to move it to. */
  ticket: { id: string; orderNumber: string | null; film: string | null; startsAt: string | null; hall: string | null; seat: string; price: number } | null;
  freeSeats: { id: string; label: string }[];
}

const credentials = z
  .object({
    url: text()
      .regex(/^postgres(ql)?:\/\/[^\s/@]+(:\d+)?\/[^\s/?]+(\?.*)?$/, { message: 'schema:predicate.postgresAddress' }),
    user: nonEmpty(63),
    password: text({ trim: false }).min(1).max(200),
  })
  .strict();

export interface SyncJoinResult {
  cinema: { id: string; name: string };
  /** Staff accounts that arrived: they sign in here with their usual passwords. */
  staff: number;
}

/** An enrolment code as issued: shown once, with where and until when it works. */
export interface EnrolmentCodeIssued {
  /** Grouped for reading out: ABCD-EFGH-JKM. */
  code: string;
  /** What the new terminal types as the central address (no login in it). */
  address: string;
  cinema: { id: string; name: string };
  expiresAt: string;
}

/** A terminal of this cinema as the central database knows it. */
export interface CinemaTerminal {
  terminalId: string;
  name: string;
  registeredAt: string;
  /** The end of its last sync with the centre. */
  lastSeenAt: string | null;
  /** What it said it still had to send then (for this terminal: its outbox now). */
  changesWaiting: number | null;
  mayEnrol: boolean;
  revoked: boolean;
  thisTerminal: boolean;
}

export interface CinemaTerminals {
  terminals: CinemaTerminal[];
  /** This terminal may issue enrolment codes and create cinemas (the centre decides). */
  mayEnrol: boolean;
}

/** The central address as a new terminal types it: postgres://host:5432/database, or host:5432/database. */
// Only sslmode may follow: a ?user=…&password=… would be stored with the address and shown on every code issued.
const centralAddress = text().regex(/^(postgres(ql)?:\/\/)?[^\s/@:]+(:\d+)?\/[^\s/?]+(\?sslmode=[a-z-]+)?$/, {
  message: 'schema:predicate.centralAddress',
});
const enrolmentCode = text().superRefine((v, ctx) => {
  const r = readEnrolmentCode(v);
  if (r.ok) return;
  ctx.addIssue({
    code: 'custom',
    message: r.problem === 'CHECK' ? 'schema:predicate.enrolmentMistyped' : r.problem === 'LENGTH' ? 'schema:predicate.enrolmentLength' : 'schema:predicate.enrolmentLetters',
  });
});
const terminalName = text().max(60).default('');
const validMinutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60)
  .default(15);

export const syncOperations = {
  'sync.join': operation<SyncJoinResult>()({
    input: credentials,
    access: 'public',
    summary: 'On a brand-new terminal only: connects to the central database with its registered login and joins that cinema (staff, programme, sales arrive).',
  }),
  'sync.joinWithCode': operation<SyncJoinResult>()({
    input: z.object({ address: centralAddress, code: enrolmentCode, terminalName }).strict(),
    access: 'public',
    summary: 'On a brand-new terminal only: redeems a one-time enrolment code at the central database, stores the login it gets and fetches its cinema.',
  }),
  'sync.issueCode': operation<EnrolmentCodeIssued>()({
    input: z.object({ terminalName, validMinutes }).strict(),
    access: ADMIN_ONLY,
    summary: "A one-time code that enrols a new terminal into this terminal's cinema (only where the central database allows this terminal to enrol).",
  }),
  'sync.createCinema': operation<EnrolmentCodeIssued>()({
    input: z.object({ name: nonEmpty(120), address: text().max(300).default(''), timezone, currency, terminalName, validMinutes }).strict(),
    access: ADMIN_ONLY,
    summary: 'Creates a new cinema of the chain at the central database and a one-time code for its first terminal.',
  }),
  'sync.terminals': operation<CinemaTerminals>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "This cinema's terminals as the central database knows them: name, last seen, changes waiting.",
  }),
  'sync.status': operation<SyncStatus>()({
    input: z.object({}).strict(),
    access: STAFF,
    summary: 'Online or offline, changes waiting to be sent, the last sync and open conflicts.',
  }),
  'sync.settings': operation<SyncSettings>()({
    input: z.object({}).strict(),
    access: ADMIN_ONLY,
    summary: "The central database this terminal syncs with (address and login, never the password) and this terminal's ids for registering it.",
  }),
  'sync.test': operation<SyncTestResult>()({
    input: credentials,
    access: ADMIN_ONLY,
    summary: 'Connects to the central database with these credentials and says which terminal and cinema they belong to; stores nothing.',
  }),
  'sync.configure': operation<SyncSettings>()({
    input: credentials,
    access: ADMIN_ONLY,
    summary: 'Tests and then stores (encrypted) the credentials of the central database, and starts syncing.',
  }),
  'sync.now': operation<SyncStatus>()({
    input: z.object({}).strict(),
    access: ADMIN_ONLY,
    summary: 'Sends and fetches changes now instead of waiting for the next background sync.',
  }),
  'sync.conflicts': operation<SyncConflictSummary[]>()({
    input: z.object({ includeResolved: z.boolean().optional() }).strict(),
    access: MANAGERS,
    summary: 'Conflicts the central database found: seats sold twice offline, bonus accounts overdrawn, promocodes over their limit.',
  }),
  'sync.resolveConflict': operation<{ newTicketId: string | null }>()({
    input: z
      .object({
        conflictId: text().min(1).max(64),
        action: z.enum(['RESEAT', 'REFUND', 'ACKNOWLEDGE'], { message: 'schema:conflictAction' }),
        seatId: id.optional(),
        /** REFUND with a card share: the code the card terminal printed for that refund. */
        cardApprovalCode,
      })
      .strict(),
    access: MANAGERS,
    summary: 'Settles a conflict: re-seat the second customer on a free seat (new ticket to print), refund that ticket, or mark a bonus/promocode conflict as dealt with.',
  }),
};
