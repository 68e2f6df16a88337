import { z } from 'zod';
import { REFUND_REASONS, TICKET_TYPES, type OrderStatus, type RefundReason, type PaymentKind, type PaymentMethod, type PreorderStatus, type SeatKind, type TicketStatus, type TicketType } from '../enums';
import { operation } from './operation';
import { SELLERS } from './roles';
import { id, isoDate, text } from './fields';
import { moneyPayment } from './orders';
import { managerPin as userManagerPin } from './users';
import type { PrintResult } from './printing';

/** Where refunded concession items go: back on the shelf, or written off as waste (counted as waste in the reports). */
export const ITEM_DISPOSITIONS = ['STOCK', 'WASTE'] as const;
export type ItemDisposition = (typeof ITEM_DISPOSITIONS)[number];

/** The reasons a cashier chooses from (EXCHANGE is the exchange's own). */
export const COUNTER_REFUND_REASONS = REFUND_REASONS.filter((r): r is Exclude<RefundReason, 'EXCHANGE'> => r !== 'EXCHANGE');
export type CounterRefundReason = (typeof COUNTER_REFUND_REASONS)[number];

/** One order in the history list of the counter. */
export interface OrderHistoryLine {
  id: string;
  number: string;
  status: OrderStatus;
  paidAt: string | null;
  total: number;
  /** Money paid back so far (all methods, points included). */
  refunded: number;
  cashierName: string;
  terminalName: string;
  /** "2 × Starfall Protocol 19:30, 1 × Cola 0.5 l". */
  summary: string;
  tickets: number;
}

export interface OrderHistory {
  businessDate: string;
  currency: string;
  timezone: string;
  orders: OrderHistoryLine[];
}

export interface OrderDetailsTicket {
  id: string;
  status: TicketStatus;
  sessionId: string;
  filmTitle: string;
  hallName: string;
  startsAt: string;
  rowLabel: string;
  seatNumber: number;
  seatKind: SeatKind;
  ticketType: TicketType;
  price: number;
  discount: number;
  scannedAt: string | null;
  /** True once its session has started: a refund or exchange then needs a manager (rule 8). */
  sessionStarted: boolean;
}

export interface OrderDetailsLine {
  id: string;
  name: string;
  quantity: number;
  refundedQuantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  preorder: boolean;
}

export interface OrderDetails {
  id: string;
  number: string;
  status: OrderStatus;
  paidAt: string | null;
  currency: string;
  timezone: string;
  cashierName: string;
  terminalName: string;
  customer: { name: string; cardNumber: string | null } | null;
  promocode: string | null;
  subtotal: number;
  discount: number;
  total: number;
  bonusRedeemed: number;
  bonusEarned: number;
  tickets: OrderDetailsTicket[];
  concessions: OrderDetailsLine[];
  payments: { id: string; method: PaymentMethod; kind: PaymentKind; amount: number; cashTendered: number | null; changeGiven: number | null; cardLast4: string | null; cardApprovalCode: string | null; at: string }[];
  preorder: { pickupCode: string; status: PreorderStatus } | null;
  /** What could still be paid back, per method. */
  refundable: { method: PaymentMethod; amount: number; cardLast4: string | null }[];
  /** The numbered slips of this order's refunds, oldest first (orders.printRefundSlip prints one again). */
  refundSlips: { number: string; at: string; amount: number }[];
}

export interface RefundResult {
  orderId: string;
  number: string;
  status: OrderStatus;
  /** Paid back now, all methods together. */
  amount: number;
  /** Cash to hand over, card refunds run on the card terminal, points returned. */
  paidBack: { method: PaymentMethod; amount: number; cardLast4: string | null }[];
  bonusReturned: number;
  bonusReversed: number;
  ticketsRefunded: number;
  /** The manager whose PIN allowed it (after the session started). */
  approvedBy: string | null;
  /** The refund slip's number (printed with refunds.slipPdf's layout). */
  slipNumber: string;
  reason: CounterRefundReason;
  promocode: RefundPromocode | null;
  items: { name: string; quantity: number; to: ItemDisposition }[];
}

/** What a refund does to the order's promocode (it is re-applied to what stands). */
export interface RefundPromocode {
  code: string;
  /** True when what stands no longer meets the code (e.g. below its minimum): it is dropped. */
  dropped: boolean;
  /** Why it was dropped, in the cashier's words. */
  note: string | null;
  /** How much more the lines left cost now than before (the discount taken back); 0 when unchanged. */
  clawback: number;
}

/** The confirmation before a refund: exactly what orders.refund would do with the same input. */
export interface RefundPreview {
  orderId: string;
  number: string;
  currency: string;
  amount: number;
  paidBack: { method: PaymentMethod; amount: number; cardLast4: string | null }[];
  tickets: { id: string; label: string; admitted: string | null }[];
  items: { lineId: string; name: string; quantity: number; to: ItemDisposition; handedOver: boolean }[];
  promocode: RefundPromocode | null;
  /** Why a manager must approve (a started session, a ticket let in at the door, items handed over); empty: no manager needed. */
  needsManager: string[];
}

export interface ExchangeResult {
  orderId: string;
  number: string;
  oldTicketId: string;
  newTicket: { id: string; sessionId: string; seatId: string; row: string; number: number; ticketType: TicketType; price: number; discount: number; qrPayload: string };
  /** New amount − old amount: > 0 the customer paid it, < 0 it was paid back. */
  difference: number;
  change: number;
  paidBack: { method: PaymentMethod; amount: number; cardLast4: string | null }[];
  approvedBy: string | null;
  /** Rule 16: the exchange slip's number among this terminal's receipts (receipts.printSlip prints it). */
  slipNumber: number;
}

const managerPin = userManagerPin.optional();
/** The approval code the stand-alone card terminal printed for the card refund. */
export const cardApprovalCode = text()
  .regex(/^[A-Za-z0-9]{4,12}$/, { message: 'schema:predicate.refundApprovalCode' })
  .optional();

const itemDisposition = z.enum(ITEM_DISPOSITIONS, { message: 'schema:itemDisposition' });

const refundPreviewInput = z
  .object({
    orderId: id,
    whole: z.boolean().default(false),
    ticketIds: z.array(id).max(50).default([]),
    concessions: z
      .array(z.object({ lineId: id, quantity: z.number().int().min(1).max(99), to: itemDisposition.optional() }).strict())
      .max(50)
      .default([]),
    itemsTo: itemDisposition.optional(),
  })
  .strict();

export const refundOperations = {
  'orders.history': operation<OrderHistory>()({
    input: z
      .object({
        /** Part of an order number: searches every terminal of the cinema, any day. */
        search: text().max(40).optional(),
        /** A business day (default today) for this terminal's orders. */
        date: isoDate.optional(),
      })
      .strict(),
    access: SELLERS,
    summary: "This terminal's orders of a business day (today by default), or orders found by number.",
  }),
  'orders.details': operation<OrderDetails>()({
    input: z.object({ orderId: id }).strict(),
    access: SELLERS,
    summary: 'One order with its tickets, concession lines, payments and refunds.',
  }),
  'orders.refund': operation<RefundResult>()({
    input: z
      .object({
        orderId: id,
        /** Refund everything still live in the order. */
        whole: z.boolean().default(false),
        ticketIds: z.array(id).max(50).default([]),
        concessions: z
          .array(
            z
              .object({
                lineId: id,
                quantity: z.number().int().min(1).max(99),
                to: itemDisposition.optional(),
              })
              .strict(),
          )
          .max(50)
          .default([]),
        itemsTo: itemDisposition.optional(),
        reason: z.enum(COUNTER_REFUND_REASONS, { message: 'enums:refundReason' }),
        managerPin,
        cardApprovalCode,
      })
      .strict()
      .superRefine((v, ctx) => {
        if (!v.whole && v.ticketIds.length === 0 && v.concessions.length === 0) ctx.addIssue({ code: 'custom', path: ['ticketIds'], message: 'schema:statement.chooseRefundLines' });
        if (v.whole && (v.ticketIds.length > 0 || v.concessions.length > 0)) ctx.addIssue({ code: 'custom', path: ['whole'], message: 'schema:statement.wholeOrLines' });
      }),
    access: SELLERS,
    summary:
      'Refunds a whole order or chosen tickets/items back to the original payment methods (rule 8) with a reason; a started session, a ticket let in or items handed over need a manager.',
  }),
  'orders.refundPreview': operation<RefundPreview>()({
    input: refundPreviewInput,
    access: SELLERS,
    summary: 'What orders.refund would pay back, to which methods, what happens to the promocode and whether a manager must approve — nothing is changed.',
  }),
  'orders.printRefundSlip': operation<PrintResult>()({
    input: z.object({ orderId: id, slipNumber: text().regex(/^R[0-9A-F]{4}-\d{6}$/, { message: 'schema:predicate.refundSlip' }) }).strict(),
    access: SELLERS,
    summary: "Prints the numbered slip of a refund given (amount, methods, reason, what happened to the promocode) on this terminal's printer.",
  }),
  'orders.exchange': operation<ExchangeResult>()({
    input: z
      .object({
        ticketId: id,
        sessionId: id,
        seatId: id,
        ticketType: z.enum(TICKET_TYPES, { message: 'enums:ticketType' }).optional(),
        /** Pays a higher price of the new ticket. */
        payments: z.array(moneyPayment).max(4).default([]),
        managerPin,
        cardApprovalCode,
      })
      .strict(),
    access: SELLERS,
    summary: 'Moves a ticket to another seat or session in one step (rule 8): the difference is paid or paid back, the old code is revoked.',
  }),
};
