import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { HoldResult, Reservation } from '../../../shared/contract';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import type { CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { newPickupCode } from '../concessions/pickup-code';
import { myHolds } from './hold-seats';
import { assertOnSale, loadSession } from './session-for-sale';
import { seatStates } from './seat-states';
import { seatWords } from '../../../shared/seat-map';

type Db = Kysely<DB> | Transaction<DB>;

/** Rule 18: a reservation frees its seats this long before the start. */
export function releaseAtOf(startsAt: string, cinema: Pick<CinemaRow, 'reservation_release_minutes'>): string {
  return new Date(Date.parse(startsAt) - cinema.reservation_release_minutes * 60_000).toISOString();
}

async function loadReservations(db: Db, where: { ids?: readonly string[]; cinemaId: string }): Promise<Reservation[]> {
  let q = db
    .selectFrom('reservations as r')
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select(['r.id', 'r.code', 'r.customer_name', 'r.phone', 'r.status', 'r.release_at', 's.id as session_id', 's.starts_at', 'f.title', 'h.name as hall_name'])
    .where('r.cinema_id', '=', where.cinemaId);
  if (where.ids) q = q.where('r.id', 'in', [...where.ids]);
  const rows = await q.orderBy('s.starts_at').execute();
  if (rows.length === 0) return [];
  const seats = await db
    .selectFrom('reservation_seats as rs')
    .innerJoin('seats as st', 'st.id', 'rs.seat_id')
    .select(['rs.reservation_id', 'st.id', 'st.row_label', 'st.number', 'st.grid_y', 'st.grid_x'])
    .where(
      'rs.reservation_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('st.grid_y')
    .orderBy('st.grid_x')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    customerName: r.customer_name,
    phone: r.phone,
    status: r.status,
    releaseAt: r.release_at,
    session: { id: r.session_id, startsAt: r.starts_at, filmTitle: r.title, hallName: r.hall_name },
    seats: seats.filter((s) => s.reservation_id === r.id).map((s) => ({ id: s.id, row: s.row_label, number: s.number })),
  }));
}

/**
 * Rule 18: the seats this terminal holds become a reservation under a name and phone — no payment.
 * They stay taken until `release_at` (the start minus the cinema's release minutes), then free
 * themselves like holds (every seat query compares the time). The holds are released in the same step.
 */
export async function createReservation(
  trx: Transaction<DB>,
  ctx: RequestContext & { user: { id: string } },
  cinema: CinemaRow,
  input: { sessionId: string; seatIds: readonly string[]; customerName: string; phone: string },
): Promise<Reservation> {
  const now = ctx.clock.now();
  const session = await loadSession(trx, cinema, input.sessionId);
  assertOnSale(session, cinema, now);
  const releaseAt = releaseAtOf(session.starts_at, cinema);
  if (Date.parse(releaseAt) <= now.getTime()) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:booking.tooLateReserveReservations', values: { sessionFilmTitle: session.film_title, cinemaReservationReleaseMinutes: cinema.reservation_release_minutes, at: { instant: releaseAt, timeZone: cinema.timezone } } },
    );
  }
  const wanted = [...new Set(input.seatIds)];
  const rows = await seatStates(trx, { sessionId: session.id, hallId: session.hall_id, terminalId: ctx.terminal.id, now, seatIds: wanted });
  for (const id of wanted) {
    const seat = rows.find((r) => r.id === id);
    if (!seat) throw new DomainError('NOT_FOUND', { key: 'refusals:booking.seatReservationNotReload', values: { sessionHallName: session.hall_name } }, { seatId: id });
    if (seat.state !== 'MINE') throw new DomainError('HOLD_EXPIRED', { key: 'refusals:booking.holdFirstThenReserve', values: { seat: seatWords(seat.row_label, seat.number), state: { key: seat.state === 'FREE' ? 'refusals:booking.seatNoLongerHeld' : 'refusals:booking.seatTaken' } } }, { seatId: id });
  }
  const taken = new Set((await trx.selectFrom('reservations').select('code').where('cinema_id', '=', cinema.id).where('status', '=', 'ACTIVE').execute()).map((r) => r.code));
  const code = newPickupCode(randomInt, (c) => taken.has(c));
  const id = newId();
  const born = { created_at: now.toISOString(), ...ctx.stamp() };
  await trx
    .insertInto('reservations')
    .values({
      id,
      cinema_id: cinema.id,
      session_id: session.id,
      code,
      customer_name: input.customerName.trim(),
      phone: input.phone.trim(),
      status: 'ACTIVE',
      release_at: releaseAt,
      order_id: null,
      created_by: ctx.user.id,
      terminal_id: ctx.terminal.id,
      ...born,
    })
    .execute();
  await trx
    .insertInto('reservation_seats')
    .values(wanted.map((seatId) => ({ id: newId(), reservation_id: id, session_id: session.id, seat_id: seatId, ...born })))
    .execute();
  await trx.deleteFrom('seat_holds').where('session_id', '=', session.id).where('terminal_id', '=', ctx.terminal.id).where('seat_id', 'in', wanted).execute();
  await recordAudit(trx, ctx, { action: 'reservation.create', entity: 'reservation', entityId: id, details: { code, sessionId: session.id, seats: wanted.length, releaseAt } });
  return (await loadReservations(trx, { ids: [id], cinemaId: cinema.id }))[0]!;
}

/** Live reservations (active, not yet released) by code, phone digits or name; live ones are few, so they are matched here. */
export async function findReservations(db: Db, cinema: CinemaRow, query: string, now: Date): Promise<Reservation[]> {
  const q = query.trim().toLowerCase();
  const digits = q.replace(/\D/g, '');
  const rows = await db
    .selectFrom('reservations')
    .select(['id', 'code', 'customer_name', 'phone'])
    .where('cinema_id', '=', cinema.id)
    .where('status', '=', 'ACTIVE')
    .where('release_at', '>', now.toISOString())
    .execute();
  const ids = rows
    .filter((r) => r.code.toLowerCase() === q || r.customer_name.toLowerCase().includes(q) || (digits.length >= 3 && r.phone.replace(/\D/g, '').includes(digits)))
    .map((r) => r.id)
    .slice(0, 20);
  return ids.length ? loadReservations(db, { ids, cinemaId: cinema.id }) : [];
}

async function liveReservation(db: Db, cinema: CinemaRow, id: string, now: Date): Promise<Reservation> {
  const found = (await loadReservations(db, { ids: [id], cinemaId: cinema.id }))[0];
  if (!found) throw new DomainError('NOT_FOUND', { key: 'refusals:booking.reservationDoesNotExist' });
  if (found.status === 'PICKED_UP') throw new DomainError('CONFLICT', { key: 'refusals:booking.reservationAlreadyPickedUp', values: { foundCode: found.code } });
  if (found.status === 'CANCELLED') throw new DomainError('CONFLICT', { key: 'refusals:booking.reservationCancelled', values: { foundCode: found.code } });
  if (Date.parse(found.releaseAt) <= now.getTime()) throw new DomainError('CONFLICT', { key: 'refusals:booking.reservationRanOutSeats', values: { foundCode: found.code, at: { instant: found.releaseAt, timeZone: cinema.timezone } } });
  return found;
}

/** Pickup: the reservation's seats are held for this terminal, to be paid as a normal sale (with `reservationId`). */
export async function pickUpReservation(trx: Transaction<DB>, ctx: RequestContext & { user: { id: string } }, cinema: CinemaRow, id: string): Promise<HoldResult & { reservation: Reservation }> {
  const now = ctx.clock.now();
  const reservation = await liveReservation(trx, cinema, id, now);
  // The seats are RESERVED, not FREE: hold them directly (holdSeats would refuse a reserved seat).
  const expiresAt = new Date(now.getTime() + cinema.hold_minutes * 60_000).toISOString();
  const seatIds = reservation.seats.map((s) => s.id);
  await trx.deleteFrom('seat_holds').where('session_id', '=', reservation.session.id).where('seat_id', 'in', seatIds).where('expires_at', '<=', now.toISOString()).execute();
  const other = await trx.selectFrom('seat_holds').select('seat_id').where('session_id', '=', reservation.session.id).where('seat_id', 'in', seatIds).where('terminal_id', '<>', ctx.terminal.id).execute();
  if (other.length > 0) throw new DomainError('SEAT_TAKEN', { key: 'refusals:booking.reservationBeingPickedUp', values: { reservationCode: reservation.code } });
  await trx.deleteFrom('seat_holds').where('session_id', '=', reservation.session.id).where('seat_id', 'in', seatIds).execute();
  await trx
    .insertInto('seat_holds')
    .values(seatIds.map((seatId) => ({ id: newId(), session_id: reservation.session.id, seat_id: seatId, terminal_id: ctx.terminal.id, user_id: ctx.user.id, created_at: now.toISOString(), expires_at: expiresAt })))
    .execute();
  return { ...(await myHolds(trx, { sessionId: reservation.session.id, terminalId: ctx.terminal.id, now })), reservation };
}

export async function cancelReservation(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, id: string): Promise<Reservation> {
  const reservation = await liveReservation(trx, cinema, id, ctx.clock.now());
  await trx.updateTable('reservations').set({ status: 'CANCELLED', ...ctx.stamp() }).where('id', '=', id).execute();
  await recordAudit(trx, ctx, { action: 'reservation.cancel', entity: 'reservation', entityId: id, details: { code: reservation.code } });
  return { ...reservation, status: 'CANCELLED' };
}

/** The sale of a pickup: its reservation is marked picked up with the order (inside the sale's transaction). */
export async function markPickedUp(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, reservationId: string, orderId: string): Promise<void> {
  const updated = await trx
    .updateTable('reservations')
    .set({ status: 'PICKED_UP', order_id: orderId, ...ctx.stamp() })
    .where('id', '=', reservationId)
    .where('cinema_id', '=', cinemaId)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', { key: 'refusals:booking.reservationNoLongerOpen' });
}

