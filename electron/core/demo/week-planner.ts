import { TZDate } from '@date-fns/tz';
import { addBusinessDays, businessDayRange } from '../../../shared/business-day';
import { DEMO_DAYS, DEMO_FILMS, DEMO_HALLS, DEMO_LAST_START, basePriceAt, type DemoFilm, type DemoHall, type DemoPriceBand, type ShowTime } from './demo-data';

/* The demo week: which film plays in which hall when, fitted between cleaning times (pure, no database). */

// ---------------------------------------------------------------------------------------------
// The week's programme (pure: easy to test and to reuse)

export interface PlannedSession {
  hallKey: string;
  filmKey: string;
  businessDate: string;
  startsAt: Date;
  endsAt: Date;
  adsMinutes: number;
  basePrice: number;
  format: string;
  language: string;
  subtitles: string | null;
}

const MINUTE = 60_000;
const FIVE_MINUTES = 5 * MINUTE;

function localTime(instant: Date, timezone: string): string {
  const t = new TZDate(instant.getTime(), timezone);
  return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}

/** The instant of a local wall-clock time on a calendar date. */
function localInstant(date: string, time: string, timezone: string): Date {
  return businessDayRange(date, { timezone, dayStart: time }).from;
}

/** Films that only suit part of the day get their slot first; 'any' films fill the rest. */
const SHOW_TIME_PRIORITY: Record<ShowTime, number> = { day: 0, late: 0, evening: 1, any: 2 };

function fitsShowTime(showTime: ShowTime, time: string): boolean {
  switch (showTime) {
    case 'day':
      return time < '18:00';
    case 'evening':
      return time >= '17:00';
    case 'late':
      return time >= '20:00';
    default:
      return true;
  }
}

/**
 * Fills every hall from its opening time until the last start: each show takes ads + film +
 * the hall's cleaning, the next starts at the following 5-minute mark. At each slot the hall takes,
 * among the films that suit the hour, the one shown least often that day — kids' films and late
 * horror before the films that suit any hour — and rotates among equals from day to day.
 */
export function planDemoWeek(options: {
  firstDate: string;
  days: number;
  timezone: string;
  halls?: readonly DemoHall[];
  films?: readonly DemoFilm[];
  priceBands?: readonly DemoPriceBand[];
}): PlannedSession[] {
  const halls = options.halls ?? DEMO_HALLS;
  const films = new Map((options.films ?? DEMO_FILMS).map((f) => [f.key, f]));
  const plan: PlannedSession[] = [];
  const formatTurn = new Map<string, number>();
  for (const hall of halls) {
    const programme = hall.programme.map((key) => {
      const film = films.get(key);
      if (!film) throw new Error(`Demo hall ${hall.key} shows an unknown film ${key}`);
      return film;
    });
    for (let day = 0; day < options.days; day++) {
      const date = addBusinessDays(options.firstDate, day);
      const lastStart = localInstant(date, DEMO_LAST_START, options.timezone).getTime();
      const shownToday = new Map<string, number>();
      let next = day % programme.length;
      let previous: string | null = null;
      let t = localInstant(date, hall.opensAt, options.timezone).getTime();
      while (t <= lastStart) {
        const starts = new Date(t);
        const time = localTime(starts, options.timezone);
        const order = programme.map((_, i) => programme[(next + i) % programme.length]!);
        const suitable = order.filter((f) => fitsShowTime(f.showTime, time) && (f.key !== previous || programme.length === 1));
        const candidates = suitable.length > 0 ? suitable : order;
        // Least shown today first, then the film with the narrowest hours, then rotation order.
        const rank = (f: DemoFilm) => (shownToday.get(f.key) ?? 0) * 10 + SHOW_TIME_PRIORITY[f.showTime];
        const film = candidates.reduce((best, f) => (rank(f) < rank(best) ? f : best));
        shownToday.set(film.key, (shownToday.get(film.key) ?? 0) + 1);
        next = (programme.indexOf(film) + 1) % programme.length;
        previous = film.key;

        const adsMinutes = time >= '18:00' ? 20 : 15;
        const ends = new Date(t + (adsMinutes + film.durationMinutes) * MINUTE);
        let format = '2D';
        if (hall.type === 'IMAX') format = 'IMAX';
        else if (film.formats && film.formats.length > 0) {
          const turn = formatTurn.get(film.key) ?? 0;
          formatTurn.set(film.key, turn + 1);
          format = film.formats[turn % film.formats.length]!;
        }
        plan.push({
          hallKey: hall.key,
          filmKey: film.key,
          businessDate: date,
          startsAt: starts,
          endsAt: ends,
          adsMinutes,
          basePrice: basePriceAt(hall.type, time, options.priceBands),
          format,
          language: film.language,
          subtitles: film.subtitles ?? null,
        });
        t = Math.ceil((ends.getTime() + hall.cleaningMinutes * MINUTE) / FIVE_MINUTES) * FIVE_MINUTES;
      }
    }
  }
  return plan.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.hallKey.localeCompare(b.hallKey));
}

/** A film's contract dates: from its release, for its weeks, and at least to the end of the demo. */
export function contractDates(film: DemoFilm, firstDate: string, days: number = DEMO_DAYS): { start: string; end: string } {
  const start = addBusinessDays(firstDate, -Math.max(1, film.releasedDaysAgo));
  const nominalEnd = addBusinessDays(start, film.contract.weeks * 7 - 1);
  const demoEnd = addBusinessDays(firstDate, days - 1);
  return { start, end: nominalEnd > demoEnd ? nominalEnd : demoEnd };
}
