import type Database from 'better-sqlite3';

/** Test helpers: migration 0002's report sums as kept by the triggers, and as their definitions give them over the detail rows. */
type Row = Record<string, string | number>;
type Sums = { hours: Row[]; days: Row[]; payments: Row[] };

/** The three sums as the triggers keep them (rows of zeros are leftovers of take-backs: ignored). */
export function kept(sqlite: Database.Database): Sums {
  return {
    hours: sqlite.prepare('SELECT * FROM report_order_hours WHERE orders <> 0 OR concessions <> 0 OR tickets <> 0 OR gross <> 0 OR discount <> 0 ORDER BY 1, 2, 3').all() as Row[],
    days: sqlite.prepare('SELECT * FROM report_ticket_days WHERE tickets <> 0 OR gross <> 0 OR discount <> 0 ORDER BY 1, 2, 3, 4').all() as Row[],
    payments: sqlite.prepare('SELECT * FROM report_payment_hours WHERE payments <> 0 OR amount <> 0 ORDER BY 1, 2, 3, 4').all() as Row[],
  };
}

/** The same sums computed here from the detail rows, independently of the migration's SQL. */
export function expected(sqlite: Database.Database): Sums {
  return {
    hours: sqlite
      .prepare(
        `SELECT o.cinema_id, substr(o.paid_at, 1, 13) AS hour, o.cashier_id, count(*) AS orders,
           sum(coalesce(l.conc, 0)) AS concessions, sum(coalesce(t.n, 0)) AS tickets, sum(coalesce(t.gross, 0)) AS gross, sum(coalesce(t.discount, 0)) AS discount
         FROM orders o
         LEFT JOIN (SELECT order_id, sum(total - refunded_quantity * unit_price) AS conc FROM order_concession_lines GROUP BY order_id) l ON l.order_id = o.id
         LEFT JOIN (SELECT order_id, count(*) AS n, sum(price) AS gross, sum(discount) AS discount FROM tickets WHERE status = 'SOLD' GROUP BY order_id) t ON t.order_id = o.id
         WHERE o.status <> 'CANCELLED' AND o.paid_at IS NOT NULL
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all() as Row[],
    days: sqlite
      .prepare(
        `SELECT o.cinema_id, substr(o.paid_at, 1, 10) AS day, s.film_id, s.hall_id, count(*) AS tickets, sum(t.price) AS gross, sum(t.discount) AS discount
         FROM tickets t JOIN orders o ON o.id = t.order_id JOIN sessions s ON s.id = t.session_id
         WHERE t.status = 'SOLD' AND o.status <> 'CANCELLED' AND o.paid_at IS NOT NULL
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all() as Row[],
    payments: sqlite
      .prepare(
        `SELECT s.cinema_id, substr(p.created_at, 1, 13) AS hour, p.method, p.kind, count(*) AS payments, sum(p.amount) AS amount
         FROM payments p JOIN shifts s ON s.id = p.shift_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all() as Row[],
  };
}

