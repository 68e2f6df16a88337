import { statfsSync } from 'node:fs';
import { DomainError, inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';

/**
 * What went wrong underneath an operation when the disk or the database file failed it:
 * - DISK_FULL: SQLite's SQLITE_FULL, Node's ENOSPC/EDQUOT — or an I/O error on a disk that has
 *   (almost) no space left (SQLite reports some writes on a full disk, e.g. growing the WAL index,
 *   as SQLITE_IOERR "disk I/O error");
 * - DISK_ERROR: any other I/O error (SQLITE_IOERR*, EIO);
 * - DAMAGED: the database file is not a sound SQLite database (SQLITE_CORRUPT*, SQLITE_NOTADB).
 */
export type StorageFailure = 'DISK_FULL' | 'DISK_ERROR' | 'DAMAGED';

/** Below this much free space an I/O error is taken for a full disk. */
export const NEARLY_FULL_BYTES = 8 * 1024 * 1024;

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** Free bytes for an unprivileged writer on the disk holding `folder` (null if it cannot be asked). */
export function freeBytes(folder: string): number | null {
  try {
    const s = statfsSync(folder);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** The error itself and the causes it wraps (a backup's or a worker's error may carry SQLite's). */
export function* causesOf(e: unknown): Generator<unknown> {
  for (let depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/** Classifies an error thrown by SQLite or the file system; null for anything else. */
export function storageFailureOf(e: unknown, folder: string): StorageFailure | null {
  const code = codeOf(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'DAMAGED';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    const free = freeBytes(folder);
    return free !== null && free < NEARLY_FULL_BYTES ? 'DISK_FULL' : 'DISK_ERROR';
  }
  return null;
}

/** "The disk is full — free space on … and try again; nothing was saved." */
export function diskFullWords(folder: string): Words {
  return { key: 'refusals:storage.diskFull', values: { folder } };
}

/** The same in English, for a start refused before anyone's language is known. */
export function diskFullMessage(folder: string): string {
  return inWords(diskFullWords(folder), 'en');
}

export function diskFull(folder: string): DomainError {
  return new DomainError('DISK_FULL', diskFullWords(folder), { folder });
}

export function diskError(folder: string, e: unknown): DomainError {
  const what = e instanceof Error ? e.message : String(e);
  return new DomainError('DISK_ERROR', { key: 'refusals:storage.diskUnusable', values: { folder, what } }, { folder });
}

/**
 * The answer for a full or failing disk (null when `e` is neither). A damaged database needs more
 * words (the backup to restore): see backup/damaged-database.ts.
 */
export function diskFailureError(e: unknown, folder: string): DomainError | null {
  const failure = storageFailureOf(e, folder);
  if (failure === 'DISK_FULL') return diskFull(folder);
  if (failure === 'DISK_ERROR') return diskError(folder, e);
  return null;
}
