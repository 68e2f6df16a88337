import type { HallType } from '../../../shared/enums';
import { enums } from '../../../shared/i18n/en/enums';
import { wordsFor } from './words';

/** @deprecated English only: screens write `t(\`enums:hallType.${type}\`)`. Kept until every screen is converted. */
export const HALL_TYPE_LABEL: Record<HallType, string> = enums.hallType;

/** "Hall 1 · Standard", without repeating a type the hall's name already says ("Hall 3 IMAX"); the type in the locale's words. */
export function hallLabel(hall: { name: string; type: HallType }, locale?: string): string {
  const type = wordsFor(locale)(`enums:hallType.${hall.type}`);
  return hall.name.toLowerCase().includes(type.toLowerCase()) ? hall.name : `${hall.name} · ${type}`;
}
