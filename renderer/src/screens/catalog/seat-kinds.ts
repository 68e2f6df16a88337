import type { SeatKind } from '../../../../shared/enums';

/** The letter each seat kind is drawn with besides its colour (its name and hint are in the catalogues). */
export const SEAT_KIND_LETTER: Record<SeatKind, string> = {
  STANDARD: '',
  VIP: 'V',
  LOVESEAT: 'L',
  WHEELCHAIR: 'W',
  COMPANION: 'C',
};
