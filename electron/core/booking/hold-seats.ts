import type { Transaction } from 'kysely';
import type { HoldResult } from '../../../shared/contract';
import type { DB, Row } from '../db/tables';
import type { CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { preparedListQuery, preparedQuery } from '../db/prepared-query';
import { assertOnSale, loadSession } from './session-for-sale';
import { myHeldSeatIds, seatStates, type SeatStateRow } from './seat-states';
import { seatWords } from '../../../shared/seat-map';
import { accessibleRefusalWords, accessibleSeatsRefused } from './wheelchair-rule';

export interface HoldArgs {
  cinema: CinemaRow;
  sessionId: string;
  seatIds: readonly string[];
  terminalId: string;
  userId: string;
  now: Date;
}

/** Expired holds are free already; rows older than this are swept as a side effect of holding. */
const SWEEP_AFTER_MS = 60 * 60_000;

// Every seat click runs these (db/prepared-query.ts: compiled once).
const sweepHolds = preparedQuery((db, p: { before: string }) => db.deleteFrom('seat_holds').where('expires_at', '<', p.before));
const insertHold = preparedQuery((db, p: Row<'seat_holds'>) =>
  db.insertInto('seat_holds').values({ id: p.id, session_id: p.session_id, seat_id: p.seat_id, terminal_id: p.terminal_id, user_id: p.user_id, created_at: p.created_at, expires_at: p.expires_at }),
);
const dropHoldsOf = preparedListQuery((db, p: { sessionId: string }, seatIds) => db.deleteFrom('seat_holds').where('session_id', '=', p.sessionId).where('seat_id', 'in', seatIds));
const extendHolds = preparedQuery((db, p: { sessionId: string; terminalId: string; now: string; expiresAt: string }) =>
  db.updateTable('seat_holds').set({ expires_at: p.expiresAt }).where('session_id', '=', p.sessionId).where('terminal_id', '=', p.terminalId).where('expires_at', '>', p.now),
);

/** Checks each wanted seat against the map; the first problem refuses the whole request. */
export function refuseUnavailable(rows: readonly SeatStateRow[], seatIds: readonly string[], hallName: string, timeZone: string): SeatStateRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return seatIds.map((seatId) => {
    const seat = byId.get(seatId);
    if (!seat) throw new DomainError('NOT_FOUND', { key: 'refusals:booking.seatNotReloadSeat', values: { hallName } }, { seatId });
    const name = seatWords(seat.row_label, seat.number);
    if (seat.active !== 1) throw new DomainError('CONFLICT', { key: 'refusals:booking.outServiceSold', values: { name } }, { seatId });
    if (seat.state === 'SOLD') throw new DomainError('SEAT_TAKEN', { key: 'refusals:booking.alreadySoldChooseAnother', values: { name } }, { seatId });
    if (seat.state === 'RESERVED') throw new DomainError('SEAT_TAKEN', { key: 'refusals:booking.reservedCustomerChooseAnother', values: { name } }, { seatId });
    if (seat.state === 'HELD') {
      throw new DomainError(
        'SEAT_TAKEN',
        { key: 'refusals:booking.beingSoldAnotherCounter', values: { name, at: { instant: seat.hold_expires_at!, timeZone: timeZone } } },
        { seatId },
      );
    }
    return seat;
  });
}

/**
 * Rule 4: holds seats for this terminal for the cinema's hold minutes. All or nothing; a seat that
 * is sold or held by another terminal refuses the request with SEAT_TAKEN naming the seat.
 * Holding again extends every hold of this terminal in the session to the same new expiry.
 */
export async function holdSeats(trx: Transaction<DB>, args: HoldArgs): Promise<HoldResult> {
  const session = await loadSession(trx, args.cinema, args.sessionId);
  assertOnSale(session, args.cinema, args.now);
  const wanted = [...new Set(args.seatIds)];
  const where = { sessionId: session.id, hallId: session.hall_id, terminalId: args.terminalId, now: args.now };
  // The wanted seats and the ones this terminal holds already — not the whole hall.
  const rows = await seatStates(trx, { ...where, seatIds: [...wanted, ...(await myHeldSeatIds(trx, where))] });
  const seats = refuseUnavailable(rows, wanted, session.hall_name, args.cinema.timezone);

  const wantedSet = new Set(wanted);
  const mineAfter = rows.filter((r) => r.state === 'MINE' || wantedSet.has(r.id));
  // Rule 13 looks at the rest of the hall only when a wheelchair place or companion seat is wanted.
  const refused = seats.some((s) => s.kind === 'WHEELCHAIR' || s.kind === 'COMPANION')
    ? accessibleSeatsRefused({
        holdBack: args.cinema.hold_wheelchair_until_full === 1,
        hall: await seatStates(trx, where),
        together: mineAfter.map((s) => s.id),
        atSale: false,
      }).filter((r) => wantedSet.has(r.seat.id))
    : [];
  if (refused.length > 0) throw new DomainError('CONFLICT', accessibleRefusalWords(refused[0]!), { seatId: refused[0]!.seat.id });

  const nowIso = args.now.toISOString();
  const expiresAt = new Date(args.now.getTime() + args.cinema.hold_minutes * 60_000).toISOString();
  await sweepHolds.run(trx, { before: new Date(args.now.getTime() - SWEEP_AFTER_MS).toISOString() });
  // Wanted seats are free or mine here: drop any expired (or own) row, then hold afresh.
  await dropHoldsOf.run(trx, { sessionId: session.id }, wanted);
  for (const s of seats) {
    await insertHold.run(trx, { id: newId(), session_id: session.id, seat_id: s.id, terminal_id: args.terminalId, user_id: args.userId, created_at: nowIso, expires_at: expiresAt });
  }
  await extendHolds.run(trx, { sessionId: session.id, terminalId: args.terminalId, now: nowIso, expiresAt });
  return { seatIds: mineAfter.map((s) => s.id), expiresAt };
}

/** This terminal's live holds in a session. */
export async function myHolds(trx: Transaction<DB>, args: { sessionId: string; terminalId: string; now: Date }): Promise<HoldResult> {
  const rows = await trx
    .selectFrom('seat_holds')
    .select(['seat_id', 'expires_at'])
    .where('session_id', '=', args.sessionId)
    .where('terminal_id', '=', args.terminalId)
    .where('expires_at', '>', args.now.toISOString())
    .execute();
  const expiresAt = rows.reduce<string | null>((min, r) => (min === null || r.expires_at < min ? r.expires_at : min), null);
  return { seatIds: rows.map((r) => r.seat_id), expiresAt };
}

/** Releases this terminal's holds in a session: the given seats, or every one. Another terminal's holds are never touched. */
export async function releaseSeats(
  trx: Transaction<DB>,
  args: { sessionId: string; seatIds?: readonly string[]; terminalId: string; now: Date },
): Promise<HoldResult> {
  let q = trx.deleteFrom('seat_holds').where('session_id', '=', args.sessionId).where('terminal_id', '=', args.terminalId);
  if (args.seatIds) q = q.where('seat_id', 'in', [...args.seatIds]);
  await q.execute();
  return myHolds(trx, args);
}
