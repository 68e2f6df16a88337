import type { PrintFailureCause } from '../printer-driver';
import type { Words } from '../../../../../shared/i18n/message-key';

/**
 * Real-time status of an Epson TM-class printer (DLE EOT n, answered at once even mid-job):
 * n=1 printer, n=2 offline cause, n=4 roll paper sensor. Each answer is one byte with bits 1
 * and 4 set and bit 7 clear.
 */
export const STATUS_QUERIES = { printer: 1, offline: 2, error: 3, paper: 4 } as const;
export const statusQuery = (n: number): Buffer => Buffer.from([0x10, 0x04, n]);

export interface EscPosStatus {
  offline: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

const valid = (b: number) => (b & 0x93) === 0x12;

/** Reads the answers to DLE EOT 1, 2 and 4; null when a byte is not a status answer. */
export function parseStatus(printer: number, offline: number, paper: number): EscPosStatus | null {
  if (![printer, offline, paper].every(valid)) return null;
  return {
    offline: (printer & 0x08) !== 0,
    coverOpen: (offline & 0x04) !== 0,
    paperEnd: (offline & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offline & 0x40) !== 0,
  };
}

/** The same causes as CUPS: what stops the printer now (paper near end only warns). */
export function statusProblem(s: EscPosStatus): { cause: PrintFailureCause; said: Words } | null {
  if (s.coverOpen) return { cause: 'COVER_OPEN', said: { key: 'refusals:printer.reportsCoverOpen' } };
  if (s.paperEnd) return { cause: 'OUT_OF_PAPER', said: { key: 'refusals:printer.reportsPaperEnd' } };
  if (s.error) return { cause: 'OFFLINE', said: { key: 'refusals:printer.reportsError' } };
  if (s.offline) return { cause: 'OFFLINE', said: { key: 'refusals:printer.reportsOffline' } };
  return null;
}
