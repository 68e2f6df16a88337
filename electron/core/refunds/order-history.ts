import { sql, type Kysely } from 'kysely';
import type { OrderDetails, OrderHistory, OrderHistoryLine } from '../../../shared/contract/refunds';
import { businessDateOf, businessDayRange } from '../../../shared/business-day';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { businessDayRuleOf, requireTerminalCinema } from '../catalog/require-cinema';
import { loadOrderDocument } from '../printing/order-document';
import { clockTime } from '../printing/print-format';

const MAX_ORDERS = 200;

/** "2 × Starfall Protocol 19:30, Cola 0.5 l" — what an order was, in one line. */
function summarise(rows: { title: string; starts_at: string }[], items: { name: string; quantity: number }[], timeZone: string): string {
  const byShow = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.title} ${clockTime(r.starts_at, timeZone)}`;
    byShow.set(key, (byShow.get(key) ?? 0) + 1);
  }
  const parts = [...byShow.entries()].map(([show, n]) => (n > 1 ? `${n} × ${show}` : show));
  for (const i of items) parts.push(i.quantity > 1 ? `${i.quantity} × ${i.name}` : i.name);
  return parts.join(', ');
}

/**
 * The counter's order history: this terminal's orders of one business day, newest first, or —
 * with a search — orders of any terminal of the cinema whose number contains the text.
 */
export async function orderHistory(ctx: SignedInContext, input: { search?: string; date?: string }): Promise<OrderHistory> {
  const db = ctx.db;
  const cinema = await requireTerminalCinema(db, ctx);
  const rule = businessDayRuleOf(cinema);
  const businessDate = input.date ?? businessDateOf(ctx.clock.now(), rule);
  let q = db
    .selectFrom('orders as o')
    .innerJoin('users as u', 'u.id', 'o.cashier_id')
    .leftJoin('terminals as tm', 'tm.id', 'o.terminal_id')
    .select(['o.id', 'o.number', 'o.status', 'o.paid_at', 'o.total', 'u.display_name', 'tm.name as terminal_name'])
    .select((eb) =>
      eb
        .selectFrom('payments as p')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('p.amount'), e.lit(0)).as('n'))
        .whereRef('p.order_id', '=', 'o.id')
        .where('p.kind', '=', 'REFUND')
        .as('refunded'),
    )
    .where('o.cinema_id', '=', cinema.id);
  const search = input.search?.trim();
  if (search) {
    // instr, not LIKE: the text is matched as typed, '%' and '_' included.
    q = q.where(sql<boolean>`instr(upper(o.number), upper(${search})) > 0`);
  } else {
    const { from, to } = businessDayRange(businessDate, rule);
    q = q.where('o.terminal_id', '=', ctx.terminal.id).where('o.paid_at', '>=', from.toISOString()).where('o.paid_at', '<', to.toISOString());
  }
  const orders = await q.orderBy('o.paid_at', 'desc').orderBy('o.id', 'desc').limit(MAX_ORDERS).execute();
  const ids = orders.map((o) => o.id);
  const [tickets, items] = ids.length
    ? await Promise.all([
        db
          .selectFrom('tickets as t')
          .innerJoin('sessions as s', 's.id', 't.session_id')
          .innerJoin('films as f', 'f.id', 's.film_id')
          .select(['t.order_id', 't.status', 'f.title', 's.starts_at'])
          .where('t.order_id', 'in', ids)
          .execute(),
        db
          .selectFrom('order_concession_lines as l')
          .innerJoin('concession_items as i', 'i.id', 'l.item_id')
          .select(['l.order_id', 'i.name', 'l.quantity'])
          .where('l.order_id', 'in', ids)
          .execute(),
      ])
    : [[], []];
  const lines: OrderHistoryLine[] = orders.map((o) => {
    const own = tickets.filter((t) => t.order_id === o.id && t.status !== 'EXCHANGED');
    return {
      id: o.id,
      number: o.number,
      status: o.status,
      paidAt: o.paid_at,
      total: o.total,
      refunded: Number(o.refunded ?? 0),
      cashierName: o.display_name,
      terminalName: o.terminal_name ?? 'another terminal',
      summary: summarise(own, items.filter((i) => i.order_id === o.id), cinema.timezone),
      tickets: own.filter((t) => t.status === 'SOLD').length,
    };
  });
  return { businessDate, currency: cinema.currency, timezone: cinema.timezone, orders: lines };
}

/** One order in full for the history's detail view (no ticket codes: those are printed, not shown). */
export async function orderDetails(db: Kysely<DB>, ctx: SignedInContext, orderId: string): Promise<OrderDetails> {
  const o = await loadOrderDocument(db, orderId);
  if (o.cinema.id !== ctx.terminal.cinemaId) throw new DomainError('NOT_FOUND', { key: 'refusals:refunds.noSuchOrderCinema2' });
  const now = ctx.clock.now().getTime();
  const back = new Map<string, number>();
  const rows = await db.selectFrom('payments').select(['id', 'kind', 'amount', 'refunds_payment_id']).where('order_id', '=', orderId).execute();
  for (const r of rows) if (r.kind === 'REFUND' && r.refunds_payment_id) back.set(r.refunds_payment_id, (back.get(r.refunds_payment_id) ?? 0) + r.amount);
  const slips = await db.selectFrom('audit_log').select(['at', 'details']).where('action', '=', 'order.refund').where('entity_id', '=', orderId).orderBy('at').execute();
  const refundSlips = slips
    .map((s) => ({ at: s.at, ...(JSON.parse(s.details) as { slip?: string; amount?: number }) }))
    .filter((s): s is { at: string; slip: string; amount: number } => typeof s.slip === 'string')
    .map((s) => ({ number: s.slip, at: s.at, amount: s.amount }));
  const refundable = o.payments
    .filter((p) => p.kind === 'PAYMENT')
    .map((p) => ({ method: p.method, amount: p.amount - (back.get(p.id) ?? 0), cardLast4: p.cardLast4 }))
    .filter((p) => p.amount > 0);
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    paidAt: o.paidAt,
    currency: o.cinema.currency,
    timezone: o.cinema.timezone,
    cashierName: o.cashier.name,
    terminalName: o.terminal.name,
    customer: o.customer ? { name: o.customer.name, cardNumber: o.customer.cardNumber } : null,
    promocode: o.promocode,
    subtotal: o.subtotal,
    discount: o.discount,
    total: o.total,
    bonusRedeemed: o.bonusRedeemed,
    bonusEarned: o.bonusEarned,
    tickets: o.tickets.map((t) => ({
      id: t.id,
      status: t.status,
      sessionId: t.sessionId,
      filmTitle: t.filmTitle,
      hallName: t.hallName,
      startsAt: t.startsAt,
      rowLabel: t.rowLabel,
      seatNumber: t.seatNumber,
      seatKind: t.seatKind,
      ticketType: t.ticketType,
      price: t.price,
      discount: t.discount,
      scannedAt: t.scannedAt,
      sessionStarted: Date.parse(t.startsAt) <= now,
    })),
    concessions: o.concessions.map((l) => ({ id: l.id, name: l.name, quantity: l.quantity, refundedQuantity: l.refundedQuantity, unitPrice: l.unitPrice, discount: l.discount, total: l.total, preorder: l.preorder })),
    payments: o.payments.map((p) => ({
      id: p.id,
      method: p.method,
      kind: p.kind,
      amount: p.amount,
      cashTendered: p.cashTendered,
      changeGiven: p.changeGiven,
      cardLast4: p.cardLast4,
      cardApprovalCode: p.cardApprovalCode,
      at: p.createdAt,
    })),
    preorder: o.preorder,
    refundable,
    refundSlips,
  };
}
