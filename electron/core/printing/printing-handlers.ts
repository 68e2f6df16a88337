import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Handlers } from '../api';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { loadOrderDocument } from './order-document';
import { cancelPrintJob, documentFileName, printOrder, printShiftReport, renderOrderDocument } from './print-order';
import { openDrawerByManager } from './cash-drawer';
import { printedIn } from './print-format';
import { parseEscPosAddress } from './printers/escpos/escpos-printer';
import { PrintFailure } from './printers/printer-driver';
import { listCupsPrinters } from './printers/cups-printer';
import { choiceIn, defaultPrintFolder, readPrinterChoice, readPrinters, writePrinterChoice } from './printers/printer-settings';
import { readerLanguage } from '../reader-language';

type PrintingHandlers = Pick<
  Handlers,
  'printing.printOrder' | 'printing.reprint' | 'printing.printShiftReport' | 'printing.orderPdf' | 'printing.printers' | 'printing.choosePrinter' | 'printing.cancelJob' | 'printing.openDrawer'
>;

/** A folder the main process can write PDFs into, created if missing; a clear refusal otherwise. */
function usableFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new DomainError('VALIDATION', { key: 'refusals:printing.pdfFolderFullPath', values: { folder } });
  const path = resolve(folder);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DomainError('VALIDATION', { key: 'refusals:printing.folderUsedPdfs', values: { path, value: code === 'EACCES' || code === 'EPERM' ? { key: 'refusals:printer.fsPermission' } : code === 'ENOTDIR' || code === 'EEXIST' ? { key: 'refusals:printer.fsIsFile' } : (e as Error).message } });
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
    const pdf = await renderOrderDocument(order, input.document, input.paper, undefined, true, readerLanguage(ctx));
    return { fileName: documentFileName(order, input.document), mimeType: 'application/pdf', base64: pdf.toString('base64'), bytes: pdf.length };
  },

  'printing.printers': async (ctx) => {
    const system = ctx.services.printing?.systemPrint;
    const [printers, cups, defaultFolder, devices] = await Promise.all([readPrinters(ctx.db), listCupsPrinters(), defaultPrintFolder(ctx.db), system ? system.listPrinters().catch(() => []) : Promise.resolve(null)]);
    const words = printedIn(readerLanguage(ctx));
    return {
      tickets: choiceIn(printers.TICKETS, words),
      receipts: choiceIn(printers.RECEIPTS, words),
      scheduler: cups.scheduler,
      cups: cups.printers.map((p) => ({ name: p.name, state: p.state, accepting: p.accepting, reasons: p.reasons, message: p.message, isDefault: p.isDefault })),
      cupsNote: cups.note,
      system: devices,
      defaultFolder,
    };
  },

  'printing.choosePrinter': async (ctx, input) => {
    let folder: string | null = null;
    if (input.kind === 'FOLDER') folder = input.folder ? usableFolder(input.folder) : null;
    if (input.kind === 'CUPS') {
      const { printers, noteWords } = await listCupsPrinters();
      if (!printers.some((p) => p.name === input.name)) {
        throw new DomainError('NOT_FOUND', { key: 'refusals:printing.noCupsPrinterCalled', values: { name: input.name, value: noteWords ? { key: 'refusals:printer.why', values: { said: noteWords } } : '' } });
      }
    }
    if (input.kind === 'ESCPOS') {
      const address = parseEscPosAddress(input.address ?? '');
      if (!address) throw new DomainError('VALIDATION', { key: 'refusals:printing.notPrinterAddressType', values: { address: input.address } });
      if (address.kind === 'CUPS' && !(await listCupsPrinters()).printers.some((p) => p.name === address.queue)) {
        throw new DomainError('NOT_FOUND', { key: 'refusals:printing.noCupsQueueCalled', values: { addressQueue: address.queue } });
      }
    }
    if (input.kind === 'SYSTEM') {
      const system = ctx.services.printing?.systemPrint;
      if (!system) throw new DomainError('VALIDATION', { key: 'refusals:printing.systemPrintersChosenOnly' });
      const devices = await system.listPrinters();
      if (!devices.some((d) => d.name === input.name)) throw new DomainError('NOT_FOUND', { key: 'refusals:printing.noPrinterCalledComputer', values: { name: input.name } });
    }
    const before = await readPrinterChoice(ctx.db, input.role);
    await ctx.db.transaction().execute(async (trx) => {
      await writePrinterChoice(trx, input.role, { kind: input.kind, name: input.name ?? null, folder, address: input.address ?? null, paper: input.paper });
      await recordAudit(trx, ctx, {
        action: 'printer.choose',
        entity: 'terminal',
        entityId: ctx.terminal.id,
        details: { role: input.role, before: before.label, kind: input.kind, name: input.name ?? null, folder, address: input.address ?? null, paper: input.paper },
      });
    });
    return choiceIn(await readPrinterChoice(ctx.db, input.role), printedIn(readerLanguage(ctx)));
  },

  'printing.cancelJob': async (ctx, input) => {
    try {
      const result = await cancelPrintJob(input.job, ctx.services.printing);
      await recordAudit(ctx.db, ctx, { action: 'print.job_cancelled', entity: 'terminal', entityId: ctx.terminal.id, details: { job: input.job, result } });
      return { job: input.job, result };
    } catch (e) {
      if (e instanceof PrintFailure) throw new DomainError('PRINT_FAILED', { key: 'refusals:printing.jobCouldNotCancelled', values: { job: input.job, eMessage: e.words } }, { cause: e.kind });
      throw e;
    }
  },

  'printing.openDrawer': async (ctx, input) => openDrawerByManager(ctx, input.reason),
};
