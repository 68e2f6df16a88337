import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Handlers } from '../api';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { loadOrderDocument } from './order-document';
import { documentFileName, printOrder, printShiftReport, renderOrderDocument } from './print-order';
import { listCupsPrinters } from './printers/cups-printer';
import { defaultPrintFolder, readPrinterChoice, writePrinterChoice } from './printers/printer-settings';

type PrintingHandlers = Pick<Handlers, 'printing.printOrder' | 'printing.reprint' | 'printing.printShiftReport' | 'printing.orderPdf' | 'printing.printers' | 'printing.choosePrinter'>;

/** A folder the main process can write PDFs into, created if missing; a clear refusal otherwise. */
function usableFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new DomainError('VALIDATION', `The PDF folder must be a full path such as /home/kino/tickets, not “${folder}”.`);
  const path = resolve(folder);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DomainError('VALIDATION', `The folder ${path} cannot be used for PDFs: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'it is a file, not a folder' : (e as Error).message}.`);
  }
  return path;
}

export const printingHandlers: PrintingHandlers = {
  'printing.printOrder': async (ctx, input) => printOrder(ctx, input, false),

  'printing.reprint': async (ctx, input) => printOrder(ctx, input, true),

  'printing.printShiftReport': async (ctx, input) => printShiftReport(ctx, input.shiftId),

  'printing.orderPdf': async (ctx, input) => {
    const order = await loadOrderDocument(ctx.db, input.orderId);
    // A PDF taken from the order history is never the original receipt (that one is printed at the sale).
    const pdf = await renderOrderDocument(order, input.document, input.paper, undefined, true);
    return { fileName: documentFileName(order, input.document), mimeType: 'application/pdf', base64: pdf.toString('base64'), bytes: pdf.length };
  },

  'printing.printers': async (ctx) => {
    const [current, cups, defaultFolder] = await Promise.all([readPrinterChoice(ctx.db), listCupsPrinters(), defaultPrintFolder(ctx.db)]);
    return { current, cups: cups.printers, cupsNote: cups.note, defaultFolder };
  },

  'printing.choosePrinter': async (ctx, input) => {
    let folder: string | null = null;
    if (input.kind === 'FOLDER') folder = input.folder ? usableFolder(input.folder) : null;
    if (input.kind === 'CUPS') {
      const { printers, note } = await listCupsPrinters();
      if (!printers.some((p) => p.name === input.name)) {
        throw new DomainError('NOT_FOUND', `There is no CUPS printer called ${input.name} on this computer${note ? ` (${note})` : ''}.`);
      }
    }
    const before = await readPrinterChoice(ctx.db);
    await ctx.db.transaction().execute(async (trx) => {
      await writePrinterChoice(trx, { kind: input.kind, name: input.name ?? null, folder, paper: input.paper });
      await recordAudit(trx, ctx, {
        action: 'printer.choose',
        entity: 'terminal',
        entityId: ctx.terminal.id,
        details: { before: before.label, kind: input.kind, name: input.name ?? null, folder, paper: input.paper },
      });
    });
    return readPrinterChoice(ctx.db);
  },
};
