import type { Kysely, Transaction } from 'kysely';
import type { HallType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import { DomainError } from '../errors';

type Db = Kysely<DB> | Transaction<DB>;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** "Mon–Fri", "every day", "Sat, Sun" from a weekday mask (bit d = weekday d, 0 = Sunday). */
export function weekdaysText(mask: number): string {
  if ((mask & 127) === 127) return 'every day';
  // Read the week from Monday, as a cinema's staff plan it.
  const order = [1, 2, 3, 4, 5, 6, 0];
  const on = order.filter((d) => mask & (1 << d));
  const runs: number[][] = [];
  for (const d of on) {
    const last = runs[runs.length - 1];
    if (last && order.indexOf(d) === order.indexOf(last[last.length - 1]!) + 1) last.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length >= 3 ? `${SHORT[r[0]!]}–${SHORT[r[r.length - 1]!]}` : r.map((d) => SHORT[d]).join(', '))).join(', ');
}

export interface PriceBand {
  hallType: HallType;
  weekdayMask: number;
  bandStart: string;
  bandEnd: string;
}

/** Two bands would both price some session: same hall type, a shared weekday, overlapping hours. */
export function bandsOverlap(a: PriceBand, b: PriceBand): boolean {
  return a.hallType === b.hallType && (a.weekdayMask & b.weekdayMask) !== 0 && a.bandStart < b.bandEnd && b.bandStart < a.bandEnd;
}

/**
 * The default base price of a session (rule 3): the active band of the hall's type whose weekdays
 * include the business day's weekday and whose hours include the local start time.
 */
export async function defaultBasePrice(
  db: Db,
  cinema: { id: string; currency: string },
  hallType: HallType,
  weekday: number,
  localTime: string,
): Promise<number> {
  const bands = await db
    .selectFrom('price_defaults')
    .select(['weekday_mask', 'band_start', 'band_end', 'base_price'])
    .where('cinema_id', '=', cinema.id)
    .where('hall_type', '=', hallType)
    .where('active', '=', 1)
    .execute();
  const band = bands
    .filter((b) => b.weekday_mask & (1 << weekday) && b.band_start <= localTime && localTime < b.band_end)
    .sort((x, y) => (y.band_start < x.band_start ? -1 : 1))[0];
  if (!band) {
    throw new DomainError(
      'VALIDATION',
      { key: 'refusals:pricing.noDefaultPriceHall', values: { hallType, value: WEEKDAY_NAMES[weekday], localTime } },
    );
  }
  return band.base_price;
}
