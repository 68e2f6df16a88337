import { seatLabel } from '../../../shared/seat-map';
import type { RefundPreview } from '../../../shared/contract/refunds';
import type { SignedInContext } from '../context';
import type { CinemaRow } from '../catalog/require-cinema';
import { admittedWhy, planRefund, type RefundInput } from './plan-refund';

/** The counter's confirmation: planRefund's answer for the same choice, nothing written. */
export async function previewRefund(ctx: SignedInContext, cinema: CinemaRow, input: Omit<RefundInput, 'reason'>): Promise<RefundPreview> {
  const plan = await ctx.db.transaction().execute((trx) => planRefund(trx, cinema, ctx.clock.now(), { ...input, reason: 'OTHER' }));
  return {
    orderId: plan.order.id,
    number: plan.order.number,
    currency: cinema.currency,
    amount: plan.amount,
    paidBack: plan.shares,
    tickets: plan.tickets.map((t) => ({ id: t.id, label: `${t.title} · ${seatLabel(t.row, t.number)}`, admitted: admittedWhy(t, cinema.timezone) })),
    items: plan.items.map((c) => ({ lineId: c.lineId, name: c.name, quantity: c.quantity, to: c.to, handedOver: c.handedOver })),
    promocode: plan.promocode,
    needsManager: plan.needsManager,
  };
}
