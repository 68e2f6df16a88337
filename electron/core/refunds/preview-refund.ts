import { seatLabel } from '../../../shared/seat-map';
import type { RefundPreview } from '../../../shared/contract/refunds';
import type { SignedInContext } from '../context';
import type { CinemaRow } from '../catalog/require-cinema';
import { admittedWords, planRefund, type RefundInput } from './plan-refund';
import { inWords } from '../errors';
import { readerLanguage } from '../reader-language';

/** The counter's confirmation: planRefund's answer for the same choice, nothing written. */
export async function previewRefund(ctx: SignedInContext, cinema: CinemaRow, input: Omit<RefundInput, 'reason'>): Promise<RefundPreview> {
  const language = readerLanguage(ctx);
  const plan = await ctx.db.transaction().execute((trx) => planRefund(trx, cinema, ctx.clock.now(), { ...input, reason: 'OTHER' }, language));
  const say = (words: Parameters<typeof inWords>[0] | null) => (words ? inWords(words, language) : null);
  return {
    orderId: plan.order.id,
    number: plan.order.number,
    currency: cinema.currency,
    amount: plan.amount,
    paidBack: plan.shares,
    tickets: plan.tickets.map((t) => ({ id: t.id, label: `${t.title} · ${seatLabel(t.row, t.number, language)}`, admitted: say(admittedWords(t, cinema.timezone)) })),
    items: plan.items.map((c) => ({ lineId: c.lineId, name: c.name, quantity: c.quantity, to: c.to, handedOver: c.handedOver })),
    promocode: plan.promocode,
    needsManager: plan.needsManager.map((w) => inWords(w, language)),
  };
}
