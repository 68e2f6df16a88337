import { sql, type Kysely, type Transaction } from 'kysely';
import type { SeatKind } from '../../../shared/enums';
import type { SeatState } from '../../../shared/contract';
import type { DB } from '../db/tables';
import { preparedQuery } from '../db/prepared-query';

export interface SeatStateRow {
  id: string;
  row_label: string;
  number: number;
  grid_x: number;
  grid_y: number;
  kind: SeatKind;
  active: number;
  state: SeatState;
  /** Expiry of the live hold (any terminal), null when none. */
  hold_expires_at: string | null;
}

/**
 * Every seat of the session's hall with its state — or only the given seats (`seatIds`: what a
 * hold or a sale needs, instead of the whole hall twice per sale). Three indexed queries whose
 * cost does not grow with history: the hall's seats (by the hall's unique indexes), the session's
 * SOLD tickets (the partial unique index on session_id, seat_id) and the session's live holds
 * (unique session_id, seat_id). Expired holds simply don't count (rule 4). Seats of another hall
 * are left out. Rows come in grid order (row by row).
 */
export async function seatStates(
  db: Kysely<DB> | Transaction<DB>,
  args: { sessionId: string; hallId: string; terminalId: string; now: Date; seatIds?: readonly string[] },
): Promise<SeatStateRow[]> {
  const only = args.seatIds ? [...new Set(args.seatIds)] : null;
  if (only && only.length === 0) return [];
  let seatQuery = db
    .selectFrom('seats')
    .select(['id', 'row_label', 'number', 'grid_x', 'grid_y', 'kind', 'active'])
    // For a few seats, `+hall_id` (no index on it) makes SQLite look them up by id instead of walking the hall.
    .where(only ? sql<string>`+${sql.ref('hall_id')}` : 'hall_id', '=', args.hallId);
  // 'SOLD' as a literal, not a parameter: then SQLite may read the seat ids straight from the
  // partial unique index on (session_id, seat_id) WHERE status = 'SOLD', without a table lookup per ticket.
  let soldQuery = db.selectFrom('tickets').select('seat_id').where('session_id', '=', args.sessionId).where('status', '=', sql.lit('SOLD'));
  let holdQuery = db.selectFrom('seat_holds').select(['seat_id', 'terminal_id', 'expires_at']).where('session_id', '=', args.sessionId).where('expires_at', '>', args.now.toISOString());
  // Rule 18: a live reservation keeps its seats until its release time — no job frees them.
  let reservedQuery = db
    .selectFrom('reservation_seats as rs')
    .innerJoin('reservations as r', 'r.id', 'rs.reservation_id')
    .select('rs.seat_id')
    .where('rs.session_id', '=', args.sessionId)
    .where('r.status', '=', sql.lit('ACTIVE'))
    .where('r.release_at', '>', args.now.toISOString());
  if (only) {
    seatQuery = seatQuery.where('id', 'in', only);
    soldQuery = soldQuery.where('seat_id', 'in', only);
    holdQuery = holdQuery.where('seat_id', 'in', only);
    reservedQuery = reservedQuery.where('rs.seat_id', 'in', only);
  }
  const seats = await seatQuery.orderBy('grid_y').orderBy('grid_x').execute();
  const sold = await soldQuery.execute();
  const holds = await holdQuery.execute();
  const reserved = new Set((await reservedQuery.execute()).map((r) => r.seat_id));
  const soldSeats = new Set<string>();
  for (const t of sold) soldSeats.add(t.seat_id);
  const holdOf = new Map<string, (typeof holds)[number]>();
  for (const h of holds) holdOf.set(h.seat_id, h);
  // The driver's fresh row objects become the result (no copies: this runs on every map read).
  const rows = seats as SeatStateRow[];
  for (const r of rows) {
    const hold = holdOf.get(r.id);
    r.hold_expires_at = hold ? hold.expires_at : null;
    // A hold on a reserved seat is its pickup (reservations.pickUp): the hold decides who sells it.
    r.state = soldSeats.has(r.id) ? 'SOLD' : hold ? (hold.terminal_id === args.terminalId ? 'MINE' : 'HELD') : reserved.has(r.id) ? 'RESERVED' : 'FREE';
  }
  return rows;
}

const liveHoldsOf = preparedQuery((db, p: { sessionId: string; terminalId: string; now: string }) =>
  db.selectFrom('seat_holds').select('seat_id').where('session_id', '=', p.sessionId).where('terminal_id', '=', p.terminalId).where('expires_at', '>', p.now),
);

/** The seats this terminal holds (live) in a session. */
export async function myHeldSeatIds(db: Kysely<DB> | Transaction<DB>, args: { sessionId: string; terminalId: string; now: Date }): Promise<string[]> {
  const rows = await liveHoldsOf.all(db, { sessionId: args.sessionId, terminalId: args.terminalId, now: args.now.toISOString() });
  return rows.map((r) => r.seat_id);
}

