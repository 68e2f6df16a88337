import type { HallType } from '../../../shared/enums';

export const HALL_TYPE_LABEL: Record<HallType, string> = {
  STANDARD: 'Standard',
  VIP: 'VIP',
  IMAX: 'IMAX',
  '4DX': '4DX',
};

/** "Hall 1 · Standard", without repeating a type the hall's name already says ("Hall 3 IMAX"). */
export function hallLabel(hall: { name: string; type: HallType }): string {
  const type = HALL_TYPE_LABEL[hall.type];
  return hall.name.toLowerCase().includes(type.toLowerCase()) ? hall.name : `${hall.name} · ${type}`;
}
