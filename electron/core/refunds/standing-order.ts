import type { Transaction } from 'kysely';
import type { BusinessDayRule } from '../../../shared/business-day';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import type { PromocodeTerms } from '../promocodes/check-promocode';
import { loadPromocodeTerms } from '../promocodes/promocodes';
import { reapplyPromocode } from '../promocodes/reapply-promocode';
import type { Words } from '../../../shared/i18n/message-key';

/*
 * What an order is worth as it stands, and what it is worth after a refund or an exchange.
 * The rule that keeps every cent right (rule 8, issue 20): after any change the order's code is
 * re-applied to the lines that still stand, and the money that stays with the cinema is exactly
 * what those lines cost now — a refund pays back `paid − standing after`, an exchange takes or
 * pays back `standing after − paid`. A concession line's stored discount is the discount of its
 * units that still stand (so `total − refunded × unit price` is their value, as the reports add it).
 */

export interface StandingTicketLine {
  key: string;
  price: number;
  filmId: string;
}

export interface StandingItemLine {
  key: string;
  /** Units of the line that still stand. */
  units: number;
  unitPrice: number;
}

export interface StandingPlan {
  /** Discount per line key (tickets and concession lines), for the lines that stand. */
  discounts: Map<string, number>;
  /** What the standing lines cost now. */
  total: number;
  /** Set when the order's code no longer applies to what stands: it is dropped from the order. */
  dropped: { code: string; message: string; words: Words } | null;
}

/** Pure: the standing lines re-priced under the order's code (none: no discounts). */
export function repriceStanding(args: {
  tickets: readonly StandingTicketLine[];
  items: readonly StandingItemLine[];
  terms: PromocodeTerms | null;
  now: Date;
  day: BusinessDayRule;
  currency: string;
}): StandingPlan {
  const lines = [
    ...args.tickets.map((t) => ({ key: t.key, kind: 'TICKET' as const, amount: t.price, filmId: t.filmId })),
    ...args.items.filter((i) => i.units > 0).map((i) => ({ key: i.key, kind: 'CONCESSION' as const, amount: i.units * i.unitPrice })),
  ];
  const gross = lines.reduce((s, l) => s + l.amount, 0);
  const discounts = new Map<string, number>(lines.map((l) => [l.key, 0]));
  for (const i of args.items) if (i.units === 0) discounts.set(i.key, 0);
  if (!args.terms || lines.length === 0) return { discounts, total: gross, dropped: null };
  const again = reapplyPromocode({ terms: args.terms, lines, now: args.now, day: args.day, currency: args.currency });
  for (const d of again.lineDiscounts) discounts.set(d.key, d.discount);
  const discount = again.lineDiscounts.reduce((s, d) => s + d.discount, 0);
  return { discounts, total: gross - discount, dropped: again.applies ? null : { code: args.terms.code, message: again.message, words: again.words } };
}

export interface StandingOrder {
  id: string;
  number: string;
  customerId: string | null;
  promocodeId: string | null;
  terms: PromocodeTerms | null;
  /** SOLD tickets with their film. */
  tickets: { id: string; price: number; discount: number; filmId: string }[];
  items: { id: string; quantity: number; refunded: number; unitPrice: number; discount: number }[];
  /** Payments − refunds, all methods (points too). */
  netPaid: number;
  /** The same without points: what accrual follows (rule 6). */
  netMoney: number;
}

export async function loadStandingOrder(trx: Transaction<DB>, orderId: string): Promise<StandingOrder> {
  const order = await trx.selectFrom('orders').select(['id', 'number', 'customer_id', 'promocode_id']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const [tickets, items, payments] = await Promise.all([
    trx
      .selectFrom('tickets as t')
      .innerJoin('sessions as s', 's.id', 't.session_id')
      .select(['t.id', 't.price', 't.discount', 's.film_id'])
      .where('t.order_id', '=', orderId)
      .where('t.status', '=', 'SOLD')
      .execute(),
    trx.selectFrom('order_concession_lines').select(['id', 'quantity', 'refunded_quantity', 'unit_price', 'discount']).where('order_id', '=', orderId).execute(),
    trx.selectFrom('payments').select(['method', 'kind', 'amount']).where('order_id', '=', orderId).execute(),
  ]);
  const signed = (p: { kind: string; amount: number }) => (p.kind === 'PAYMENT' ? p.amount : -p.amount);
  return {
    id: order.id,
    number: order.number,
    customerId: order.customer_id,
    promocodeId: order.promocode_id,
    terms: order.promocode_id ? await loadPromocodeTerms(trx, order.promocode_id) : null,
    tickets: tickets.map((t) => ({ id: t.id, price: t.price, discount: t.discount, filmId: t.film_id })),
    items: items.map((l) => ({ id: l.id, quantity: l.quantity, refunded: l.refunded_quantity, unitPrice: l.unit_price, discount: l.discount })),
    netPaid: payments.reduce((s, p) => s + signed(p), 0),
    netMoney: payments.filter((p) => p.method !== 'BONUS').reduce((s, p) => s + signed(p), 0),
  };
}

/**
 * Writes a plan's discounts onto the tickets and lines that stand (only those that changed) and
 * drops a code that no longer applies (its use goes back: the order no longer uses it).
 * `refundedAfter` gives each concession line's refunded units after the change.
 */
export async function writeStanding(
  trx: Transaction<DB>,
  ctx: SignedInContext,
  order: StandingOrder,
  plan: StandingPlan,
  refundedAfter: ReadonlyMap<string, number>,
): Promise<void> {
  for (const t of order.tickets) {
    const discount = plan.discounts.get(t.id);
    if (discount === undefined || discount === t.discount) continue;
    await trx.updateTable('tickets').set({ discount, ...ctx.stamp() }).where('id', '=', t.id).execute();
  }
  for (const l of order.items) {
    const discount = plan.discounts.get(l.id) ?? 0;
    const refunded = refundedAfter.get(l.id) ?? l.refunded;
    if (discount === l.discount && refunded === l.refunded) continue;
    await trx
      .updateTable('order_concession_lines')
      .set({ discount, total: l.quantity * l.unitPrice - discount, refunded_quantity: refunded, ...ctx.stamp() })
      .where('id', '=', l.id)
      .where('refunded_quantity', '=', l.refunded)
      .execute();
  }
  if (plan.dropped && order.promocodeId) await trx.updateTable('orders').set({ promocode_id: null, ...ctx.stamp() }).where('id', '=', order.id).execute();
}
