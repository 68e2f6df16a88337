import type { VatLine } from '../../../shared/contract/money-trail';
import type { PrintResult } from '../../../shared/contract/printing';
import type { SignedInContext } from '../context';
import { DomainError, inWords } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { renderCorrectionSlip, type CorrectionSlip } from '../printing/correction-slip-pdf';
import { driverFor, readPrinterChoice, printerNameIn } from '../printing/printers/printer-settings';
import { PrintFailure } from '../printing/printers/printer-driver';
import type { ReceiptPayment } from './issue-receipt';
import { printedIn } from '../printing/print-format';
import { readerLanguage } from '../reader-language';

/** A refund or exchange slip of an order as this terminal issued it (fiscal_receipts + its journal entry), for printing. */
export async function loadCorrectionSlip(ctx: SignedInContext, orderId: string, number: number): Promise<CorrectionSlip> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const row = await ctx.db
    .selectFrom('fiscal_receipts as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .innerJoin('journal_entries as j', (join) => join.onRef('j.terminal_id', '=', 'r.terminal_id').onRef('j.counter', '=', 'r.journal_counter'))
    .leftJoin('fiscal_receipts as ref', 'ref.id', 'r.refers_to_id')
    .select(['r.kind', 'r.number', 'r.issued_at', 'r.amount', 'r.vat', 'r.payments', 'o.number as order_number', 'j.content', 'ref.number as ref_number', 'ref.issued_at as ref_issued_at'])
    .where('r.terminal_id', '=', ctx.terminal.id)
    .where('r.number', '=', number)
    .where('r.order_id', '=', orderId)
    .where('r.kind', 'in', ['REFUND', 'EXCHANGE'])
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:receipts.orderNoRefundExchange', values: { number } });
  const content = JSON.parse(row.content) as { from?: string; to?: string };
  const seats = await ctx.db
    .selectFrom('tickets as t')
    .innerJoin('seats as s', 's.id', 't.seat_id')
    .innerJoin('sessions as ss', 'ss.id', 't.session_id')
    .innerJoin('films as f', 'f.id', 'ss.film_id')
    .select(['t.id', 's.row_label', 's.number', 'f.title', 'ss.starts_at'])
    .where('t.id', 'in', [content.from ?? '', content.to ?? ''])
    .execute();
  const language = readerLanguage(ctx);
  const seat = (id: string | undefined) => {
    const s = seats.find((x) => x.id === id);
    return s ? { film: s.title, startsAt: s.starts_at, seat: printedIn(language).seat(s.row_label, s.number) } : null;
  };
  return {
    language,
    cinema: { name: cinema.name, legalName: cinema.legal_name, address: cinema.address, taxNumber: cinema.tax_number, currency: cinema.currency, timezone: cinema.timezone },
    kind: row.kind as 'REFUND' | 'EXCHANGE',
    number: row.number,
    issuedAt: row.issued_at,
    orderNumber: row.order_number,
    terminal: ctx.terminal.name,
    refersTo: row.ref_number !== null && row.ref_issued_at !== null ? { number: row.ref_number, issuedAt: row.ref_issued_at } : null,
    from: seat(content.from),
    to: seat(content.to),
    amount: row.amount,
    vat: JSON.parse(row.vat) as VatLine[],
    payments: JSON.parse(row.payments) as ReceiptPayment[],
  };
}

/** Prints an exchange's (or refund's) numbered slip on this terminal's receipt printer (rule 16); every print after the first says COPY. */
export async function printCorrectionSlip(ctx: SignedInContext, orderId: string, number: number): Promise<PrintResult> {
  const slip = await loadCorrectionSlip(ctx, orderId, number);
  const before = await ctx.db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'order')
    .where('entity_id', '=', orderId)
    .where('action', '=', 'receipt.print_slip')
    .where('details', 'like', `%"number":${number},%`)
    .executeTakeFirst();
  const choice = await readPrinterChoice(ctx.db);
  const pdf = await renderCorrectionSlip(slip, choice.paper, before !== undefined);
  const word = slip.kind === 'EXCHANGE' ? 'exchange' : 'refund';
  try {
    const printed = await driverFor(choice, ctx.services.printing).print({ title: `${word} slip ${number}`, fileName: `${slip.issuedAt.slice(0, 10)} slip ${number} ${word}.pdf`, pdf, paper: choice.paper });
    await recordAudit(ctx.db, ctx, { action: 'receipt.print_slip', entity: 'order', entityId: orderId, details: { number, kind: slip.kind, printer: choice.label } });
    return { printer: printerNameIn(choice, readerLanguage(ctx)), jobs: [{ document: 'RECEIPT', where: inWords(printed.where, readerLanguage(ctx)) }] };
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    throw new DomainError(e.kind === 'DISK_FULL' ? 'DISK_FULL' : 'PRINT_FAILED', { key: slip.kind === 'EXCHANGE' ? 'refusals:receipts.exchangeSlipNotPrinted' : 'refusals:receipts.refundSlipNotPrinted', values: { number, eMessage: e.words } }, { cause: e.kind });
  }
}
