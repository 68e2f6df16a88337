import { z } from 'zod';
import type { PaymentMethod, RefundReason } from '../enums';
import type { ShiftFiscal } from './money-trail';
import { operation } from './operation';
import { SELLERS } from './roles';

const cash = z.number().int().min(0).max(100_000_000);

/** Rule 14: one shift's figures; the X report (open shift) and the Z report (closed) share it. */
export interface ShiftReport {
  shiftId: string;
  cashier: { id: string; name: string };
  terminal: { id: string; name: string };
  status: 'OPEN' | 'CLOSED';
  openedAt: string;
  closedAt: string | null;
  openingFloat: number;
  byMethod: { method: PaymentMethod; sales: number; refunds: number; salesCount: number; refundsCount: number }[];
  orders: number;
  /** Tickets of the shift's orders as the revenue report splits them: still standing (net sold), refunded, exchanged away. */
  ticketsSold: number;
  ticketsRefunded: number;
  ticketsExchanged: number;
  /** Money paid back in this shift by reason (EXCHANGE: an exchange's difference). */
  refundsByReason: { reason: RefundReason; amount: number; count: number }[];
  /** Items of the shift's orders refunded and written off as waste (not back to stock), and what they sold for. */
  waste: { items: number; value: number };
  cashIn: number;
  cashOut: number;
  /** float + cash in − cash out. */
  expectedCash: number;
  countedCash: number | null;
  difference: number | null;
  /** Rule 16: Z number (null on an X report), receipts first–last, VAT per rate, refunds/exchanges, grand totals. */
  fiscal: ShiftFiscal;
}

/**
 * An open shift's X report as a cashier sees it while the cinema counts blind (issue 13, item 10):
 * every figure that would tell the cash expected in the drawer is withheld (null) until the count.
 */
export interface BlindXReport extends Omit<ShiftReport, 'byMethod' | 'cashIn' | 'cashOut' | 'expectedCash' | 'fiscal'> {
  byMethod: (Omit<ShiftReport['byMethod'][number], 'sales'> & { sales: number | null })[];
  cashIn: null;
  cashOut: null;
  expectedCash: null;
  fiscal: null;
}

export interface CurrentShift {
  /** This terminal's open shift (any cashier), with its X report (blind for a cashier when the cinema counts blind). */
  open: ShiftReport | BlindXReport | null;
  /** True when the open shift is the caller's own. */
  mine: boolean;
  /** The cinema counts blind: the expected cash is not shown before the drawer is counted and the shift closed. */
  blindCashUp: boolean;
}

export const shiftOperations = {
  'shifts.current': operation<CurrentShift>()({
    input: z.object({}).strict(),
    access: SELLERS,
    summary: "This terminal's open shift with its X report, if there is one.",
  }),
  'shifts.open': operation<ShiftReport>()({
    input: z.object({ openingFloat: cash }).strict(),
    access: SELLERS,
    summary: 'Opens a shift for the caller on this terminal with the cash float in the drawer (rule 14).',
  }),
  'shifts.close': operation<ShiftReport>()({
    input: z.object({ countedCash: cash }).strict(),
    access: SELLERS,
    summary: "Closes the caller's shift with the counted cash and returns its Z report.",
  }),
};
