import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { openShiftOf } from '../shifts/shifts';
import type { PaymentMethod, RefundReason } from '../../../shared/enums';
import { allocateRefund, type RefundSource } from './allocate-refund';
import { returnToVoucher } from '../vouchers/redeem-vouchers';

export interface OrderPaymentSource extends RefundSource {
  cardLast4: string | null;
}

/** Each PAYMENT of the order with what is left of it after the refunds that point at it. */
export async function refundSources(trx: Transaction<DB>, orderId: string): Promise<OrderPaymentSource[]> {
  const rows = await trx.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
  const back = new Map<string, number>();
  for (const r of rows) if (r.kind === 'REFUND' && r.refunds_payment_id) back.set(r.refunds_payment_id, (back.get(r.refunds_payment_id) ?? 0) + r.amount);
  return rows
    .filter((r) => r.kind === 'PAYMENT')
    .map((r) => ({ paymentId: r.id, method: r.method, remaining: r.amount - (back.get(r.id) ?? 0), cardLast4: r.card_last4 }));
}

/**
 * The till a refund pays out of: the open shift of this terminal (a cashier only their own; a
 * manager whoever's is open), so cash refunds land in the shift's Z report (rule 14).
 */
export async function refundShift(trx: Transaction<DB>, ctx: SignedInContext): Promise<string> {
  const shift = await openShiftOf(trx, ctx.terminal.id);
  if (!shift) throw new DomainError('CONFLICT', { key: 'refusals:refunds.openShiftFirstRefunds' });
  if (shift.cashier_id !== ctx.user.id && ctx.user.role === 'CASHIER') {
    throw new DomainError('CONFLICT', { key: 'refusals:refunds.shiftOpenTerminalClose', values: { shiftCashierName: shift.cashier_name } });
  }
  return shift.id;
}

export interface PaidBack {
  method: PaymentMethod;
  amount: number;
  cardLast4: string | null;
}

/**
 * Pays `amount` back to the order's payments (rule 8) inside the caller's transaction: REFUND
 * payments through the open shift (with the reason chosen at the counter), points returned to the
 * customer's account, a voucher share back onto its voucher (rule 17). A card share needs the
 * approval code of the refund run on the card terminal. The accrual is the caller's to settle afterwards (settleAccrual: it follows the money).
 */
export async function payBack(
  trx: Transaction<DB>,
  ctx: SignedInContext,
  args: { orderId: string; orderNumber: string; amount: number; currency: string; cardApprovalCode: string | undefined; reason: RefundReason; why: string },
): Promise<{ paidBack: PaidBack[]; bonusReturned: number }> {
  if (args.amount === 0) return { paidBack: [], bonusReturned: 0 };
  const shiftId = await refundShift(trx, ctx);
  const sources = await refundSources(trx, args.orderId);
  const left = sources.reduce((s, p) => s + p.remaining, 0);
  if (args.amount > left) throw new DomainError('CONFLICT', { key: 'refusals:refunds.onlyOrderLeftPay', values: { amount: { minor: left, currency: args.currency }, orderNumber: args.orderNumber, amount2: { minor: args.amount, currency: args.currency } } });
  const shares = allocateRefund(args.amount, sources);

  const card = shares.filter((s) => s.method === 'CARD');
  if (card.length > 0 && !args.cardApprovalCode) {
    const last4 = card.map((c) => sources.find((s) => s.paymentId === c.paymentId)!.cardLast4).filter(Boolean);
    throw new DomainError(
      'VALIDATION',
      { key: 'refusals:refunds.refundCardCardTerminal', values: { amount: { minor: card.reduce((s, c) => s + c.amount, 0), currency: args.currency }, value: last4.length ? ` ending ${last4.join(', ')}` : '' } },
      { field: 'cardApprovalCode' },
    );
  }

  const order = await trx.selectFrom('orders').select(['customer_id']).where('id', '=', args.orderId).executeTakeFirstOrThrow();
  const account = order.customer_id ? await trx.selectFrom('bonus_accounts').select('id').where('customer_id', '=', order.customer_id).executeTakeFirst() : undefined;

  const paidBack: PaidBack[] = [];
  for (const share of shares) {
    const source = sources.find((s) => s.paymentId === share.paymentId)!;
    const refundPaymentId = newId();
    await trx
      .insertInto('payments')
      .values({
        id: refundPaymentId,
        order_id: args.orderId,
        shift_id: shiftId,
        method: share.method,
        kind: 'REFUND',
        amount: share.amount,
        cash_tendered: null,
        change_given: null,
        card_approval_code: share.method === 'CARD' ? args.cardApprovalCode!.toUpperCase() : null,
        card_last4: share.method === 'CARD' ? source.cardLast4 : null,
        refunds_payment_id: share.paymentId,
        refund_reason: args.reason,
        created_at: ctx.clock.now().toISOString(),
        ...ctx.stamp(),
      })
      .execute();
    if (share.method === 'VOUCHER') {
      const cinemaId = (await trx.selectFrom('orders').select('cinema_id').where('id', '=', args.orderId).executeTakeFirstOrThrow()).cinema_id;
      await returnToVoucher(trx, ctx, { cinemaId, orderId: args.orderId, refundedPaymentId: share.paymentId, refundPaymentId, amount: share.amount, why: args.why });
    }
    paidBack.push({ method: share.method, amount: share.amount, cardLast4: share.method === 'CARD' ? source.cardLast4 : null });
  }

  const bonusReturned = shares.filter((s) => s.method === 'BONUS').reduce((s, x) => s + x.amount, 0);
  if (account && bonusReturned > 0) {
    await trx
      .insertInto('bonus_transactions')
      .values({ id: newId(), account_id: account.id, kind: 'REVERSAL', amount: bonusReturned, order_id: args.orderId, note: `Points returned: ${args.why}`, ...ctx.stamp() })
      .execute();
  }
  return { paidBack, bonusReturned };
}
