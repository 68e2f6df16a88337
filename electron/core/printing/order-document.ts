import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrderStatus, PaymentKind, PaymentMethod, PreorderStatus, SeatKind, TicketStatus, TicketType } from '../../../shared/enums';
import { vatIncluded } from '../../../shared/money';
import type { DB } from '../db/tables';
import type { VatLine } from '../../../shared/contract/money-trail';
import { DomainError } from '../errors';
import { maskedVoucherCode } from '../vouchers/voucher-code';

type Db = Kysely<DB> | Transaction<DB>;

export interface DocumentTicket {
  id: string;
  status: TicketStatus;
  sessionId: string;
  seatId: string;
  filmTitle: string;
  ageRating: string;
  format: string;
  language: string;
  hallName: string;
  startsAt: string;
  endsAt: string;
  rowLabel: string;
  seatNumber: number;
  seatKind: SeatKind;
  ticketType: TicketType;
  price: number;
  discount: number;
  qrPayload: string;
  scannedAt: string | null;
}

export interface DocumentConcessionLine {
  id: string;
  itemId: string;
  name: string;
  quantity: number;
  refundedQuantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  vatBp: number;
  preorder: boolean;
}

export interface DocumentPayment {
  id: string;
  method: PaymentMethod;
  kind: PaymentKind;
  amount: number;
  cashTendered: number | null;
  changeGiven: number | null;
  cardApprovalCode: string | null;
  cardLast4: string | null;
  createdAt: string;
}

/** Everything a ticket slip, a receipt or the order history shows of one order, read in one go. */
export interface OrderDocument {
  id: string;
  number: string;
  status: OrderStatus;
  paidAt: string | null;
  createdAt: string;
  cinema: { id: string; name: string; legalName: string; address: string; taxNumber: string; timezone: string; currency: string; ticketVatBp: number };
  /** Rule 16: the numbered receipt the sale got on this terminal (null: sold on another terminal, or before receipts were numbered). */
  receipt: { number: number; issuedAt: string; vat: VatLine[] } | null;
  /** Refund and exchange slips of this order issued on this terminal, oldest first. */
  slips: { number: number; kind: 'REFUND' | 'EXCHANGE'; issuedAt: string; amount: number }[];
  terminal: { id: string; name: string };
  cashier: { id: string; name: string };
  customer: { id: string; name: string; cardNumber: string | null } | null;
  promocode: string | null;
  subtotal: number;
  discount: number;
  total: number;
  bonusRedeemed: number;
  bonusEarned: number;
  tickets: DocumentTicket[];
  concessions: DocumentConcessionLine[];
  payments: DocumentPayment[];
  preorder: { pickupCode: string; status: PreorderStatus } | null;
  /** Rule 17: the gift voucher this order sold (its only line), or null. */
  /** The voucher sold, named by its last 4 characters (the code is printed once, on its slip). */
  voucherSold: { code: string; amount: number } | null;
  /** VAT contained in what stands now, per rate (tickets at the cinema's ticket rate, items at theirs). */
  vat: { rateBp: number; gross: number; vat: number }[];
}

/** What a concession line still costs: its total less the units refunded (at their unit price). */
export function standingLineAmount(l: Pick<DocumentConcessionLine, 'total' | 'refundedQuantity' | 'unitPrice'>): number {
  return l.total - l.refundedQuantity * l.unitPrice;
}

/** What the order stands at after its refunds and exchanges: the tickets still sold and the units not refunded. */
export function standingTotal(o: Pick<OrderDocument, 'tickets' | 'concessions'>): number {
  return o.tickets.filter((t) => t.status === 'SOLD').reduce((s, t) => s + t.price - t.discount, 0) + o.concessions.reduce((s, l) => s + standingLineAmount(l), 0);
}

export async function loadOrderDocument(db: Db, orderId: string): Promise<OrderDocument> {
  const order = await db
    .selectFrom('orders as o')
    .innerJoin('cinemas as c', 'c.id', 'o.cinema_id')
    .innerJoin('users as u', 'u.id', 'o.cashier_id')
    .leftJoin('terminals as tm', 'tm.id', 'o.terminal_id')
    .leftJoin('customers as cu', 'cu.id', 'o.customer_id')
    .leftJoin('promocodes as p', 'p.id', 'o.promocode_id')
    .select([
      'o.id',
      'o.number',
      'o.status',
      'o.paid_at',
      'o.created_at',
      'o.subtotal',
      'o.discount',
      'o.total',
      'o.bonus_redeemed',
      'o.bonus_earned',
      'o.terminal_id',
      'tm.name as terminal_name',
      'o.cashier_id',
      'u.display_name as cashier_name',
      'c.id as cinema_id',
      'c.name as cinema_name',
      'c.legal_name',
      'c.tax_number',
      'c.address as cinema_address',
      'c.timezone',
      'c.currency',
      'c.ticket_vat_bp',
      'cu.id as customer_id',
      'cu.name as customer_name',
      'cu.card_number',
      'p.code as promocode',
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (!order) throw new DomainError('NOT_FOUND', { key: 'refusals:printing.noSuchOrderTerminal' });

  const [tickets, concessions, payments, preorder, receipts, voucherSold] = await Promise.all([
    db
      .selectFrom('tickets as t')
      .innerJoin('sessions as s', 's.id', 't.session_id')
      .innerJoin('films as f', 'f.id', 's.film_id')
      .innerJoin('halls as h', 'h.id', 's.hall_id')
      .innerJoin('seats as st', 'st.id', 't.seat_id')
      .select([
        't.id',
        't.status',
        't.session_id',
        't.seat_id',
        't.ticket_type',
        't.price',
        't.discount',
        't.qr_payload',
        't.scanned_at',
        'f.title',
        'f.age_rating',
        's.format',
        's.language',
        's.starts_at',
        's.ends_at',
        'h.name as hall_name',
        'st.row_label',
        'st.number',
        'st.kind',
      ])
      .where('t.order_id', '=', orderId)
      .orderBy('t.sold_at')
      .orderBy('st.grid_y')
      .orderBy('st.grid_x')
      .execute(),
    db
      .selectFrom('order_concession_lines as l')
      .innerJoin('concession_items as i', 'i.id', 'l.item_id')
      .select(['l.id', 'l.item_id', 'i.name', 'l.quantity', 'l.refunded_quantity', 'l.unit_price', 'l.discount', 'l.total', 'l.vat_bp', 'l.preorder_id'])
      .where('l.order_id', '=', orderId)
      .orderBy('l.created_at')
      .orderBy('l.id')
      .execute(),
    db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('concession_preorders').select(['pickup_code', 'status']).where('order_id', '=', orderId).orderBy('created_at').executeTakeFirst(),
    db.selectFrom('fiscal_receipts').select(['number', 'kind', 'issued_at', 'amount', 'vat']).where('order_id', '=', orderId).orderBy('number').execute(),
    db
      .selectFrom('gift_voucher_movements as m')
      .innerJoin('gift_vouchers as v', 'v.id', 'm.voucher_id')
      .select(['v.code_last4', 'm.amount'])
      .where('m.order_id', '=', orderId)
      .where('m.kind', '=', 'SALE')
      .executeTakeFirst(),
  ]);
  const sale = receipts.find((r) => r.kind === 'SALE' || r.kind === 'VOUCHER_SALE');

  const docTickets: DocumentTicket[] = tickets.map((t) => ({
    id: t.id,
    status: t.status,
    sessionId: t.session_id,
    seatId: t.seat_id,
    filmTitle: t.title,
    ageRating: t.age_rating,
    format: t.format,
    language: t.language,
    hallName: t.hall_name,
    startsAt: t.starts_at,
    endsAt: t.ends_at,
    rowLabel: t.row_label,
    seatNumber: t.number,
    seatKind: t.kind,
    ticketType: t.ticket_type,
    price: t.price,
    discount: t.discount,
    qrPayload: t.qr_payload,
    scannedAt: t.scanned_at,
  }));
  const docConcessions: DocumentConcessionLine[] = concessions.map((l) => ({
    id: l.id,
    itemId: l.item_id,
    name: l.name,
    quantity: l.quantity,
    refundedQuantity: l.refunded_quantity,
    unitPrice: l.unit_price,
    discount: l.discount,
    total: l.total,
    vatBp: l.vat_bp,
    preorder: l.preorder_id !== null,
  }));

  // VAT per rate over what stands now: refunded and exchanged-away tickets and refunded units are not paid for.
  const byRate = new Map<number, number>();
  for (const t of docTickets) if (t.status === 'SOLD') byRate.set(order.ticket_vat_bp, (byRate.get(order.ticket_vat_bp) ?? 0) + t.price - t.discount);
  for (const l of docConcessions) byRate.set(l.vatBp, (byRate.get(l.vatBp) ?? 0) + standingLineAmount(l));
  const vat = [...byRate.entries()]
    .filter(([rate, gross]) => rate > 0 && gross > 0)
    .sort(([a], [b]) => a - b)
    .map(([rateBp, gross]) => ({ rateBp, gross, vat: vatIncluded(gross, rateBp) }));

  return {
    id: order.id,
    number: order.number,
    status: order.status,
    paidAt: order.paid_at,
    createdAt: order.created_at,
    cinema: {
      id: order.cinema_id,
      name: order.cinema_name,
      legalName: order.legal_name,
      address: order.cinema_address,
      taxNumber: order.tax_number,
      timezone: order.timezone,
      currency: order.currency,
      ticketVatBp: order.ticket_vat_bp,
    },
    receipt: sale ? { number: sale.number, issuedAt: sale.issued_at, vat: JSON.parse(sale.vat) as VatLine[] } : null,
    slips: receipts
      .filter((r): r is typeof r & { kind: 'REFUND' | 'EXCHANGE' } => r.kind === 'REFUND' || r.kind === 'EXCHANGE')
      .map((r) => ({ number: r.number, kind: r.kind, issuedAt: r.issued_at, amount: r.amount })),
    terminal: { id: order.terminal_id, name: order.terminal_name ?? 'Unknown terminal' },
    cashier: { id: order.cashier_id, name: order.cashier_name },
    customer: order.customer_id ? { id: order.customer_id, name: order.customer_name ?? '', cardNumber: order.card_number } : null,
    promocode: order.promocode,
    subtotal: order.subtotal,
    discount: order.discount,
    total: order.total,
    bonusRedeemed: order.bonus_redeemed,
    bonusEarned: order.bonus_earned,
    tickets: docTickets,
    concessions: docConcessions,
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method,
      kind: p.kind,
      amount: p.amount,
      cashTendered: p.cash_tendered,
      changeGiven: p.change_given,
      cardApprovalCode: p.card_approval_code,
      cardLast4: p.card_last4,
      createdAt: p.created_at,
    })),
    preorder: preorder ? { pickupCode: preorder.pickup_code, status: preorder.status } : null,
    voucherSold: voucherSold ? { code: maskedVoucherCode(voucherSold.code_last4), amount: voucherSold.amount } : null,
    vat,
  };
}

/** Whether this order's receipt was printed before (the audit log keeps every print with its jobs): a later print is a COPY. */
export async function receiptPrintedBefore(db: Db, orderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'order')
    .where('entity_id', '=', orderId)
    .where('action', 'in', ['order.print', 'order.reprint'])
    .where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(details, '$.jobs') j WHERE json_extract(j.value, '$.document') = 'RECEIPT')`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
