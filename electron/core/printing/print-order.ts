import type { PrintDocuments, PrintResult } from '../../../shared/contract/printing';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { loadOrderDocument, type OrderDocument } from './order-document';
import { renderTicketSlips, printableTickets } from './ticket-slip-pdf';
import { renderReceipt } from './receipt-pdf';
import { driverFor, readPrinterChoice } from './printers/printer-settings';
import { PrintFailure, type PrintJob } from './printers/printer-driver';
import type { Paper } from './pdf-kit';

/** "2026-11-25 T-000123 tickets.pdf": sorts by day in a folder, names the order. */
export function documentFileName(order: OrderDocument, document: 'TICKETS' | 'RECEIPT'): string {
  const day = (order.paidAt ?? order.createdAt).slice(0, 10);
  const number = order.number.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${day} ${number} ${document === 'TICKETS' ? 'tickets' : 'receipt'}.pdf`;
}

/** Renders the PDF of one document of an order (outside any transaction: it takes tens of milliseconds). */
export async function renderOrderDocument(order: OrderDocument, document: 'TICKETS' | 'RECEIPT', paper: Paper, ticketIds?: readonly string[]): Promise<Buffer> {
  if (document === 'RECEIPT') return renderReceipt(order, paper);
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
  const wanted: ('TICKETS' | 'RECEIPT')[] = input.documents === 'ALL' ? ['TICKETS', 'RECEIPT'] : [input.documents];
  const jobs: PrintJob[] = [];
  for (const document of wanted) {
    if (document === 'TICKETS' && input.documents === 'ALL' && printableTickets(order).length === 0) continue;
    const pdf = await renderOrderDocument(order, document, choice.paper, input.ticketIds);
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
    });
    const partly = done.length > 0 ? ` (${done.map((d) => (d.document === 'TICKETS' ? 'the tickets' : 'the receipt')).join(' and ')} did print)` : '';
    throw new DomainError('PRINT_FAILED', `Printing failed${partly}: ${e.message} The sale of order ${order.number} is saved — reprint it from the order history.`, {
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
