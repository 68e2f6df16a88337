import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

describe('shifts (rule 14)', () => {
  it('opens with a float, reports sales by method (X), closes with counted cash (Z) and records the difference', async () => {
    expect(await f.t.call('shifts.current', {}, f.cashier)).toEqual({ open: null, mine: false, blindCashUp: false });
    const opened = await f.t.call('shifts.open', { openingFloat: 15_000 }, f.cashier);
    expect(opened).toMatchObject({ status: 'OPEN', openingFloat: 15_000, expectedCash: 15_000, cashier: { name: 'Lena Hoffmann' } });
    await expect(f.t.call('shifts.open', { openingFloat: 0 }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already open') });

    const s = await f.session();
    const seat = await f.seat(s.id, 'J', 3);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [seat] }, f.cashier);
    const base = { sessionId: s.id, tickets: [{ seatId: seat, ticketType: 'ADULT' as const }] };
    const q = await f.t.call('orders.quote', base, f.cashier);
    await f.t.call('orders.sell', { ...base, payments: [{ method: 'CASH', amount: q.toPay, tendered: 2000 }] }, f.cashier);
    const water = await f.item('Still water 0.5 l');
    await f.t.call('orders.sell', { concessions: [{ itemId: water.id, quantity: 1 }], payments: [{ method: 'CARD', amount: water.price, approvalCode: '99XY', last4: '0001' }] }, f.cashier);

    const x = (await f.t.call('shifts.current', {}, f.cashier)).open!;
    expect(x.byMethod.find((m) => m.method === 'CASH')).toMatchObject({ sales: q.toPay, salesCount: 1, refunds: 0 });
    expect(x.byMethod.find((m) => m.method === 'CARD')).toMatchObject({ sales: water.price, salesCount: 1 });
    expect(x).toMatchObject({ orders: 2, ticketsSold: 1, cashIn: q.toPay, cashOut: 0, expectedCash: 15_000 + q.toPay });

    const z = await f.t.call('shifts.close', { countedCash: 15_000 + q.toPay - 50 }, f.cashier);
    expect(z).toMatchObject({ status: 'CLOSED', expectedCash: 15_000 + q.toPay, countedCash: 15_000 + q.toPay - 50, difference: -50 });
    expect((await f.t.call('shifts.current', {}, f.cashier)).open).toBeNull();
    await expect(f.t.call('shifts.close', { countedCash: 0 }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("lets nobody close or sell in another cashier's shift, and refuses a negative float", async () => {
    const manager = await f.t.signIn('MANAGER');
    await f.t.call('shifts.open', { openingFloat: 100 }, manager);
    expect((await f.t.call('shifts.current', {}, f.cashier)).mine).toBe(false);
    await expect(f.t.call('shifts.open', { openingFloat: 100 }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Jonas Becker') });
    await expect(f.t.call('shifts.close', { countedCash: 100 }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(f.t.call('shifts.open', { openingFloat: -1 }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
