import { z } from 'zod';
import { operation } from './operation';
import { MANAGERS, SELLERS } from './roles';
import type { PrintResult } from './printing';
import { id, isoDate } from './fields';

/** One VAT rate of a receipt, slip or Z report (rule 16): net + VAT = gross, in minor units (signed for refunds). */
export interface VatLine {
  rateBp: number;
  net: number;
  vat: number;
  gross: number;
}

/** The numbered part of an X/Z report (rule 16): receipts, VAT per rate, kinds of money movement, grand totals. */
export interface ShiftFiscal {
  /** The Z report's number (gap-free per terminal); null on an X report (shift still open). */
  zNumber: number | null;
  receipts: number;
  firstReceipt: number | null;
  lastReceipt: number | null;
  /** Receipts of tickets and snacks (a voucher sale is counted apart). */
  sales: { count: number; amount: number };
  /** Rule 17: gift vouchers sold — money taken, not revenue subject to VAT (their 0 % line in `vat`). */
  voucherSales: { count: number; amount: number };
  /** Rule 17: what gift vouchers paid of sales (a payment method), net of what refunds put back on them. */
  voucherRedemptions: { count: number; amount: number };
  refunds: { count: number; amount: number };
  exchanges: { count: number; amount: number };
  vat: VatLine[];
  /** Every sale this terminal ever took up to this report: only ever grows. */
  grandTotal: number;
  /** Every refund this terminal ever gave up to this report: only ever grows. */
  grandTotalRefunds: number;
}

/** The verdict on one terminal's journal: how many entries, the last good one, the first that does not match. */
export interface JournalCheck {
  terminalId: string;
  entries: number;
  lastGood: { counter: number; hash: string } | null;
  firstBreak: { counter: number; kind: string | null; at: string | null; reason: string; detail: string; message: string } | null;
}

export interface JournalEntrySummary {
  counter: number;
  kind: string;
  at: string;
  hash: string;
  /** Receipt or Z number the entry carries, when it has one. */
  number: number | null;
  amount: number | null;
}

export interface JournalOverview {
  checks: JournalCheck[];
  /** The newest entries of this terminal, newest first. */
  latest: JournalEntrySummary[];
  /** Entries not yet sent to the centre (0 when this terminal does not sync). */
  unsent: number;
  syncConfigured: boolean;
}

export interface AuditExportResult {
  folder: string;
  files: { name: string; rows: number; sha256: string }[];
  entries: number;
}

const zNumber = z.number().int().min(1, { message: 'schema:predicate.oneOrMore' });

export const moneyTrailOperations = {
  'receipts.printSlip': operation<PrintResult>()({
    input: z.object({ orderId: id, number: z.number().int().min(1, { message: 'schema:predicate.oneOrMore' }) }).strict(),
    access: SELLERS,
    summary: "Prints an exchange's or refund's numbered slip (it refers to the order's receipt) on this terminal's receipt printer; later prints say COPY.",
  }),
  'journal.overview': operation<JournalOverview>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "Verifies this terminal's signed money journal and shows its newest entries (rule 16).",
  }),
  'journal.export': operation<AuditExportResult>()({
    input: z
      .object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        fromZ: zNumber.optional(),
        toZ: zNumber.optional(),
      })
      .strict()
      .refine((v) => (v.from !== undefined) === (v.to !== undefined) && (v.fromZ !== undefined) === (v.toZ !== undefined), { message: 'schema:statement.bothEnds' })
      .refine((v) => (v.from !== undefined) !== (v.fromZ !== undefined), { message: 'schema:statement.datesOrZReports' }),
    access: MANAGERS,
    summary: 'Writes an audit export (CSV files and a manifest with the chain hashes) for a date or Z range into the data folder.',
  }),
};
