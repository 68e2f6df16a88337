import { seatWords } from '../../../shared/seat-map';
import type { Words } from '../../../shared/i18n/message-key';
import type { SeatKind } from '../../../shared/enums';
import type { SeatState } from '../../../shared/contract';

export interface RuleSeat {
  id: string;
  kind: SeatKind;
  row_label: string;
  number: number;
  grid_x: number;
  grid_y: number;
  active: number;
  state: SeatState;
}

/** Seats beside each other in the seat map: the same grid row, neighbouring columns (an aisle in between is not beside). */
export function besideEachOther(a: Pick<RuleSeat, 'grid_x' | 'grid_y'>, b: Pick<RuleSeat, 'grid_x' | 'grid_y'>): boolean {
  return a.grid_y === b.grid_y && Math.abs(a.grid_x - b.grid_x) === 1;
}

/** Free active seats that are neither wheelchair places nor companion seats, outside `together`: rule 13's "otherwise full" is 0. */
export function otherFreeSeats(hall: readonly Pick<RuleSeat, 'id' | 'kind' | 'active' | 'state'>[], together?: ReadonlySet<string>): number {
  let n = 0;
  for (const s of hall) if (s.active === 1 && s.state === 'FREE' && s.kind !== 'WHEELCHAIR' && s.kind !== 'COMPANION' && !together?.has(s.id)) n++;
  return n;
}

export interface AccessibleRefusal {
  seat: RuleSeat;
  /** The seat that must go with it (the companion seat or wheelchair place beside it), when there is one. */
  partner: RuleSeat | null;
  kind: 'NEEDS_COMPANION' | 'COMPANION_KEPT';
}

/**
 * Rule 13 (issue 20, item 5), for a group of seats one terminal holds or sells together:
 * - A wheelchair place goes with the companion seat beside it in the seat map — whatever the
 *   hold-back setting. It may go alone only when no companion seat beside it is left (sold or
 *   held at another counter: the companion is there already) or the map has none beside it.
 * - While the cinema holds accessible seats back (setting) and the session still has other free
 *   seats, companion seats are kept for wheelchair users too: one goes only with the wheelchair
 *   place beside it (or beside a wheelchair place already sold). A hold may take the companion
 *   first while that wheelchair place is still free (`atSale: false`): the sale needs the pair.
 * Returns the seats that can't go, each with the seat it needs; [] when all may.
 */
export function accessibleSeatsRefused(options: { holdBack: boolean; hall: readonly RuleSeat[]; together: readonly string[]; atSale: boolean }): AccessibleRefusal[] {
  const together = new Set(options.together);
  const group = options.hall.filter((s) => together.has(s.id));
  if (!group.some((s) => s.kind === 'WHEELCHAIR' || s.kind === 'COMPANION')) return [];
  const beside = (seat: RuleSeat, kind: SeatKind) => options.hall.filter((s) => s.active === 1 && s.kind === kind && besideEachOther(s, seat));
  const keepCompanions = options.holdBack && otherFreeSeats(options.hall, together) > 0;
  const refused: AccessibleRefusal[] = [];
  for (const seat of group) {
    if (seat.kind === 'WHEELCHAIR') {
      const companions = beside(seat, 'COMPANION');
      if (companions.length === 0 || companions.some((c) => together.has(c.id))) continue;
      const available = companions.find((c) => c.state === 'FREE' || c.state === 'MINE');
      if (available) refused.push({ seat, partner: available, kind: 'NEEDS_COMPANION' });
    } else if (seat.kind === 'COMPANION' && keepCompanions) {
      const places = beside(seat, 'WHEELCHAIR');
      const ok = places.some((w) => together.has(w.id) || w.state === 'SOLD' || (!options.atSale && (w.state === 'FREE' || w.state === 'MINE')));
      if (!ok) refused.push({ seat, partner: places[0] ?? null, kind: 'COMPANION_KEPT' });
    }
  }
  return refused;
}

/** The refusal in the cashier's words. */
export function accessibleRefusalWords(r: AccessibleRefusal): Words {
  const name = (s: RuleSeat) => seatWords(s.row_label, s.number);
  if (r.kind === 'NEEDS_COMPANION') return { key: 'refusals:booking.needsCompanion', values: { seat: name(r.seat), partner: name(r.partner!) } };
  return r.partner
    ? { key: 'refusals:booking.companionKeptBeside', values: { seat: name(r.seat), partner: name(r.partner) } }
    : { key: 'refusals:booking.companionKept', values: { seat: name(r.seat) } };
}
