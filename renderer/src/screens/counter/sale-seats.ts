import type { SeatMapSeat } from '../../../../shared/contract';

/**
 * Which of this terminal's held seats belong to the sale on screen. A hold outlives the sale that
 * made it (a reload, a closed window, a sign-out, F2 with a hold still on its way), so the map's
 * "MINE" seats are not the order: only seats this sale chose are (issue 13, item 1). The rest are
 * shown to the cashier as left from an earlier sale, to add or release — never charged silently.
 */
export function splitHeldSeats(mine: readonly SeatMapSeat[], chosen: ReadonlySet<string>): { order: SeatMapSeat[]; earlier: SeatMapSeat[] } {
  const order: SeatMapSeat[] = [];
  const earlier: SeatMapSeat[] = [];
  for (const s of mine) (chosen.has(s.id) ? order : earlier).push(s);
  return { order, earlier };
}

/** "H10, H11" — seats named as the map prints them. */
export function seatNames(seats: readonly Pick<SeatMapSeat, 'row' | 'number'>[]): string {
  return seats.map((s) => `${s.row}${s.number}`).join(', ');
}
