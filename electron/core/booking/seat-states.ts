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
 * Every seat of the session's hall with its state, in ONE indexed query: the seats by hall, the
 * live hold by the (session, seat) unique index, the sold ticket by the partial unique index on
 * (session, seat) WHERE status = 'SOLD'. Expired holds simply don't join (rule 4).
 */
export async function seatStates(
  db: Kysely<DB> | Transaction<DB>,
  args: { sessionId: string; hallId: string; terminalId: string; now: Date },
): Promise<SeatStateRow[]> {
  const nowIso = args.now.toISOString();
  const rows = await db
    .selectFrom('seats as s')
    .leftJoin('seat_holds as h', (join) =>
      join.onRef('h.seat_id', '=', 's.id').on('h.session_id', '=', args.sessionId).on('h.expires_at', '>', nowIso),
    )
    .leftJoin('tickets as t', (join) => join.onRef('t.seat_id', '=', 's.id').on('t.session_id', '=', args.sessionId).on('t.status', '=', 'SOLD'))
    .where('s.hall_id', '=', args.hallId)
    .select(['s.id', 's.row_label', 's.number', 's.grid_x', 's.grid_y', 's.kind', 's.active', 'h.terminal_id as hold_terminal', 'h.expires_at as hold_expires_at', 't.id as ticket_id'])
    .orderBy('s.grid_y')
    .orderBy('s.grid_x')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    row_label: r.row_label,
    number: r.number,
    grid_x: r.grid_x,
    grid_y: r.grid_y,
    kind: r.kind,
    active: r.active,
    hold_expires_at: r.hold_expires_at,
    state: r.ticket_id ? 'SOLD' : r.hold_terminal === null ? 'FREE' : r.hold_terminal === args.terminalId ? 'MINE' : 'HELD',
  }));
}

/** Free active seats that are not wheelchair places (rule 13's "otherwise full"). */
export function otherFreeSeats(rows: readonly SeatStateRow[], excluding: ReadonlySet<string> = new Set()): number {
  return rows.filter((r) => r.active === 1 && r.state === 'FREE' && r.kind !== 'WHEELCHAIR' && !excluding.has(r.id)).length;
}

/** "Row C, seat 7". */
export function seatLabel(seat: { row_label: string; number: number }): string {
  return `row ${seat.row_label}, seat ${seat.number}`;
}
