import type { Kysely, Transaction } from 'kysely';
import type { SeatKind } from '../../../shared/enums';
import type { SeatState } from '../../../shared/contract';
import type { DB } from '../db/tables';

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
 * Every seat of the session's hall with its state, from three indexed queries whose cost does not
 * grow with history: the hall's seats (by the hall's unique grid index), the session's SOLD
 * tickets (index on session_id, status) and the session's live holds (unique session_id, seat_id).
 * Expired holds simply don't count (rule 4). No per-seat lookups.
 */
export async function seatStates(
  db: Kysely<DB> | Transaction<DB>,
  args: { sessionId: string; hallId: string; terminalId: string; now: Date },
): Promise<SeatStateRow[]> {
  const seats = await db
    .selectFrom('seats')
    .select(['id', 'row_label', 'number', 'grid_x', 'grid_y', 'kind', 'active'])
    .where('hall_id', '=', args.hallId)
    .orderBy('grid_y')
    .orderBy('grid_x')
    .execute();
  const sold = await db.selectFrom('tickets').select('seat_id').where('session_id', '=', args.sessionId).where('status', '=', 'SOLD').execute();
  const holds = await db
    .selectFrom('seat_holds')
    .select(['seat_id', 'terminal_id', 'expires_at'])
    .where('session_id', '=', args.sessionId)
    .where('expires_at', '>', args.now.toISOString())
    .execute();
  const soldSeats = new Set<string>();
  for (const t of sold) soldSeats.add(t.seat_id);
  const holdOf = new Map<string, (typeof holds)[number]>();
  for (const h of holds) holdOf.set(h.seat_id, h);
  // The driver's fresh row objects become the result (no copies: this runs on every map read).
  const rows = seats as SeatStateRow[];
  for (const r of rows) {
    const hold = holdOf.get(r.id);
    r.hold_expires_at = hold ? hold.expires_at : null;
    r.state = soldSeats.has(r.id) ? 'SOLD' : !hold ? 'FREE' : hold.terminal_id === args.terminalId ? 'MINE' : 'HELD';
  }
  return rows;
}

/** Free active seats that are not wheelchair places (rule 13's "otherwise full"). */
export function otherFreeSeats(rows: readonly SeatStateRow[], excluding?: ReadonlySet<string>): number {
  let n = 0;
  for (const r of rows) if (r.active === 1 && r.state === 'FREE' && r.kind !== 'WHEELCHAIR' && !excluding?.has(r.id)) n++;
  return n;
}

/** "Row C, seat 7". */
export function seatLabel(seat: { row_label: string; number: number }): string {
  return `row ${seat.row_label}, seat ${seat.number}`;
}
