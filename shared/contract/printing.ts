import { z } from 'zod';
import { operation } from './operation';
import { MANAGERS, SELLERS } from './roles';
import { id, text } from './fields';

/** Paper the layouts are made for: an 80 mm thermal roll, or A4 for reprints and e-mail. */
export const PAPERS = ['THERMAL_80', 'A4'] as const;
export type Paper = (typeof PAPERS)[number];

export const PRINTER_KINDS = ['FOLDER', 'CUPS', 'NONE'] as const;
export type PrinterKind = (typeof PRINTER_KINDS)[number];

/** What to print of an order: its ticket slips, its receipt, or both. */
export const PRINT_DOCUMENTS = ['TICKETS', 'RECEIPT', 'ALL'] as const;
export type PrintDocuments = (typeof PRINT_DOCUMENTS)[number];

/** This terminal's printer, as chosen in its settings (kept in the local database, never synced). */
export interface PrinterChoice {
  kind: PrinterKind;
  /** CUPS: the queue name. */
  name: string | null;
  /** FOLDER: where PDFs are saved (the default folder when none was chosen). */
  folder: string | null;
  paper: Paper;
  /** In words: "PDF folder /home/kino/printed", "CUPS printer Thermal-1", "No printer". */
  label: string;
}

export interface CupsPrinterInfo {
  name: string;
  state: 'IDLE' | 'PRINTING' | 'DISABLED';
  reason: string | null;
  alerts: string[];
  isDefault: boolean;
}

export interface PrintersState {
  current: PrinterChoice;
  cups: CupsPrinterInfo[];
  /** Why the CUPS list is empty, when it is ("CUPS is not available on this computer"). */
  cupsNote: string | null;
  defaultFolder: string;
}

export interface PrintResult {
  printer: string;
  jobs: { document: 'TICKETS' | 'RECEIPT'; where: string }[];
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

const documents = z.enum(PRINT_DOCUMENTS, { message: `must be one of ${PRINT_DOCUMENTS.join(', ')}` }).default('ALL');
const paper = z.enum(PAPERS, { message: `must be one of ${PAPERS.join(', ')}` });

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
        ticketIds: z.array(id).min(1, { message: 'choose at least one ticket' }).max(50).optional(),
      })
      .strict(),
    access: SELLERS,
    summary: 'Prints an order again from the order history (audited as a reprint).',
  }),
  'printing.orderPdf': operation<OrderPdf>()({
    input: z.object({ orderId: id, document: z.enum(['TICKETS', 'RECEIPT'], { message: 'must be TICKETS or RECEIPT' }), paper: paper.default('A4') }).strict(),
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
        kind: z.enum(PRINTER_KINDS, { message: `must be one of ${PRINTER_KINDS.join(', ')}` }),
        name: text().min(1, { message: 'choose a printer' }).max(127).regex(/^[^\s/#]+$/, { message: 'is not a CUPS printer name' }).optional(),
        folder: text().min(1).max(1000).optional(),
        paper: paper.default('THERMAL_80'),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.kind === 'CUPS' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'choose a printer' });
        if (v.kind !== 'CUPS' && v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is only for a CUPS printer' });
        if (v.kind !== 'FOLDER' && v.folder) ctx.addIssue({ code: 'custom', path: ['folder'], message: 'is only for a PDF folder' });
      }),
    access: MANAGERS,
    summary: "Chooses this terminal's printer: a folder for PDFs, a CUPS printer, or none; and the paper.",
  }),
};
