import { sql, type Kysely } from 'kysely';
import { businessDayRange, type BusinessDayRule } from '../../../shared/business-day';
import type { OccupancyShare } from '../../../shared/contract/reports';
import type { DB } from '../db/tables';

/** The parts of the day a manager plans by, from the session's local start hour. */
export const TIMES_OF_DAY = [
  { label: 'Before 14:00', hours: { from: null, until: 14 }, until: 14 },
  { label: '14:00–17:00', hours: { from: 14, until: 17 }, until: 17 },
  { label: '17:00–20:00', hours: { from: 17, until: 20 }, until: 20 },
  { label: 'From 20:00', hours: { from: 20, until: null }, until: 30 },
] as const;

const occ = (tickets: number, seats: number) => (seats > 0 ? Math.round((tickets * 10_000) / seats) : 0);

/**
 * Occupancy (tickets that stand ÷ seats offered) of the sessions starting in [from, to] by hall and
 * by time of day — the same definition as the film popularity report. Hours before the business
 * day's start (a midnight show) count as the latest part of the day.
 */
export async function occupancyBreakdown(db: Kysely<DB>, cinemaId: string, from: string, to: string, rule: BusinessDayRule): Promise<{ byHall: OccupancyShare[]; byTimeOfDay: OccupancyShare[] }> {
  const start = businessDayRange(from, rule).from.toISOString();
  const end = businessDayRange(to, rule).to.toISOString();
  const rows = await sql<{ hall: string; starts_at: string; seats: number; tickets: number }>`
    WITH s AS (
      SELECT s.id, s.hall_id, s.starts_at, (SELECT count(*) FROM seats st WHERE st.hall_id = s.hall_id AND st.active = 1) AS seats
      FROM sessions s JOIN halls h ON h.id = s.hall_id AND h.cinema_id = ${cinemaId}
      WHERE s.starts_at >= ${start} AND s.starts_at < ${end} AND s.status <> 'CANCELLED'
    ),
    t AS (SELECT t.session_id, count(*) AS tickets FROM s JOIN tickets t ON t.session_id = s.id AND t.status = 'SOLD' GROUP BY t.session_id)
    SELECT h.name AS hall, s.starts_at, s.seats, coalesce(t.tickets, 0) AS tickets
    FROM s JOIN halls h ON h.id = s.hall_id LEFT JOIN t ON t.session_id = s.id`.execute(db);
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: rule.timezone, hour: '2-digit', hourCycle: 'h23' });
  const dayStartHour = Number(rule.dayStart.slice(0, 2));
  const halls = new Map<string, { tickets: number; seats: number }>();
  const slots = TIMES_OF_DAY.map(() => ({ tickets: 0, seats: 0 }));
  for (const r of rows.rows) {
    const h = halls.get(r.hall) ?? { tickets: 0, seats: 0 };
    h.tickets += Number(r.tickets);
    h.seats += Number(r.seats);
    halls.set(r.hall, h);
    const hour = Number(hourOf.format(new Date(r.starts_at)));
    const dayHour = hour < dayStartHour ? hour + 24 : hour;
    const slot = slots[TIMES_OF_DAY.findIndex((t) => dayHour < t.until)]!;
    slot.tickets += Number(r.tickets);
    slot.seats += Number(r.seats);
  }
  return {
    byHall: [...halls].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([label, v]) => ({ label, ...v, occupancyBp: occ(v.tickets, v.seats) })),
    byTimeOfDay: TIMES_OF_DAY.map((t, i) => ({ label: t.label, hours: t.hours, ...slots[i]!, occupancyBp: occ(slots[i]!.tickets, slots[i]!.seats) })),
  };
}
