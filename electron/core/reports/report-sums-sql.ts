/*
 * The report sums' SQL (rule 15, issue 7) in one home for the code that runs after the migrations:
 * the tables, the triggers that keep them, the rebuild from the detail rows, and the upserts a bulk
 * loader adds its own sums with. Local migration 0002 created them from this very text; released
 * migrations are never edited, so report-sums-sql.test.ts checks the two stay equal.
 */

const ORDER_COUNTS = (o: string) => `${o}.status <> 'CANCELLED' AND ${o}.paid_at IS NOT NULL`;
const HOUR = (instant: string) => `substr(${instant}, 1, 13)`;

const HOURS_UPSERT = `ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, concessions = concessions + excluded.concessions,
    tickets = tickets + excluded.tickets, gross = gross + excluded.gross, discount = discount + excluded.discount`;
const DAYS_UPSERT = `ON CONFLICT DO UPDATE SET tickets = tickets + excluded.tickets, gross = gross + excluded.gross, discount = discount + excluded.discount`;
const PAYMENTS_UPSERT = `ON CONFLICT DO UPDATE SET payments = payments + excluded.payments, amount = amount + excluded.amount`;
const HOURS = 'report_order_hours (cinema_id, hour, cashier_id, orders, concessions, tickets, gross, discount)';
const DAYS = 'report_ticket_days (cinema_id, day, film_id, hall_id, tickets, gross, discount)';
const DAY = (instant: string) => `substr(${instant}, 1, 10)`;

/** One ticket row (NEW/OLD) added (+) or taken away (−), if it and its order count (by film and hall: if its session is here). */
const ticketShare = (t: 'NEW' | 'OLD', sign: '' | '-') => [
  `INSERT INTO ${HOURS}
  SELECT o.cinema_id, ${HOUR('o.paid_at')}, o.cashier_id, 0, 0, ${sign}1, ${sign}${t}.price, ${sign}${t}.discount
  FROM orders o WHERE o.id = ${t}.order_id AND ${t}.status = 'SOLD' AND ${ORDER_COUNTS('o')}
  ${HOURS_UPSERT};`,
  `INSERT INTO ${DAYS}
  SELECT o.cinema_id, ${DAY('o.paid_at')}, s.film_id, s.hall_id, ${sign}1, ${sign}${t}.price, ${sign}${t}.discount
  FROM orders o JOIN sessions s ON s.id = ${t}.session_id
  WHERE o.id = ${t}.order_id AND ${t}.status = 'SOLD' AND ${ORDER_COUNTS('o')}
  ${DAYS_UPSERT};`,
];

/** One order row (NEW/OLD) with its concession lines and tickets added or taken away, if it counts. */
const orderShare = (o: 'NEW' | 'OLD', sign: '' | '-') => [
  `INSERT INTO ${HOURS}
  SELECT ${o}.cinema_id, ${HOUR(`${o}.paid_at`)}, ${o}.cashier_id, ${sign}1,
    ${sign}coalesce((SELECT sum(l.total - l.refunded_quantity * l.unit_price) FROM order_concession_lines l WHERE l.order_id = ${o}.id), 0),
    ${sign}t.n, ${sign}t.gross, ${sign}t.discount
  FROM (SELECT count(*) AS n, coalesce(sum(price), 0) AS gross, coalesce(sum(discount), 0) AS discount FROM tickets WHERE order_id = ${o}.id AND status = 'SOLD') t
  WHERE ${ORDER_COUNTS(o)}
  ${HOURS_UPSERT};`,
  `INSERT INTO ${DAYS}
  SELECT ${o}.cinema_id, ${DAY(`${o}.paid_at`)}, s.film_id, s.hall_id, ${sign}count(*), ${sign}sum(t.price), ${sign}sum(t.discount)
  FROM tickets t JOIN sessions s ON s.id = t.session_id
  WHERE t.order_id = ${o}.id AND t.status = 'SOLD' AND ${ORDER_COUNTS(o)}
  GROUP BY s.film_id, s.hall_id
  ${DAYS_UPSERT};`,
];

/** The tickets of one session row, by its film and hall, added or taken away. */
const sessionShare = (s: 'NEW' | 'OLD', sign: '' | '-') => [
  `INSERT INTO ${DAYS}
  SELECT o.cinema_id, ${DAY('o.paid_at')}, ${s}.film_id, ${s}.hall_id, ${sign}count(*), ${sign}sum(t.price), ${sign}sum(t.discount)
  FROM tickets t JOIN orders o ON o.id = t.order_id
  WHERE t.session_id = ${s}.id AND t.status = 'SOLD' AND ${ORDER_COUNTS('o')}
  GROUP BY o.cinema_id, ${DAY('o.paid_at')}
  ${DAYS_UPSERT};`,
];

/** One concession line added or taken away, if its order counts. */
const lineShare = (l: 'NEW' | 'OLD', sign: '' | '-') => `INSERT INTO ${HOURS}
  SELECT o.cinema_id, ${HOUR('o.paid_at')}, o.cashier_id, 0, ${sign}(${l}.total - ${l}.refunded_quantity * ${l}.unit_price), 0, 0, 0
  FROM orders o WHERE o.id = ${l}.order_id AND ${ORDER_COUNTS('o')}
  ${HOURS_UPSERT};`;

/** One payment added or taken away, if its shift is here. */
const paymentShare = (p: 'NEW' | 'OLD', sign: '' | '-') => `INSERT INTO report_payment_hours (cinema_id, hour, method, kind, payments, amount)
  SELECT s.cinema_id, ${HOUR(`${p}.created_at`)}, ${p}.method, ${p}.kind, ${sign}1, ${sign}${p}.amount
  FROM shifts s WHERE s.id = ${p}.shift_id
  ${PAYMENTS_UPSERT};`;

/** All payments of one shift row added or taken away. */
const shiftPaymentsShare = (s: 'NEW' | 'OLD', sign: '' | '-') => `INSERT INTO report_payment_hours (cinema_id, hour, method, kind, payments, amount)
  SELECT ${s}.cinema_id, ${HOUR('p.created_at')}, p.method, p.kind, ${sign}count(*), ${sign}sum(p.amount)
  FROM payments p WHERE p.shift_id = ${s}.id
  GROUP BY ${HOUR('p.created_at')}, p.method, p.kind
  ${PAYMENTS_UPSERT};`;

const changed = (cols: readonly string[]) => cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const trigger = (name: string, event: string, table: string, when: string | null, body: (string | string[])[]) =>
  `CREATE TRIGGER ${name} AFTER ${event} ON ${table}${when ? `\nWHEN ${when}` : ''}\nBEGIN\n  ${body.flat().join('\n  ')}\nEND`;

const TICKET_COLS = ['order_id', 'session_id', 'status', 'price', 'discount'];
const ORDER_COLS = ['cinema_id', 'paid_at', 'status', 'cashier_id'];
const LINE_COLS = ['order_id', 'total', 'refunded_quantity', 'unit_price'];
const PAYMENT_COLS = ['shift_id', 'created_at', 'method', 'kind', 'amount'];

export const REPORT_SUM_TABLES = ['report_order_hours', 'report_ticket_days', 'report_payment_hours'] as const;

/** The three tables, as migration 0002 created them. */
export const REPORT_SUM_TABLE_DDL = [
  `CREATE TABLE report_order_hours (
  cinema_id TEXT NOT NULL,
  hour TEXT NOT NULL,
  cashier_id TEXT NOT NULL,
  orders INTEGER NOT NULL,
  concessions INTEGER NOT NULL,
  tickets INTEGER NOT NULL,
  gross INTEGER NOT NULL,
  discount INTEGER NOT NULL,
  PRIMARY KEY (cinema_id, hour, cashier_id)
) STRICT`,
  `CREATE TABLE report_ticket_days (
  cinema_id TEXT NOT NULL,
  day TEXT NOT NULL,
  film_id TEXT NOT NULL,
  hall_id TEXT NOT NULL,
  tickets INTEGER NOT NULL,
  gross INTEGER NOT NULL,
  discount INTEGER NOT NULL,
  PRIMARY KEY (cinema_id, day, film_id, hall_id)
) STRICT`,
  `CREATE TABLE report_payment_hours (
  cinema_id TEXT NOT NULL,
  hour TEXT NOT NULL,
  method TEXT NOT NULL,
  kind TEXT NOT NULL,
  payments INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  PRIMARY KEY (cinema_id, hour, method, kind)
) STRICT`,
];

/** The triggers, by name (also used by the history generator, which loads in bulk and rebuilds). */
export const REPORT_SUM_TRIGGERS = [
  trigger('tickets_report_insert', 'INSERT', 'tickets', `NEW.status = 'SOLD'`, [ticketShare('NEW', '')]),
  trigger('tickets_report_update', `UPDATE OF ${TICKET_COLS.join(', ')}`, 'tickets', `(OLD.status = 'SOLD' OR NEW.status = 'SOLD') AND (${changed(TICKET_COLS)})`, [
    ticketShare('OLD', '-'),
    ticketShare('NEW', ''),
  ]),
  trigger('tickets_report_delete', 'DELETE', 'tickets', `OLD.status = 'SOLD'`, [ticketShare('OLD', '-')]),

  trigger('orders_report_insert', 'INSERT', 'orders', ORDER_COUNTS('NEW'), [orderShare('NEW', '')]),
  trigger('orders_report_update', `UPDATE OF ${ORDER_COLS.join(', ')}`, 'orders', `(${ORDER_COUNTS('OLD')}) IS NOT (${ORDER_COUNTS('NEW')}) OR ((${ORDER_COUNTS('NEW')}) AND (${changed(['cinema_id', 'cashier_id'])} OR ${HOUR('OLD.paid_at')} IS NOT ${HOUR('NEW.paid_at')}))`, [
    orderShare('OLD', '-'),
    orderShare('NEW', ''),
  ]),
  trigger('orders_report_delete', 'DELETE', 'orders', ORDER_COUNTS('OLD'), [orderShare('OLD', '-')]),

  trigger('sessions_report_insert', 'INSERT', 'sessions', null, [sessionShare('NEW', '')]),
  trigger('sessions_report_update', 'UPDATE OF film_id, hall_id', 'sessions', changed(['film_id', 'hall_id']), [sessionShare('OLD', '-'), sessionShare('NEW', '')]),
  trigger('sessions_report_delete', 'DELETE', 'sessions', null, [sessionShare('OLD', '-')]),

  trigger('order_concession_lines_report_insert', 'INSERT', 'order_concession_lines', null, [lineShare('NEW', '')]),
  trigger('order_concession_lines_report_update', `UPDATE OF ${LINE_COLS.join(', ')}`, 'order_concession_lines', changed(LINE_COLS), [lineShare('OLD', '-'), lineShare('NEW', '')]),
  trigger('order_concession_lines_report_delete', 'DELETE', 'order_concession_lines', null, [lineShare('OLD', '-')]),

  trigger('payments_report_insert', 'INSERT', 'payments', null, [paymentShare('NEW', '')]),
  trigger('payments_report_update', `UPDATE OF ${PAYMENT_COLS.join(', ')}`, 'payments', changed(PAYMENT_COLS), [paymentShare('OLD', '-'), paymentShare('NEW', '')]),
  trigger('payments_report_delete', 'DELETE', 'payments', null, [paymentShare('OLD', '-')]),

  trigger('shifts_report_insert', 'INSERT', 'shifts', null, [shiftPaymentsShare('NEW', '')]),
  trigger('shifts_report_update', 'UPDATE OF cinema_id', 'shifts', changed(['cinema_id']), [shiftPaymentsShare('OLD', '-'), shiftPaymentsShare('NEW', '')]),
  trigger('shifts_report_delete', 'DELETE', 'shifts', null, [shiftPaymentsShare('OLD', '-')]),
];

export const REPORT_SUM_TRIGGER_NAMES = REPORT_SUM_TRIGGERS.map((t) => /^CREATE TRIGGER (\w+)/.exec(t)![1]!);

/**
 * Recomputes the sums of the UTC dates [fromDay, toDay) ('YYYY-MM-DD'; null: all of them) from the
 * detail rows: what the triggers would have added up. The migration fills the tables with it; a
 * bulk load that ran without the triggers calls it for the days it wrote.
 */
export function rebuildReportSumsStatements(range: { fromDay: string; toDay: string } | null): { sql: string; params: string[] }[] {
  // An instant or hour is in [fromDay, toDay) exactly when it sorts there as text
  // ('2026-03-01' ≤ '2026-03-01T14…' < '2026-03-02'): the indexes on the instants apply.
  const within = (col: string) => (range ? `${col} >= ? AND ${col} < ?` : '1');
  const p = range ? [range.fromDay, range.toDay] : [];
  return [
    { sql: `DELETE FROM report_order_hours WHERE ${within('hour')}`, params: p },
    { sql: `DELETE FROM report_ticket_days WHERE ${within('day')}`, params: p },
    { sql: `DELETE FROM report_payment_hours WHERE ${within('hour')}`, params: p },
    {
      sql: `INSERT INTO ${HOURS}
        SELECT o.cinema_id, ${HOUR('o.paid_at')}, o.cashier_id, count(*),
          coalesce(sum((SELECT sum(l.total - l.refunded_quantity * l.unit_price) FROM order_concession_lines l WHERE l.order_id = o.id)), 0),
          sum((SELECT count(*) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD')),
          sum((SELECT coalesce(sum(t.price), 0) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD')),
          sum((SELECT coalesce(sum(t.discount), 0) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD'))
        FROM orders o
        WHERE ${ORDER_COUNTS('o')} AND ${within('o.paid_at')}
        GROUP BY o.cinema_id, ${HOUR('o.paid_at')}, o.cashier_id`,
      params: p,
    },
    {
      sql: `INSERT INTO ${DAYS}
        SELECT o.cinema_id, ${DAY('o.paid_at')}, s.film_id, s.hall_id, count(*), sum(t.price), sum(t.discount)
        FROM orders o JOIN tickets t ON t.order_id = o.id AND t.status = 'SOLD' JOIN sessions s ON s.id = t.session_id
        WHERE ${ORDER_COUNTS('o')} AND ${within('o.paid_at')}
        GROUP BY o.cinema_id, ${DAY('o.paid_at')}, s.film_id, s.hall_id`,
      params: p,
    },
    {
      sql: `INSERT INTO report_payment_hours (cinema_id, hour, method, kind, payments, amount)
        SELECT s.cinema_id, ${HOUR('p.created_at')}, p.method, p.kind, count(*), sum(p.amount)
        FROM payments p JOIN shifts s ON s.id = p.shift_id
        WHERE ${within('p.created_at')}
        GROUP BY s.cinema_id, ${HOUR('p.created_at')}, p.method, p.kind`,
      params: p,
    },
  ];
}

/** Adds sums to a row of each table, or starts it (the bulk history generator's own sums). */
export const REPORT_SUM_UPSERTS = {
  hours: `INSERT INTO ${HOURS} VALUES (?, ?, ?, ?, ?, ?, ?, ?)\n    ${HOURS_UPSERT}`,
  days: `INSERT INTO ${DAYS} VALUES (?, ?, ?, ?, ?, ?, ?)\n    ${DAYS_UPSERT}`,
  payments: `INSERT INTO report_payment_hours (cinema_id, hour, method, kind, payments, amount) VALUES (?, ?, ?, ?, ?, ?)\n    ${PAYMENTS_UPSERT}`,
} as const;
