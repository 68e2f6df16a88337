import { z } from 'zod';
import { operation } from './operation';
import { MANAGERS } from './roles';
import { id, isoDate, nonEmpty } from './fields';

/** One contract week as rule 11 settles it, with what has been paid against it. */
export interface SettlementWeekRow {
  contractId: string;
  film: { id: string; title: string };
  distributor: { id: string; legalName: string };
  week: number;
  startDate: string;
  endDate: string;
  gross: number;
  discounts: number;
  /** After discounts, VAT excluded. */
  net: number;
  percentBp: number;
  /** The distributor's share, minimum guarantee / 90-10 applied, rounded once; corrections included. */
  due: number;
  /** Σ corrections of this accrued week (adjustment rows) included in `due`; 0 when none. */
  adjustment: number;
  /** Payments on the contract, allocated to its weeks oldest first. */
  paid: number;
  balance: number;
  /** False: the week has not ended yet, so these are running figures, not an accrual. */
  accrued: boolean;
  overridden: boolean;
}

export interface DistributorBalance {
  distributor: { id: string; legalName: string };
  contracts: number;
  due: number;
  paid: number;
  /** due − paid: what the cinema still owes (negative: paid in advance). */
  balance: number;
  lastPaidAt: string | null;
}

export interface SettlementPayment {
  id: string;
  contractId: string;
  film: string;
  distributor: string;
  amount: number;
  paidAt: string;
  method: string;
  reference: string;
}

export const SETTLEMENT_PAYMENT_METHODS = ['BANK_TRANSFER', 'CASH', 'CHEQUE', 'OTHER'] as const;

const amount = z.number().int().min(1).max(100_000_000_00);

const range = { from: isoDate, to: isoDate };

export const settlementOperations = {
  'settlements.balances': operation<DistributorBalance[]>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "Outstanding balance per distributor over this cinema's contracts: accrued weeks due minus payments.",
  }),
  'settlements.weeks': operation<{ weeks: SettlementWeekRow[]; payments: SettlementPayment[] }>()({
    input: z.object({ ...range, distributorId: id.optional() }).strict(),
    access: MANAGERS,
    summary: 'Contract weeks starting in the period (accrued, or running for the current week) and payments made, per distributor.',
  }),
  'settlements.recordPayment': operation<SettlementPayment>()({
    input: z
      .object({
        contractId: id,
        amount,
        paidOn: isoDate,
        method: z.enum(SETTLEMENT_PAYMENT_METHODS, { message: 'reports:settlements.method' }),
        reference: nonEmpty(120),
      })
      .strict(),
    access: MANAGERS,
    summary: 'Records money paid to a distributor against one contract (rule 11).',
  }),
  'settlements.overrideWeek': operation<SettlementWeekRow>()({
    input: z
      .object({
        contractId: id,
        week: z.number().int().min(1, { message: 'schema:predicate.oneOrMore' }).max(520),
        percentBp: z.number().int().min(1).max(10_000),
        reason: nonEmpty(300),
      })
      .strict(),
    access: MANAGERS,
    summary: "Overrides one contract week's percent with a reason (audited); an accrued week is settled again.",
  }),
  'settlements.accrue': operation<{ written: number }>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: 'Writes the accruals of contract weeks that have ended (also runs on start and hourly; never duplicates).',
  }),
};
