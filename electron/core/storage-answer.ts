import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from './db/tables';
import { sqliteOf } from './db/open';
import { causesOf, diskFailureError, storageFailureOf } from './db/storage-failure';
import { damagedWhileRunningWords } from './backup/damaged-database';
import { DomainError } from './errors';

/** The database file behind `db` (null for one not opened by openDatabase, or in memory). */
function databaseFileOf(db: Kysely<DB>): string | null {
  try {
    const name = sqliteOf(db).name;
    return name && name !== ':memory:' ? name : null;
  } catch {
    return null;
  }
}

/**
 * The named answer when the disk or the database file failed an operation — "The disk is full —
 * free space on … and try again; nothing was saved", a disk I/O error, or a damaged database with
 * the backup to restore — or null when `e` is something else.
 */
export function storageFailureAnswer(e: unknown, db: Kysely<DB>): DomainError | null {
  const file = databaseFileOf(db);
  const dataDir = file ? dirname(file) : '.';
  for (const cause of causesOf(e)) {
    if (storageFailureOf(cause, dataDir) === 'DAMAGED') {
      const found = cause instanceof Error ? cause.message : String(cause);
      return new DomainError('DATABASE_DAMAGED', damagedWhileRunningWords(file, dataDir, found), { file });
    }
    const disk = diskFailureError(cause, dataDir);
    if (disk) return disk;
  }
  return null;
}
