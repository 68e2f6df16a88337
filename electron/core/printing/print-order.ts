import type { PendingPrintJob, PrintDocuments, PrinterChoice, PrintResult } from '../../../shared/contract/printing';
import type { SignedInContext } from '../context';
import { DomainError, inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import { storageFailureOf } from '../db/storage-failure';
import { recordAudit } from '../audit/record-audit';
import { loadOrderDocument, receiptPrintedBefore, type OrderDocument } from './order-document';
import { renderTicketSlips, printableTickets } from './ticket-slip-pdf';
import { renderReceipt } from './receipt-pdf';
import { driverFor, printerNameIn, readPrinterChoice, readPrinters } from './printers/printer-settings';
import { CupsPrinter, parseJobRef } from './printers/cups-printer';
import { PrintFailure, type PrintJob } from './printers/printer-driver';
import type { Paper } from './pdf-kit';
import { loadShiftReport } from '../shifts/shift-report';
import { mustCountBlind } from '../shifts/blind-count';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { renderShiftReport } from './shift-report-pdf';
import type { Language } from '../../../shared/i18n/languages';
import { readerLanguage } from '../reader-language';

/** "2026-11-25 T-000123 tickets.pdf": sorts by day in a folder, names the order. */
export function documentFileName(order: OrderDocument, document: 'TICKETS' | 'RECEIPT'): string {
  const day = (order.paidAt ?? order.createdAt).slice(0, 10);
  const number = order.number.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${day} ${number} ${document === 'TICKETS' ? 'tickets' : 'receipt'}.pdf`;
}

/** Renders the PDF of one document of an order (outside any transaction: it takes tens of milliseconds); `copy` marks a receipt COPY. */
export async function renderOrderDocument(order: OrderDocument, document: 'TICKETS' | 'RECEIPT', paper: Paper, ticketIds?: readonly string[], copy = false, language?: Language): Promise<Buffer> {
  if (document === 'RECEIPT') return renderReceipt(order, paper, copy, language);
  const tickets = printableTickets(order).filter((t) => !ticketIds || ticketIds.includes(t.id));
  if (tickets.length === 0) {
    throw new DomainError(
      'VALIDATION',
      ticketIds ? { key: 'refusals:printing.chosenTicketsNotPrintable' } : { key: 'refusals:printing.noTicketsToPrint', values: { orderNumber: order.number } },
    );
  }
  return renderTicketSlips(order, paper, tickets, language);
}

/**
 * Prints an order's tickets (on the terminal's ticket printer) and/or receipt (on its receipt
 * printer). The sale is already saved: a printer problem becomes a PRINT_FAILED answer naming the
 * cause, and the cashier reprints from the order history once it is fixed. A job that did not
 * finish in time is NOT_PRINTED_YET: it is listed so it can be cancelled, and a reprint cancels
 * it first, so a printer that comes back never prints the order twice.
 */
export async function printOrder(
  ctx: SignedInContext,
  input: { orderId: string; documents: PrintDocuments; ticketIds?: readonly string[] },
  reprint: boolean,
): Promise<PrintResult> {
  const order = await loadOrderDocument(ctx.db, input.orderId);
  const printers = await readPrinters(ctx.db);
  // Rule 16: only the first print of a receipt is the original; every later one says COPY.
  const copy = reprint || (await receiptPrintedBefore(ctx.db, order.id));
  const wanted: ('TICKETS' | 'RECEIPT')[] = input.documents === 'ALL' ? ['TICKETS', 'RECEIPT'] : [input.documents];
  const jobs: { document: 'TICKETS' | 'RECEIPT'; choice: PrinterChoice; job: PrintJob }[] = [];
  const language = readerLanguage(ctx);
  for (const document of wanted) {
    if (document === 'TICKETS' && input.documents === 'ALL' && printableTickets(order).length === 0) continue;
    const choice = document === 'TICKETS' ? printers.TICKETS : printers.RECEIPTS;
    const pdf = await renderOrderDocument(order, document, choice.paper, input.ticketIds, copy, language);
    const content: PrintJob['content'] =
      document === 'TICKETS' ? { kind: 'TICKETS', order, tickets: printableTickets(order).filter((t) => !input.ticketIds || input.ticketIds.includes(t.id)), language } : { kind: 'RECEIPT', order, copy, language };
    jobs.push({ document, choice, job: { title: `${document === 'TICKETS' ? 'Tickets' : 'Receipt'} ${order.number}`, fileName: documentFileName(order, document), pdf, paper: choice.paper, content } });
  }

  await cancelStuckJobs(ctx, order.id, order.number);
  const done: PrintResult['jobs'] = [];
  let current: (typeof jobs)[number] | undefined;
  try {
    for (current of jobs) {
      const printed = await driverFor(current.choice, ctx.services.printing).print(current.job);
      done.push({ document: current.document, where: inWords(printed.where, language), ...(printed.job ? { job: printed.job } : {}) });
    }
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    const printer = current?.choice.label ?? printers.RECEIPTS.label;
    const pending: PendingPrintJob[] = e.pending && current ? [{ document: current.document, printer, job: e.pending }] : [];
    await recordAudit(ctx.db, ctx, {
      action: 'order.print_failed',
      entity: 'order',
      entityId: order.id,
      details: { number: order.number, printer, cause: e.kind, reason: e.reason, message: e.message, printed: done, pending },
    }).catch((auditFailure: unknown) => {
      // On a full disk the note of the failure cannot be written either: the printer's answer says more.
      if (!storageFailureOf(auditFailure, '.')) throw auditFailure;
    });
    const partly = partlyPrintedWords(done.map((d) => d.document));
    const saved: Words = { key: 'refusals:printing.saleSaved', values: { number: order.number } };
    if (e.kind === 'DISK_FULL') throw new DomainError('DISK_FULL', { key: 'refusals:printing.message', values: { eMessage: e.words, partly, saved } }, { cause: e.kind, orderId: order.id, printed: done });
    throw new DomainError(
      'PRINT_FAILED',
      { key: e.kind === 'NOT_PRINTED_YET' ? 'refusals:printing.message' : 'refusals:printing.failed', values: { eMessage: e.words, partly, saved } },
      { cause: e.kind, reason: e.reason, orderId: order.id, printed: done, pending },
    );
  }
  await recordAudit(ctx.db, ctx, {
    action: reprint ? 'order.reprint' : 'order.print',
    entity: 'order',
    entityId: order.id,
    details: { number: order.number, printer: [...new Set(jobs.map((j) => j.choice.label))].join(' + '), documents: input.documents, ticketIds: input.ticketIds ?? null, jobs: done },
  });
  return { printer: [...new Set(jobs.map((j) => printerNameIn(j.choice, language)))].join(' + ') || printerNameIn(printers.RECEIPTS, language), jobs: done };
}

/** " (the tickets did print)" after a failure that came once some of an order's documents were printed; '' when none were. */
function partlyPrintedWords(printed: ('TICKETS' | 'RECEIPT')[]): Words | '' {
  if (printed.length === 0) return '';
  if (printed.includes('TICKETS') && printed.includes('RECEIPT')) return { key: 'refusals:printing.partlyBoth' };
  return { key: printed.includes('TICKETS') ? 'refusals:printing.partlyTickets' : 'refusals:printing.partlyReceipt' };
}

/** Jobs of an order that were left "not printed yet" and not cancelled since (from the audit log). */
async function stuckJobsOf(ctx: SignedInContext, orderId: string): Promise<PendingPrintJob[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('entity', '=', 'order')
    .where('entity_id', '=', orderId)
    .where('action', 'in', ['order.print_failed', 'print.job_cancelled'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  const open = new Map<string, PendingPrintJob>();
  for (const row of rows) {
    const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as { pending?: PendingPrintJob[]; job?: string } | null;
    if (row.action === 'order.print_failed') for (const p of details?.pending ?? []) open.set(p.job, p);
    else if (details?.job) open.delete(details.job);
  }
  return [...open.values()];
}

/** Cancels what an earlier print of this order left in a queue, before printing it again. */
async function cancelStuckJobs(ctx: SignedInContext, orderId: string, number: string): Promise<void> {
  for (const stuck of await stuckJobsOf(ctx, orderId)) {
    const result = await cancelPrintJob(stuck.job, ctx.services.printing).catch((e: unknown) => {
      if (e instanceof PrintFailure) return null; // the scheduler is down: the job cannot print either
      throw e;
    });
    if (result) await recordAudit(ctx.db, ctx, { action: 'print.job_cancelled', entity: 'order', entityId: orderId, details: { number, job: stuck.job, printer: stuck.printer, result, before: 'reprint' } });
  }
}

/** Cancels a CUPS job ("Roll80-17"), wherever it was queued. */
export function cancelPrintJob(job: string, printing: SignedInContext['services']['printing']): Promise<'CANCELLED' | 'ALREADY_DONE'> {
  const parsed = parseJobRef(job);
  if (!parsed) throw new DomainError('VALIDATION', { key: 'refusals:printing.notPrintJobComputer' });
  return new CupsPrinter(parsed.printer, { followMs: printing?.followMs }).cancel(job);
}

/** Prints a shift's X or Z report (rule 14) on this terminal's printer; audited like a print. */
export async function printShiftReport(ctx: SignedInContext, shiftId: string): Promise<PrintResult> {
  const report = await loadShiftReport(ctx.db, shiftId);
  if (report.cashier.id !== ctx.user.id && ctx.user.role === 'CASHIER') throw new DomainError('FORBIDDEN', { key: 'refusals:printing.shiftCashierPrintsOnly', values: { name: report.cashier.name } });
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  if (mustCountBlind(report, ctx.user.role, cinema.blind_cash_up === 1)) {
    throw new DomainError('FORBIDDEN', { key: 'refusals:printing.cinemaCountsDrawerBlind' });
  }
  const choice = await readPrinterChoice(ctx.db);
  const context = { cinemaName: cinema.name, legalName: cinema.legal_name, address: cinema.address, taxNumber: cinema.tax_number, currency: cinema.currency, timezone: cinema.timezone, printedAt: ctx.clock.now().toISOString(), language: readerLanguage(ctx) };
  const pdf = await renderShiftReport(report, context, choice.paper);
  const kind = report.status === 'CLOSED' ? 'Z' : 'X';
  const job: PrintJob = { title: `${kind} report ${report.cashier.name}`, fileName: `${report.openedAt.slice(0, 10)} ${kind}-report ${report.fiscal.zNumber ?? report.shiftId.slice(-8)}.pdf`, pdf, paper: choice.paper, content: { kind: 'SHIFT_REPORT', report, context } };
  try {
    const printed = await driverFor(choice, ctx.services.printing).print(job);
    await recordAudit(ctx.db, ctx, { action: 'shift.print_report', entity: 'shift', entityId: report.shiftId, details: { kind, printer: choice.label } });
    return { printer: printerNameIn(choice, context.language), jobs: [{ document: 'RECEIPT', where: inWords(printed.where, context.language) }] };
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    if (e.kind === 'DISK_FULL') throw new DomainError('DISK_FULL', { key: 'refusals:printing.reportFiguresStayScreen', values: { eMessage: e.words, kind } }, { cause: e.kind });
    throw new DomainError('PRINT_FAILED', { key: 'refusals:printing.reportDidNotPrint', values: { kind, eMessage: e.words } }, { cause: e.kind });
  }
}
