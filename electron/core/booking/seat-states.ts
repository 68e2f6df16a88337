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
  const soldSeats = new Set(sold.map((t) => t.seat_id));
  const holdOf = new Map(holds.map((h) => [h.seat_id, h]));
  return seats.map((r) => {
    const hold = holdOf.get(r.id);
    return {
      ...r,
      hold_expires_at: hold?.expires_at ?? null,
      state: soldSeats.has(r.id) ? 'SOLD' : !hold ? 'FREE' : hold.terminal_id === args.terminalId ? 'MINE' : 'HELD',
    };
  });
}

/** Free active seats that are not wheelchair places (rule 13's "otherwise full"). */
export function otherFreeSeats(rows: readonly SeatStateRow[], excluding: ReadonlySet<string> = new Set()): number {
  return rows.filter((r) => r.active === 1 && r.state === 'FREE' && r.kind !== 'WHEELCHAIR' && !excluding.has(r.id)).length;
}

/** "Row C, seat 7". */
export function seatLabel(seat: { row_label: string; number: number }): string {
  return `row ${seat.row_label}, seat ${seat.number}`;
}
