import type { PriceCardCell } from '../../../../shared/contract';
import { SEAT_KINDS, type SeatKind } from '../../../../shared/enums';

/**
 * The card's columns: any seat, then every seat kind the band's halls have, and any kind the card
 * already prices (a hall may have lost it); every kind when no hall of the type has seats yet.
 */
export function cardColumns(hallSeatKinds: readonly SeatKind[] | undefined, cells: readonly PriceCardCell[]): (SeatKind | 'ANY')[] {
  const shown = new Set<SeatKind>(hallSeatKinds?.length ? hallSeatKinds : SEAT_KINDS);
  for (const c of cells) if (c.seatKind !== 'ANY') shown.add(c.seatKind);
  return ['ANY', ...SEAT_KINDS.filter((k) => shown.has(k))];
}
