import type { Words } from '../../../../shared/i18n/message-key';
import { inWords } from '../../errors';
import { PrintFailure, type PrintFailureCause } from './printer-driver';

/** What a printer or queue said about a failure: its own words, or ours when it said nothing useful. */
export type Said = string | Words | null | undefined;

/** " (said)" after a sentence's first part, or nothing. */
function why(said: Said): Words | string {
  if (!said) return '';
  return { key: 'refusals:printer.why', values: { said: typeof said === 'string' ? said.trim().replace(/\.$/, '') : said } };
}

/** Each cause's sentence, and for those that end "…, then reprint." the same without it (a job still waiting needs no reprint). */
const CAUSE: Record<PrintFailureCause, { full: Words['key']; waiting: Words['key'] }> = {
  NO_PRINTER: { full: 'refusals:printer.noPrinter', waiting: 'refusals:printer.noPrinter' },
  SERVICE_DOWN: { full: 'refusals:printer.serviceDown', waiting: 'refusals:printer.serviceDownWaiting' },
  PRINTER_NOT_FOUND: { full: 'refusals:printer.notFound', waiting: 'refusals:printer.notFound' },
  REJECTING: { full: 'refusals:printer.rejecting', waiting: 'refusals:printer.rejectingWaiting' },
  PAUSED: { full: 'refusals:printer.paused', waiting: 'refusals:printer.pausedWaiting' },
  OFFLINE: { full: 'refusals:printer.offline', waiting: 'refusals:printer.offlineWaiting' },
  OUT_OF_PAPER: { full: 'refusals:printer.outOfPaper', waiting: 'refusals:printer.outOfPaperWaiting' },
  COVER_OPEN: { full: 'refusals:printer.coverOpen', waiting: 'refusals:printer.coverOpenWaiting' },
  NOT_PRINTED_YET: { full: 'refusals:printer.didNotPrint', waiting: 'refusals:printer.didNotPrint' },
  DISK_FULL: { full: 'refusals:printer.didNotPrint', waiting: 'refusals:printer.didNotPrint' },
  FAILED: { full: 'refusals:printer.didNotPrint', waiting: 'refusals:printer.didNotPrint' },
};

/**
 * One cashier-facing sentence per cause, whatever the printer (CUPS, ESC/POS, system print): what
 * happened, then what to do. `said` is what the printer or queue said, shown in brackets.
 */
export function causeWords(cause: PrintFailureCause, printer: string, said?: Said, waiting = false): Words {
  const keys = CAUSE[cause];
  return { key: waiting ? keys.waiting : keys.full, values: { printer, why: why(said) } };
}

/** The same in English (tests, logs). */
export function causeMessage(cause: PrintFailureCause, printer: string, said?: Said): string {
  return inWords(causeWords(cause, printer, said), 'en');
}

export const failure = (cause: PrintFailureCause, printer: string, said?: Said): PrintFailure => new PrintFailure(cause, causeWords(cause, printer, said));

/** A job the printer has not finished in time: it is still queued and may print later, so it can be cancelled. */
export function notPrintedYet(reason: PrintFailureCause, printer: string, job: string, said?: Said): PrintFailure {
  return new PrintFailure('NOT_PRINTED_YET', { key: 'refusals:printer.notPrintedYet', values: { failure: causeWords(reason, printer, said, true), job } }, job, reason);
}
