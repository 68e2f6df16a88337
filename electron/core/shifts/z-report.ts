import type { Kysely, Transaction } from 'kysely';
import type { ShiftFiscal, VatLine } from '../../../shared/contract/money-trail';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { newId } from '../ids';
import { appendJournal } from '../journal/append-journal';
import { sumVat } from '../receipts/vat-breakdown';

type Db = Kysely<DB> | Transaction<DB>;

interface ReceiptFigures {
  number: number;
  kind: string;
  amount: number;
  vat: VatLine[];
  /** Signed like the receipt; only the VOUCHER ones are read here. */
  payments?: { method: string; amount: number }[];
}

/**
 * Rule 16, pure: the numbered figures of a shift from its receipts — count with first and last
 * number, sales/refunds/exchanges, VAT per rate, and the grand totals carried on from the
 * terminal's previous Z (money taken and money given back, each only ever growing).
 */
export function shiftFiscal(receipts: readonly ReceiptFigures[], previous: { grandTotal: number; grandTotalRefunds: number }, zNumber: number | null): ShiftFiscal {
  const numbers = receipts.map((r) => r.number);
  const of = (pred: (r: ReceiptFigures) => boolean) => {
    const rows = receipts.filter(pred);
    return { count: rows.length, amount: rows.reduce((s, r) => s + r.amount, 0) };
  };
  const taken = receipts.reduce((s, r) => s + Math.max(r.amount, 0), 0);
  const given = receipts.reduce((s, r) => s + Math.max(-r.amount, 0), 0);
  return {
    zNumber,
    receipts: receipts.length,
    firstReceipt: numbers.length ? Math.min(...numbers) : null,
    lastReceipt: numbers.length ? Math.max(...numbers) : null,
    sales: of((r) => r.kind === 'SALE'),
    voucherSales: of((r) => r.kind === 'VOUCHER_SALE'),
    voucherRedemptions: voucherPaid(receipts),
    refunds: of((r) => r.kind === 'REFUND'),
    exchanges: of((r) => r.kind === 'EXCHANGE'),
    vat: sumVat(receipts.map((r) => r.vat)),
    grandTotal: previous.grandTotal + taken,
    grandTotalRefunds: previous.grandTotalRefunds + given,
  };
}

/** Rule 17: the VOUCHER payments of the shift's receipts (a refund's share put back on a voucher counts against them). */
function voucherPaid(receipts: readonly ReceiptFigures[]): { count: number; amount: number } {
  const paid = receipts.flatMap((r) => (r.payments ?? []).filter((p) => p.method === 'VOUCHER'));
  return { count: paid.filter((p) => p.amount > 0).length, amount: paid.reduce((s, p) => s + p.amount, 0) };
}

async function previousZ(db: Db, terminalId: string) {
  return db
    .selectFrom('z_reports')
    .select(['number', 'grand_total', 'grand_total_refunds'])
    .where('terminal_id', '=', terminalId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A shift's numbered figures: the Z as it was issued once the shift is closed, else the running X view. */
export async function loadShiftFiscal(db: Db, shift: { id: string; terminal_id: string }): Promise<ShiftFiscal> {
  const issued = await db.selectFrom('z_reports').select('figures').where('shift_id', '=', shift.id).executeTakeFirst();
  // A Z issued before vouchers existed has no voucher lines: it had none.
  if (issued) {
    const f = JSON.parse(issued.figures) as Partial<ShiftFiscal> & Omit<ShiftFiscal, 'voucherSales' | 'voucherRedemptions'>;
    return { ...f, voucherSales: f.voucherSales ?? { count: 0, amount: 0 }, voucherRedemptions: f.voucherRedemptions ?? { count: 0, amount: 0 } };
  }
  return computeShiftFiscal(db, shift, await previousZ(db, shift.terminal_id), null);
}

/** `prev`: the terminal's last Z before this shift (its grand totals carry on), read once by the caller. */
async function computeShiftFiscal(
  db: Db,
  shift: { id: string; terminal_id: string },
  prev: Awaited<ReturnType<typeof previousZ>>,
  zNumber: number | null,
): Promise<ShiftFiscal> {
  const rows = await db.selectFrom('fiscal_receipts').select(['number', 'kind', 'amount', 'vat', 'payments']).where('shift_id', '=', shift.id).orderBy('number').execute();
  return shiftFiscal(
    rows.map((r) => ({ number: r.number, kind: r.kind, amount: r.amount, vat: JSON.parse(r.vat) as VatLine[], payments: JSON.parse(r.payments) as { method: string; amount: number }[] })),
    { grandTotal: prev?.grand_total ?? 0, grandTotalRefunds: prev?.grand_total_refunds ?? 0 },
    zNumber,
  );
}

/**
 * Issues the Z report of a shift being closed, inside the closing transaction: the terminal's next
 * Z number (gap-free like receipts), its figures frozen in `z_reports` and journalled.
 * `cash`: the shift's cash figures, journalled with it.
 */
export async function issueZReport(trx: Transaction<DB>, ctx: RequestContext, shift: { id: string; terminal_id: string }, cash: Record<string, unknown>): Promise<ShiftFiscal> {
  const prev = await previousZ(trx, shift.terminal_id);
  const number = (prev?.number ?? 0) + 1;
  const figures = await computeShiftFiscal(trx, shift, prev, number);
  const closedAt = ctx.clock.now().toISOString();
  const entry = await appendJournal(trx, ctx, 'Z_REPORT', { z: number, shift: shift.id, ...figures, cash });
  await trx
    .insertInto('z_reports')
    .values({
      id: newId(),
      terminal_id: shift.terminal_id,
      number,
      shift_id: shift.id,
      closed_at: closedAt,
      receipts: figures.receipts,
      first_receipt: figures.firstReceipt,
      last_receipt: figures.lastReceipt,
      grand_total: figures.grandTotal,
      grand_total_refunds: figures.grandTotalRefunds,
      figures: JSON.stringify(figures),
      journal_counter: entry.counter,
    })
    .execute();
  return figures;
}
