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

  it('counts blind on the server: a cashier gets no expected cash (current shift or printed X report) until the count; a manager sees it', async () => {
    await f.t.core.services.db.updateTable('cinemas').set({ blind_cash_up: 1 }).execute();
    const opened = await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    const s = await f.session();
    const seat = await f.seat(s.id, 'J', 4);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [seat] }, f.cashier);
    const base = { sessionId: s.id, tickets: [{ seatId: seat, ticketType: 'ADULT' as const }] };
    const q = await f.t.call('orders.quote', base, f.cashier);
    await f.t.call('orders.sell', { ...base, payments: [{ method: 'CASH', amount: q.toPay, tendered: q.toPay }] }, f.cashier);

    const seen = await f.t.call('shifts.current', {}, f.cashier);
    expect(seen).toMatchObject({ mine: true, blindCashUp: true, open: { orders: 1, ticketsSold: 1, openingFloat: 10_000, expectedCash: null, cashIn: null, cashOut: null, difference: null, fiscal: null } });
    expect(seen.open!.byMethod.find((m) => m.method === 'CASH')).toMatchObject({ sales: null, salesCount: 1 });
    await expect(f.t.call('printing.printShiftReport', { shiftId: opened.shiftId }, f.cashier)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('counts the drawer blind') });

    const manager = await f.t.signIn('MANAGER');
    expect((await f.t.call('shifts.current', {}, manager)).open).toMatchObject({ expectedCash: 10_000 + q.toPay, cashIn: q.toPay, fiscal: { grandTotal: expect.any(Number) } });
    await f.t.call('printing.printShiftReport', { shiftId: opened.shiftId }, manager);

    // Counted and closed: the Z report gives the cashier every figure.
    const z = await f.t.call('shifts.close', { countedCash: 10_000 + q.toPay }, f.cashier);
    expect(z).toMatchObject({ expectedCash: 10_000 + q.toPay, difference: 0 });
    await f.t.call('printing.printShiftReport', { shiftId: opened.shiftId }, f.cashier);
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
