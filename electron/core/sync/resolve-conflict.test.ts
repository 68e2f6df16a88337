import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOneCinemaTwoTerminals, type OneCinemaTwoTerminals } from './testing/central-fixture';
import { freeSeats, managerContext, type SyncTerminal } from './testing/sync-terminal';
import { systemContext } from '../system-context';
import { resolveConflict } from './resolve-conflict';
import { newId } from '../ids';
import type { PaymentMethod } from '../../../shared/enums';

/**
 * The conflict screen's REFUND pays the losing ticket back like any refund (rule 8): over what the
 * order's payments have left, in proportion, through the open shift, with its reason; the points
 * follow the money (rule 6); the order is REFUNDED once nothing of it stands.
 */
let cinema: OneCinemaTwoTerminals;
let t1: SyncTerminal, t2: SyncTerminal;

beforeAll(async () => {
  cinema = await startOneCinemaTwoTerminals();
  ({ t1, t2 } = cinema);
  for (let round = 0; round < 2; round++) for (const t of [t1, t2]) await t.sync.syncNow();
}, 120_000);

afterAll(() => cinema?.stop());

async function openShift(t: SyncTerminal): Promise<string> {
  const ctx = systemContext(t.core.services);
  const open = await t.db.selectFrom('shifts').select('id').where('terminal_id', '=', ctx.terminal.id).where('status', '=', 'OPEN').executeTakeFirst();
  if (open) return open.id;
  const cashier = await t.db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
  const id = newId();
  await t.db
    .insertInto('shifts')
    .values({ id, cinema_id: ctx.terminal.cinemaId!, terminal_id: ctx.terminal.id, cashier_id: cashier.id, opened_at: ctx.clock.now().toISOString(), opening_float: 0, ...ctx.stamp() })
    .execute();
  return id;
}

async function closeShift(t: SyncTerminal): Promise<void> {
  const ctx = systemContext(t.core.services);
  await t.db
    .updateTable('shifts')
    .set({ status: 'CLOSED', closed_at: ctx.clock.now().toISOString(), counted_cash: 0, expected_cash: 0, difference: 0, ...ctx.stamp() })
    .where('terminal_id', '=', ctx.terminal.id)
    .where('status', '=', 'OPEN')
    .execute();
}

/** A sale written the way the counter writes it, paid with the given shares (points spent, accrual earned). */
async function sell(t: SyncTerminal, sessionId: string, seatIds: string[], pay: (total: number) => { method: PaymentMethod; amount: number }[], customer?: { id: string; accountId: string; earned: number }) {
  const ctx = systemContext(t.core.services);
  const shiftId = await openShift(t);
  const cashier = await t.db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
  const { base_price } = await t.db.selectFrom('sessions').select('base_price').where('id', '=', sessionId).executeTakeFirstOrThrow();
  const now = ctx.clock.now().toISOString();
  const orderId = newId();
  const total = base_price * seatIds.length;
  const ticketIds = seatIds.map(() => newId());
  await t.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('orders')
      .values({ id: orderId, number: `T-${orderId.slice(-8)}`, cinema_id: ctx.terminal.cinemaId!, terminal_id: ctx.terminal.id, cashier_id: cashier.id, shift_id: shiftId, customer_id: customer?.id ?? null, subtotal: total, total, status: 'PAID', paid_at: now, bonus_earned: customer?.earned ?? 0, ...ctx.stamp() })
      .execute();
    for (const [i, seatId] of seatIds.entries()) {
      await trx
        .insertInto('tickets')
        .values({ id: ticketIds[i]!, session_id: sessionId, seat_id: seatId, order_id: orderId, price: base_price, qr_payload: `test:${ticketIds[i]}`, sold_by: cashier.id, terminal_id: ctx.terminal.id, sold_at: now, ...ctx.stamp() })
        .execute();
    }
    for (const p of pay(total)) {
      await trx
        .insertInto('payments')
        .values({
          id: newId(),
          order_id: orderId,
          shift_id: shiftId,
          method: p.method,
          amount: p.amount,
          cash_tendered: p.method === 'CASH' ? p.amount : null,
          change_given: p.method === 'CASH' ? 0 : null,
          card_approval_code: p.method === 'CARD' ? 'SALE01' : null,
          card_last4: p.method === 'CARD' ? '4242' : null,
          ...ctx.stamp(),
        })
        .execute();
      if (p.method === 'BONUS' && customer) await trx.insertInto('bonus_transactions').values({ id: newId(), account_id: customer.accountId, kind: 'REDEMPTION', amount: -p.amount, order_id: orderId, ...ctx.stamp() }).execute();
    }
    if (customer?.earned) await trx.insertInto('bonus_transactions').values({ id: newId(), account_id: customer.accountId, kind: 'ACCRUAL', amount: customer.earned, order_id: orderId, ...ctx.stamp() }).execute();
  });
  return { orderId, ticketIds, total, price: base_price };
}

/** The same seat sold first on T1, then on T2 (both offline): T2's ticket loses, a DOUBLE_SALE conflict on T2. */
async function doubleSale(sellSecond: (sessionId: string, seat: string, spare: string) => ReturnType<typeof sell>) {
  // Both terminals in step first (the previous sales), then offline for the two sales.
  for (const t of [t2, t1]) await t.sync.syncNow();
  const session = (await t1.db.selectFrom('sessions').select('id').where('starts_at', '>', '2026-11-25T14:00:00.000Z').orderBy('starts_at').executeTakeFirstOrThrow()).id;
  const [seat, spare] = await freeSeats(t1.db, session, 2);
  await sell(t1, session, [seat!], (total) => [{ method: 'CASH', amount: total }]);
  const second = await sellSecond(session, seat!, spare!);
  await t1.sync.syncNow();
  await t2.sync.syncNow();
  const conflict = (await t2.sync.conflicts()).find((c) => !c.resolved_at && c.subject_id === second.ticketIds[0])!;
  expect(conflict.kind).toBe('DOUBLE_SALE');
  return { session, second, conflict };
}

const refundsOf = (t: SyncTerminal, orderId: string) =>
  t.db.selectFrom('payments').select(['method', 'amount', 'refunds_payment_id', 'refund_reason', 'card_approval_code']).where('order_id', '=', orderId).where('kind', '=', 'REFUND').orderBy('method').execute();

describe('refunding the ticket of a seat sold twice', () => {
  it('pays back card and cash in proportion to what each has left, asks for the card code, refuses without an open shift', async () => {
    const { second, conflict } = await doubleSale(async (sessionId, seat, spare) =>
      // Two tickets: half by card, half in cash.
      sell(t2, sessionId, [seat, spare], (total) => [
        { method: 'CARD', amount: total / 2 },
        { method: 'CASH', amount: total / 2 },
      ]),
    );
    const ctx = await managerContext(t2);
    const p = second.price;
    // Half of the card payment was already paid back at the counter: the card has p/2 left.
    const card = await t2.db.selectFrom('payments').select(['id', 'shift_id']).where('order_id', '=', second.orderId).where('method', '=', 'CARD').executeTakeFirstOrThrow();
    await t2.db
      .insertInto('payments')
      .values({ id: newId(), order_id: second.orderId, shift_id: card.shift_id, method: 'CARD', kind: 'REFUND', amount: p / 2, card_approval_code: 'EARLY1', refunds_payment_id: card.id, refund_reason: 'COMPLAINT', ...ctx.stamp() })
      .execute();

    // No open shift: refused in the manager's words, nothing changed.
    await closeShift(t2);
    const before = await refundsOf(t2, second.orderId);
    await expect(resolveConflict(ctx, { conflictId: conflict.id, action: 'REFUND' })).rejects.toThrow(/^Open a shift first/);
    expect(await refundsOf(t2, second.orderId)).toEqual(before);
    expect((await t2.db.selectFrom('tickets').select('status').where('id', '=', second.ticketIds[0]!).executeTakeFirstOrThrow()).status).toBe('SOLD');
    expect(await t2.db.selectFrom('ticket_revocations').select('id').where('ticket_id', '=', second.ticketIds[0]!).execute()).toEqual([]);
    expect((await t2.sync.conflicts()).find((c) => c.id === conflict.id)!.resolved_at).toBeNull();

    // A card share needs the card terminal's approval code first.
    await openShift(t2);
    await expect(resolveConflict(ctx, { conflictId: conflict.id, action: 'REFUND' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'cardApprovalCode' } });
    expect(await refundsOf(t2, second.orderId)).toEqual(before);
    await resolveConflict(ctx, { conflictId: conflict.id, action: 'REFUND', cardApprovalCode: 'ref77' });

    // p back over card p/2 left and cash p left: 1/3 card, 2/3 cash; never more than either has left.
    const after = (await refundsOf(t2, second.orderId)).filter((r) => r.refund_reason === 'TECHNICAL_PROBLEM');
    const cardBack = Math.round(p / 3);
    expect(after).toEqual([
      { method: 'CARD', amount: cardBack, refunds_payment_id: card.id, refund_reason: 'TECHNICAL_PROBLEM', card_approval_code: 'REF77' },
      { method: 'CASH', amount: p - cardBack, refunds_payment_id: expect.any(String), refund_reason: 'TECHNICAL_PROBLEM', card_approval_code: null },
    ]);
    expect(p / 2 + cardBack).toBeLessThanOrEqual(p);
    // The other ticket stands: the order is partly refunded. The slip lists the two shares.
    expect((await t2.db.selectFrom('orders').select('status').where('id', '=', second.orderId).executeTakeFirstOrThrow()).status).toBe('PARTIALLY_REFUNDED');
    const slip = await t2.db.selectFrom('fiscal_receipts').select(['kind', 'amount']).where('order_id', '=', second.orderId).execute();
    expect(slip).toEqual([{ kind: 'REFUND', amount: -p }]);
    expect((await t2.db.selectFrom('tickets').select('status').where('id', '=', second.ticketIds[0]!).executeTakeFirstOrThrow()).status).toBe('REFUNDED');
  }, 90_000);

  it('a loyalty customer paid in points and cash: points back, accrual settled, the order REFUNDED', async () => {
    const ctx = await managerContext(t2);
    const customerId = newId();
    const accountId = newId();
    await t2.db.transaction().execute(async (trx) => {
      await trx.insertInto('customers').values({ id: customerId, name: 'Loyal', card_number: `C-${customerId.slice(-6)}`, ...ctx.stamp() }).execute();
      await trx.insertInto('bonus_accounts').values({ id: accountId, customer_id: customerId, card_number: `C-${customerId.slice(-6)}`, ...ctx.stamp() }).execute();
      await trx.insertInto('bonus_transactions').values({ id: newId(), account_id: accountId, kind: 'ACCRUAL', amount: 10_000, ...ctx.stamp() }).execute();
    });
    const { bonus_accrual_bp } = await t2.db.selectFrom('cinemas').select('bonus_accrual_bp').executeTakeFirstOrThrow();
    const pointsPart = 300;
    const { second, conflict } = await doubleSale(async (sessionId, seat) => {
      const { base_price } = await t2.db.selectFrom('sessions').select('base_price').where('id', '=', sessionId).executeTakeFirstOrThrow();
      const earned = Math.floor(((base_price - pointsPart) * bonus_accrual_bp) / 10_000);
      return sell(t2, sessionId, [seat], (total) => [{ method: 'BONUS', amount: pointsPart }, { method: 'CASH', amount: total - pointsPart }], { id: customerId, accountId, earned });
    });
    const balance = async () => Number((await t2.db.selectFrom('bonus_balances').select('balance').where('account_id', '=', accountId).executeTakeFirstOrThrow()).balance);
    const earned = Math.floor(((second.price - pointsPart) * bonus_accrual_bp) / 10_000);
    expect(earned).toBeGreaterThan(0);
    expect(await balance()).toBe(10_000 - pointsPart + earned);

    await resolveConflict(ctx, { conflictId: conflict.id, action: 'REFUND' });

    expect(await refundsOf(t2, second.orderId)).toEqual([
      { method: 'BONUS', amount: pointsPart, refunds_payment_id: expect.any(String), refund_reason: 'TECHNICAL_PROBLEM', card_approval_code: null },
      { method: 'CASH', amount: second.price - pointsPart, refunds_payment_id: expect.any(String), refund_reason: 'TECHNICAL_PROBLEM', card_approval_code: null },
    ]);
    // Rule 6: nothing paid in money any more — nothing earned; the spent points are back.
    expect(await balance()).toBe(10_000);
    const order = await t2.db.selectFrom('orders').select(['status', 'bonus_earned']).where('id', '=', second.orderId).executeTakeFirstOrThrow();
    expect(order).toEqual({ status: 'REFUNDED', bonus_earned: 0 });
  }, 90_000);
});
