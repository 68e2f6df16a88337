import { z } from 'zod';
import { TICKET_TYPES, type TicketType } from '../enums';
import { operation } from './operation';
import { SELLERS } from './roles';
import { id, text } from './fields';

const ticketLine = z.object({ seatId: id, ticketType: z.enum(TICKET_TYPES, { message: 'enums:ticketType' }) }).strict();
const concessionLine = z
  .object({
    itemId: id,
    quantity: z.number().int().min(1).max(99),
  })
  .strict();
const points = z.number().int().min(0).max(100_000_000);
const money = z.number().int().min(1).max(100_000_000);

/** What the cashier has put together; every price is computed by the main process. */
const draftFields = {
  /** The session of the ticket lines (omit for a concessions-only order). */
  sessionId: id.optional(),
  tickets: z.array(ticketLine).max(50).default([]),
  concessions: z.array(concessionLine).max(50).default([]),
  /** Concession lines are a preorder for pickup at the stand (rule 10), for the order's session. */
  preorder: z.boolean().default(false),
  customerId: id.optional(),
  promocode: text()
    .max(40)
    .regex(/^[A-Za-z0-9_-]*$/, { message: 'schema:predicate.promocodeCharacters' })
    .optional(),
  /** Bonus points to pay with (1 point = 1 minor unit). */
  bonusPoints: points.default(0),
  /** Rule 18: the reservation these tickets pick up (marked picked up by the sale). */
  reservationId: id.optional(),
  /** Rule 20: the cashier checked the customer's ID for the film's age rating (asked once per order). */
  ageConfirmed: z.boolean().default(false),
};

type DraftShape = { tickets: unknown[]; concessions: unknown[]; sessionId?: string; customerId?: string; bonusPoints: number; preorder: boolean };
function checkDraft(d: DraftShape, ctx: z.RefinementCtx) {
  if (d.tickets.length === 0 && d.concessions.length === 0) ctx.addIssue({ code: 'custom', path: ['tickets'], message: 'schema:statement.emptyOrder' });
  if (d.tickets.length > 0 && !d.sessionId) ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'schema:predicate.neededForTickets' });
  if (d.bonusPoints > 0 && !d.customerId) ctx.addIssue({ code: 'custom', path: ['bonusPoints'], message: 'schema:statement.needsLoyaltyCustomer' });
  if (d.preorder && d.concessions.length === 0) ctx.addIssue({ code: 'custom', path: ['preorder'], message: 'schema:predicate.needsConcessions' });
}

export const orderDraft = z.object(draftFields).strict().superRefine(checkDraft);

const cashPayment = z
  .object({ method: z.literal('CASH'), amount: money, tendered: money })
  .strict()
  .refine((p) => p.tendered >= p.amount, { path: ['tendered'], message: 'schema:predicate.atLeastCashPart' });
const cardPayment = z
  .object({
    method: z.literal('CARD'),
    amount: money,
    approvalCode: text().regex(/^[A-Za-z0-9]{4,12}$/, { message: 'schema:predicate.approvalCode' }),
    last4: text().regex(/^\d{4}$/, { message: 'schema:predicate.last4' }),
  })
  .strict();
export const moneyPayment = z.discriminatedUnion('method', [cashPayment, cardPayment], { message: 'enums:paymentMethod' });
/** Rule 17: part or all of an order paid from a gift voucher; the main process checks the code and its balance. */
const voucherPayment = z
  .object({ method: z.literal('VOUCHER'), amount: money, code: text().min(1).max(40) })
  .strict();
const salePayment = z.discriminatedUnion('method', [cashPayment, cardPayment, voucherPayment], { message: 'enums:paymentMethod' });

export const saleInput = z
  .object({
    ...draftFields,
    /** Money payments (cash, card, gift vouchers, splits); bonus points come from `bonusPoints`. Sum + points = total. */
    payments: z.array(salePayment).max(6).default([]),
  })
  .strict()
  .superRefine(checkDraft);

export type OrderDraft = z.output<typeof orderDraft>;
export type SaleInput = z.output<typeof saleInput>;

export interface QuoteLine {
  kind: 'TICKET' | 'CONCESSION';
  /** The seat (tickets) or the concession item. */
  refId: string;
  label: string;
  detail: string;
  ticketType: TicketType | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  vatBp: number;
}

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  subtotal: number;
  discount: number;
  total: number;
  promocode: { code: string; applied: boolean; message: string | null } | null;
  customer: { id: string; name: string; cardNumber: string; balance: number } | null;
  bonus: { redeemable: number; used: number; toEarn: number };
  /** What remains to pay with cash or card: total − points used. */
  toPay: number;
  vat: { rateBp: number; amount: number }[];
  /** Why the order can't be sold as it stands, in the cashier's words (empty = ready to pay). */
  problems: string[];
  /** Rule 20: the film's rating needs an ID check; the sale needs `ageConfirmed`. */
  ageCheck: { rating: string; minAge: number } | null;
}

export interface SoldTicket {
  id: string;
  seatId: string;
  row: string;
  number: number;
  ticketType: TicketType;
  price: number;
  discount: number;
  qrPayload: string;
}

export interface SaleResult {
  orderId: string;
  number: string;
  paidAt: string;
  subtotal: number;
  discount: number;
  total: number;
  bonusRedeemed: number;
  bonusEarned: number;
  /** Cash handed back to the customer. */
  change: number;
  tickets: SoldTicket[];
  pickupCode: string | null;
  /** The receipt's number, gap-free per terminal (rule 16). */
  receiptNumber: number;
}

export const orderOperations = {
  'orders.quote': operation<Quote>()({
    input: orderDraft,
    access: SELLERS,
    summary: 'Prices a draft order (rule 3): lines, promocode discount, bonus redeemable and to earn, VAT. Changes nothing.',
  }),
  'orders.sell': operation<SaleResult>()({
    input: saleInput,
    access: SELLERS,
    summary: 'Sells an order in one atomic transaction (rule 5): held seats, prices, promocode, bonus, payments, signed tickets.',
  }),
};
