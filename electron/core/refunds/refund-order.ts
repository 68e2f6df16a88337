import type { Transaction } from 'kysely';
import type { RefundResult } from '../../../shared/contract/refunds';
import type { OrderStatus } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError, inWords } from '../errors';
import { readerLanguage } from '../reader-language';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { settleAccrual } from '../loyalty/settle-accrual';
import { approvalFor, requireApproval } from './manager-approval';
import { payBack } from './refund-sources';
import { planRefund, type RefundInput } from './plan-refund';
import { writeStanding } from './standing-order';
import { nextRefundSlipNumber } from './refund-slip-number';
import { issueCorrectionSlip } from '../receipts/issue-receipt';
import { refundVat } from '../receipts/correction-vat';
import { seatWords } from '../../../shared/seat-map';

export type { RefundInput } from './plan-refund';
export { refundableOrder } from './plan-refund';

/** REFUNDED once nothing of the order is live any more (no sold ticket, no item left), else PARTIALLY_REFUNDED. */
export async function statusAfterRefund(trx: Transaction<DB>, orderId: string): Promise<OrderStatus> {
  const [live, items] = await Promise.all([
    trx.selectFrom('tickets').select('id').where('order_id', '=', orderId).where('status', '=', 'SOLD').limit(1).executeTakeFirst(),
    trx.selectFrom('order_concession_lines').select('id').where('order_id', '=', orderId).whereRef('refunded_quantity', '<', 'quantity').limit(1).executeTakeFirst(),
  ]);
  return live || items ? 'PARTIALLY_REFUNDED' : 'REFUNDED';
}

/**
 * Rule 8: refunds a whole order or chosen tickets and items in ONE transaction, as planRefund
 * planned it — money back to the original payments (cash through the open shift, card with the
 * terminal's approval code, points to the account) with the reason chosen, the order's code
 * re-applied to what stands (dropped and clawed back below its minimum), the accrual following
 * the money, tickets REFUNDED and revoked (the list syncs to every door), items back in stock or
 * written off as waste, the preorder cancelled, the order's status — audited with the approving
 * manager, and numbered for the refund slip. A started session, a ticket already let in or items
 * already handed over need a manager (or a manager's PIN).
 */
export async function refundOrder(ctx: SignedInContext, input: RefundInput): Promise<RefundResult> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const approval = await approvalFor(ctx, input.managerPin);

  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const language = readerLanguage(ctx);
    const plan = await planRefund(trx, cinema, now, input, language);
    const overrideUserId = requireApproval(approval, plan.needsManager.map((w) => inWords(w, language)));
    const { order } = plan;
    const why = `refund of order ${order.number}`;

    const { paidBack, bonusReturned } = await payBack(trx, ctx, {
      orderId: order.id,
      orderNumber: order.number,
      amount: plan.amount,
      currency: cinema.currency,
      cardApprovalCode: input.cardApprovalCode,
      reason: input.reason,
      why,
    });

    const nowIso = now.toISOString();
    for (const t of plan.tickets) {
      const updated = await trx.updateTable('tickets').set({ status: 'REFUNDED', ...ctx.stamp() }).where('id', '=', t.id).where('status', '=', 'SOLD').executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', { key: 'refusals:refunds.changedMeanwhileReloadOrder', values: { seat: seatWords(t.row, t.number) } });
      await trx.insertInto('ticket_revocations').values({ id: newId(), ticket_id: t.id, reason: 'REFUNDED', revoked_at: nowIso, ...ctx.stamp() }).execute();
    }
    const refundedAfter = new Map(plan.items.map((c) => [c.lineId, c.refundedBefore + c.quantity]));
    await writeStanding(trx, ctx, plan.standing, plan.after, refundedAfter);
    for (const c of plan.items) {
      if (c.to === 'WASTE') {
        await trx.updateTable('order_concession_lines').set({ wasted_quantity: c.wastedBefore + c.quantity, ...ctx.stamp() }).where('id', '=', c.lineId).execute();
      } else if (c.stock !== null) {
        await trx
          .updateTable('concession_items')
          .set((eb) => ({ stock: eb('stock', '+', c.quantity), ...ctx.stamp() }))
          .where('id', '=', c.itemId)
          .execute();
      }
    }
    // A preorder whose items are all refunded is not prepared any more.
    const preorderIds = [...new Set(plan.items.map((c) => c.preorderId).filter((id): id is string => id !== null))];
    for (const preorderId of preorderIds) {
      const open = await trx
        .selectFrom('order_concession_lines')
        .select('id')
        .where('preorder_id', '=', preorderId)
        .whereRef('refunded_quantity', '<', 'quantity')
        .limit(1)
        .executeTakeFirst();
      if (!open) {
        await trx.updateTable('concession_preorders').set({ status: 'CANCELLED', ...ctx.stamp() }).where('id', '=', preorderId).where('status', 'in', ['PENDING', 'READY']).execute();
      }
    }

    const accrual = await settleAccrual(trx, ctx, {
      orderId: order.id,
      customerId: plan.standing.customerId,
      netMoney: plan.standing.netMoney - paidBack.filter((p) => p.method !== 'BONUS').reduce((s, p) => s + p.amount, 0),
      accrualBp: cinema.bonus_accrual_bp,
      why,
    });
    const status = await statusAfterRefund(trx, order.id);
    await trx.updateTable('orders').set({ status, ...ctx.stamp() }).where('id', '=', order.id).execute();
    const slipNumber = await nextRefundSlipNumber(trx, ctx.terminal.id);
    // Rule 16: the slip's place in this terminal's receipt numbers and its signed journal entry.
    const fiscal = await issueCorrectionSlip(trx, ctx, {
      kind: 'REFUND',
      orderId: order.id,
      orderNumber: order.number,
      vat: await refundVat(trx, { amount: -plan.amount, ticketRateBp: cinema.ticket_vat_bp, tickets: plan.tickets, items: plan.items }),
      payments: paidBack.map((p) => ({ method: p.method, amount: -p.amount })),
      details: { slip: slipNumber, tickets: plan.tickets.map((t) => t.id), items: plan.items.map((c) => ({ line: c.lineId, quantity: c.quantity })) },
    });

    await recordAudit(trx, ctx, {
      action: 'order.refund',
      entity: 'order',
      entityId: order.id,
      overrideUserId,
      details: {
        number: order.number,
        slip: slipNumber,
        receipt: fiscal.number,
        refersToReceipt: fiscal.refersToReceipt,
        reason: input.reason,
        whole: input.whole,
        tickets: plan.tickets.map((t) => t.id),
        items: plan.items.map((c) => ({ lineId: c.lineId, name: c.name, quantity: c.quantity, to: c.to })),
        amount: plan.amount,
        paidBack,
        bonusReturned,
        bonusReversed: -Math.min(0, accrual),
        promocode: plan.promocode,
        status,
        needsManager: plan.needsManager.map((w) => inWords(w, 'en')),
      },
    });

    return {
      orderId: order.id,
      number: order.number,
      status,
      amount: plan.amount,
      paidBack,
      bonusReturned,
      bonusReversed: -Math.min(0, accrual),
      ticketsRefunded: plan.tickets.length,
      approvedBy: approval.manager?.displayName ?? null,
      slipNumber,
      reason: input.reason,
      promocode: plan.promocode,
      items: plan.items.map((c) => ({ name: c.name, quantity: c.quantity, to: c.to })),
    } satisfies RefundResult;
  });
}
