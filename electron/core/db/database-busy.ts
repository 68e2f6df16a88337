import { DomainError } from '../errors';
import { causesOf } from './storage-failure';

/** SQLite's "database is locked": another connection kept its lock past our busy timeout. */
function isBusy(e: unknown): boolean {
  for (const cause of causesOf(e)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return true;
  }
  return false;
}

/**
 * The named answer for a lock timeout (issue 12, item 2), or null for anything else. One process
 * holds a data folder (data-dir-lock.ts), so only the core's own workers (WAL checkpoints, report
 * reads) can hold the file that long — rare, and worth a retry, not an "INTERNAL".
 */
export function databaseBusyAnswer(e: unknown): DomainError | null {
  if (!isBusy(e)) return null;
  // No wait is promised: a transaction that read before it writes gets SQLITE_BUSY at once (SQLite
  // skips the busy timeout there), so the answer may come in milliseconds.
  return new DomainError('DATABASE_BUSY', { key: 'refusals:storage.busy' });
}
