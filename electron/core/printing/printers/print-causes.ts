import { PrintFailure, type PrintFailureCause } from './printer-driver';

/**
 * One cashier-facing sentence per cause, whatever the printer (CUPS, ESC/POS, system print): what
 * happened, then what to do. `said` is what the printer or queue said, shown in brackets.
 */
export function causeMessage(cause: PrintFailureCause, printer: string, said?: string | null): string {
  const why = said ? ` (${said.trim().replace(/\.$/, '')})` : '';
  switch (cause) {
    case 'NO_PRINTER':
      return 'No printer is set up for this terminal. A manager can choose one under Printer settings.';
    case 'SERVICE_DOWN':
      return `The print service (CUPS) is not running on this computer${why}. Restart the computer or ask whoever looks after it to start the print service, then reprint.`;
    case 'PRINTER_NOT_FOUND':
      return `The printer ${printer} was not found${why}. A manager can choose another printer under Printer settings.`;
    case 'REJECTING':
      return `The printer ${printer} is not accepting jobs${why}. Ask a manager to let it accept jobs again, then reprint.`;
    case 'PAUSED':
      return `The printer ${printer} is paused${why}. Resume it on this computer's printer list, then reprint.`;
    case 'OFFLINE':
      return `The printer ${printer} does not answer${why}. Check that it is switched on and its cable or network is connected, then reprint.`;
    case 'OUT_OF_PAPER':
      return `The printer ${printer} is out of paper${why}. Load a new roll, then reprint.`;
    case 'COVER_OPEN':
      return `The cover of the printer ${printer} is open${why}. Close it, then reprint.`;
    case 'NOT_PRINTED_YET':
    case 'DISK_FULL':
    case 'FAILED':
      return `The printer ${printer} did not print${why}.`;
  }
}

export const failure = (cause: PrintFailureCause, printer: string, said?: string | null): PrintFailure => new PrintFailure(cause, causeMessage(cause, printer, said));

/** A job the printer has not finished in time: it is still queued and may print later, so it can be cancelled. */
export function notPrintedYet(reason: PrintFailureCause, printer: string, job: string, said?: string | null): PrintFailure {
  const text = causeMessage(reason, printer, said).replace(/, then reprint\.$/, '.');
  return new PrintFailure('NOT_PRINTED_YET', `Not printed yet: ${text} Job ${job} is still waiting — cancel it, or it prints by itself once the printer is ready.`, job, reason);
}
