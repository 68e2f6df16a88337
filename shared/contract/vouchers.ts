import { z } from 'zod';
import { operation } from './operation';
import { MANAGERS, SELLERS } from './roles';
import { id, isoDate, text } from './fields';
import { moneyPayment } from './orders';
import type { OrderPdf, PrintResult } from './printing';

/** A gift voucher just sold (rule 17): its code for the slip, and the sale's order and receipt. */
export interface VoucherSale {
  voucherId: string;
  code: string;
  amount: number;
  currency: string;
  soldAt: string;
  orderId: string;
  orderNumber: string;
  receiptNumber: number;
  /** Cash handed back. */
  change: number;
}

export interface VoucherMovementLine {
  kind: 'SALE' | 'REDEMPTION' | 'REFUND' | 'ADJUSTMENT';
  amount: number;
  at: string;
  orderNumber: string | null;
}

/** What the counter shows for a typed or scanned code: the balance this terminal knows. */
export interface VoucherLookup {
  voucherId: string;
  code: string;
  amount: number;
  balance: number;
  currency: string;
  soldAt: string;
  /** Sold by another cinema of the chain. */
  otherCinema: boolean;
  /** This cinema's movements of it, newest first (other cinemas' are known only as their sum). */
  history: VoucherMovementLine[];
}

/** Vouchers sold, redeemed and outstanding in a period (rule 17), for the Reports screen and its files. */
export interface VoucherReport {
  cinema: { name: string; currency: string; timezone: string };
  from: string;
  to: string;
  sold: { count: number; amount: number };
  redeemed: { count: number; amount: number };
  /** Redemptions paid back onto vouchers by refunds. */
  returned: { count: number; amount: number };
  /** Overdrafts written off by a manager. */
  adjusted: { count: number; amount: number };
  /** What every voucher this terminal knows still holds at the end of the period (money owed to customers). */
  outstanding: { count: number; amount: number };
  vouchers: { code: string; soldAt: string; amount: number; redeemed: number; balance: number; otherCinema: boolean }[];
}

const code = text().min(1).max(40);
const amount = z.number().int().min(1).max(100_000_000);

export const voucherOperations = {
  'vouchers.sell': operation<VoucherSale>()({
    input: z
      .object({
        amount,
        /** Cash, card or both; they add up to the amount exactly. */
        payments: z.array(moneyPayment).min(1, { message: 'schema:statement.takeMoney' }).max(4),
      })
      .strict(),
    access: SELLERS,
    summary: 'Sells a gift voucher for an amount (rule 17): not taxed when sold, a numbered receipt, a new code for the slip.',
  }),
  'vouchers.lookup': operation<VoucherLookup>()({
    input: z.object({ code }).strict(),
    access: SELLERS,
    summary: 'The balance of a voucher by its code, as this terminal last knew it, and its movements in this cinema.',
  }),
  'vouchers.slipPdf': operation<OrderPdf>()({
    /** The code just sold: the slip shows it in full and as QR only with it (it is stored nowhere); else a copy with its last 4 characters. */
    input: z.object({ voucherId: id, code: code.optional() }).strict(),
    access: SELLERS,
    summary: 'The voucher slip (code as text and QR, amount, the receipt of its sale) as a PDF (base64).',
  }),
  'vouchers.printSlip': operation<PrintResult>()({
    input: z.object({ voucherId: id, code: code.optional() }).strict(),
    access: SELLERS,
    summary: "Prints the voucher slip on this terminal's receipt printer.",
  }),
  'vouchers.report': operation<VoucherReport>()({
    input: z
      .object({ from: isoDate, to: isoDate })
      .strict()
      .refine((p) => p.from <= p.to, { message: 'schema:predicate.endsAfterStart', path: ['to'] }),
    access: MANAGERS,
    summary: 'Vouchers sold, redeemed and outstanding for a period.',
  }),
};
