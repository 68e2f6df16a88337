import type { PrintDocuments, PrintResult } from '../../../shared/contract/printing';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { storageFailureOf } from '../db/storage-failure';
import { recordAudit } from '../audit/record-audit';
import { loadOrderDocument, receiptPrintedBefore, type OrderDocument } from './order-document';
import { renderTicketSlips, printableTickets } from './ticket-slip-pdf';
import { renderReceipt } from './receipt-pdf';
import { driverFor, readPrinterChoice } from './printers/printer-settings';
import { PrintFailure, type PrintJob } from './printers/printer-driver';
import type { Paper } from './pdf-kit';
import { loadShiftReport } from '../shifts/shift-report';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { renderShiftReport } from './shift-report-pdf';

/** "2026-11-25 T-000123 tickets.pdf": sorts by day in a folder, names the order. */
export function documentFileName(order: OrderDocument, document: 'TICKETS' | 'RECEIPT'): string {
  const day = (order.paidAt ?? order.createdAt).slice(0, 10);
  const number = order.number.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${day} ${number} ${document === 'TICKETS' ? 'tickets' : 'receipt'}.pdf`;
}

/** Renders the PDF of one document of an order (outside any transaction: it takes tens of milliseconds); `copy` marks a receipt COPY. */
export async function renderOrderDocument(order: OrderDocument, document: 'TICKETS' | 'RECEIPT', paper: Paper, ticketIds?: readonly string[], copy = false): Promise<Buffer> {
  if (document === 'RECEIPT') return renderReceipt(order, paper, copy);
  const tickets = printableTickets(order).filter((t) => !ticketIds || ticketIds.includes(t.id));
  if (tickets.length === 0) {
    throw new DomainError(
      'VALIDATION',
      ticketIds ? 'None of the chosen tickets can be printed: they are refunded, exchanged or not in this order.' : `Order ${order.number} has no valid tickets to print (refunded and exchanged tickets are never printed).`,
    );
  }
  return renderTicketSlips(order, paper, tickets);
}

/**
 * Prints an order's tickets and/or receipt on this terminal's printer. The sale is already saved:
 * a printer problem becomes a PRINT_FAILED answer naming the cause (no printer, not found,
 * offline, out of paper) and the cashier reprints from the order history once it is fixed.
 */
export async function printOrder(
  ctx: SignedInContext,
  input: { orderId: string; documents: PrintDocuments; ticketIds?: readonly string[] },
  reprint: boolean,
): Promise<PrintResult> {
  const order = await loadOrderDocument(ctx.db, input.orderId);
  const choice = await readPrinterChoice(ctx.db);
  // Rule 16: only the first print of a receipt is the original; every later one says COPY.
  const copy = reprint || (await receiptPrintedBefore(ctx.db, order.id));
  const wanted: ('TICKETS' | 'RECEIPT')[] = input.documents === 'ALL' ? ['TICKETS', 'RECEIPT'] : [input.documents];
  const jobs: PrintJob[] = [];
  for (const document of wanted) {
    if (document === 'TICKETS' && input.documents === 'ALL' && printableTickets(order).length === 0) continue;
    const pdf = await renderOrderDocument(order, document, choice.paper, input.ticketIds, copy);
    jobs.push({ title: `${document === 'TICKETS' ? 'Tickets' : 'Receipt'} ${order.number}`, fileName: documentFileName(order, document), pdf, paper: choice.paper });
  }

  const done: PrintResult['jobs'] = [];
  try {
    const driver = driverFor(choice);
    for (const job of jobs) {
      const printed = await driver.print(job);
      done.push({ document: job.title.startsWith('Tickets') ? 'TICKETS' : 'RECEIPT', where: printed.where });
    }
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    await recordAudit(ctx.db, ctx, {
      action: 'order.print_failed',
      entity: 'order',
      entityId: order.id,
      details: { number: order.number, printer: choice.label, cause: e.kind, message: e.message, printed: done },
    }).catch((auditFailure: unknown) => {
      // On a full disk the note of the failure cannot be written either: the printer's answer says more.
      if (!storageFailureOf(auditFailure, '.')) throw auditFailure;
    });
    const partly = done.length > 0 ? ` (${done.map((d) => (d.document === 'TICKETS' ? 'the tickets' : 'the receipt')).join(' and ')} did print)` : '';
    const saved = `The sale of order ${order.number} is saved — reprint it from the order history.`;
    if (e.kind === 'DISK_FULL') throw new DomainError('DISK_FULL', `${e.message}${partly} ${saved}`, { cause: e.kind, orderId: order.id, printed: done });
    throw new DomainError('PRINT_FAILED', `Printing failed${partly}: ${e.message} ${saved}`, {
      cause: e.kind,
      orderId: order.id,
      printed: done,
    });
  }
  await recordAudit(ctx.db, ctx, {
    action: reprint ? 'order.reprint' : 'order.print',
    entity: 'order',
    entityId: order.id,
    details: { number: order.number, printer: choice.label, documents: input.documents, ticketIds: input.ticketIds ?? null, jobs: done },
  });
  return { printer: choice.label, jobs: done };
}

/** Prints a shift's X or Z report (rule 14) on this terminal's printer; audited like a print. */
export async function printShiftReport(ctx: SignedInContext, shiftId: string): Promise<PrintResult> {
  const report = await loadShiftReport(ctx.db, shiftId);
  if (report.cashier.id !== ctx.user.id && ctx.user.role === 'CASHIER') throw new DomainError('FORBIDDEN', `This is ${report.cashier.name}'s shift: a cashier prints only their own reports.`);
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const choice = await readPrinterChoice(ctx.db);
  const pdf = await renderShiftReport(
    report,
    { cinemaName: cinema.name, legalName: cinema.legal_name, address: cinema.address, taxNumber: cinema.tax_number, currency: cinema.currency, timezone: cinema.timezone, printedAt: ctx.clock.now().toISOString() },
    choice.paper,
  );
  const kind = report.status === 'CLOSED' ? 'Z' : 'X';
  const job: PrintJob = { title: `${kind} report ${report.cashier.name}`, fileName: `${report.openedAt.slice(0, 10)} ${kind}-report ${report.fiscal.zNumber ?? report.shiftId.slice(-8)}.pdf`, pdf, paper: choice.paper };
  try {
    const printed = await driverFor(choice).print(job);
    await recordAudit(ctx.db, ctx, { action: 'shift.print_report', entity: 'shift', entityId: report.shiftId, details: { kind, printer: choice.label } });
    return { printer: choice.label, jobs: [{ document: 'RECEIPT', where: printed.where }] };
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    if (e.kind === 'DISK_FULL') throw new DomainError('DISK_FULL', `${e.message} The ${kind} report's figures stay on screen.`, { cause: e.kind });
    throw new DomainError('PRINT_FAILED', `The ${kind} report did not print: ${e.message} Its figures stay on screen; print it again once the printer is ready.`, { cause: e.kind });
  }
}
