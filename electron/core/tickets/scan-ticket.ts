import type { Kysely, Transaction } from 'kysely';
import type { DoorSessionRef, ScanAnswer, ScannedTicket } from '../../../shared/contract/door';
import type { ScanResult, SeatKind, TicketType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { verifyTicketQr, type PublicKeyLookup } from './ticket-qr';
import { wordsIn, type Words } from '../../../shared/i18n/create-i18n';
import { localeOf, type Language } from '../../../shared/i18n/languages';
import { readerLanguage } from '../reader-language';

type Db = Kysely<DB> | Transaction<DB>;

/** Doors open this many minutes before a session starts; a scan earlier is TOO_EARLY. */
export const DOORS_OPEN_MINUTES = 30;

/** Longest raw code kept in ticket_scans (a real one is 182 characters). */
const MAX_STORED_PAYLOAD = 400;

/** The signing keys of every terminal this one knows (its own and those that came through sync). */
/**
 * The ticket-signing keys of the terminals of one cinema: a code signed by a till of another
 * cinema is not a ticket here, whatever session it names.
 */
export async function terminalKeys(db: Db, cinemaId: string | null): Promise<PublicKeyLookup> {
  const rows = cinemaId
    ? await db.selectFrom('terminals').select(['id', 'public_key', 'revoked_at']).where('cinema_id', '=', cinemaId).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, { publicKeyPem: r.public_key, revoked: r.revoked_at !== null }]));
  return (terminalId) => byId.get(terminalId) ?? null;
}

export async function requireDoorSession(db: Db, sessionId: string, cinemaId: string | null): Promise<DoorSessionRef> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select(['s.id', 'f.title', 'h.name as hall_name', 's.starts_at', 's.ends_at'])
    .where('s.id', '=', sessionId)
    .where('h.cinema_id', '=', cinemaId ?? '')
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:tickets.sessionNotTerminalProgramme' });
  return { id: row.id, filmTitle: row.title, hallName: row.hall_name, startsAt: row.starts_at, endsAt: row.ends_at };
}

async function findSession(db: Db, sessionId: string, cinemaId: string | null): Promise<DoorSessionRef | null> {
  try {
    return await requireDoorSession(db, sessionId, cinemaId);
  } catch {
    return null;
  }
}

export async function admittedCount(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_scans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('result', '=', 'VALID')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function timeIn(instant: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

function dayAndTimeIn(instant: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

function seatWords(ticket: ScannedTicket | null, t: Words): string {
  return ticket && ticket.rowLabel && ticket.seatNumber ? t('door:answer.seat', { row: ticket.rowLabel, number: ticket.seatNumber }) : t('door:answer.thisTicket');
}

interface Verdict {
  result: ScanResult;
  message: string;
  firstUse?: ScanAnswer['firstUse'];
  rightSession?: DoorSessionRef | null;
}

/**
 * Rule 9 at the door: checks a scanned code against the chosen session and records the scan.
 * Order of the checks: forged (signature, unknown or withdrawn key) → revoked (refunded or
 * exchanged, from the synced revocation list) → wrong session → already used → too early / too
 * late → valid, which marks the ticket used. A ticket whose row has not synced yet is admitted on
 * its signed code alone (and a second scan of that code is ALREADY_USED all the same).
 * Everything happens in one transaction, so two doors scanning one ticket admit it once.
 */
export async function scanTicket(ctx: SignedInContext, input: { sessionId: string; code: string }): Promise<ScanAnswer> {
  const code = input.code.trim();
  const keys = await terminalKeys(ctx.db, ctx.terminal.cinemaId);
  const verification = verifyTicketQr(code, keys);
  const cinemaTz = ctx.terminal.cinemaId
    ? ((await ctx.db.selectFrom('cinemas').select('timezone').where('id', '=', ctx.terminal.cinemaId).executeTakeFirst())?.timezone ?? 'UTC')
    : 'UTC';

  // The answer is read out at the door: in the usher's language, else the terminal's (issue 16).
  const language = readerLanguage(ctx);
  const t = wordsIn(language);

  return ctx.db.transaction().execute(async (trx) => {
    const session = await requireDoorSession(trx, input.sessionId, ctx.terminal.cinemaId);
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    let ticket: ScannedTicket | null = null;
    let ticketRowId: string | null = null;
    let verdict: Verdict;

    if (!verification.ok) {
      verdict = { result: 'FORGED', message: t(`door:answer.${verification.reason}`) };
    } else {
      const p = verification.payload;
      const row = await trx
        .selectFrom('tickets as t')
        .innerJoin('seats as s', 's.id', 't.seat_id')
        .select(['t.id', 't.status', 't.ticket_type', 't.scanned_at', 't.scanned_by', 't.scanned_terminal_id', 't.session_id', 's.row_label', 's.number', 's.kind'])
        .where('t.id', '=', p.ticketId)
        .executeTakeFirst();
      const seat = row
        ? null
        : await trx.selectFrom('seats').select(['row_label', 'number', 'kind']).where('id', '=', p.seatId).executeTakeFirst();
      ticketRowId = row?.id ?? null;
      ticket = {
        id: p.ticketId,
        rowLabel: row?.row_label ?? seat?.row_label ?? null,
        seatNumber: row?.number ?? seat?.number ?? null,
        seatKind: (row?.kind ?? seat?.kind ?? null) as SeatKind | null,
        ticketType: (row?.ticket_type ?? null) as TicketType | null,
        known: row !== undefined,
      };
      const revocation = await trx.selectFrom('ticket_revocations').select(['reason', 'revoked_at']).where('ticket_id', '=', p.ticketId).executeTakeFirst();
      const revokedAs = revocation?.reason ?? (row && row.status !== 'SOLD' ? row.status : null);

      if (revokedAs) {
        const when = revocation ? t('door:answer.on', { when: dayAndTimeIn(revocation.revoked_at, cinemaTz, language) }) : '';
        verdict = {
          result: 'REFUNDED',
          message:
            revokedAs === 'EXCHANGED'
              ? t('door:answer.exchanged', { when })
              : revokedAs === 'CONFLICT'
                ? t('door:answer.conflict')
                : t('door:answer.refunded', { when }),
        };
      } else if (p.sessionId !== session.id) {
        const right = await findSession(trx, p.sessionId, ctx.terminal.cinemaId);
        verdict = {
          result: 'WRONG_SESSION',
          rightSession: right,
          message: right
            ? t('door:answer.wrongDoor', { film: right.filmTitle, hall: right.hallName, when: dayAndTimeIn(right.startsAt, cinemaTz, language) })
            : t('door:answer.wrongSession'),
        };
      } else {
        const firstValid = row?.scanned_at
          ? { at: row.scanned_at, user_id: row.scanned_by, terminal_id: row.scanned_terminal_id }
          : await trx
              .selectFrom('ticket_scans')
              .select(['scanned_at as at', 'user_id', 'terminal_id'])
              .where('result', '=', 'VALID')
              .where((eb) => eb.or([eb('ticket_id', '=', p.ticketId), eb('payload', '=', code.slice(0, MAX_STORED_PAYLOAD))]))
              .orderBy('scanned_at')
              .executeTakeFirst();
        if (firstValid) {
          const [who, where] = await Promise.all([
            firstValid.user_id ? trx.selectFrom('users').select('display_name').where('id', '=', firstValid.user_id).executeTakeFirst() : undefined,
            firstValid.terminal_id ? trx.selectFrom('terminals').select('name').where('id', '=', firstValid.terminal_id).executeTakeFirst() : undefined,
          ]);
          const firstUse = { at: firstValid.at, terminalName: where?.name ?? t('door:answer.anotherTerminal'), userName: who?.display_name ?? t('door:answer.someone') };
          verdict = {
            result: 'ALREADY_USED',
            firstUse,
            message: t('door:answer.alreadyUsed', { seat: seatWords(ticket, t), time: timeIn(firstUse.at, cinemaTz, language), name: firstUse.userName, terminal: firstUse.terminalName }),
          };
        } else if (now.getTime() < Date.parse(session.startsAt) - DOORS_OPEN_MINUTES * 60_000) {
          const opens = new Date(Date.parse(session.startsAt) - DOORS_OPEN_MINUTES * 60_000).toISOString();
          verdict = { result: 'TOO_EARLY', message: t('door:answer.tooEarly', { time: timeIn(opens, cinemaTz, language), minutes: DOORS_OPEN_MINUTES }) };
        } else if (now.getTime() >= Date.parse(session.endsAt)) {
          verdict = { result: 'TOO_LATE', message: t('door:answer.tooLate', { time: timeIn(session.endsAt, cinemaTz, language) }) };
        } else {
          verdict = {
            result: 'VALID',
            message: t(ticket.known ? 'door:answer.welcome' : 'door:answer.welcomeBySignature', { seat: seatWords(ticket, t) }),
          };
          if (row) {
            await trx
              .updateTable('tickets')
              .set({ scanned_at: nowIso, scanned_by: ctx.user.id, scanned_terminal_id: ctx.terminal.id, ...ctx.stamp() })
              .where('id', '=', row.id)
              .where('scanned_at', 'is', null)
              .execute();
          }
        }
      }
    }

    await trx
      .insertInto('ticket_scans')
      .values({
        id: newId(),
        ticket_id: ticketRowId,
        session_id: session.id,
        result: verdict.result,
        scanned_at: nowIso,
        user_id: ctx.user.id,
        terminal_id: ctx.terminal.id,
        payload: code.slice(0, MAX_STORED_PAYLOAD),
        ...ctx.stamp(),
      })
      .execute();

    return {
      result: verdict.result,
      admit: verdict.result === 'VALID',
      message: verdict.message,
      scannedAt: nowIso,
      ticket: verdict.result === 'FORGED' ? null : ticket,
      firstUse: verdict.firstUse ?? null,
      rightSession: verdict.rightSession ?? null,
      admitted: await admittedCount(trx, session.id),
    };
  });
}

