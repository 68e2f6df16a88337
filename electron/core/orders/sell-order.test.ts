import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from './counter-fixture';
import { sellOrder } from './sell-order';
import { SALE_STEPS } from './prepare-order';
import { verifyTicketQr } from '../tickets/ticket-qr';
import { saleInput } from '../../../shared/contract/orders';
import { newId } from '../ids';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

const ANNA = '2600100001';
const LUKAS = '2600100002';

async function openShift(float = 10_000) {
  return f.t.call('shifts.open', { openingFloat: float }, f.cashier);
}

/** Two held seats in row H of the IMAX hall, Anna, WELCOME10 and a still water. */
async function draft() {
  const s = await f.session();
  const seats = [await f.seat(s.id, 'H', 10), await f.seat(s.id, 'H', 11)];
  await f.t.call('booking.hold', { sessionId: s.id, seatIds: seats }, f.cashier);
  const water = await f.item('Still water 0.5 l');
  const customerId = await f.customer(ANNA);
  return {
    s,
    seats,
    water,
    customerId,
    input: {
      sessionId: s.id,
      tickets: [
        { seatId: seats[0]!, ticketType: 'ADULT' as const },
        { seatId: seats[1]!, ticketType: 'CHILD' as const },
      ],
      concessions: [{ itemId: water.id, quantity: 2 }],
      customerId,
      promocode: 'welcome10',
    },
  };
}

const AFFECTED = ['orders', 'tickets', 'payments', 'bonus_transactions', 'order_concession_lines', 'concession_preorders', 'concession_items', 'outbox', 'audit_log', 'seat_holds', 'shifts', 'local_meta'] as const;

async function snapshot(): Promise<Record<string, unknown[]>> {
  const db = f.t.core.services.db;
  const out: Record<string, unknown[]> = {};
  for (const table of AFFECTED) out[table] = await db.selectFrom(table).selectAll().execute();
  return out;
}

describe('quote', () => {
  it('prices tickets and concessions in the main process with the promocode, bonus and VAT', async () => {
    const { input, s, water } = await draft();
    const q = await f.t.call('orders.quote', input, f.cashier);
    // IMAX matinee 13.50; child ×0.7 = 9.45; WELCOME10 takes 10 % off tickets only.
    expect(s.basePrice).toBe(1350);
    expect(q.lines.map((l) => [l.kind, l.unitPrice, l.discount, l.total])).toEqual([
      ['TICKET', 1350, 135, 1215],
      ['TICKET', 945, 95, 850],
      ['CONCESSION', water.price, 0, water.price * 2],
    ]);
    expect(q.subtotal).toBe(1350 + 945 + 580);
    expect(q.discount).toBe(230);
    expect(q.total).toBe(q.subtotal - 230);
    expect(q.promocode).toMatchObject({ code: 'WELCOME10', applied: true });
    // Anna has 500 points; points pay up to 50 % of the order.
    expect(q.bonus).toEqual({ redeemable: 500, used: 0, toEarn: Math.floor(q.total / 10) });
    expect(q.toPay).toBe(q.total);
    expect(q.vat.map((v) => v.rateBp)).toEqual([1900, 700]);
    expect(q.problems).toEqual([]);
  });

  it('lists what stands in the way instead of failing: unknown promocode, too many points', async () => {
    const { input } = await draft();
    const q = await f.t.call('orders.quote', { ...input, promocode: 'NOPE', bonusPoints: 900 }, f.cashier);
    expect(q.problems).toHaveLength(2);
    expect(q.problems[0]).toContain('NOPE');
    expect(q.problems[1]).toContain('At most 500 points');
    expect(q.discount).toBe(0);
    expect(q.bonus.used).toBe(500);
  });

  it('refuses a price sent by the caller and an empty order', async () => {
    const { input } = await draft();
    await expect(f.t.call('orders.quote', { ...input, total: 1 } as never, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('orders.quote', { tickets: [], concessions: [] }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('sale (rule 5)', () => {
  it('refuses to sell outside an open shift of this cashier', async () => {
    const { input } = await draft();
    await expect(f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: 2645, tendered: 5000 }] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Open a shift'),
    });
  });

  it('sells tickets with signed QR codes, concessions with stock, promocode, cash with change; releases the holds', async () => {
    await openShift();
    const { input, seats, water } = await draft();
    const q = await f.t.call('orders.quote', input, f.cashier);
    const sale = await f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: q.toPay, tendered: 5000 }] }, f.cashier);
    expect(sale.total).toBe(q.total);
    expect(sale.change).toBe(5000 - q.toPay);
    expect(sale.number).toMatch(/^T[0-9A-F]{4}-000001$/);
    expect(sale.tickets).toHaveLength(2);
    const terminal = f.t.core.terminal();
    for (const ticket of sale.tickets) {
      const v = verifyTicketQr(ticket.qrPayload, (id) => (id === terminal.id ? { publicKeyPem: f.t.core.services.signing.publicKeyPem, revoked: false } : null));
      expect(v).toMatchObject({ ok: true, payload: { ticketId: ticket.id, seatId: ticket.seatId } });
    }
    const db = f.t.core.services.db;
    expect((await db.selectFrom('concession_items').select('stock').where('id', '=', water.id).executeTakeFirstOrThrow()).stock).toBe(water.stock! - 2);
    const map = await f.t.call('booking.seatMap', { sessionId: input.sessionId }, f.cashier);
    expect(map.seats.filter((x) => seats.includes(x.id)).map((x) => x.state)).toEqual(['SOLD', 'SOLD']);
    expect(map.counts.mine).toBe(0);
    const payments = await db.selectFrom('payments').selectAll().where('order_id', '=', sale.orderId).execute();
    expect(payments).toMatchObject([{ method: 'CASH', amount: q.toPay, cash_tendered: 5000, change_given: 5000 - q.toPay }]);
    const accrual = await db.selectFrom('bonus_transactions').selectAll().where('order_id', '=', sale.orderId).execute();
    expect(accrual).toMatchObject([{ kind: 'ACCRUAL', amount: Math.floor(q.total / 10) }]);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', sale.orderId).execute();
    expect(audit).toEqual([{ action: 'order.sell' }]);
    // Anna's per-customer limit of WELCOME10 is used now.
    const again = await f.t.call('orders.quote', { concessions: [{ itemId: water.id, quantity: 1 }], customerId: input.customerId, promocode: 'WELCOME10' }, f.cashier);
    expect(again.problems.join(' ')).toMatch(/already used|applies to/);
  });

  it('splits between card and points, redeems and accrues on the money part only', async () => {
    await openShift();
    const { input } = await draft();
    const lukas = await f.customer(LUKAS);
    const base = { ...input, customerId: lukas, promocode: undefined, bonusPoints: 1000 };
    const q = await f.t.call('orders.quote', base, f.cashier);
    expect(q.bonus.used).toBe(1000);
    const card = q.toPay - 500;
    const sale = await f.t.call(
      'orders.sell',
      { ...base, payments: [{ method: 'CARD', amount: card, approvalCode: 'A1B2C3', last4: '4242' }, { method: 'CASH', amount: 500, tendered: 500 }] },
      f.cashier,
    );
    expect(sale.bonusRedeemed).toBe(1000);
    expect(sale.bonusEarned).toBe(Math.floor(q.toPay / 10));
    const found = await f.t.call('customers.find', { query: LUKAS }, f.cashier);
    expect(found[0]!.bonusBalance).toBe(1250 - 1000 + sale.bonusEarned);
    const methods = (await f.t.core.services.db.selectFrom('payments').select(['method', 'amount']).where('order_id', '=', sale.orderId).execute()).map((p) => p.method).sort();
    expect(methods).toEqual(['BONUS', 'CARD', 'CASH']);
  });

  it('issues a pickup code for a concession preorder', async () => {
    await openShift();
    const s = await f.session();
    const popcorn = await f.item('Popcorn large');
    const sale = await f.t.call(
      'orders.sell',
      { sessionId: s.id, concessions: [{ itemId: popcorn.id, quantity: 1 }], preorder: true, payments: [{ method: 'CASH', amount: popcorn.price, tendered: 1000 }] },
      f.cashier,
    );
    expect(sale.pickupCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    const pre = await f.t.core.services.db.selectFrom('concession_preorders').selectAll().where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    expect(pre).toMatchObject({ pickup_code: sale.pickupCode, status: 'PENDING', session_id: s.id });
  });

  it('refuses expired holds, wrong sums, short cash, too many points and too little stock — and changes nothing', async () => {
    await openShift();
    const { input } = await draft();
    const q = await f.t.call('orders.quote', input, f.cashier);
    const before = await snapshot();
    const refusals: [unknown, string][] = [
      [{ ...input, payments: [{ method: 'CASH', amount: q.toPay - 1, tendered: 5000 }] }, 'VALIDATION'],
      [{ ...input, payments: [{ method: 'CASH', amount: q.toPay, tendered: q.toPay - 1 }] }, 'VALIDATION'],
      [{ ...input, payments: [{ method: 'CARD', amount: q.toPay, approvalCode: 'x', last4: '12' }] }, 'VALIDATION'],
      [{ ...input, bonusPoints: 501, payments: [{ method: 'CASH', amount: q.toPay - 501, tendered: q.toPay }] }, 'VALIDATION'],
      [{ ...input, promocode: 'NOPE', payments: [{ method: 'CASH', amount: q.toPay, tendered: 5000 }] }, 'NOT_FOUND'],
      [{ ...input, concessions: [{ itemId: input.concessions[0]!.itemId, quantity: 99 }], payments: [{ method: 'CASH', amount: q.toPay, tendered: 5000 }] }, 'VALIDATION'],
      [{ ...input, tickets: [{ seatId: newId(), ticketType: 'ADULT' }], payments: [{ method: 'CASH', amount: 1, tendered: 1 }] }, 'NOT_FOUND'],
    ];
    for (const [bad, code] of refusals) {
      await expect(f.t.call('orders.sell', bad as never, f.cashier)).rejects.toMatchObject({ code });
    }
    expect(await snapshot()).toEqual(before);

    // Stock runs short between quote and sale.
    await f.t.core.services.db.updateTable('concession_items').set({ stock: 1 }).where('id', '=', input.concessions[0]!.itemId).execute();
    await expect(f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: q.toPay, tendered: 5000 }] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Only 1 × Still water'),
    });

    f.t.clock.advance(5 * 60_000);
    await expect(f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: q.toPay, tendered: 5000 }] }, f.cashier)).rejects.toMatchObject({
      code: 'HOLD_EXPIRED',
      message: expect.stringContaining('Row H, seat 10'),
    });
  });

  it("refuses to sell inside another cashier's shift", async () => {
    const manager = await f.t.signIn('MANAGER');
    await f.t.call('shifts.open', { openingFloat: 0 }, manager);
    const { input } = await draft();
    await expect(f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: 2645, tendered: 5000 }] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("Jonas Becker's shift is open"),
    });
  });

  it.each(SALE_STEPS)('leaves the database unchanged when the sale fails after step "%s"', async (failing) => {
    await openShift();
    const { input } = await draft();
    const q = await f.t.call('orders.quote', { ...input, bonusPoints: 200 }, f.cashier);
    const ctx = await f.cashierContext();
    const parsed = saleInput.parse({ ...input, bonusPoints: 200, preorder: true, payments: [{ method: 'CASH', amount: q.toPay, tendered: 5000 }] });
    const before = await snapshot();
    await expect(
      sellOrder(ctx, parsed, {
        afterStep: (s) => {
          if (s === failing) throw new Error(`injected failure after ${s}`);
        },
      }),
    ).rejects.toThrow(`injected failure after ${failing}`);
    expect(await snapshot()).toEqual(before);
    // And the same sale goes through once nothing fails.
    const sale = await sellOrder(ctx, parsed);
    expect(sale.tickets).toHaveLength(2);
    expect(sale.pickupCode).not.toBeNull();
  });
});
