import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf, SaleResult } from '../../../shared/contract';
import type { TicketType } from '../../../shared/enums';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { loadRefundSlip } from './refund-slip';
import { renderRefundSlip } from '../printing/refund-slip-pdf';
import { pdfText } from '../printing/testing/read-pdf';

/*
 * Issue 20: each of the four places where ordinary operations moved money, points or stock
 * wrongly, reproduced through the dispatcher on a real SQLite file.
 */

let f: CounterFixture;
let manager: string;
beforeEach(async () => {
  f = await startCounter();
  manager = await f.t.signIn('MANAGER');
  await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
});
afterEach(async () => {
  await f.close();
});

const LUKAS = '2600100002';
const db = () => f.t.core.services.db;
const REASON = 'CUSTOMER_CHANGED_MIND' as const;

async function code(over: Partial<InputOf<'promocodes.create'>>) {
  return f.t.call(
    'promocodes.create',
    { code: 'X', kind: 'PERCENT', value: 1000, validFrom: null, validTo: null, maxUses: null, perCustomerLimit: null, minOrder: 0, appliesTo: 'ALL', filmIds: [], active: true, ...over },
    manager,
  );
}

async function sell(sessionId: string, seats: { row: string; n: number; type?: TicketType }[], extra: Partial<InputOf<'orders.sell'>> = {}): Promise<SaleResult> {
  const ids = [];
  for (const s of seats) ids.push(await f.seat(sessionId, s.row, s.n));
  if (ids.length) await f.t.call('booking.hold', { sessionId, seatIds: ids }, f.cashier);
  const draft = { sessionId, tickets: ids.map((seatId, i) => ({ seatId, ticketType: seats[i]!.type ?? 'ADULT' })), ageConfirmed: true, ...extra };
  const quote = await f.t.call('orders.quote', draft as InputOf<'orders.quote'>, f.cashier);
  expect(quote.problems).toEqual([]);
  return f.t.call('orders.sell', { ...draft, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay }] } as InputOf<'orders.sell'>, f.cashier);
}

const net = async (orderId: string) => {
  const rows = await db().selectFrom('payments').select(['kind', 'amount']).where('order_id', '=', orderId).execute();
  return rows.reduce((s, p) => s + (p.kind === 'PAYMENT' ? p.amount : -p.amount), 0);
};
const standing = async (orderId: string) => {
  const t = await db().selectFrom('tickets').select(['price', 'discount']).where('order_id', '=', orderId).where('status', '=', 'SOLD').execute();
  const l = await db().selectFrom('order_concession_lines').select(['total', 'refunded_quantity', 'unit_price']).where('order_id', '=', orderId).execute();
  return t.reduce((s, x) => s + x.price - x.discount, 0) + l.reduce((s, x) => s + x.total - x.refunded_quantity * x.unit_price, 0);
};
const uses = async (promocodeId: string) =>
  Number(
    (
      await db()
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('promocode_id', '=', promocodeId)
        .where('status', 'not in', ['REFUNDED', 'CANCELLED'])
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('issue 20, item 1: an exchange re-applies the order’s code to the new line under its own rules', () => {
  it('a 50 % code exchanged to a child ticket: the child ticket is half price and only the difference goes back', async () => {
    const half = await code({ code: 'HALF50', value: 5000 });
    const s = await f.session('Hall 3 IMAX');
    const sale = await sell(s.id, [{ row: 'F', n: 8 }], { promocode: 'HALF50' });
    const adult = sale.tickets[0]!;
    expect(adult.discount).toBe(Math.round(adult.price / 2));
    const paid = adult.price - adult.discount;

    const r = await f.t.call('orders.exchange', { ticketId: adult.id, sessionId: s.id, seatId: await f.seat(s.id, 'F', 9), ticketType: 'CHILD' }, f.cashier);
    // Seen: the child ticket came out free and all 1137 went back. Now it keeps 50 % off its own price.
    expect(r.newTicket.discount).toBe(Math.round(r.newTicket.price / 2));
    expect(r.difference).toBe(r.newTicket.price - r.newTicket.discount - paid);
    expect(r.paidBack.reduce((x, p) => x + p.amount, 0)).toBe(paid - (r.newTicket.price - r.newTicket.discount));
    expect(await net(sale.orderId)).toBe(await standing(sale.orderId));
    expect(await uses(half.id)).toBe(1);
  });

  it('a film-limited code does not follow the ticket to another film: the new ticket is full price and the code’s use goes back', async () => {
    const s = await f.session('Hall 3 IMAX');
    const film = (await db().selectFrom('sessions').select('film_id').where('id', '=', s.id).executeTakeFirstOrThrow()).film_id;
    const iron = await code({ code: 'IRON50', value: 5000, appliesTo: 'TICKETS', filmIds: [film] });
    const sale = await sell(s.id, [{ row: 'G', n: 8 }], { promocode: 'IRON50' });
    const other = await db()
      .selectFrom('sessions as x')
      .innerJoin('halls as h', 'h.id', 'x.hall_id')
      .select(['x.id', 'x.base_price'])
      .where('h.name', '=', 'Hall 1')
      .where('x.film_id', '<>', film)
      .where('x.starts_at', '>', s.startsAt)
      .orderBy('x.starts_at')
      .executeTakeFirstOrThrow();
    const seatId = await f.seat(other.id, 'C', 3);
    const first = await f.t.core.call({ op: 'orders.exchange', input: { ticketId: sale.tickets[0]!.id, sessionId: other.id, seatId }, token: f.cashier });
    // The new ticket costs its full price: the guest pays what the half-price ticket did not cover.
    expect(first).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const more = Number(!first.ok && first.error.details?.difference);
    const r = await f.t.call('orders.exchange', { ticketId: sale.tickets[0]!.id, sessionId: other.id, seatId, payments: [{ method: 'CASH', amount: more, tendered: more }] }, f.cashier);
    expect(r.newTicket.discount).toBe(0);
    expect(r.difference).toBe(r.newTicket.price - (sale.tickets[0]!.price - sale.tickets[0]!.discount));
    expect(await uses(iron.id)).toBe(0);
    expect(await net(sale.orderId)).toBe(await standing(sale.orderId));
  });

  it('a 10 % discount moved to a dearer ticket stays 10 % of the new price', async () => {
    await code({ code: 'TEN', value: 1000, appliesTo: 'TICKETS' });
    const s = await f.session('Hall 1');
    const sale = await sell(s.id, [{ row: 'D', n: 3 }], { promocode: 'TEN' });
    const vip = await f.session('Hall 2 VIP');
    const seatId = await f.seat(vip.id, 'A', 2);
    const first = await f.t.core.call({ op: 'orders.exchange', input: { ticketId: sale.tickets[0]!.id, sessionId: vip.id, seatId }, token: f.cashier });
    const more = Number(!first.ok && first.error.details?.difference);
    const r = await f.t.call('orders.exchange', { ticketId: sale.tickets[0]!.id, sessionId: vip.id, seatId, payments: [{ method: 'CASH', amount: more, tendered: more }] }, f.cashier);
    expect(r.newTicket.discount).toBe(Math.round(r.newTicket.price / 10));
  });
});

describe('issue 20, item 2: the accrual follows the net money paid through top-ups and refunds', () => {
  it('money paid to top up an exchange earns points; a whole refund then takes back exactly what the order earned', async () => {
    const lukas = await f.customer(LUKAS);
    const balance = async () =>
      Number(
        (await db().selectFrom('bonus_balances as b').innerJoin('bonus_accounts as a', 'a.id', 'b.account_id').select('b.balance').where('a.customer_id', '=', lukas).executeTakeFirstOrThrow())
          .balance,
      );
    const start = await balance();
    const s = await f.session('Hall 1');
    const sale = await sell(s.id, [{ row: 'E', n: 3 }], { customerId: lukas });
    expect(await balance()).toBe(start + Math.floor(sale.total / 10));

    const vip = await f.session('Hall 2 VIP');
    const seatId = await f.seat(vip.id, 'B', 2);
    const first = await f.t.core.call({ op: 'orders.exchange', input: { ticketId: sale.tickets[0]!.id, sessionId: vip.id, seatId }, token: f.cashier });
    const more = Number(!first.ok && first.error.details?.difference);
    expect(more).toBeGreaterThan(0);
    await f.t.call('orders.exchange', { ticketId: sale.tickets[0]!.id, sessionId: vip.id, seatId, payments: [{ method: 'CASH', amount: more, tendered: more }] }, f.cashier);
    // Seen: the top-up earned nothing. Now the order has earned 10 % of all the money it took.
    expect(await balance()).toBe(start + Math.floor((sale.total + more) / 10));
    const order = await db().selectFrom('orders').select('bonus_earned').where('id', '=', sale.orderId).executeTakeFirstOrThrow();
    expect(order.bonus_earned).toBe(Math.floor((sale.total + more) / 10));

    await f.t.call('orders.refund', { orderId: sale.orderId, whole: true, reason: REASON }, f.cashier);
    expect(await balance()).toBe(start);
  });
});

describe('issue 20, item 3: concessions already handed over', () => {
  async function preorderSale() {
    const s = await f.session('Hall 3 IMAX');
    const water = await f.item('Still water 0.5 l');
    const sale = await sell(s.id, [{ row: 'K', n: 3 }], { concessions: [{ itemId: water.id, quantity: 2 }], preorder: true });
    const preorder = await db().selectFrom('concession_preorders').select('id').where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    const line = await db().selectFrom('order_concession_lines').select('id').where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    return { sale, preorderId: preorder.id, lineId: line.id, stockAfterSale: (await f.item('Still water 0.5 l')).stock! };
  }

  it('a collected preorder is refunded only with a manager, and by default goes to waste, not back to stock', async () => {
    const { sale, preorderId, lineId, stockAfterSale } = await preorderSale();
    await f.t.call('stand.markReady', { preorderId }, f.cashier);
    await f.t.call('stand.markPickedUp', { preorderId }, f.cashier);
    const input = { orderId: sale.orderId, reason: REASON, concessions: [{ lineId, quantity: 2 }] };
    // Seen: the refund went through and the hot dog went back into stock.
    await expect(f.t.call('orders.refund', input, f.cashier)).rejects.toMatchObject({ code: 'OVERRIDE_REQUIRED', message: expect.stringContaining('2 × Still water 0.5 l already handed over') });
    const preview = await f.t.call('orders.refundPreview', { orderId: sale.orderId, concessions: [{ lineId, quantity: 2 }] }, f.cashier);
    expect(preview.items).toEqual([{ lineId, name: 'Still water 0.5 l', quantity: 2, to: 'WASTE', handedOver: true }]);
    expect(preview.needsManager).toHaveLength(1);
    const r = await f.t.call('orders.refund', { ...input, managerPin: '2468' }, f.cashier);
    expect(r.items).toEqual([{ name: 'Still water 0.5 l', quantity: 2, to: 'WASTE' }]);
    expect((await f.item('Still water 0.5 l')).stock).toBe(stockAfterSale);
    expect(await db().selectFrom('order_concession_lines').select(['refunded_quantity', 'wasted_quantity']).where('id', '=', lineId).executeTakeFirstOrThrow()).toEqual({
      refunded_quantity: 2,
      wasted_quantity: 0 + 2,
    });
  });

  it('a preorder not yet collected goes back to stock without a manager; the cashier may also write it off', async () => {
    const { sale, lineId, stockAfterSale } = await preorderSale();
    await f.t.call('orders.refund', { orderId: sale.orderId, reason: REASON, concessions: [{ lineId, quantity: 1 }] }, f.cashier);
    expect((await f.item('Still water 0.5 l')).stock).toBe(stockAfterSale + 1);
    await f.t.call('orders.refund', { orderId: sale.orderId, reason: REASON, concessions: [{ lineId, quantity: 1, to: 'WASTE' }] }, f.cashier);
    expect((await f.item('Still water 0.5 l')).stock).toBe(stockAfterSale + 1);
    expect((await db().selectFrom('order_concession_lines').select('wasted_quantity').where('id', '=', lineId).executeTakeFirstOrThrow()).wasted_quantity).toBe(1);
  });
});

describe('issue 20, item 4: a partial refund below the code’s minimum claws the discount back (and the slip says so)', () => {
  it('the order left below the minimum pays full price; the code is dropped and its use given back', async () => {
    const s = await f.session('Hall 1');
    const one = (await f.t.call('orders.quote', { sessionId: s.id, tickets: [{ seatId: await f.seat(s.id, 'H', 1), ticketType: 'ADULT' }] }, f.cashier)).subtotal;
    // Minimum: more than one ticket, less than two.
    const min = await code({ code: 'MIN10', value: 1000, minOrder: one + 1 });
    const sale = await sell(s.id, [
      { row: 'H', n: 3 },
      { row: 'H', n: 4 },
    ], { promocode: 'MIN10' });
    const discountEach = sale.tickets[0]!.discount;
    expect(discountEach).toBe(Math.round(one / 10));

    const preview = await f.t.call('orders.refundPreview', { orderId: sale.orderId, ticketIds: [sale.tickets[0]!.id] }, f.cashier);
    // Seen: the ticket left kept its discount. Now it pays full price: its discount is taken off the money back.
    expect(preview.amount).toBe(one - 2 * discountEach);
    expect(preview.promocode).toMatchObject({ code: 'MIN10', dropped: true, clawback: discountEach, note: expect.stringContaining('needs an order of at least') });
    const r = await f.t.call('orders.refund', { orderId: sale.orderId, reason: REASON, ticketIds: [sale.tickets[0]!.id] }, f.cashier);
    expect(r.amount).toBe(preview.amount);
    expect(await db().selectFrom('tickets').select('discount').where('id', '=', sale.tickets[1]!.id).executeTakeFirstOrThrow()).toEqual({ discount: 0 });
    expect(await uses(min.id)).toBe(0);
    expect(await net(sale.orderId)).toBe(await standing(sale.orderId));

    const slip = await loadRefundSlip(await f.cashierContext(), sale.orderId, r.slipNumber);
    const text = (await pdfText(await renderRefundSlip(slip, 'THERMAL_80'))).join('\n');
    expect(text).toContain(r.slipNumber);
    expect(text).toContain('Promocode MIN10: no longer applies');
    expect(text).toContain('Customer changed their mind');
  });

  it('a refund that would leave the customer owing money is refused with the reason; nothing changes', async () => {
    const s = await f.session('Hall 1');
    const one = (await f.t.call('orders.quote', { sessionId: s.id, tickets: [{ seatId: await f.seat(s.id, 'J', 1), ticketType: 'ADULT' }] }, f.cashier)).subtotal;
    await code({ code: 'BIG', kind: 'FIXED', value: one, minOrder: one + 1 });
    const sale = await sell(s.id, [
      { row: 'J', n: 3 },
      { row: 'J', n: 4, type: 'CHILD' },
    ], { promocode: 'BIG' });
    const before = await net(sale.orderId);
    await expect(f.t.call('orders.refund', { orderId: sale.orderId, reason: REASON, ticketIds: [sale.tickets[1]!.id] }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Refund the whole order instead'),
    });
    expect(await net(sale.orderId)).toBe(before);
  });
});

describe('issue 20, item 6: the X report counts sold, refunded and exchanged tickets apart', () => {
  it('shows 1 standing, 1 refunded and 1 exchanged-away ticket of three sold — not 4 sold — with refunds by reason and waste', async () => {
    const s = await f.session('Hall 1');
    const water = await f.item('Still water 0.5 l');
    const sale = await sell(s.id, [
      { row: 'F', n: 3 },
      { row: 'F', n: 4 },
    ], { concessions: [{ itemId: water.id, quantity: 1 }] });
    await f.t.call('orders.exchange', { ticketId: sale.tickets[0]!.id, sessionId: s.id, seatId: await f.seat(s.id, 'F', 5) }, f.cashier);
    const line = await db().selectFrom('order_concession_lines').select('id').where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    await f.t.call('orders.refund', { orderId: sale.orderId, reason: 'WRONG_SALE', ticketIds: [sale.tickets[1]!.id], concessions: [{ lineId: line.id, quantity: 1 }], managerPin: '2468' }, f.cashier);
    const x = (await f.t.call('shifts.current', {}, f.cashier)).open!;
    // Seen: refunded and exchanged tickets counted as sold (315 vs 304 net).
    expect([x.ticketsSold, x.ticketsRefunded, x.ticketsExchanged]).toEqual([1, 1, 1]);
    expect(x.refundsByReason).toEqual([{ reason: 'WRONG_SALE', amount: sale.tickets[1]!.price + water.price, count: 1 }]);
    expect(x.waste).toEqual({ items: 1, value: water.price });
  });
});

