import type { Transaction } from 'kysely';
import type { CounterRefundReason, ItemDisposition } from '../../../shared/contract/refunds';
import type { PaymentMethod } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { CinemaRow } from '../catalog/require-cinema';
import { businessDayRuleOf } from '../catalog/require-cinema';
import { DomainError, inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import type { Language } from '../../../shared/i18n/languages';
import { allocateRefund } from './allocate-refund';
import { refundSources } from './refund-sources';
import { loadStandingOrder, repriceStanding, type StandingOrder, type StandingPlan } from './standing-order';
import { seatWords } from '../../../shared/seat-map';

export interface RefundInput {
  orderId: string;
  whole: boolean;
  ticketIds: string[];
  /** `to`: back to stock or waste; by default items not yet handed over go back to stock, handed-over ones are waste. */
  concessions: { lineId: string; quantity: number; to?: ItemDisposition }[];
  /** For a whole refund: where all its items go (else each line's default). */
  itemsTo?: ItemDisposition;
  reason: CounterRefundReason;
  managerPin?: string;
  cardApprovalCode?: string;
}

export interface ChosenTicket {
  id: string;
  price: number;
  discount: number;
  title: string;
  startsAt: string;
  row: string;
  number: number;
  scannedAt: string | null;
  scannedBy: string | null;
}

export interface ChosenItems {
  lineId: string;
  itemId: string;
  name: string;
  /** null: the item's stock is not counted. */
  stock: number | null;
  refundedBefore: number;
  wastedBefore: number;
  quantity: number;
  to: ItemDisposition;
  handedOver: boolean;
  preorderId: string | null;
}

export interface RefundPlan {
  order: { id: string; number: string };
  standing: StandingOrder;
  after: StandingPlan;
  tickets: ChosenTicket[];
  items: ChosenItems[];
  /** What goes back, all methods together: paid so far − what the lines left cost now. */
  amount: number;
  shares: { method: PaymentMethod; amount: number; cardLast4: string | null }[];
  /** Why a manager must approve (empty: the caller may do it alone), as words for the reader. */
  needsManager: Words[];
  sessionStarted: boolean;
  /** The order's code and what the refund does to it (null: the order has none). */
  promocode: { code: string; dropped: boolean; note: string | null; clawback: number } | null;
}

/** Half-up share of `amount` for `part` of `whole` units (whole > 0). */
const shareOf = (amount: number, part: number, whole: number) => Number((BigInt(amount) * BigInt(part) * 2n + BigInt(whole)) / (2n * BigInt(whole)));

/** The order, if it is in this cinema and still has something to refund. */
export async function refundableOrder(trx: Transaction<DB>, orderId: string, cinemaId: string) {
  const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).where('cinema_id', '=', cinemaId).executeTakeFirst();
  if (!order) throw new DomainError('NOT_FOUND', { key: 'refusals:refunds.noSuchOrderCinema' });
  if (order.status === 'REFUNDED') throw new DomainError('CONFLICT', { key: 'refusals:refunds.orderAlreadyRefundedFull', values: { orderNumber: order.number } });
  if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') throw new DomainError('CONFLICT', { key: 'refusals:refunds.orderNeverPaidNothing', values: { orderNumber: order.number, status: { key: `refusals:refunds.orderStatus.${order.status}` } } });
  // Rule 17: a sold voucher is not paid back at the counter; what is on it stays on its code.
  const voucher = await trx.selectFrom('gift_voucher_movements').select('id').where('order_id', '=', order.id).where('kind', '=', 'SALE').executeTakeFirst();
  if (voucher) throw new DomainError('CONFLICT', { key: 'refusals:refunds.voucherNotPaidBack', values: { orderNumber: order.number } });
  return order;
}

/** "Row H, seat 10 was let in at 19:02 by Max Weber" — a ticket the door already admitted. */
export function admittedWords(t: { row: string; number: number; scannedAt: string | null; scannedBy: string | null }, timeZone: string): Words | null {
  if (!t.scannedAt) return null;
  const values = { seat: seatWords(t.row, t.number), at: { instant: t.scannedAt, timeZone }, by: t.scannedBy };
  return { key: t.scannedBy ? 'refusals:refunds.letInBy' : 'refusals:refunds.letIn', values };
}

/** "“Heat” started at Wed 25 Nov 19:30": a session already under way. */
export function startedWords(title: string, startsAt: string, timeZone: string): Words {
  return { key: 'refusals:refunds.sessionStarted', values: { title, at: { instant: startsAt, timeZone } } };
}

/**
 * Rule 8 without writing anything: what a refund of these tickets and items would pay back, to
 * which methods, what it does to the order's promocode (re-applied to what stands; below its
 * minimum it is dropped and its discount clawed back), and whether a manager must approve it.
 * The confirmation at the counter shows exactly this; refundOrder applies it.
 */
export async function planRefund(trx: Transaction<DB>, cinema: CinemaRow, now: Date, input: RefundInput, language: Language = 'en'): Promise<RefundPlan> {
  const order = await refundableOrder(trx, input.orderId, cinema.id);

  const tickets = await trx
    .selectFrom('tickets as t')
    .innerJoin('sessions as s', 's.id', 't.session_id')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .innerJoin('seats as st', 'st.id', 't.seat_id')
    .leftJoin('users as u', 'u.id', 't.scanned_by')
    .select(['t.id', 't.status', 't.price', 't.discount', 't.scanned_at', 'u.display_name as scanned_by', 's.starts_at', 'f.title', 'st.row_label', 'st.number'])
    .where('t.order_id', '=', order.id)
    .execute();
  const toChosen = (t: (typeof tickets)[number]): ChosenTicket => ({
    id: t.id,
    price: t.price,
    discount: t.discount,
    title: t.title,
    startsAt: t.starts_at,
    row: t.row_label,
    number: t.number,
    scannedAt: t.scanned_at,
    scannedBy: t.scanned_by,
  });
  const chosenTickets = input.whole
    ? tickets.filter((t) => t.status === 'SOLD').map(toChosen)
    : [...new Set(input.ticketIds)].map((id) => {
        const t = tickets.find((x) => x.id === id);
        if (!t) throw new DomainError('VALIDATION', { key: 'refusals:refunds.ticketNotPartOrder', values: { orderNumber: order.number } }, { ticketId: id });
        if (t.status !== 'SOLD') throw new DomainError('CONFLICT', { key: 'refusals:refunds.orderAlready', values: { seat: seatWords(t.row_label, t.number), orderNumber: order.number, status: { key: `refusals:refunds.ticketStatus.${t.status}` } } }, { ticketId: id });
        return toChosen(t);
      });

  const lines = await trx
    .selectFrom('order_concession_lines as l')
    .innerJoin('concession_items as i', 'i.id', 'l.item_id')
    .leftJoin('concession_preorders as p', 'p.id', 'l.preorder_id')
    .select(['l.id', 'l.item_id', 'l.quantity', 'l.refunded_quantity', 'l.wasted_quantity', 'l.preorder_id', 'p.status as preorder_status', 'i.name', 'i.stock'])
    .where('l.order_id', '=', order.id)
    .execute();
  const toItems = (l: (typeof lines)[number], quantity: number, to: ItemDisposition | undefined): ChosenItems => {
    // Sold over the counter, or a preorder already collected: the guest has had it.
    const handedOver = l.preorder_id === null || l.preorder_status === 'PICKED_UP';
    return {
      lineId: l.id,
      itemId: l.item_id,
      name: l.name,
      stock: l.stock,
      refundedBefore: l.refunded_quantity,
      wastedBefore: l.wasted_quantity,
      quantity,
      to: to ?? (handedOver ? 'WASTE' : 'STOCK'),
      handedOver,
      preorderId: l.preorder_id,
    };
  };
  const chosenItems = input.whole
    ? lines.filter((l) => l.refunded_quantity < l.quantity).map((l) => toItems(l, l.quantity - l.refunded_quantity, input.itemsTo))
    : input.concessions.map((c) => {
        const l = lines.find((x) => x.id === c.lineId);
        if (!l) throw new DomainError('VALIDATION', { key: 'refusals:refunds.itemNotPartOrder', values: { orderNumber: order.number } }, { lineId: c.lineId });
        const left = l.quantity - l.refunded_quantity;
        if (c.quantity > left) {
          throw new DomainError('VALIDATION', left === 0 ? { key: 'refusals:refunds.itemAlreadyRefunded', values: { name: l.name, orderNumber: order.number } } : { key: 'refusals:refunds.itemFewLeft', values: { name: l.name, left } }, { lineId: c.lineId });
        }
        return toItems(l, c.quantity, c.to ?? input.itemsTo);
      });
  if (new Set(chosenItems.map((c) => c.lineId)).size !== chosenItems.length) throw new DomainError('VALIDATION', { key: 'refusals:refunds.itemListedTwiceGive' });
  if (chosenTickets.length === 0 && chosenItems.length === 0) throw new DomainError('CONFLICT', { key: 'refusals:refunds.nothingOrderLeftRefund', values: { orderNumber: order.number } });

  // Who must approve (rule 8 and issue 13): a started session, a ticket let in, items handed over.
  const needsManager: Words[] = [];
  const started = chosenTickets.filter((t) => Date.parse(t.startsAt) <= now.getTime()).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  if (started) needsManager.push(startedWords(started.title, started.startsAt, cinema.timezone));
  for (const t of chosenTickets) {
    const why = admittedWords(t, cinema.timezone);
    if (why) needsManager.push(why);
  }
  const handed = chosenItems.filter((c) => c.handedOver);
  if (handed.length > 0) needsManager.push({ key: 'refusals:refunds.handedOver', values: { items: handed.map((c) => `${c.quantity} × ${c.name}`).join(', ') } });

  // The order after the refund, re-priced under its code (issue 20: a code follows the lines that stand).
  const standing = await loadStandingOrder(trx, order.id);
  const goneTickets = new Set(chosenTickets.map((t) => t.id));
  const goneUnits = new Map(chosenItems.map((c) => [c.lineId, c.quantity]));
  const after = repriceStanding({
    tickets: standing.tickets.filter((t) => !goneTickets.has(t.id)).map((t) => ({ key: t.id, price: t.price, filmId: t.filmId })),
    items: standing.items.map((l) => ({ key: l.id, units: l.quantity - l.refunded - (goneUnits.get(l.id) ?? 0), unitPrice: l.unitPrice })),
    terms: standing.terms,
    now,
    day: businessDayRuleOf(cinema),
    currency: cinema.currency,
  });
  const amount = standing.netPaid - after.total;

  // What the lines left would have cost with the discounts they have now: the difference is the code's change.
  const keptAtOld =
    standing.tickets.filter((t) => !goneTickets.has(t.id)).reduce((s, t) => s + t.price - t.discount, 0) +
    standing.items.reduce((s, l) => {
      const units = l.quantity - l.refunded;
      const kept = units - (goneUnits.get(l.id) ?? 0);
      return s + (units === 0 ? 0 : kept * l.unitPrice - shareOf(l.discount, kept, units));
    }, 0);
  const clawback = after.total - keptAtOld;
  // The note is kept with the refund (its slip prints it): written in the language of whoever refunds.
  const droppedWords: Words | null = after.dropped ? { key: 'refusals:refunds.promocodeDropped', values: { why: after.dropped.words } } : null;
  const promocode = standing.terms
    ? { code: standing.terms.code, dropped: after.dropped !== null, note: droppedWords ? inWords(droppedWords, language) : null, clawback }
    : null;
  if (amount < 0) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:refunds.refundingOnlyWouldCost', values: { amount: { minor: -amount, currency: cinema.currency }, value: droppedWords ?? { key: 'refusals:refunds.leftCostsMore' } } },
      { amount },
    );
  }

  const sources = await refundSources(trx, order.id);
  const left = sources.reduce((s, p) => s + p.remaining, 0);
  if (amount > left) throw new DomainError('CONFLICT', { key: 'refusals:refunds.onlyOrderLeftPay', values: { amount: { minor: left, currency: cinema.currency }, orderNumber: order.number, amount2: { minor: amount, currency: cinema.currency } } });
  const shares = allocateRefund(amount, sources).map((s) => ({ method: s.method, amount: s.amount, cardLast4: s.method === 'CARD' ? (sources.find((x) => x.paymentId === s.paymentId)!.cardLast4 ?? null) : null }));

  return {
    order: { id: order.id, number: order.number },
    standing,
    after,
    tickets: chosenTickets,
    items: chosenItems,
    amount,
    shares,
    needsManager,
    sessionStarted: Boolean(started),
    promocode,
  };
}
