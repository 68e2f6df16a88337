import type { Kysely } from 'kysely';
import type { HallType } from '../../../shared/enums';
import type { SeatMap } from '../../../shared/contract';
import type { DB } from '../db/tables';
import type { CinemaRow } from '../catalog/require-cinema';
import { loadSession, salesCloseAt } from './session-for-sale';
import { seatStates } from './seat-states';
import { otherFreeSeats } from './wheelchair-rule';

/** The cashier's map of one session: a session query and one indexed query for all seats. */
export async function seatMap(db: Kysely<DB>, args: { cinema: CinemaRow; sessionId: string; terminalId: string; now: Date }): Promise<SeatMap> {
  const session = await loadSession(db, args.cinema, args.sessionId);
  const rows = await seatStates(db, { sessionId: session.id, hallId: session.hall_id, terminalId: args.terminalId, now: args.now });
  const holdBack = args.cinema.hold_wheelchair_until_full === 1 && otherFreeSeats(rows) > 0;
  const counts = { free: 0, mine: 0, held: 0, sold: 0, reserved: 0 };
  const seats = rows.map((r) => {
    if (r.active === 1) counts[r.state === 'FREE' ? 'free' : r.state === 'MINE' ? 'mine' : r.state === 'HELD' ? 'held' : r.state === 'RESERVED' ? 'reserved' : 'sold'] += 1;
    return {
      id: r.id,
      row: r.row_label,
      number: r.number,
      x: r.grid_x,
      y: r.grid_y,
      kind: r.kind,
      active: r.active === 1,
      state: r.state,
      expiresAt: r.state === 'MINE' ? r.hold_expires_at : null,
      heldBack: holdBack && (r.kind === 'WHEELCHAIR' || r.kind === 'COMPANION') && r.state === 'FREE',
    };
  });
  return {
    session: {
      id: session.id,
      startsAt: session.starts_at,
      endsAt: session.ends_at,
      status: session.status,
      basePrice: session.base_price,
      format: session.format,
      film: { id: session.film_id, title: session.film_title, ageRating: session.age_rating },
      hall: { id: session.hall_id, name: session.hall_name, type: session.hall_type as HallType },
    },
    salesCloseAt: salesCloseAt(session, args.cinema).toISOString(),
    holdMinutes: args.cinema.hold_minutes,
    now: args.now.toISOString(),
    seats,
    counts,
  };
}
