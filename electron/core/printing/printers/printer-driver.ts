import type { Language } from '../../../../shared/i18n/languages';
import type { Paper } from '../pdf-kit';
import type { OrderDocument, DocumentTicket } from '../order-document';
import type { ShiftReport } from '../../../../shared/contract/shifts';
import type { ShiftPrintContext } from '../shift-report-pdf';
import type { RefundSlip } from '../refund-slip-pdf';
import type { Words } from '../../../../shared/i18n/message-key';
import { inWords } from '../../errors';

/** One document to put on paper (or in a folder). */
export interface PrintJob {
  /** Shown in the printer queue, e.g. "Tickets T-000123". */
  title: string;
  /** A file name without folders, e.g. "2026-11-25 T-000123 tickets.pdf". */
  fileName: string;
  pdf: Buffer;
  paper: Paper;
  /**
   * What the PDF shows, for drivers that print text themselves (ESC/POS): an order's tickets or
   * receipt, a refund slip, a shift's X/Z report. Absent for documents that only exist as PDF.
   */
  content?:
    | { kind: 'TICKETS'; order: OrderDocument; tickets: DocumentTicket[]; language?: Language }
    | { kind: 'RECEIPT'; order: OrderDocument; copy: boolean; language?: Language }
    | { kind: 'REFUND_SLIP'; slip: RefundSlip }
    | { kind: 'SHIFT_REPORT'; report: ShiftReport; context: ShiftPrintContext };
}

/** Where a job went, in words for the cashier ("saved to …", "printed on Thermal-1 (job Thermal-1-42)"), put into their language by the caller. */
export interface PrintedJob {
  where: Words;
  /** The queue's job ("Thermal-1-42"), when there is one. */
  job?: string;
}

/**
 * Why a print did not happen. DISK_FULL: a PDF folder on a full disk (answered as DISK_FULL, not
 * PRINT_FAILED). NOT_PRINTED_YET: the job is queued but the printer did not finish it in time —
 * it may still print, so the answer offers to cancel it.
 */
export const PRINT_FAILURE_CAUSES = [
  'NO_PRINTER',
  'SERVICE_DOWN',
  'PRINTER_NOT_FOUND',
  'REJECTING',
  'PAUSED',
  'OFFLINE',
  'OUT_OF_PAPER',
  'COVER_OPEN',
  'NOT_PRINTED_YET',
  'DISK_FULL',
  'FAILED',
] as const;
export type PrintFailureCause = (typeof PRINT_FAILURE_CAUSES)[number];

/**
 * A printer said no: `kind` for programs, `words` for people (the printer's own words inside
 * them), `message` the English for logs; `pending` names a job still queued.
 */
export class PrintFailure extends Error {
  constructor(
    readonly kind: PrintFailureCause,
    readonly words: Words,
    readonly pending: string | null = null,
    /** For NOT_PRINTED_YET: what holds the job up (OFFLINE, OUT_OF_PAPER, PAUSED…). */
    readonly reason: PrintFailureCause | null = null,
  ) {
    super(inWords(words, 'en'));
    this.name = 'PrintFailure';
  }
}

/**
 * A way of printing, chosen per terminal and per document kind (tickets, receipts). Here: a
 * folder of PDFs, CUPS, ESC/POS (network, device file or raw queue) and the system print of
 * Electron (Windows, macOS), whose window lives in electron/ and plugs in as a backend.
 */
export interface PrinterDriver {
  /** "PDF folder /home/kino/tickets", "CUPS printer Thermal-1". */
  readonly label: string;
  /** Prints or throws a PrintFailure. Never called inside a database transaction. */
  print(job: PrintJob): Promise<PrintedJob>;
  /** Cancels a job this driver queued earlier (a no-op when it already finished). */
  cancel?(job: string): Promise<'CANCELLED' | 'ALREADY_DONE'>;
  /** Kicks the cash drawer wired to this printer (ESC/POS receipt printers). */
  openDrawer?(): Promise<void>;
}
