import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeResult, SaleResult } from '../../../shared/contract';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { verifyTicketQr } from '../tickets/ticket-qr';
import { terminalKeys } from '../tickets/scan-ticket';

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

const ANNA = '2600100001';
const LUKAS = '2600100002';
const db = () => f.t.core.services.db;

const balance = async (card: string) => {
  const row = await db()
    .selectFrom('bonus_balances as b')
    .innerJoin('bonus_accounts as a', 'a.id', 'b.account_id')
    .select('b.balance')
    .where('a.card_number', '=', card)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
};
const promocodeUses = async () => {
  const row = await db()
    .selectFrom('orders as o')
    .innerJoin('promocodes as p', 'p.id', 'o.promocode_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.code', '=', 'WELCOME10')
    .where('o.status', 'not in', ['REFUNDED', 'CANCELLED'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
const AFFECTED = ['orders', 'tickets', 'payments', 'bonus_transactions', 'order_concession_lines', 'concession_preorders', 'concession_items', 'ticket_revocations', 'audit_log', 'seat_holds'] as const;
async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const table of AFFECTED) out[table] = await db().selectFrom(table).selectAll().execute();
  return out;
}

/**
 * Anna buys two IMAX tickets (adult + child, WELCOME10), two still waters as a preorder, pays 300
 * points, €10.00 by card and the rest in cash.
 */
async function bigSale(): Promise<{ sale: SaleResult; sessionId: string; startsAt: string }> {
  const s = await f.session();
  const seats = [await f.seat(s.id, 'H', 10), await f.seat(s.id, 'H', 11)];
  await f.t.call('booking.hold', { sessionId: s.id, seatIds: seats }, f.cashier);
  const water = await f.item('Still water 0.5 l');
  const input = {
    sessionId: s.id,
    ageConfirmed: true,
    tickets: [
      { seatId: seats[0]!, ticketType: 'ADULT' as const },
      { seatId: seats[1]!, ticketType: 'CHILD' as const },
    ],
    concessions: [{ itemId: water.id, quantity: 2 }],
    preorder: true,
    customerId: await f.customer(ANNA),
    promocode: 'WELCOME10',
    bonusPoints: 300,
  };
  const quote = await f.t.call('orders.quote', input, f.cashier);
  const cash = quote.toPay - 1000;
  const sale = await f.t.call(
    'orders.sell',
    { ...input, payments: [{ method: 'CARD', amount: 1000, approvalCode: 'A1B2C3', last4: '4242' }, { method: 'CASH', amount: cash, tendered: cash + 655 }] },
    f.cashier,
  );
  return { sale, sessionId: s.id, startsAt: s.startsAt };
}

/** Lukas buys `n` adult tickets in row `row` of a session, cash. */
async function cashSale(row = 'J', n = 2, hall: 'Hall 1' | 'Hall 2 VIP' | 'Hall 3 IMAX' = 'Hall 3 IMAX') {
  const s = await f.session(hall);
  const seats = [];
  for (let i = 1; i <= n; i++) seats.push(await f.seat(s.id, row, i + 4));
  await f.t.call('booking.hold', { sessionId: s.id, seatIds: seats }, f.cashier);
  const input = { sessionId: s.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'ADULT' as const })), customerId: await f.customer(LUKAS), ageConfirmed: true };
  const quote = await f.t.call('orders.quote', input, f.cashier);
  const sale = await f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay }] }, f.cashier);
  return { sale, session: s };
}

describe('refunds (rule 8)', () => {
  it('refunds a whole order before the start: cash, card and points back, accrual reversed, tickets revoked, stock and preorder, promocode use given back', async () => {
    const { sale, sessionId, startsAt } = await bigSale();
    expect(sale.bonusRedeemed).toBe(300);
    const water = await f.item('Still water 0.5 l');
    expect(water.stock).toBe(118);
    expect(await balance(ANNA)).toBe(500 - 300 + sale.bonusEarned);
    expect(await promocodeUses()).toBe(1);

    // The card share needs the card terminal's approval code first; nothing changes without it.
    const before = await snapshot();
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, whole: true }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('ending 4242') });
    expect(await snapshot()).toEqual(before);

    const result = await f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, whole: true, cardApprovalCode: 'r9x8z7' }, f.cashier);
    expect(result).toMatchObject({ status: 'REFUNDED', amount: sale.total, ticketsRefunded: 2, bonusReturned: 300, bonusReversed: sale.bonusEarned, approvedBy: null });
    expect(result.paidBack).toEqual([
      { method: 'CARD', amount: 1000, cardLast4: '4242' },
      { method: 'CASH', amount: sale.total - 300 - 1000, cardLast4: null },
      { method: 'BONUS', amount: 300, cardLast4: null },
    ]);
    const refunds = await db().selectFrom('payments').selectAll().where('order_id', '=', sale.orderId).where('kind', '=', 'REFUND').execute();
    expect(refunds.find((p) => p.method === 'CARD')).toMatchObject({ card_approval_code: 'R9X8Z7', card_last4: '4242' });
    expect(refunds.every((p) => p.refunds_payment_id !== null)).toBe(true);

    expect(await balance(ANNA)).toBe(500);
    expect(await promocodeUses()).toBe(0);
    expect((await f.item('Still water 0.5 l')).stock).toBe(120);
    expect(await db().selectFrom('concession_preorders').select('status').where('order_id', '=', sale.orderId).execute()).toEqual([{ status: 'CANCELLED' }]);
    expect(await db().selectFrom('tickets').select('status').where('order_id', '=', sale.orderId).execute()).toEqual([{ status: 'REFUNDED' }, { status: 'REFUNDED' }]);
    expect(await db().selectFrom('ticket_revocations').select('reason').where('ticket_id', 'in', sale.tickets.map((t) => t.id)).execute()).toHaveLength(2);

    // Cash went out of the open shift; the door refuses the codes.
    const shift = await f.t.call('shifts.current', {}, f.cashier);
    expect(shift.open).toMatchObject({ cashIn: sale.total - 1300, cashOut: sale.total - 1300, expectedCash: 10_000 });
    f.t.clock.set(new Date(Date.parse(startsAt) - 5 * 60_000));
    const usher = await f.t.signIn('USHER');
    const scan = await f.t.call('tickets.scan', { sessionId, code: sale.tickets[0]!.qrPayload }, usher);
    expect(scan).toMatchObject({ result: 'REFUNDED', admit: false });

    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'order.refund').where('entity_id', '=', sale.orderId).execute();
    expect(audit).toHaveLength(1);
    // Nothing is left to refund.
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, whole: true, cardApprovalCode: 'AAAA' }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refunds chosen tickets after the start only with a manager’s PIN, and audits both people', async () => {
    const { sale, session } = await cashSale('J', 3);
    const accrued = sale.bonusEarned;
    f.t.clock.set(new Date(Date.parse(session.startsAt) + 10 * 60_000));
    const before = await snapshot();
    const one = { reason: 'CUSTOMER_CHANGED_MIND' as const, orderId: sale.orderId, ticketIds: [sale.tickets[0]!.id] };
    await expect(f.t.call('orders.refund', one, f.cashier)).rejects.toMatchObject({ code: 'OVERRIDE_REQUIRED', message: expect.stringContaining('started at') });
    await expect(f.t.call('orders.refund', { ...one, managerPin: '9999' }, f.cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);
    // A German-speaking cashier reads why in German, on the confirmation and in the refusal.
    await f.t.call('auth.setLanguage', { language: 'de' }, f.cashier);
    const preview = await f.t.call('orders.refundPreview', { orderId: one.orderId, ticketIds: one.ticketIds }, f.cashier);
    expect(preview.needsManager).toEqual([expect.stringMatching(/^„.+“ hat um .+ begonnen$/)]);
    await expect(f.t.call('orders.refund', one, f.cashier)).rejects.toMatchObject({ code: 'OVERRIDE_REQUIRED', message: expect.stringContaining('begonnen') });
    await f.t.call('auth.setLanguage', { language: null }, f.cashier);

    const result = await f.t.call('orders.refund', { ...one, managerPin: '2468' }, f.cashier);
    const third = sale.tickets[0]!.price - sale.tickets[0]!.discount;
    expect(result).toMatchObject({ status: 'PARTIALLY_REFUNDED', amount: third, paidBack: [{ method: 'CASH', amount: third, cardLast4: null }], approvedBy: 'Jonas Becker' });
    expect(result.bonusReversed).toBe(Math.floor((accrued * third) / sale.total));
    const [audit] = await db().selectFrom('audit_log').selectAll().where('action', '=', 'order.refund').where('entity_id', '=', sale.orderId).execute();
    const ids = await db().selectFrom('users').select(['id', 'username']).execute();
    expect(audit!.user_id).toBe(ids.find((u) => u.username === 'cashier')!.id);
    expect(audit!.override_user_id).toBe(ids.find((u) => u.username === 'manager')!.id);

    // A manager needs no PIN; the last ticket makes the order REFUNDED and the accrual fully reversed.
    await f.t.call('shifts.close', { countedCash: 0 }, f.cashier).catch(() => undefined);
    await f.t.call('shifts.open', { openingFloat: 0 }, manager);
    const rest = await f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, whole: true }, manager);
    expect(rest).toMatchObject({ status: 'REFUNDED', ticketsRefunded: 2, approvedBy: null });
    const reversed = await db().selectFrom('bonus_transactions').select('amount').where('order_id', '=', sale.orderId).where('kind', '=', 'REVERSAL').execute();
    expect(reversed.reduce((s, r) => s + r.amount, 0)).toBe(-accrued);
  });

  it('refunds part of a concession line and refuses what is not in the order', async () => {
    const { sale } = await bigSale();
    const [line] = await db().selectFrom('order_concession_lines').selectAll().where('order_id', '=', sale.orderId).execute();
    const before = await snapshot();
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, concessions: [{ lineId: line!.id, quantity: 3 }] }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Only 2 × Still water 0.5 l can still be refunded.') });
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, ticketIds: [line!.id] }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, whole: true, ticketIds: [sale.tickets[0]!.id] }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: '0190a0b0-0000-7000-8000-000000000000', whole: true }, f.cashier)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);

    const result = await f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, concessions: [{ lineId: line!.id, quantity: 1 }], cardApprovalCode: 'C0DE1' }, f.cashier);
    expect(result.amount).toBe(line!.total / 2);
    expect(result.paidBack.reduce((s, p) => s + p.amount, 0)).toBe(line!.total / 2);
    expect(result.status).toBe('PARTIALLY_REFUNDED');
    expect((await f.item('Still water 0.5 l')).stock).toBe(119);
    // The preorder still has one water to hand out.
    expect(await db().selectFrom('concession_preorders').select('status').where('order_id', '=', sale.orderId).execute()).toEqual([{ status: 'PENDING' }]);
    expect(await promocodeUses()).toBe(1);
  });
});

describe('exchanges (rule 8)', () => {
  it('moves a ticket to another seat in one step: old code revoked, new code valid, order kept', async () => {
    const { sale, session } = await cashSale('K', 1);
    const old = sale.tickets[0]!;
    const seatId = await f.seat(session.id, 'K', 12);
    const result = await f.t.call('orders.exchange', { ticketId: old.id, sessionId: session.id, seatId }, f.cashier);
    expect(result).toMatchObject({ difference: 0, paidBack: [], change: 0, newTicket: { row: 'K', number: 12, price: old.price } });
    const keys = await terminalKeys(db(), f.t.core.terminal().cinemaId);
    expect(verifyTicketQr(result.newTicket.qrPayload, keys)).toMatchObject({ ok: true, payload: { ticketId: result.newTicket.id, seatId } });
    const rows = await db().selectFrom('tickets').select(['id', 'status', 'exchanged_to_ticket_id']).where('order_id', '=', sale.orderId).orderBy('sold_at').orderBy('id').execute();
    expect(rows).toEqual([
      { id: old.id, status: 'EXCHANGED', exchanged_to_ticket_id: result.newTicket.id },
      { id: result.newTicket.id, status: 'SOLD', exchanged_to_ticket_id: null },
    ]);
    expect((await db().selectFrom('orders').select('status').where('id', '=', sale.orderId).executeTakeFirstOrThrow()).status).toBe('PAID');

    f.t.clock.set(new Date(Date.parse(session.startsAt) - 5 * 60_000));
    const usher = await f.t.signIn('USHER');
    expect(await f.t.call('tickets.scan', { sessionId: session.id, code: old.qrPayload }, usher)).toMatchObject({ result: 'REFUNDED', message: expect.stringContaining('exchanged') });
    expect(await f.t.call('tickets.scan', { sessionId: session.id, code: result.newTicket.qrPayload }, usher)).toMatchObject({ result: 'VALID' });
    expect(await db().selectFrom('audit_log').select('action').where('action', '=', 'ticket.exchange').execute()).toHaveLength(1);
  });

  it('takes the difference for a dearer seat and pays back for a cheaper one', async () => {
    const { sale, session } = await cashSale('H', 1, 'Hall 1');
    const old = sale.tickets[0]!;
    const vip = await f.session('Hall 2 VIP');
    const vipSeat = await f.seat(vip.id, 'A', 3);
    const exchange = { ticketId: old.id, sessionId: vip.id, seatId: vipSeat };
    await expect(f.t.call('orders.exchange', exchange, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('more') });
    const up = await f.t.core.call({ op: 'orders.exchange', input: { ...exchange, payments: [{ method: 'CASH', amount: 1, tendered: 1 }] }, token: f.cashier });
    expect(up).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const dearer = (await db().selectFrom('sessions').select('base_price').where('id', '=', vip.id).executeTakeFirstOrThrow()).base_price * 1.5 - old.price;
    const paid = await f.t.call('orders.exchange', { ...exchange, payments: [{ method: 'CASH', amount: dearer, tendered: dearer + 100 }] }, f.cashier);
    expect(paid).toMatchObject({ difference: dearer, change: 100 });

    // Back to a child ticket in the first session: cheaper, the difference goes back in cash.
    const childSeat = await f.seat(session.id, 'H', 9);
    const back = await f.t.call('orders.exchange', { ticketId: paid.newTicket.id, sessionId: session.id, seatId: childSeat, ticketType: 'CHILD' }, f.cashier);
    expect(back.difference).toBeLessThan(0);
    // Both cash payments of the order (the sale and the earlier difference) share the way back.
    expect(back.paidBack.every((p) => p.method === 'CASH')).toBe(true);
    expect(back.paidBack.reduce((s, p) => s + p.amount, 0)).toBe(-back.difference);
    const pays = await db().selectFrom('payments').select(['kind', 'amount']).where('order_id', '=', sale.orderId).execute();
    const net = pays.reduce((s, p) => s + (p.kind === 'PAYMENT' ? p.amount : -p.amount), 0);
    expect(net).toBe(back.newTicket.price - back.newTicket.discount);
  });

  it('refuses a taken seat, a used-up ticket, and after the start asks for a manager; nothing changes', async () => {
    const { sale, session } = await cashSale('M', 2);
    const [a, b] = sale.tickets;
    const before = await snapshot();
    await expect(f.t.call('orders.exchange', { ticketId: a!.id, sessionId: session.id, seatId: b!.seatId }, f.cashier)).rejects.toMatchObject({ code: 'SEAT_TAKEN' });
    await expect(f.t.call('orders.exchange', { ticketId: a!.id, sessionId: session.id, seatId: a!.seatId }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    f.t.clock.set(new Date(Date.parse(session.startsAt) + 60_000));
    const free = await f.seat(session.id, 'M', 15);
    await expect(f.t.call('orders.exchange', { ticketId: a!.id, sessionId: session.id, seatId: free }, f.cashier)).rejects.toMatchObject({ code: 'OVERRIDE_REQUIRED' });
    expect(await snapshot()).toEqual(before);
    // With the PIN the exchange goes ahead to a later session.
    const later = await f.t.core.services.db
      .selectFrom('sessions')
      .select('id')
      .where('hall_id', '=', session.hallId)
      .where('starts_at', '>', new Date(Date.parse(session.startsAt) + 3 * 3600_000).toISOString())
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    const laterSeat = await f.seat(later.id, 'M', 15);
    const move = { ticketId: a!.id, sessionId: later.id, seatId: laterSeat, managerPin: '2468' };
    // The later show may cost more (evening prices): the answer says how much, and it is paid.
    const first = await f.t.core.call({ op: 'orders.exchange', input: move, token: f.cashier });
    const more = first.ok ? 0 : Number(first.error.details?.difference ?? 0);
    const moved = first.ok ? (first.value as ExchangeResult) : await f.t.call('orders.exchange', { ...move, payments: [{ method: 'CASH', amount: more, tendered: more }] }, f.cashier);
    expect(moved.approvedBy).toBe('Jonas Becker');
    await expect(f.t.call('orders.exchange', { ticketId: a!.id, sessionId: later.id, seatId: await f.seat(later.id, 'M', 16), managerPin: '2468' }, f.cashier)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('order history', () => {
  it('lists today’s orders of this terminal, finds one by number, and shows its details', async () => {
    const { sale } = await bigSale();
    const { sale: second } = await cashSale('N', 1);
    const history = await f.t.call('orders.history', {}, f.cashier);
    expect(history.orders.map((o) => o.number)).toEqual([second.number, sale.number]);
    expect(history.orders[1]).toMatchObject({ status: 'PAID', total: sale.total, tickets: 2, cashierName: 'Lena Hoffmann', refunded: 0 });
    expect(history.orders[1]!.summary).toMatch(/^2 × .+ \d\d:\d\d, 2 × Still water 0\.5 l$/);
    const found = await f.t.call('orders.history', { search: sale.number.slice(-3) }, f.cashier);
    expect(found.orders.map((o) => o.id)).toContain(sale.orderId);
    expect((await f.t.call('orders.history', { search: 'nothing-like-it' }, f.cashier)).orders).toEqual([]);
    expect((await f.t.call('orders.history', { search: '%' }, f.cashier)).orders).toEqual([]);

    const details = await f.t.call('orders.details', { orderId: sale.orderId }, f.cashier);
    expect(details).toMatchObject({ number: sale.number, promocode: 'WELCOME10', customer: { name: 'Anna Schmidt' }, preorder: { status: 'PENDING' } });
    expect(details.tickets).toHaveLength(2);
    expect(details.refundable).toEqual([
      { method: 'CARD', amount: 1000, cardLast4: '4242' },
      { method: 'CASH', amount: sale.total - 1300, cardLast4: null },
      { method: 'BONUS', amount: 300, cardLast4: null },
    ]);
    const usher = await f.t.signIn('USHER');
    await expect(f.t.call('orders.history', {}, usher)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
