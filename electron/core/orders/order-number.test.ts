import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from './counter-fixture';
import { formatOrderNumber, nextOrderNumber } from './order-number';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

describe('order numbers', () => {
  it('count up per terminal and survive a lost counter', async () => {
    const db = f.t.core.services.db;
    const terminal = f.t.core.terminal().id;
    expect(formatOrderNumber('0190a1b2-0000-7000-8000-00000000abcd', 123)).toBe('TABCD-000123');
    await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
    const water = await f.item('Still water 0.5 l');
    const sell = () => f.t.call('orders.sell', { concessions: [{ itemId: water.id, quantity: 1 }], payments: [{ method: 'CASH', amount: water.price, tendered: water.price }] }, f.cashier);
    expect((await sell()).number).toBe(formatOrderNumber(terminal, 1));
    expect((await sell()).number).toBe(formatOrderNumber(terminal, 2));
    await db.deleteFrom('local_meta').where('key', '=', 'order_sequence').execute();
    expect((await sell()).number).toBe(formatOrderNumber(terminal, 3));
    expect(await db.transaction().execute((trx) => nextOrderNumber(trx, terminal))).toBe(formatOrderNumber(terminal, 4));
  });
});
