import { sql, type Kysely, type Transaction } from 'kysely';
import type { SeatKind } from '../../../shared/enums';
import type { SeatState } from '../../../shared/contract';
import type { DB } from '../db/tables';
import { preparedListQuery, preparedQuery } from '../db/prepared-query';

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

type Db = Kysely<DB> | Transaction<DB>;
interface Where {
  sessionId: string;
  hallId: string;
  now: string;
}

// The four queries of seatStates, for the whole hall or for a list of seats (`only`). Built and
// compiled once each (db/prepared-query.ts; the list ones once per length): a hold and a sale ask
// for their seats, every map read for the hall.
const seatsQuery = (db: Db, p: Where, only?: readonly never[]) => {
  const q = db
    .selectFrom('seats')
    .select(['id', 'row_label', 'number', 'grid_x', 'grid_y', 'kind', 'active'])
    // For a few seats, `+hall_id` (no index on it) makes SQLite look them up by id instead of walking the hall.
    .where(only ? sql<string>`+${sql.ref('hall_id')}` : 'hall_id', '=', p.hallId);
  return (only ? q.where('id', 'in', only) : q).orderBy('grid_y').orderBy('grid_x');
};
// 'SOLD' as a literal, not a parameter: then SQLite may read the seat ids straight from the
// partial unique index on (session_id, seat_id) WHERE status = 'SOLD', without a table lookup per ticket.
const soldQuery = (db: Db, p: Where, only?: readonly never[]) => {
  const q = db.selectFrom('tickets').select('seat_id').where('session_id', '=', p.sessionId).where('status', '=', sql.lit('SOLD'));
  return only ? q.where('seat_id', 'in', only) : q;
};
const holdsQuery = (db: Db, p: Where, only?: readonly never[]) => {
  const q = db.selectFrom('seat_holds').select(['seat_id', 'terminal_id', 'expires_at']).where('session_id', '=', p.sessionId).where('expires_at', '>', p.now);
  return only ? q.where('seat_id', 'in', only) : q;
};
// Rule 18: a live reservation keeps its seats until its release time — no job frees them.
const reservedQuery = (db: Db, p: Where, only?: readonly never[]) => {
  const q = db
    .selectFrom('reservation_seats as rs')
    .innerJoin('reservations as r', 'r.id', 'rs.reservation_id')
    .select('rs.seat_id')
    .where('rs.session_id', '=', p.sessionId)
    .where('r.status', '=', sql.lit('ACTIVE'))
    .where('r.release_at', '>', p.now);
  return only ? q.where('rs.seat_id', 'in', only) : q;
};
const hall = {
  seats: preparedQuery((db, p: Where) => seatsQuery(db, p)),
  sold: preparedQuery((db, p: Where) => soldQuery(db, p)),
  holds: preparedQuery((db, p: Where) => holdsQuery(db, p)),
  reserved: preparedQuery((db, p: Where) => reservedQuery(db, p)),
};
const some = {
  seats: preparedListQuery((db, p: Where, only) => seatsQuery(db, p, only)),
  sold: preparedListQuery((db, p: Where, only) => soldQuery(db, p, only)),
  holds: preparedListQuery((db, p: Where, only) => holdsQuery(db, p, only)),
  reserved: preparedListQuery((db, p: Where, only) => reservedQuery(db, p, only)),
};

/**
 * Every seat of the session's hall with its state — or only the given seats (`seatIds`: what a
 * hold or a sale needs, instead of the whole hall twice per sale). Three indexed queries whose
 * cost does not grow with history: the hall's seats (by the hall's unique indexes), the session's
 * SOLD tickets (the partial unique index on session_id, seat_id) and the session's live holds
 * (unique session_id, seat_id). Expired holds simply don't count (rule 4). Seats of another hall
 * are left out. Rows come in grid order (row by row).
 */
export async function seatStates(
  db: Db,
  args: { sessionId: string; hallId: string; terminalId: string; now: Date; seatIds?: readonly string[] },
): Promise<SeatStateRow[]> {
  const only = args.seatIds ? [...new Set(args.seatIds)] : null;
  if (only && only.length === 0) return [];
  const where: Where = { sessionId: args.sessionId, hallId: args.hallId, now: args.now.toISOString() };
  const seats = only ? await some.seats.all(db, where, only) : await hall.seats.all(db, where);
  const sold = only ? await some.sold.all(db, where, only) : await hall.sold.all(db, where);
  const holds = only ? await some.holds.all(db, where, only) : await hall.holds.all(db, where);
  const reserved = new Set((only ? await some.reserved.all(db, where, only) : await hall.reserved.all(db, where)).map((r) => r.seat_id));
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
export async function myHeldSeatIds(db: Db, args: { sessionId: string; terminalId: string; now: Date }): Promise<string[]> {
  const rows = await liveHoldsOf.all(db, { sessionId: args.sessionId, terminalId: args.terminalId, now: args.now.toISOString() });
  return rows.map((r) => r.seat_id);
}

