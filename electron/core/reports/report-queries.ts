import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { addBusinessDays, businessDateOf, businessDayRange, type BusinessDayRule } from '../../../shared/business-day';
import type {
  ConcessionReport,
  PopularityReport,
  ReportHeader,
  RevenueDay,
  RevenueLine,
  RevenueMethod,
  RevenueReport,
  ShiftsReport,
  ZReportLine,
} from '../../../shared/contract/reports';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/enums';
import type { DB } from '../db/tables';
import { DomainError } from '../errors';

/*
 * Rule 15's reports, aggregated in SQL (GROUP BY over indexed ranges), never row by row in JS.
 *
 * Definitions, the same on screen, in PDF and XLSX:
 * - A sale counts on the business day (rule 12) of its order's payment (`orders.paid_at`).
 * - Ticket revenue = Σ (price − discount) of tickets still SOLD (refunded and exchanged-away
 *   tickets are out); gross = Σ price, discounts = Σ discount of the same tickets.
 * - Concession revenue = Σ line total − refunded quantity × unit price.
 * - Payment methods: money in (PAYMENT) and out (REFUND) on the business day it moved.
 * - Popularity counts the sessions (not cancelled) whose business day is in the period, with
 *   occupancy = tickets / seats offered (active seats of the hall × sessions).
 */

type Db = Kysely<DB> | Transaction<DB>;

export interface ReportScope {
  cinemaId: string;
  from: string;
  to: string;
}

export interface CinemaInfo extends BusinessDayRule {
  name: string;
  currency: string;
}

export async function cinemaInfo(db: Db, cinemaId: string): Promise<CinemaInfo> {
  const c = await db.selectFrom('cinemas').select(['name', 'currency', 'timezone', 'business_day_start']).where('id', '=', cinemaId).executeTakeFirst();
  if (!c) throw new DomainError('NOT_FOUND', { key: 'refusals:reports.terminalNotSetUp' });
  return { name: c.name, currency: c.currency, timezone: c.timezone, dayStart: c.business_day_start };
}

/** The business days of [from, to] with their UTC bounds. */
export function businessDays(from: string, to: string, rule: BusinessDayRule): { date: string; from: string; to: string }[] {
  const days = [];
  for (let d = from; d <= to; d = addBusinessDays(d, 1)) {
    const r = businessDayRange(d, rule);
    days.push({ date: d, from: r.from.toISOString(), to: r.to.toISOString() });
  }
  return days;
}

/** `days(d, f, t)`: each business day with its UTC bounds, so SQL groups by rule 12's days across DST. */
function daysCte(days: { date: string; from: string; to: string }[]): RawBuilder<unknown> {
  return sql`days(d, f, t) AS (VALUES ${sql.join(days.map((d) => sql`(${d.date}, ${d.from}, ${d.to})`))})`;
}

function header(info: CinemaInfo, scope: ReportScope): ReportHeader {
  return { cinema: { name: info.name, currency: info.currency, timezone: info.timezone }, from: scope.from, to: scope.to };
}

const n = (v: unknown) => Number(v ?? 0);

const HOUR_MS = 3_600_000;
const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/** A UTC range as whole hours ('YYYY-MM-DDTHH', end excluded) plus the minutes at its edges, if any. */
export interface HourSplit {
  hours: { from: string; to: string } | null;
  edges: { from: string; to: string }[];
}

/**
 * Splits [from, to) into the whole UTC hours inside it — read from the hourly sums of migration
 * 0002 — and the minutes left at either edge, read from the detail rows. A business day starts on
 * a whole UTC hour in nearly every time zone, so the edges are normally empty.
 */
export function splitHours(from: string, to: string): HourSplit {
  const f = Date.parse(from);
  const t = Date.parse(to);
  const hf = Math.ceil(f / HOUR_MS) * HOUR_MS;
  const ht = Math.floor(t / HOUR_MS) * HOUR_MS;
  if (hf >= ht) return { hours: null, edges: f < t ? [{ from, to }] : [] };
  const edges: { from: string; to: string }[] = [];
  if (f < hf) edges.push({ from, to: new Date(hf).toISOString() });
  if (ht < t) edges.push({ from: new Date(ht).toISOString(), to });
  return { hours: { from: hourOf(hf), to: hourOf(ht) }, edges };
}

/** `edges(d, f, t)`: detail ranges, each with the business day it belongs to. */
function edgesCte(edges: { d: string; from: string; to: string }[]): RawBuilder<unknown> {
  return sql`edges(d, f, t) AS (VALUES ${sql.join(edges.map((e) => sql`(${e.d}, ${e.from}, ${e.to})`))})`;
}

/**
 * Lets the event loop turn between the steps of an on-screen report (better-sqlite3 runs each query
 * synchronously): the main thread is held for the longest step, not the whole report.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function revenueReport(db: Db, scope: ReportScope, progress: (p: number) => void = () => undefined): Promise<RevenueReport> {
  const info = await cinemaInfo(db, scope.cinemaId);
  const days = businessDays(scope.from, scope.to, info);
  const cinemaId = scope.cinemaId;
  const start = days[0]!.from;
  const end = days[days.length - 1]!.to;

  // By day and cashier: each business day = its whole UTC hours from the hourly sums (migration
  // 0002) plus the minutes at its edges — only in time zones or day starts off the whole hour —
  // from the detail rows, with the same definitions. The hour of a row says its day.
  const hourDay = new Map<string, string>();
  const edges: { d: string; from: string; to: string }[] = [];
  for (const day of days) {
    const split = splitHours(day.from, day.to);
    if (split.hours) for (let h = Date.parse(`${split.hours.from}:00:00.000Z`), last = Date.parse(`${split.hours.to}:00:00.000Z`); h < last; h += HOUR_MS) hourDay.set(hourOf(h), day.date);
    for (const e of split.edges) edges.push({ d: day.date, ...e });
  }
  const firstHour = hourOf(Date.parse(start) - HOUR_MS);
  const lastHour = hourOf(Date.parse(end) + HOUR_MS);

  type HourRow = { hour: string | null; d: string | null; cashier_id: string; orders: number; conc: number; n: number; gross: number; disc: number };
  type LineRow = { film_id: string; hall_id: string; n: number; gross: number; disc: number };
  type MethodRow = { hour: string | null; method: PaymentMethod; kind: string; amount: number; cnt: number };
  const hourRows = (
    await sql<HourRow>`SELECT hour, NULL AS d, cashier_id, orders, concessions AS conc, tickets AS n, gross, discount AS disc FROM report_order_hours
      WHERE cinema_id = ${cinemaId} AND hour >= ${firstHour} AND hour <= ${lastHour}`.execute(db)
  ).rows;
  await breathe();
  // Payments over the period: added up in SQL when the days' hours are one unbroken range (the
  // usual case), else hour by hour (only the hours inside a day count; the rest are edges).
  const hourList = [...hourDay.keys()];
  const contiguous = edges.length === 0 && hourList.length > 0;
  const methodRows = contiguous
    ? (
        await sql<MethodRow>`SELECT NULL AS hour, method, kind, sum(amount) AS amount, sum(payments) AS cnt FROM report_payment_hours
          WHERE cinema_id = ${cinemaId} AND hour >= ${hourList[0]!} AND hour <= ${hourList[hourList.length - 1]!} GROUP BY method, kind`.execute(db)
      ).rows
    : (
        await sql<MethodRow>`SELECT hour, method, kind, amount, payments AS cnt FROM report_payment_hours
          WHERE cinema_id = ${cinemaId} AND hour >= ${firstHour} AND hour <= ${lastHour}`.execute(db)
      ).rows;
  if (edges.length > 0) {
    hourRows.push(
      ...(
        await sql<HourRow>`WITH ${edgesCte(edges)}
          SELECT NULL AS hour, edges.d, o.cashier_id, count(*) AS orders,
            sum((SELECT coalesce(sum(l.total - l.refunded_quantity * l.unit_price), 0) FROM order_concession_lines l WHERE l.order_id = o.id)) AS conc,
            sum((SELECT count(*) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD')) AS n,
            sum((SELECT coalesce(sum(t.price), 0) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD')) AS gross,
            sum((SELECT coalesce(sum(t.discount), 0) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD')) AS disc
          FROM edges JOIN orders o ON o.cinema_id = ${cinemaId} AND o.paid_at >= edges.f AND o.paid_at < edges.t AND o.status <> 'CANCELLED'
          GROUP BY edges.d, o.cashier_id`.execute(db)
      ).rows,
    );
    for (const edge of edges) {
      methodRows.push(
        ...(
          await sql<MethodRow>`SELECT NULL AS hour, p.method, p.kind, sum(p.amount) AS amount, count(*) AS cnt
            FROM payments p CROSS JOIN shifts s
            WHERE s.id = p.shift_id AND s.cinema_id = ${cinemaId} AND p.created_at >= ${edge.from} AND p.created_at < ${edge.to}
            GROUP BY p.method, p.kind`.execute(db)
        ).rows,
      );
    }
  }
  progress(40);
  await breathe();

  // By film and hall over the whole period: whole UTC dates from the daily sums, the rest of the
  // first and last date from the detail rows (a day's tickets at most).
  const DAY_MS = 24 * HOUR_MS;
  const fromDay = Math.ceil(Date.parse(start) / DAY_MS) * DAY_MS;
  const toDay = Math.floor(Date.parse(end) / DAY_MS) * DAY_MS;
  const detailRanges = fromDay < toDay ? [{ from: start, to: new Date(fromDay).toISOString() }, { from: new Date(toDay).toISOString(), to: end }].filter((r) => r.from < r.to) : [{ from: start, to: end }];
  const lineRows: LineRow[] = [];
  if (fromDay < toDay) {
    lineRows.push(
      ...(
        await sql<LineRow>`SELECT film_id, hall_id, sum(tickets) AS n, sum(gross) AS gross, sum(discount) AS disc FROM report_ticket_days
          WHERE cinema_id = ${cinemaId} AND day >= ${new Date(fromDay).toISOString().slice(0, 10)} AND day < ${new Date(toDay).toISOString().slice(0, 10)}
          GROUP BY film_id, hall_id`.execute(db)
      ).rows,
    );
  }
  for (const r of detailRanges) {
    lineRows.push(
      ...(
        await sql<LineRow>`SELECT s.film_id, s.hall_id, count(*) AS n, sum(t.price) AS gross, sum(t.discount) AS disc
          FROM orders o JOIN tickets t ON t.order_id = o.id AND t.status = 'SOLD' JOIN sessions s ON s.id = t.session_id
          WHERE o.cinema_id = ${cinemaId} AND o.paid_at >= ${r.from} AND o.paid_at < ${r.to} AND o.status <> 'CANCELLED'
          GROUP BY s.film_id, s.hall_id`.execute(db)
      ).rows,
    );
  }
  progress(60);
  await breathe();

  const dayMap = new Map<string, RevenueDay>(
    days.map((d) => [d.date, { date: d.date, orders: 0, tickets: 0, ticketGross: 0, ticketDiscounts: 0, ticketNet: 0, concessions: 0, total: 0 }]),
  );
  const film = new Map<string, RevenueLine>();
  const hall = new Map<string, RevenueLine>();
  const cashier = new Map<string, RevenueLine>();
  const line = (m: Map<string, RevenueLine>, key: string) => {
    let l = m.get(key);
    if (!l) m.set(key, (l = { key, label: '', tickets: 0, ticketNet: 0, concessions: 0, total: 0 }));
    return l;
  };
  for (const r of hourRows) {
    const day = dayMap.get(r.d ?? hourDay.get(r.hour!) ?? '');
    if (!day) continue;
    day.orders += n(r.orders);
    day.concessions += n(r.conc);
    day.tickets += n(r.n);
    day.ticketGross += n(r.gross);
    day.ticketDiscounts += n(r.disc);
    const l = line(cashier, r.cashier_id);
    l.tickets += n(r.n);
    l.ticketNet += n(r.gross) - n(r.disc);
    l.concessions += n(r.conc);
    l.total += n(r.gross) - n(r.disc) + n(r.conc);
  }
  for (const r of lineRows) {
    for (const l of [line(film, r.film_id), line(hall, r.hall_id)]) {
      l.tickets += n(r.n);
      l.ticketNet += n(r.gross) - n(r.disc);
      l.total += n(r.gross) - n(r.disc);
    }
  }
  const payments = new Map<string, { amount: number; cnt: number }>();
  for (const r of methodRows) {
    if (r.hour !== null && !hourDay.has(r.hour)) continue;
    const key = `${r.method} ${r.kind}`;
    const m = payments.get(key) ?? { amount: 0, cnt: 0 };
    m.amount += n(r.amount);
    m.cnt += n(r.cnt);
    payments.set(key, m);
  }
  progress(75);

  // What the films, halls and cashiers are called (a few hundred rows at most).
  const labels = async (table: 'films' | 'halls' | 'users', column: 'title' | 'name' | 'display_name', m: Map<string, RevenueLine>, unknown: string) => {
    if (m.size === 0) return;
    const rows = await sql<{ id: string; label: string }>`SELECT x.id, x.${sql.ref(column)} AS label FROM json_each(${JSON.stringify([...m.keys()])}) j JOIN ${sql.table(table)} x ON x.id = j.value`.execute(db);
    const byId = new Map(rows.rows.map((r) => [r.id, r.label]));
    for (const l of m.values()) l.label = byId.get(l.key) ?? unknown;
  };
  await labels('films', 'title', film, 'Unknown film');
  await labels('halls', 'name', hall, 'Unknown hall');
  await labels('users', 'display_name', cashier, 'Unknown');

  const byDay = [...dayMap.values()].map((d) => ({ ...d, ticketNet: d.ticketGross - d.ticketDiscounts, total: d.ticketGross - d.ticketDiscounts + d.concessions }));
  const sorted = (m: Map<string, RevenueLine>, by: (l: RevenueLine) => number) => [...m.values()].filter((l) => l.tickets > 0 || l.total !== 0).sort((a, b) => by(b) - by(a) || a.label.localeCompare(b.label));
  const byFilm = sorted(film, (l) => l.ticketNet);
  const byHall = sorted(hall, (l) => l.ticketNet);
  const byCashier = sorted(cashier, (l) => l.total);
  const byMethod: RevenueMethod[] = PAYMENT_METHODS.map((method) => {
    const paid = payments.get(`${method} PAYMENT`);
    const back = payments.get(`${method} REFUND`);
    return { method, payments: paid?.amount ?? 0, refunds: back?.amount ?? 0, net: (paid?.amount ?? 0) - (back?.amount ?? 0), count: paid?.cnt ?? 0 };
  });
  progress(95);
  const sum = (f: (d: RevenueDay) => number) => byDay.reduce((s, d) => s + f(d), 0);
  return {
    ...header(info, scope),
    byDay,
    byFilm,
    byHall,
    byCashier,
    byMethod,
    totals: {
      orders: sum((d) => d.orders),
      tickets: sum((d) => d.tickets),
      ticketGross: sum((d) => d.ticketGross),
      ticketDiscounts: sum((d) => d.ticketDiscounts),
      ticketNet: sum((d) => d.ticketNet),
      concessions: sum((d) => d.concessions),
      total: sum((d) => d.total),
    },
  };
}

export async function popularityReport(db: Db, scope: ReportScope): Promise<PopularityReport> {
  const info = await cinemaInfo(db, scope.cinemaId);
  const start = businessDayRange(scope.from, info).from.toISOString();
  const end = businessDayRange(scope.to, info).to.toISOString();
  const rows = await sql<{ film_id: string; title: string; sessions: number; seats: number; tickets: number; revenue: number }>`
    WITH s AS (
      SELECT s.id, s.film_id, (SELECT count(*) FROM seats st WHERE st.hall_id = s.hall_id AND st.active = 1) AS seats
      FROM sessions s JOIN halls h ON h.id = s.hall_id AND h.cinema_id = ${scope.cinemaId}
      WHERE s.starts_at >= ${start} AND s.starts_at < ${end} AND s.status <> 'CANCELLED'
    ),
    t AS (SELECT t.session_id, count(*) AS tickets, sum(t.price - t.discount) AS revenue FROM s JOIN tickets t ON t.session_id = s.id AND t.status = 'SOLD' GROUP BY t.session_id)
    SELECT s.film_id, f.title, count(*) AS sessions, sum(s.seats) AS seats, coalesce(sum(t.tickets), 0) AS tickets, coalesce(sum(t.revenue), 0) AS revenue
    FROM s JOIN films f ON f.id = s.film_id LEFT JOIN t ON t.session_id = s.id
    GROUP BY s.film_id, f.title ORDER BY tickets DESC, f.title`.execute(db);
  const occ = (tickets: number, seats: number) => (seats > 0 ? Math.round((tickets * 10_000) / seats) : 0);
  const films = rows.rows.map((r) => ({
    filmId: r.film_id,
    title: r.title,
    sessions: n(r.sessions),
    seats: n(r.seats),
    tickets: n(r.tickets),
    occupancyBp: occ(n(r.tickets), n(r.seats)),
    revenue: n(r.revenue),
    revenuePerSession: n(r.sessions) > 0 ? Math.round(n(r.revenue) / n(r.sessions)) : 0,
  }));
  const t = films.reduce((a, f) => ({ sessions: a.sessions + f.sessions, seats: a.seats + f.seats, tickets: a.tickets + f.tickets, revenue: a.revenue + f.revenue }), {
    sessions: 0,
    seats: 0,
    tickets: 0,
    revenue: 0,
  });
  return { ...header(info, scope), films, totals: { ...t, occupancyBp: occ(t.tickets, t.seats), revenuePerSession: t.sessions > 0 ? Math.round(t.revenue / t.sessions) : 0 } };
}

export async function concessionReport(db: Db, scope: ReportScope): Promise<ConcessionReport> {
  const info = await cinemaInfo(db, scope.cinemaId);
  const days = businessDays(scope.from, scope.to, info);
  const start = days[0]!.from;
  const end = days[days.length - 1]!.to;
  const items = await sql<{ item_id: string; name: string; category: string; qty: number; revenue: number }>`
    SELECT i.id AS item_id, i.name, i.category, sum(l.quantity - l.refunded_quantity) AS qty, sum(l.total - l.refunded_quantity * l.unit_price) AS revenue
    FROM orders o JOIN order_concession_lines l ON l.order_id = o.id JOIN concession_items i ON i.id = l.item_id
    WHERE o.cinema_id = ${scope.cinemaId} AND o.paid_at >= ${start} AND o.paid_at < ${end} AND o.status <> 'CANCELLED'
    GROUP BY i.id, i.name, i.category ORDER BY revenue DESC, i.name`.execute(db);
  const dayRows = await sql<{ d: string; qty: number; revenue: number }>`
    WITH ${daysCte(days)}
    SELECT days.d, coalesce(sum(l.quantity - l.refunded_quantity), 0) AS qty, coalesce(sum(l.total - l.refunded_quantity * l.unit_price), 0) AS revenue
    FROM days LEFT JOIN orders o ON o.cinema_id = ${scope.cinemaId} AND o.paid_at >= days.f AND o.paid_at < days.t AND o.status <> 'CANCELLED'
    LEFT JOIN order_concession_lines l ON l.order_id = o.id
    GROUP BY days.d ORDER BY days.d`.execute(db);
  const byItem = items.rows.map((r) => ({ itemId: r.item_id, name: r.name, category: r.category, quantity: n(r.qty), revenue: n(r.revenue) }));
  const byDay = dayRows.rows.map((r) => ({ date: r.d, quantity: n(r.qty), revenue: n(r.revenue) }));
  return { ...header(info, scope), byItem, byDay, totals: { quantity: byItem.reduce((s, i) => s + i.quantity, 0), revenue: byItem.reduce((s, i) => s + i.revenue, 0) } };
}

export async function shiftsReport(db: Db, scope: ReportScope): Promise<ShiftsReport> {
  const info = await cinemaInfo(db, scope.cinemaId);
  // The period's shifts first (CROSS JOIN keeps that order): their orders, payments and tickets by
  // index. Joining the days inside each sum scanned every order of the file once per day of the period.
  const start = businessDayRange(scope.from, info).from.toISOString();
  const end = businessDayRange(scope.to, info).to.toISOString();
  const rows = await sql<{
    id: string;
    d: string;
    cashier: string;
    opened_at: string;
    closed_at: string | null;
    opening_float: number;
    expected_cash: number | null;
    counted_cash: number | null;
    difference: number | null;
    orders: number;
    tickets: number;
    cash: number;
    card: number;
    bonus: number;
    refunds: number;
    cash_out: number;
  }>`
    WITH s AS MATERIALIZED (SELECT s.* FROM shifts s WHERE s.cinema_id = ${scope.cinemaId} AND s.opened_at >= ${start} AND s.opened_at < ${end}),
    p AS (SELECT p.shift_id,
            sum(CASE WHEN p.kind = 'PAYMENT' AND p.method = 'CASH' THEN p.amount ELSE 0 END) AS cash,
            sum(CASE WHEN p.kind = 'PAYMENT' AND p.method = 'CARD' THEN p.amount ELSE 0 END) AS card,
            sum(CASE WHEN p.kind = 'PAYMENT' AND p.method = 'BONUS' THEN p.amount ELSE 0 END) AS bonus,
            sum(CASE WHEN p.kind = 'REFUND' THEN p.amount ELSE 0 END) AS refunds,
            sum(CASE WHEN p.kind = 'REFUND' AND p.method = 'CASH' THEN p.amount ELSE 0 END) AS cash_out
          FROM s CROSS JOIN payments p ON p.shift_id = s.id GROUP BY p.shift_id),
    o AS (SELECT o.shift_id, count(*) AS orders FROM s CROSS JOIN orders o ON o.shift_id = s.id AND o.status <> 'CANCELLED' GROUP BY o.shift_id),
    t AS (SELECT o.shift_id, count(*) AS tickets FROM s CROSS JOIN orders o ON o.shift_id = s.id CROSS JOIN tickets t ON t.order_id = o.id AND t.status = 'SOLD' GROUP BY o.shift_id)
    SELECT s.id, s.opened_at AS d, u.display_name AS cashier, s.opened_at, s.closed_at, s.opening_float, s.expected_cash, s.counted_cash, s.difference,
      coalesce(o.orders, 0) AS orders, coalesce(t.tickets, 0) AS tickets, coalesce(p.cash, 0) AS cash, coalesce(p.card, 0) AS card,
      coalesce(p.bonus, 0) AS bonus, coalesce(p.refunds, 0) AS refunds, coalesce(p.cash_out, 0) AS cash_out
    FROM s JOIN users u ON u.id = s.cashier_id LEFT JOIN p ON p.shift_id = s.id LEFT JOIN o ON o.shift_id = s.id LEFT JOIN t ON t.shift_id = s.id
    ORDER BY s.opened_at`.execute(db);
  const shifts: ZReportLine[] = rows.rows.map((r) => ({
    shiftId: r.id,
    date: businessDateOf(r.opened_at, info),
    cashier: r.cashier,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    orders: n(r.orders),
    tickets: n(r.tickets),
    cash: n(r.cash),
    card: n(r.card),
    bonus: n(r.bonus),
    refunds: n(r.refunds),
    openingFloat: n(r.opening_float),
    // Rule 14: expected = float + cash in − cash out (a closed shift keeps what it recorded).
    expectedCash: r.expected_cash ?? n(r.opening_float) + n(r.cash) - n(r.cash_out),
    countedCash: r.counted_cash,
    difference: r.difference,
  }));
  const sum = (f: (z: ZReportLine) => number) => shifts.reduce((s, z) => s + f(z), 0);
  return {
    ...header(info, scope),
    shifts,
    totals: {
      orders: sum((z) => z.orders),
      tickets: sum((z) => z.tickets),
      cash: sum((z) => z.cash),
      card: sum((z) => z.card),
      bonus: sum((z) => z.bonus),
      refunds: sum((z) => z.refunds),
      openingFloat: sum((z) => z.openingFloat),
      expectedCash: sum((z) => z.expectedCash),
      countedCash: sum((z) => z.countedCash ?? 0),
      difference: sum((z) => z.difference ?? 0),
    },
  };
}
