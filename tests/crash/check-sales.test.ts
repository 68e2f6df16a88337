/** The crash harness's verdict, shown to catch a lost sale and a half-written one. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../../electron/core/orders/counter-fixture';
import { checkSales } from './check-sales';

let f: CounterFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function sellOne(fx: CounterFixture) {
  await fx.t.call('shifts.open', { openingFloat: 10_000 }, fx.cashier);
  const s = await fx.session();
  const seatId = await fx.seat(s.id, 'H', 10);
  await fx.t.call('booking.hold', { sessionId: s.id, seatIds: [seatId] }, fx.cashier);
  const draft = { sessionId: s.id, tickets: [{ seatId, ticketType: 'ADULT' as const }], ageConfirmed: true };
  const quote = await fx.t.call('orders.quote', draft, fx.cashier);
  return fx.t.call('orders.sell', { ...draft, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay }] }, fx.cashier);
}

describe('checkSales', () => {
  it('accepts a whole sale and flags a lost acknowledged one', async () => {
    f = await startCounter();
    const sale = await sellOne(f);
    const whole = checkSales(f.t.core.databaseFile, [{ orderId: sale.orderId, tickets: 1, total: sale.total }]);
    expect(whole).toMatchObject({ integrity: 'ok', problems: [], orders: 1, tickets: 1 });
    const lost = checkSales(f.t.core.databaseFile, [{ orderId: '019a0000-0000-7000-8000-000000000000', tickets: 1, total: 100 }]);
    expect(lost.problems).toEqual(['acknowledged sale 019a0000-0000-7000-8000-000000000000 is lost']);
  });

  it('flags an order whose payment or outbox row is missing', async () => {
    f = await startCounter();
    const sale = await sellOne(f);
    const writer = new Database(f.t.core.databaseFile);
    writer.prepare("DELETE FROM outbox WHERE table_name = 'tickets'").run();
    writer.prepare('DELETE FROM payments WHERE order_id = ?').run(sale.orderId);
    writer.close();
    const check = checkSales(f.t.core.databaseFile, []);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(/half-written: payments 0 ≠ total .*1 ticket\(s\) without outbox row/);
  });

  it('flags a sale without its receipt and a journal with an entry gone', async () => {
    f = await startCounter();
    await sellOne(f);
    const writer = new Database(f.t.core.databaseFile);
    writer.exec('DROP TRIGGER fiscal_receipts_no_delete; DROP TRIGGER journal_entries_no_delete;');
    writer.prepare("DELETE FROM fiscal_receipts WHERE kind = 'SALE'").run();
    writer.prepare('DELETE FROM journal_entries WHERE counter = 1').run();
    writer.close();
    const check = checkSales(f.t.core.databaseFile, []);
    expect(check.problems).toEqual([expect.stringMatching(/half-written: 0 sale receipts/), expect.stringMatching(/journal broken: Entry 1: is missing/)]);
  });
});
