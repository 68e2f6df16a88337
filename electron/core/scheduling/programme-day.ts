import { sql, type Kysely, type Transaction } from 'kysely';
import type { ProgrammeSession } from '../../../shared/contract';
import type { HallType, SessionStatus } from '../../../shared/enums';
import { businessDayRange } from '../../../shared/business-day';
import type { DB } from '../db/tables';
import { businessDayRuleOf, type CinemaRow } from '../catalog/require-cinema';

type Db = Kysely<DB> | Transaction<DB>;

/** Sessions of a cinema's halls with film, hall, seats sold and seats reserved now (rule 18), in start order. */
function programmeQuery(db: Db, cinemaId: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .where('h.cinema_id', '=', cinemaId)
    .select((eb) => [
      's.id',
      's.starts_at',
      's.ends_at',
      's.status',
      's.base_price',
      's.format',
      's.language',
      's.ads_minutes',
      'f.id as film_id',
      'f.title',
      'f.duration_minutes',
      'f.age_rating',
      'h.id as hall_id',
      'h.name as hall_name',
      'h.type as hall_type',
      'h.cleaning_minutes',
      eb
        .selectFrom('seats')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('seats.hall_id', '=', 'h.id')
        .where('seats.active', '=', 1)
        .as('seats_total'),
      eb
        .selectFrom('tickets')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('tickets.session_id', '=', 's.id')
        .where('tickets.status', '=', 'SOLD')
        .as('seats_sold'),
      // A live reservation keeps its seats until its release time, like seat-states reads them.
      eb
        .selectFrom('reservation_seats as rs')
        .innerJoin('reservations as r', 'r.id', 'rs.reservation_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('rs.session_id', '=', 's.id')
        .where('r.status', '=', sql.lit('ACTIVE'))
        .where('r.release_at', '>', now.toISOString())
        .as('seats_reserved'),
    ])
    .orderBy('s.starts_at')
    .orderBy('h.name');
}

type ProgrammeRow = Awaited<ReturnType<ReturnType<typeof programmeQuery>['execute']>>[number];

function toProgrammeSession(r: ProgrammeRow): ProgrammeSession {
  return {
    id: r.id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status as SessionStatus,
    basePrice: r.base_price,
    format: r.format,
    language: r.language,
    adsMinutes: r.ads_minutes,
    film: { id: r.film_id, title: r.title, durationMinutes: r.duration_minutes, ageRating: r.age_rating },
    hall: { id: r.hall_id, name: r.hall_name, type: r.hall_type as HallType, cleaningMinutes: r.cleaning_minutes },
    seatsTotal: Number(r.seats_total ?? 0),
    seatsSold: Number(r.seats_sold ?? 0),
    seatsReserved: Number(r.seats_reserved ?? 0),
  };
}

/** One business day of a cinema's programme, in start order, with seats sold and reserved per session. */
export async function programmeDay(db: Db, cinema: CinemaRow, date: string, now: Date): Promise<ProgrammeSession[]> {
  const { from, to } = businessDayRange(date, businessDayRuleOf(cinema));
  const rows = await programmeQuery(db, cinema.id, now).where('s.starts_at', '>=', from.toISOString()).where('s.starts_at', '<', to.toISOString()).execute();
  return rows.map(toProgrammeSession);
}

/** The named sessions of a cinema as the programme shows them (unknown ids are left out). */
export async function programmeSessions(db: Db, cinemaId: string, ids: readonly string[], now: Date): Promise<ProgrammeSession[]> {
  if (ids.length === 0) return [];
  const rows = await programmeQuery(db, cinemaId, now).where('s.id', 'in', [...ids]).execute();
  return rows.map(toProgrammeSession);
}
