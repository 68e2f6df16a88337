import { z } from 'zod';
import { operation } from './operation';
import { MANAGERS, SELLERS } from './roles';
import { id, text } from './fields';

/**
 * Paper the layouts are made for: an 80 mm thermal roll, A4 for reprints and e-mail, and fixed
 * ticket stock for dedicated ticket printers (BOCA-style 2″ × 5.5″ and 3.25″ × 8″).
 */
export const PAPERS = ['THERMAL_80', 'A4', 'TICKET_2X5_5', 'TICKET_3_25X8'] as const;
export type Paper = (typeof PAPERS)[number];
/** Ticket stock takes tickets only: receipts go on a roll or A4. */
export const TICKET_STOCK: readonly Paper[] = ['TICKET_2X5_5', 'TICKET_3_25X8'];

/** FOLDER: PDFs in a folder; CUPS: a queue; ESCPOS: an Epson TM-class printer spoken to directly; SYSTEM: the desktop's printers (Windows, macOS). */
export const PRINTER_KINDS = ['FOLDER', 'CUPS', 'ESCPOS', 'SYSTEM', 'NONE'] as const;
export type PrinterKind = (typeof PRINTER_KINDS)[number];

/** A terminal has a printer for tickets and one for receipts (which also opens the cash drawer); both may be the same device. */
export const PRINTER_ROLES = ['TICKETS', 'RECEIPTS'] as const;
export type PrinterRole = (typeof PRINTER_ROLES)[number];

/** What to print of an order: its ticket slips, its receipt, or both. */
export const PRINT_DOCUMENTS = ['TICKETS', 'RECEIPT', 'ALL'] as const;
export type PrintDocuments = (typeof PRINT_DOCUMENTS)[number];

/** One printer of this terminal, as chosen in its settings (kept in the local database, never synced). */
export interface PrinterChoice {
  role: PrinterRole;
  kind: PrinterKind;
  /** CUPS: the queue name; SYSTEM: the device name. */
  name: string | null;
  /** FOLDER: where PDFs are saved (the default folder when none was chosen). */
  folder: string | null;
  /** ESCPOS: tcp://192.168.1.50:9100, a device file (/dev/usb/lp0) or cups:<raw queue>. */
  address: string | null;
  paper: Paper;
  /** In words: "PDF folder /home/kino/printed", "CUPS printer Thermal-1", "No printer". */
  label: string;
}

export interface CupsPrinterInfo {
  name: string;
  state: 'IDLE' | 'PRINTING' | 'STOPPED';
  /** False: the queue rejects new jobs. */
  accepting: boolean;
  /** printer-state-reasons (media-empty, cover-open, paused, offline…). */
  reasons: string[];
  message: string | null;
  isDefault: boolean;
}

export interface SystemPrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** Why CUPS offers no printer: this is Windows (no CUPS at all), its scheduler is not running, it has no queues, or it failed to list them. */
export type CupsNote = 'WINDOWS' | 'NOT_RUNNING' | 'NO_PRINTERS' | 'DID_NOT_LIST';

export interface PrintersState {
  tickets: PrinterChoice;
  receipts: PrinterChoice;
  /** Whether the print service (CUPS) runs on this computer. */
  scheduler: 'RUNNING' | 'NOT_RUNNING';
  cups: CupsPrinterInfo[];
  /** Why the CUPS list is empty, when it is: the screen says it in its own words. */
  cupsNote: CupsNote | null;
  /** The desktop's printers (Electron on Windows/macOS/Linux); null in the browser, where there are none to print to silently. */
  system: SystemPrinterInfo[] | null;
  defaultFolder: string;
}

export interface PrintResult {
  printer: string;
  jobs: { document: 'TICKETS' | 'RECEIPT'; where: string; job?: string }[];
}

/** A job that did not print in time (a PRINT_FAILED answer with cause NOT_PRINTED_YET lists them in details.pending). */
export interface PendingPrintJob {
  document: 'TICKETS' | 'RECEIPT' | 'REPORT';
  printer: string;
  job: string;
}

/**
 * A PDF for the renderer to show, download or attach to an e-mail. It travels base64-encoded in
 * the call's result (a ticket is ~30 kB), so both transports carry it and no file path leaks.
 */
export interface OrderPdf {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
  bytes: number;
}

const documents = z.enum(PRINT_DOCUMENTS, { message: 'schema:printDocuments' }).default('ALL');
const paper = z.enum(PAPERS, { message: 'orders:printers.paperKind' });

export const printingOperations = {
  'printing.printOrder': operation<PrintResult>()({
    input: z.object({ orderId: id, documents }).strict(),
    access: SELLERS,
    summary: "Prints an order's ticket slips and/or receipt on this terminal's printer; a failure names the cause and leaves the sale as it is.",
  }),
  'printing.reprint': operation<PrintResult>()({
    input: z
      .object({
        orderId: id,
        documents,
        /** Only these tickets of the order (default: every valid one). */
        ticketIds: z.array(id).min(1, { message: 'schema:statement.chooseTicket' }).max(50).optional(),
      })
      .strict(),
    access: SELLERS,
    summary: 'Prints an order again from the order history (audited as a reprint).',
  }),
  'printing.orderPdf': operation<OrderPdf>()({
    input: z.object({ orderId: id, document: z.enum(['TICKETS', 'RECEIPT'], { message: 'schema:printDocuments' }), paper: paper.default('A4') }).strict(),
    access: SELLERS,
    summary: "An order's tickets or receipt as a PDF (base64), to open, save or e-mail.",
  }),
  'printing.printShiftReport': operation<PrintResult>()({
    input: z.object({ shiftId: id }).strict(),
    access: SELLERS,
    summary: "Prints a shift's X report (open) or Z report (closed) on this terminal's printer; a cashier only their own.",
  }),
  'printing.printers': operation<PrintersState>()({
    input: z.object({}).strict(),
    access: SELLERS,
    summary: "This terminal's chosen printer, the CUPS printers of this computer with their state, and the default PDF folder.",
  }),
'printing.choosePrinter': operation<PrinterChoice>()({
    input: z
      .object({
        role: z.enum(PRINTER_ROLES, { message: 'orders:printers.role' }),
        kind: z.enum(PRINTER_KINDS, { message: 'orders:printers.kind' }),
        name: text().min(1).max(127).regex(/^[^\t/#]+$/, { message: 'schema:predicate.printerName' }).optional(),
        folder: text().min(1).max(1000).optional(),
        address: text().min(1).max(300).optional(),
        paper: paper.default('THERMAL_80'),
      })
      .strict()
      .superRefine((v, ctx) => {
        if ((v.kind === 'CUPS' || v.kind === 'SYSTEM') && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'schema:statement.choosePrinter' });
        if (v.kind === 'CUPS' && v.name && /\s/.test(v.name)) ctx.addIssue({ code: 'custom', path: ['name'], message: 'schema:predicate.cupsName' });
        if (v.kind !== 'CUPS' && v.kind !== 'SYSTEM' && v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'schema:predicate.onlyCupsOrSystem' });
        if (v.kind !== 'FOLDER' && v.folder) ctx.addIssue({ code: 'custom', path: ['folder'], message: 'schema:predicate.onlyFolder' });
        if (v.kind === 'ESCPOS' && !v.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'schema:statement.printerAddress' });
        if (v.kind !== 'ESCPOS' && v.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'schema:predicate.onlyEscpos' });
        if (v.role === 'RECEIPTS' && TICKET_STOCK.includes(v.paper)) ctx.addIssue({ code: 'custom', path: ['paper'], message: 'schema:statement.receiptPaper' });
      }),
    access: MANAGERS,
    summary: "Chooses this terminal's ticket or receipt printer: a folder for PDFs, a CUPS queue, an ESC/POS printer, a system printer, or none; and its paper.",
  }),
  'printing.cancelJob': operation<{ job: string; result: 'CANCELLED' | 'ALREADY_DONE' }>()({
    input: z.object({ job: text().min(1).max(200) }).strict(),
    access: SELLERS,
    summary: 'Cancels a print job that has not printed yet (so a recovered printer does not print it after a reprint).',
  }),
  'printing.openDrawer': operation<{ printer: string }>()({
    input: z.object({ reason: text().max(200).optional() }).strict(),
    access: MANAGERS,
    summary: "Opens the cash drawer on the receipt printer outside a sale (audited).",
  }),
};
