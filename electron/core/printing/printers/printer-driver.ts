import type { Paper } from '../pdf-kit';

/** One PDF to put on paper (or in a folder). */
export interface PrintJob {
  /** Shown in the printer queue, e.g. "Tickets T-000123". */
  title: string;
  /** A file name without folders, e.g. "2026-11-25 T-000123 tickets.pdf". */
  fileName: string;
  pdf: Buffer;
  paper: Paper;
}

/** Where a job went, in words for the cashier ("saved to …", "sent to Thermal-1 as job Thermal-1-42"). */
export interface PrintedJob {
  where: string;
}

/** DISK_FULL: a PDF folder on a full disk (answered as DISK_FULL, not PRINT_FAILED). */
export const PRINT_FAILURE_CAUSES = ['NO_PRINTER', 'PRINTER_NOT_FOUND', 'OFFLINE', 'OUT_OF_PAPER', 'DISK_FULL', 'FAILED'] as const;
export type PrintFailureCause = (typeof PRINT_FAILURE_CAUSES)[number];

/** A printer said no: `cause` for programs, the message (from lp/lpstat or the file system) for people. */
export class PrintFailure extends Error {
  constructor(
    readonly kind: PrintFailureCause,
    message: string,
  ) {
    super(message);
    this.name = 'PrintFailure';
  }
}

/**
 * A way of printing, chosen in the terminal's settings. Implementations here: a folder of PDFs
 * and CUPS (`lp`). Electron's silent webContents.print() plugs in as another driver from
 * electron/ (it needs a BrowserWindow), with no change to the callers.
 */
export interface PrinterDriver {
  /** "PDF folder /home/kino/tickets", "CUPS printer Thermal-1". */
  readonly label: string;
  /** Prints or throws a PrintFailure. Never called inside a database transaction. */
  print(job: PrintJob): Promise<PrintedJob>;
}
