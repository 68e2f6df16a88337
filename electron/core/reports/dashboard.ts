import { sql, type Kysely } from 'kysely';
import { addBusinessDays, businessDateOf, businessDayRange } from '../../../shared/business-day';
import type { Dashboard, DashboardPeriod } from '../../../shared/contract/reports';
import type { DB } from '../db/tables';
import type { Clock } from '../clock';
import { occupancyBreakdown } from './occupancy';
import { popularityReport, revenueReport } from './report-queries';

/** The first business day of the reporting week containing `date` (rule 12: default Thursday). */
export function reportingWeekStart(date: string, weekStartDay: number): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addBusinessDays(date, -((weekday - weekStartDay + 7) % 7));
}

/** The manager's dashboard: today, this reporting week against the last, occupancy by hall and time of day — from the same queries as the reports. */
export async function loadDashboard(db: Kysely<DB>, clock: Clock, cinemaId: string): Promise<Dashboard> {
  const cinema = await db.selectFrom('cinemas').select(['timezone', 'business_day_start', 'week_start_day', 'currency']).where('id', '=', cinemaId).executeTakeFirstOrThrow();
  const rule = { timezone: cinema.timezone, dayStart: cinema.business_day_start };
  const today = businessDateOf(clock.now(), rule);
  const weekFrom = reportingWeekStart(today, cinema.week_start_day);
  const weekTo = addBusinessDays(weekFrom, 6);
  const scope = (from: string, to: string) => ({ cinemaId, from, to });
  const lastFrom = addBusinessDays(weekFrom, -7);
  const lastTo = addBusinessDays(weekFrom, -1);
  const [todayRevenue, weekRevenue, todayPop, weekPop, lastRevenue, lastPop, occupancy] = await Promise.all([
    revenueReport(db, scope(today, today)),
    revenueReport(db, scope(weekFrom, weekTo)),
    popularityReport(db, scope(today, today)),
    popularityReport(db, scope(weekFrom, weekTo)),
    revenueReport(db, scope(lastFrom, lastTo)),
    popularityReport(db, scope(lastFrom, lastTo)),
    occupancyBreakdown(db, cinemaId, weekFrom, weekTo, rule),
  ]);
  const period = (from: string, to: string, r: typeof todayRevenue, p: typeof todayPop): DashboardPeriod => ({
    from,
    to,
    revenue: r.totals.total,
    tickets: r.totals.tickets,
    orders: r.totals.orders,
    concessions: r.totals.concessions,
    occupancyBp: p.totals.occupancyBp,
    sessions: p.totals.sessions,
  });

  // Today's sales by the local hour of the sale: one bucket per hour of the business day.
  const dayFrom = businessDayRange(today, rule).from.getTime();
  const startHour = Number(cinema.business_day_start.slice(0, 2));
  const hours = Array.from({ length: 24 }, (_, i) => ({ hour: (startHour + i) % 24, f: new Date(dayFrom + i * 3_600_000).toISOString(), t: new Date(dayFrom + (i + 1) * 3_600_000).toISOString() }));
  const hourRows = await sql<{ hour: number; tickets: number; revenue: number }>`
    WITH hours(hour, f, t) AS (VALUES ${sql.join(hours.map((h) => sql`(${h.hour}, ${h.f}, ${h.t})`))}),
    o AS (SELECT hours.hour, o.id FROM hours JOIN orders o ON o.cinema_id = ${cinemaId} AND o.paid_at >= hours.f AND o.paid_at < hours.t AND o.status <> 'CANCELLED'),
    t AS (SELECT o.hour, count(*) AS tickets, sum(t.price - t.discount) AS revenue FROM o JOIN tickets t ON t.order_id = o.id AND t.status = 'SOLD' GROUP BY o.hour),
    c AS (SELECT o.hour, sum(l.total - l.refunded_quantity * l.unit_price) AS revenue FROM o JOIN order_concession_lines l ON l.order_id = o.id GROUP BY o.hour)
    SELECT hours.hour, coalesce(t.tickets, 0) AS tickets, coalesce(t.revenue, 0) + coalesce(c.revenue, 0) AS revenue
    FROM hours LEFT JOIN t ON t.hour = hours.hour LEFT JOIN c ON c.hour = hours.hour`.execute(db);
  // Opening hours only: from the first hour with a sale (or 10:00) to the last (or 23:00).
  const byHourAll = hourRows.rows.map((r) => ({ hour: Number(r.hour), tickets: Number(r.tickets), revenue: Number(r.revenue) }));
  const active = byHourAll.map((h, i) => (h.tickets > 0 || h.revenue > 0 ? i : -1)).filter((i) => i >= 0);
  const firstOpen = hours.findIndex((h) => h.hour === 10);
  const lastOpen = hours.findIndex((h) => h.hour === 23);
  const lo = Math.min(firstOpen < 0 ? 0 : firstOpen, ...active);
  const hi = Math.max(lastOpen < 0 ? 23 : lastOpen, ...active);

  return {
    currency: cinema.currency,
    businessDate: today,
    today: period(today, today, todayRevenue, todayPop),
    week: period(weekFrom, weekTo, weekRevenue, weekPop),
    topFilms: weekPop.films
      .filter((f) => f.tickets > 0)
      .slice(0, 5)
      .map((f) => ({ title: f.title, tickets: f.tickets, revenue: f.revenue })),
    byHour: byHourAll.slice(lo, hi + 1),
    byDay: weekRevenue.byDay.map((d) => ({ date: d.date, revenue: d.total, tickets: d.tickets })),
    lastWeekByDay: lastRevenue.byDay.map((d) => ({ date: d.date, revenue: d.total, tickets: d.tickets })),
    lastWeek: period(lastFrom, lastTo, lastRevenue, lastPop),
    occupancyByHall: occupancy.byHall,
    occupancyByTimeOfDay: occupancy.byTimeOfDay,
    refreshedAt: clock.now().toISOString(),
  };
}
