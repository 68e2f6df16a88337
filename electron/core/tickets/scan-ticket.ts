import type { Kysely, Transaction } from 'kysely';
import type { DoorSessionRef, ScanAnswer, ScannedTicket } from '../../../shared/contract/door';
import type { ScanResult, SeatKind, TicketType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { verifyTicketQr, type PublicKeyLookup, type QrVerification } from './ticket-qr';

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

const FORGED_WHY: Record<Exclude<QrVerification, { ok: true }>['reason'], string> = {
  MALFORMED: 'This is not a ticket code of this cinema. Do not let the guest in; send them to the box office.',
  UNKNOWN_KEY: 'This ticket was signed by a till this terminal does not know. Do not let the guest in; send them to the box office.',
  REVOKED_KEY: 'This ticket was signed by a till that has been withdrawn. Do not let the guest in; send them to the box office.',
  BAD_SIGNATURE: 'This ticket code has been altered or copied wrongly: its signature does not match. Do not let the guest in.',
};

function timeIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

function dayAndTimeIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

function seatWords(t: ScannedTicket | null): string {
  return t && t.rowLabel && t.seatNumber ? `row ${t.rowLabel}, seat ${t.seatNumber}` : 'this ticket';
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

  return ctx.db.transaction().execute(async (trx) => {
    const session = await requireDoorSession(trx, input.sessionId, ctx.terminal.cinemaId);
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    let ticket: ScannedTicket | null = null;
    let ticketRowId: string | null = null;
    let verdict: Verdict;

    if (!verification.ok) {
      verdict = { result: 'FORGED', message: FORGED_WHY[verification.reason] };
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
        const when = revocation ? ` on ${dayAndTimeIn(revocation.revoked_at, cinemaTz)}` : '';
        verdict = {
          result: 'REFUNDED',
          message:
            revokedAs === 'EXCHANGED'
              ? `This ticket was exchanged${when} for a new one: this code is no longer valid. Ask the guest for the new ticket.`
              : revokedAs === 'CONFLICT'
                ? 'This ticket was withdrawn because its seat was sold twice. Send the guest to the box office.'
                : `This ticket was refunded${when}. Do not let the guest in.`,
        };
      } else if (p.sessionId !== session.id) {
        const right = await findSession(trx, p.sessionId, ctx.terminal.cinemaId);
        verdict = {
          result: 'WRONG_SESSION',
          rightSession: right,
          message: right
            ? `Wrong door or time: this ticket is for “${right.filmTitle}” in ${right.hallName} at ${dayAndTimeIn(right.startsAt, cinemaTz)}.`
            : 'Wrong session: this ticket is for a session this terminal does not know. Send the guest to the box office.',
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
          const firstUse = { at: firstValid.at, terminalName: where?.name ?? 'another terminal', userName: who?.display_name ?? 'someone' };
          verdict = {
            result: 'ALREADY_USED',
            firstUse,
            message: `Already used: ${seatWords(ticket)} was let in at ${timeIn(firstUse.at, cinemaTz)} by ${firstUse.userName} (${firstUse.terminalName}).`,
          };
        } else if (now.getTime() < Date.parse(session.startsAt) - DOORS_OPEN_MINUTES * 60_000) {
          const opens = new Date(Date.parse(session.startsAt) - DOORS_OPEN_MINUTES * 60_000).toISOString();
          verdict = { result: 'TOO_EARLY', message: `Too early: doors for this session open at ${timeIn(opens, cinemaTz)}, ${DOORS_OPEN_MINUTES} minutes before the start.` };
        } else if (now.getTime() >= Date.parse(session.endsAt)) {
          verdict = { result: 'TOO_LATE', message: `Too late: this session ended at ${timeIn(session.endsAt, cinemaTz)}.` };
        } else {
          verdict = {
            result: 'VALID',
            message: ticket.known ? `Welcome — ${seatWords(ticket)}.` : `Welcome — ${seatWords(ticket)}. (Checked by its signature; the sale has not reached this terminal yet.)`,
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

