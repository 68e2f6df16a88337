import type { SeatKind } from '../../../../shared/enums';

/** How each seat kind is drawn and named: a letter (and shape) as well as a colour. */
export const SEAT_KIND_INFO: Record<SeatKind, { label: string; letter: string; hint: string }> = {
  STANDARD: { label: 'Standard', letter: '', hint: 'an ordinary seat' },
  VIP: { label: 'VIP', letter: 'V', hint: 'recliner or premium seat' },
  LOVESEAT: { label: 'Loveseat', letter: 'L', hint: 'sold in pairs side by side' },
  WHEELCHAIR: { label: 'Wheelchair', letter: 'W', hint: 'a wheelchair place; needs a companion seat beside it' },
  COMPANION: { label: 'Companion', letter: 'C', hint: 'the seat beside a wheelchair place' },
};
