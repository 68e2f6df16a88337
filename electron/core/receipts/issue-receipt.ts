import type { Transaction } from 'kysely';
import type { PaymentMethod } from '../../../shared/enums';
import type { DB, FiscalReceiptKind, Row } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { preparedQuery } from '../db/prepared-query';
import { appendJournal } from '../journal/append-journal';
import { openShiftOf } from '../shifts/shifts';
import type { VatLine } from './vat-breakdown';

export interface ReceiptPayment {
  method: PaymentMethod | 'VOUCHER';
  /** Signed like the receipt: taken (+) or paid back (−). */
  amount: number;
}

export interface IssuedReceipt {
  id: string;
  number: number;
  journalCounter: number;
}

const lastReceipt = preparedQuery((db, p: { terminalId: string }) =>
  db.selectFrom('fiscal_receipts').select('number').where('terminal_id', '=', p.terminalId).orderBy('number', 'desc').limit(1),
);

const insertReceipt = preparedQuery((db, p: Row<'fiscal_receipts'>) =>
  db.insertInto('fiscal_receipts').values({
    id: p.id,
    terminal_id: p.terminal_id,
    number: p.number,
    kind: p.kind,
    order_id: p.order_id,
    refers_to_id: p.refers_to_id,
    shift_id: p.shift_id,
    issued_at: p.issued_at,
    amount: p.amount,
    vat: p.vat,
    payments: p.payments,
    journal_counter: p.journal_counter,
  }),
);

/**
 * The next receipt number of this terminal: one more than its highest (one probe of the unique
 * index). Called inside the transaction that issues the receipt — SQLite's write lock makes it
 * the only writer, and a transaction that fails takes its number with it — so numbers never skip.
 */
export async function nextReceiptNumber(trx: Transaction<DB>, terminalId: string): Promise<number> {
  const last = await lastReceipt.first(trx, { terminalId });
  return (last?.number ?? 0) + 1;
}

/**
 * Issues a numbered receipt or slip inside the caller's transaction (rule 16): the next number of
 * this terminal, its journal entry (the receipt's content, hashed and signed) and its row.
 * `details` is journalled with it (order number, lines …).
 */
export async function issueReceipt(
  trx: Transaction<DB>,
  ctx: RequestContext,
  input: {
    kind: FiscalReceiptKind;
    orderId: string | null;
    refersTo?: { id: string; number: number } | null;
    shiftId: string;
    amount: number;
    vat: readonly VatLine[];
    payments: readonly ReceiptPayment[];
    details?: Record<string, unknown>;
  },
): Promise<IssuedReceipt> {
  const number = await nextReceiptNumber(trx, ctx.terminal.id);
  const issuedAt = ctx.clock.now().toISOString();
  const entry = await appendJournal(trx, ctx, input.kind, {
    ...input.details,
    receipt: number,
    order: input.orderId,
    refersToReceipt: input.refersTo?.number ?? null,
    shift: input.shiftId,
    amount: input.amount,
    vat: input.vat,
    payments: input.payments,
  });
  const id = newId();
  await insertReceipt.run(trx, {
    id,
    terminal_id: ctx.terminal.id,
    number,
    kind: input.kind,
    order_id: input.orderId,
    refers_to_id: input.refersTo?.id ?? null,
    shift_id: input.shiftId,
    issued_at: issuedAt,
    amount: input.amount,
    vat: JSON.stringify(input.vat),
    payments: JSON.stringify(input.payments),
    journal_counter: entry.counter,
  });
  return { id, number, journalCounter: entry.counter };
}

/** The sale receipt an order got on this terminal (undefined when it was sold on another one). */
export async function saleReceiptOf(trx: Transaction<DB>, orderId: string): Promise<{ id: string; number: number } | undefined> {
  return trx.selectFrom('fiscal_receipts').select(['id', 'number']).where('order_id', '=', orderId).where('kind', '=', 'SALE').executeTakeFirst();
}

/**
 * For refunds and exchanges (rule 8): issues the numbered slip that refers to the order's receipt,
 * inside the refund's transaction, in this terminal's open shift. `lines` are what the slip moves,
 * signed (a refund negative, an exchange's top-up positive); `payments` the same per method.
 */
export async function issueCorrectionSlip(
  trx: Transaction<DB>,
  ctx: RequestContext,
  input: {
    kind: 'REFUND' | 'EXCHANGE';
    orderId: string;
    orderNumber: string;
    vat: readonly VatLine[];
    payments: readonly ReceiptPayment[];
    details?: Record<string, unknown>;
  },
): Promise<IssuedReceipt & { refersToReceipt: number | null }> {
  const shift = await openShiftOf(trx, ctx.terminal.id);
  if (!shift) throw new DomainError('CONFLICT', { key: 'refusals:receipts.openShiftFirstRefunds' });
  const refersTo = (await saleReceiptOf(trx, input.orderId)) ?? null;
  const amount = input.vat.reduce((s, v) => s + v.gross, 0);
  const issued = await issueReceipt(trx, ctx, {
    kind: input.kind,
    orderId: input.orderId,
    refersTo,
    shiftId: shift.id,
    amount,
    vat: input.vat,
    payments: input.payments,
    details: { orderNumber: input.orderNumber, ...input.details },
  });
  return { ...issued, refersToReceipt: refersTo?.number ?? null };
}
