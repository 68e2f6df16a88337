import type { SeatKind } from '../../../shared/enums';

export interface RuleSeat {
  id: string;
  kind: SeatKind;
  row_label: string;
  number: number;
}

/**
 * Rule 13: while the cinema holds wheelchair places back and the house still has other free
 * seats, a wheelchair place goes only together with a companion seat (held or sold with it).
 * Returns the wheelchair seats that can't go, or [] when all may.
 */
export function wheelchairSeatsRefused(options: {
  holdBack: boolean;
  /** Free active seats that are not wheelchair places. */
  otherFreeSeats: number;
  /** The seats this terminal will hold (or sell) together. */
  together: readonly RuleSeat[];
}): RuleSeat[] {
  if (!options.holdBack || options.otherFreeSeats === 0) return [];
  const hasCompanion = options.together.some((s) => s.kind === 'COMPANION');
  return hasCompanion ? [] : options.together.filter((s) => s.kind === 'WHEELCHAIR');
}
