import type { Transaction } from 'kysely';
import type { RefundResult } from '../../../shared/contract/refunds';
import type { OrderStatus } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { formatInstant } from '../booking/format-instant';
import { lineShare } from './allocate-refund';
import { approvalFor, requireApproval } from './manager-approval';
import { payBack } from './refund-sources';

export interface RefundInput {
  orderId: string;
  whole: boolean;
  ticketIds: string[];
  concessions: { lineId: string; quantity: number }[];
  managerPin?: string;
  cardApprovalCode?: string;
}

/** The order, if it is in this cinema and still has something to refund. */
export async function refundableOrder(trx: Transaction<DB>, orderId: string, cinemaId: string) {
  const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).where('cinema_id', '=', cinemaId).executeTakeFirst();
  if (!order) throw new DomainError('NOT_FOUND', 'There is no such order in this cinema. Search for it by its number.');
  if (order.status === 'REFUNDED') throw new DomainError('CONFLICT', `Order ${order.number} is already refunded in full.`);
  if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') throw new DomainError('CONFLICT', `Order ${order.number} was never paid (it is ${order.status.toLowerCase()}): there is nothing to refund.`);
  return order;
}

/** REFUNDED once nothing of the order is live any more (no sold ticket, no item left), else PARTIALLY_REFUNDED. */
export async function statusAfterRefund(trx: Transaction<DB>, orderId: string): Promise<OrderStatus> {
  const [live, items] = await Promise.all([
    trx.selectFrom('tickets').select('id').where('order_id', '=', orderId).where('status', '=', 'SOLD').limit(1).executeTakeFirst(),
    trx.selectFrom('order_concession_lines').select('id').where('order_id', '=', orderId).whereRef('refunded_quantity', '<', 'quantity').limit(1).executeTakeFirst(),
  ]);
  return live || items ? 'PARTIALLY_REFUNDED' : 'REFUNDED';
}

/**
 * Rule 8: refunds a whole order or chosen tickets and items in ONE transaction — money back to
 * the original payments (cash through the open shift, card with the terminal's approval code,
 * points to the account), the accrual reversed, tickets REFUNDED and revoked (the list syncs to
 * every door), items back in stock, the preorder cancelled, the order's status and its promocode
 * use (a fully refunded order no longer counts as one) — audited with the approving manager.
 * Before the session starts a cashier may do it; after, a manager or a manager's PIN.
 */
export async function refundOrder(ctx: SignedInContext, input: RefundInput): Promise<RefundResult> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const approval = await approvalFor(ctx, input.managerPin);

  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const order = await refundableOrder(trx, input.orderId, cinema.id);

    const tickets = await trx
      .selectFrom('tickets as t')
      .innerJoin('sessions as s', 's.id', 't.session_id')
      .innerJoin('films as f', 'f.id', 's.film_id')
      .innerJoin('seats as st', 'st.id', 't.seat_id')
      .select(['t.id', 't.status', 't.price', 't.discount', 's.starts_at', 'f.title', 'st.row_label', 'st.number'])
      .where('t.order_id', '=', order.id)
      .execute();
    const chosenTickets = input.whole
      ? tickets.filter((t) => t.status === 'SOLD')
      : [...new Set(input.ticketIds)].map((id) => {
          const t = tickets.find((x) => x.id === id);
          if (!t) throw new DomainError('VALIDATION', `That ticket is not part of order ${order.number}. Reload the order.`, { ticketId: id });
          if (t.status !== 'SOLD') throw new DomainError('CONFLICT', `Row ${t.row_label}, seat ${t.number} of order ${order.number} is already ${t.status.toLowerCase()}.`, { ticketId: id });
          return t;
        });

    const lines = await trx
      .selectFrom('order_concession_lines as l')
      .innerJoin('concession_items as i', 'i.id', 'l.item_id')
      .select(['l.id', 'l.item_id', 'l.quantity', 'l.refunded_quantity', 'l.total', 'l.preorder_id', 'i.name', 'i.stock'])
      .where('l.order_id', '=', order.id)
      .execute();
    const chosenLines = input.whole
      ? lines.filter((l) => l.refunded_quantity < l.quantity).map((l) => ({ line: l, quantity: l.quantity - l.refunded_quantity }))
      : input.concessions.map((c) => {
          const l = lines.find((x) => x.id === c.lineId);
          if (!l) throw new DomainError('VALIDATION', `That item is not part of order ${order.number}. Reload the order.`, { lineId: c.lineId });
          const left = l.quantity - l.refunded_quantity;
          if (c.quantity > left) {
            throw new DomainError('VALIDATION', left === 0 ? `${l.name} of order ${order.number} is already refunded.` : `Only ${left} × ${l.name} can still be refunded.`, { lineId: c.lineId });
          }
          return { line: l, quantity: c.quantity };
        });
    if (new Set(chosenLines.map((c) => c.line.id)).size !== chosenLines.length) throw new DomainError('VALIDATION', 'An item is listed twice: give each item once with its quantity.');
    if (chosenTickets.length === 0 && chosenLines.length === 0) throw new DomainError('CONFLICT', `Nothing of order ${order.number} is left to refund.`);

    const started = chosenTickets.filter((t) => Date.parse(t.starts_at) <= now.getTime()).sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0];
    const overrideUserId = requireApproval(approval, started ? `“${started.title}” started at ${formatInstant(started.starts_at, cinema.timezone)}` : null);

    const amount =
      chosenTickets.reduce((s, t) => s + t.price - t.discount, 0) + chosenLines.reduce((s, c) => s + lineShare(c.line.total, c.line.quantity, c.line.refunded_quantity, c.quantity), 0);
    const why = `refund of order ${order.number}`;
    const { paidBack, bonusReturned, bonusReversed } = await payBack(trx, ctx, {
      orderId: order.id,
      orderNumber: order.number,
      amount,
      currency: cinema.currency,
      cardApprovalCode: input.cardApprovalCode,
      why,
    });

    const nowIso = now.toISOString();
    for (const t of chosenTickets) {
      const updated = await trx.updateTable('tickets').set({ status: 'REFUNDED', ...ctx.stamp() }).where('id', '=', t.id).where('status', '=', 'SOLD').executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', `Row ${t.row_label}, seat ${t.number} changed meanwhile. Reload the order.`);
      await trx.insertInto('ticket_revocations').values({ id: newId(), ticket_id: t.id, reason: 'REFUNDED', revoked_at: nowIso, ...ctx.stamp() }).execute();
    }
    for (const { line, quantity } of chosenLines) {
      await trx
        .updateTable('order_concession_lines')
        .set({ refunded_quantity: line.refunded_quantity + quantity, ...ctx.stamp() })
        .where('id', '=', line.id)
        .where('refunded_quantity', '=', line.refunded_quantity)
        .execute();
      if (line.stock !== null) {
        await trx
          .updateTable('concession_items')
          .set((eb) => ({ stock: eb('stock', '+', quantity), ...ctx.stamp() }))
          .where('id', '=', line.item_id)
          .execute();
      }
    }
    // A preorder whose items are all refunded is not prepared any more.
    const preorderIds = [...new Set(chosenLines.map((c) => c.line.preorder_id).filter((id): id is string => id !== null))];
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

    const status = await statusAfterRefund(trx, order.id);
    await trx.updateTable('orders').set({ status, ...ctx.stamp() }).where('id', '=', order.id).execute();

    await recordAudit(trx, ctx, {
      action: 'order.refund',
      entity: 'order',
      entityId: order.id,
      overrideUserId,
      details: {
        number: order.number,
        whole: input.whole,
        tickets: chosenTickets.map((t) => t.id),
        items: chosenLines.map((c) => ({ lineId: c.line.id, name: c.line.name, quantity: c.quantity })),
        amount,
        paidBack,
        bonusReturned,
        bonusReversed,
        status,
        sessionStarted: Boolean(started),
      },
    });

    return {
      orderId: order.id,
      number: order.number,
      status,
      amount,
      paidBack,
      bonusReturned,
      bonusReversed,
      ticketsRefunded: chosenTickets.length,
      approvedBy: approval.manager?.displayName ?? null,
    } satisfies RefundResult;
  });
}
