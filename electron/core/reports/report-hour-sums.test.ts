import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { businessDateOf } from '../../../shared/business-day';
import { formatHlc } from '../sync/hlc';
import { splitHours } from './report-queries';
import { expected, kept } from './testing/report-sums';

/*
 * Migration 0002's hourly sums must always equal what their definitions give over the detail
 * rows — after sales, refunds and exchanges through the dispatcher, and after rows written the way
 * a sync pull writes them (upserts with the outbox's apply flag on, children before parents,
 * updates, deletes).
 */

type Row = Record<string, string | number>;

describe('hourly report sums (migration 0002)', () => {
  let f: CounterFixture;
  let sqlite: Database.Database;

  beforeAll(async () => {
    f = await startCounter();
    sqlite = new Database(f.t.core.databaseFile);
    sqlite.pragma('busy_timeout = 5000');
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
  }, 60_000);
  afterAll(async () => {
    sqlite.close();
    await f.close();
  });

  const sell = async (row: string, numbers: number[], drinks = 0) => {
    const s = await f.session('Hall 1');
    const seats = await Promise.all(numbers.map((n) => f.seat(s.id, row, n)));
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: seats }, f.cashier);
    const water = await f.item('Still water 0.5 l');
    const input = { sessionId: s.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'ADULT' as const })), concessions: drinks ? [{ itemId: water.id, quantity: drinks }] : [] };
    const quote = await f.t.call('orders.quote', input, f.cashier);
    const sale = await f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay }] }, f.cashier);
    return { sale, session: s };
  };

  it('start out equal to the demo data (the migration filled them)', () => {
    expect(kept(sqlite)).toEqual(expected(sqlite));
  });

  it('follow sales, a whole refund, a partial refund and an exchange through the dispatcher', async () => {
    const a = await sell('C', [3, 4, 5], 2);
    const b = await sell('D', [3, 4]);
    const c = await sell('E', [3, 4], 1);
    expect(kept(sqlite).days.reduce((s, r) => s + Number(r.tickets), 0)).toBeGreaterThanOrEqual(7);
    expect(kept(sqlite)).toEqual(expected(sqlite));

    await f.t.call('orders.refund', { orderId: b.sale.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND' }, f.cashier);
    expect(kept(sqlite)).toEqual(expected(sqlite));

    const lineId = (sqlite.prepare('SELECT id FROM order_concession_lines WHERE order_id = ?').get(a.sale.orderId) as { id: string }).id;
    await f.t.call('orders.refund', { orderId: a.sale.orderId, reason: 'CUSTOMER_CHANGED_MIND', ticketIds: [a.sale.tickets[0]!.id], concessions: [{ lineId, quantity: 1 }], managerPin: '2468' }, f.cashier);
    expect(kept(sqlite)).toEqual(expected(sqlite));

    const seatId = await f.seat(c.session.id, 'E', 9);
    await f.t.call('orders.exchange', { ticketId: c.sale.tickets[0]!.id, sessionId: c.session.id, seatId }, f.cashier);
    expect(kept(sqlite)).toEqual(expected(sqlite));
  });

  it('follow rows written as a sync pull writes them: apply flag on, child before parent, upserts, deletes', () => {
    const origin = 'terminal-elsewhere';
    const at = '2026-11-20T18:42:10.000Z';
    const hlc = (n: number) => formatHlc({ wall: Date.parse(at) + n, counter: 0, node: origin });
    const ref = sqlite.prepare(`SELECT o.cinema_id, o.cashier_id, o.shift_id, o.terminal_id, t.session_id, t.seat_id FROM orders o JOIN tickets t ON t.order_id = o.id LIMIT 1`).get() as Row;
    const seats = sqlite.prepare(`SELECT s.id FROM seats s JOIN sessions x ON x.hall_id = s.hall_id WHERE x.id = ? AND s.id NOT IN (SELECT seat_id FROM tickets WHERE session_id = x.id) LIMIT 2`).all(ref.session_id) as { id: string }[];
    const upsert = (table: string, row: Row) => {
      const cols = Object.keys(row);
      sqlite
        .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')}) ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')} WHERE excluded.updated_at > ${table}.updated_at`)
        .run(row);
    };
    const stamp = (n: number) => ({ created_at: at, updated_at: hlc(n), origin });
    const order = (n: number, status: string) => ({
      id: 'pulled-order-1', number: 'X-000001', cinema_id: ref.cinema_id!, terminal_id: ref.terminal_id!, cashier_id: ref.cashier_id!, shift_id: 'pulled-shift-1',
      subtotal: 2600, discount: 0, total: 2600, status, paid_at: at, ...stamp(n),
    });
    const ticket = (id: string, seat: string, n: number, status = 'SOLD') => ({
      id, session_id: ref.session_id!, seat_id: seat, order_id: 'pulled-order-1', ticket_type: 'ADULT', price: 1100, discount: 0, status, qr_payload: `Q:${id}`,
      sold_by: ref.cashier_id!, terminal_id: ref.terminal_id!, sold_at: at, ...stamp(n),
    });

    sqlite.pragma('foreign_keys = OFF'); // a pull may meet a child before its parent
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE sync_apply_flag SET applying = 1 WHERE id = 1').run();
      upsert('tickets', ticket('pulled-ticket-1', seats[0]!.id, 1));
      upsert('payments', { id: 'pulled-payment-1', order_id: 'pulled-order-1', shift_id: 'pulled-shift-1', method: 'CARD', kind: 'PAYMENT', amount: 2600, card_approval_code: 'P1', card_last4: '0001', ...stamp(1) });
      upsert('order_concession_lines', { id: 'pulled-line-1', order_id: 'pulled-order-1', item_id: (sqlite.prepare('SELECT id FROM concession_items LIMIT 1').get() as { id: string }).id, quantity: 1, unit_price: 400, total: 400, vat_bp: 1900, ...stamp(1) });
      upsert('orders', order(1, 'PAID'));
      upsert('shifts', { id: 'pulled-shift-1', cinema_id: ref.cinema_id!, terminal_id: ref.terminal_id!, cashier_id: ref.cashier_id!, opened_at: at, opening_float: 0, closed_at: at, counted_cash: 0, expected_cash: 0, difference: 0, status: 'CLOSED', ...stamp(1) });
      upsert('tickets', ticket('pulled-ticket-2', seats[1]!.id, 2));
      sqlite.prepare('UPDATE sync_apply_flag SET applying = 0 WHERE id = 1').run();
    })();
    sqlite.pragma('foreign_keys = ON');
    expect(kept(sqlite)).toEqual(expected(sqlite));
    expect(sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE row_id LIKE 'pulled-%'`).get()).toEqual({ n: 0 });

    // A newer version of a ticket (refunded elsewhere), a stale one (ignored), a moved payment hour, a delete.
    upsert('tickets', ticket('pulled-ticket-1', seats[0]!.id, 5, 'REFUNDED'));
    upsert('tickets', ticket('pulled-ticket-2', seats[1]!.id, 1, 'REFUNDED'));
    upsert('payments', { id: 'pulled-payment-1', order_id: 'pulled-order-1', shift_id: 'pulled-shift-1', method: 'CARD', kind: 'PAYMENT', amount: 2600, card_approval_code: 'P1', card_last4: '0001', ...stamp(6), created_at: '2026-11-20T19:01:00.000Z' });
    expect(kept(sqlite)).toEqual(expected(sqlite));
    upsert('orders', order(7, 'CANCELLED'));
    expect(kept(sqlite)).toEqual(expected(sqlite));
    upsert('orders', { ...order(8, 'PAID'), paid_at: '2026-11-21T09:15:00.000Z' });
    expect(kept(sqlite)).toEqual(expected(sqlite));
    // The session shown as another film (a correction pulled from elsewhere), then back.
    const films = sqlite.prepare('SELECT id FROM films ORDER BY id LIMIT 2').pluck().all() as string[];
    const filmOf = (sqlite.prepare('SELECT film_id FROM sessions WHERE id = ?').pluck().get(ref.session_id) as string);
    sqlite.prepare('UPDATE sessions SET film_id = ? WHERE id = ?').run(films.find((x) => x !== filmOf), ref.session_id);
    expect(kept(sqlite)).toEqual(expected(sqlite));
    sqlite.prepare('UPDATE sessions SET film_id = ? WHERE id = ?').run(filmOf, ref.session_id);
    expect(kept(sqlite)).toEqual(expected(sqlite));
    sqlite.prepare(`DELETE FROM payments WHERE id = 'pulled-payment-1'`).run();
    sqlite.prepare(`DELETE FROM order_concession_lines WHERE id = 'pulled-line-1'`).run();
    sqlite.prepare(`DELETE FROM tickets WHERE id LIKE 'pulled-ticket-%'`).run();
    sqlite.prepare(`DELETE FROM orders WHERE id = 'pulled-order-1'`).run();
    expect(kept(sqlite)).toEqual(expected(sqlite));
  });

  it('add up business days that start off the whole hour (Kathmandu, +05:45) from the sums and the detail at their edges', async () => {
    const manager = await f.t.signIn('MANAGER');
    const cinemaId = f.t.core.terminal().cinemaId!;
    const before = sqlite.prepare('SELECT timezone, business_day_start FROM cinemas WHERE id = ?').get(cinemaId) as { timezone: string; business_day_start: string };
    sqlite.prepare(`UPDATE cinemas SET timezone = 'Asia/Kathmandu', business_day_start = '06:10' WHERE id = ?`).run(cinemaId);
    try {
      const rule = { timezone: 'Asia/Kathmandu', dayStart: '06:10' };
      const orders = sqlite
        .prepare(
          `SELECT o.paid_at, (SELECT count(*) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD') AS tickets,
             (SELECT coalesce(sum(price - discount), 0) FROM tickets t WHERE t.order_id = o.id AND t.status = 'SOLD') AS net
           FROM orders o WHERE o.cinema_id = ? AND o.status <> 'CANCELLED' AND o.paid_at IS NOT NULL`,
        )
        .all(cinemaId) as { paid_at: string; tickets: number; net: number }[];
      const dates = orders.map((o) => businessDateOf(o.paid_at, rule)).sort();
      const from = dates[0]!;
      const to = dates[dates.length - 1]!;
      const report = await f.t.call('reports.revenue', { from, to }, manager);
      const want = new Map<string, { orders: number; tickets: number; net: number }>();
      for (const o of orders) {
        const d = businessDateOf(o.paid_at, rule);
        const w = want.get(d) ?? { orders: 0, tickets: 0, net: 0 };
        w.orders++;
        w.tickets += o.tickets;
        w.net += o.net;
        want.set(d, w);
      }
      for (const day of report.byDay) expect({ orders: day.orders, tickets: day.tickets, net: day.ticketNet }, day.date).toEqual(want.get(day.date) ?? { orders: 0, tickets: 0, net: 0 });
      expect(report.totals.tickets).toBe(orders.reduce((s, o) => s + o.tickets, 0));
      expect(report.byFilm.reduce((s, l) => s + l.tickets, 0)).toBe(report.totals.tickets);
    } finally {
      sqlite.prepare('UPDATE cinemas SET timezone = ?, business_day_start = ? WHERE id = ?').run(before.timezone, before.business_day_start, cinemaId);
    }
  });

  it('split a range into whole UTC hours and the minutes at its edges', () => {
    expect(splitHours('2026-03-01T05:00:00.000Z', '2026-03-02T05:00:00.000Z')).toEqual({ hours: { from: '2026-03-01T05', to: '2026-03-02T05' }, edges: [] });
    // Kathmandu (+05:45), day from 06:00: 00:15 UTC.
    expect(splitHours('2026-03-01T00:15:00.000Z', '2026-03-02T00:15:00.000Z')).toEqual({
      hours: { from: '2026-03-01T01', to: '2026-03-02T00' },
      edges: [
        { from: '2026-03-01T00:15:00.000Z', to: '2026-03-01T01:00:00.000Z' },
        { from: '2026-03-02T00:00:00.000Z', to: '2026-03-02T00:15:00.000Z' },
      ],
    });
    expect(splitHours('2026-03-01T00:15:00.000Z', '2026-03-01T00:45:00.000Z')).toEqual({ hours: null, edges: [{ from: '2026-03-01T00:15:00.000Z', to: '2026-03-01T00:45:00.000Z' }] });
  });
});
