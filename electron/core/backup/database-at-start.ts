import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type LocalDatabase } from '../db/open';
import { quickCheck, type QuickCheckOptions } from '../db/quick-check';
import { NEARLY_FULL_BYTES, causesOf, diskFullMessage, freeBytes, storageFailureOf } from '../db/storage-failure';
import type { Logger } from '../context';
import { SIGNING_KEY_FILE } from '../terminal/identity';
import { listBackups } from './backup-database';
import { howToRestore, newestGoodBackup } from './damaged-database';
import { REPLACED_FOLDER } from './restore-backup';

/** The box office did not start, for a reason the message explains (the entry points print it). */
export class StartRefused extends Error {
  override name = 'StartRefused';
}

/**
 * Signs that a box office has run on this folder before: then a missing, empty or blank database
 * is a lost one, never a new install (a new install would quietly start an empty cinema while the
 * real one sits in the backups).
 */
export function historyOf(dataDir: string): string[] {
  const signs: string[] = [];
  const backups = listBackups(dataDir).length;
  if (backups > 0) signs.push(`${backups} backup${backups === 1 ? '' : 's'}`);
  const replaced = join(dataDir, REPLACED_FOLDER);
  if (existsSync(replaced) && readdirSync(replaced).length > 0) signs.push(`a replaced database in ${replaced}`);
  if (existsSync(join(dataDir, SIGNING_KEY_FILE))) signs.push(`the terminal's ticket-signing key`);
  return signs;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const sizeOf = (file: string): number | null => (existsSync(file) ? statSync(file).size : null);

function lostDatabase(file: string, dataDir: string, what: string, history: string[]): StartRefused {
  return new StartRefused(
    `The database ${file} ${what}, but this folder has been used before (${history.join(', ')}), so the box office did not start ` +
      `rather than begin again as an empty new install. ${howToRestore(dataDir, newestGoodBackup(dataDir))} ` +
      `(To begin a new install on purpose, move the folder ${dataDir} aside first.)`,
  );
}

function damagedDatabase(file: string, dataDir: string, found: string): StartRefused {
  return new StartRefused(
    `The database ${file} is damaged (${found}), so the box office did not start — nothing is written to a damaged file. ` +
      howToRestore(dataDir, newestGoodBackup(dataDir)),
  );
}

/** A start on a full disk would answer every sale "disk full" (and may not even take the folder's lock): say it once, now. */
export function refuseFullDisk(dataDir: string): void {
  const free = freeBytes(dataDir);
  if (free !== null && free < NEARLY_FULL_BYTES) throw new StartRefused(`The box office did not start: ${lowerFirst(diskFullMessage(dataDir))}`);
}

/** A start that failed on the disk or the file, said as such; anything else unchanged. */
export function explainStartFailure(e: unknown, dataDir: string, file: string): unknown {
  if (e instanceof StartRefused) return e;
  for (const cause of causesOf(e)) {
    const failure = storageFailureOf(cause, dataDir);
    const message = cause instanceof Error ? cause.message : String(cause);
    if (failure === 'DISK_FULL') return new StartRefused(`The box office did not start: ${lowerFirst(diskFullMessage(dataDir))}`, { cause: e });
    if (failure === 'DISK_ERROR') return new StartRefused(`The box office did not start: the disk holding ${dataDir} could not be read or written (${message}). Nothing was saved.`, { cause: e });
    if (failure === 'DAMAGED') return damagedDatabase(file, dataDir, message);
  }
  return e;
}

/**
 * Opens the terminal's database only when it is sound (rule of issue 12): a missing or emptied file
 * in a folder with a history, a file SQLite cannot read, or one `quick_check` finds damaged stops
 * the start with a message naming the file, the newest good backup and the command that restores
 * it. A full disk says so. The check's time is bounded (db/quick-check.ts); a check that outlasts
 * the bound finishes beside the running app and a finding is logged.
 */
export async function openCheckedDatabase(
  dataDir: string,
  file: string,
  options: { nativeBinding?: string; log: Logger; check?: QuickCheckOptions },
): Promise<LocalDatabase> {
  refuseFullDisk(dataDir);
  const size = sizeOf(file);
  const walSize = sizeOf(`${file}-wal`) ?? 0;
  if (size === null || size === 0) {
    // A database in WAL mode always has its first page in the main file, so a log beside a missing
    // or empty one is the rest of a lost database (its newest sales) — and SQLite deletes such a
    // log when it opens the file. Refuse before opening, and leave the log as it is.
    const log = walSize > 0 ? [`its write-ahead log ${file}-wal (${walSize} bytes, left as it is)`] : [];
    const history = [...log, ...historyOf(dataDir)];
    if (history.length > 0) throw lostDatabase(file, dataDir, size === null ? 'is missing' : 'is empty (0 bytes)', history);
  }
  let local: LocalDatabase;
  try {
    local = openDatabase(file, { nativeBinding: options.nativeBinding });
  } catch (e) {
    throw explainStartFailure(e, dataDir, file);
  }
  try {
    const check = await quickCheck(local.sqlite, { nativeBinding: options.nativeBinding, ...options.check });
    if (check.status === 'damaged') throw damagedDatabase(file, dataDir, check.found);
    if (check.status === 'not-run') options.log.error('The database check at start could not run', { reason: check.reason });
    if (check.status === 'unfinished') {
      options.log.info(`The database check goes on beside the running box office (it took more than ${Math.round(check.ms)} ms)`);
      void check.later.then((late) => {
        if (late.status === 'damaged') options.log.error(`The database ${file} is damaged (${late.found}). ${howToRestore(dataDir, newestGoodBackup(dataDir))}`);
      });
    }
    const tables = local.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    // Without its migration table it is no box-office database (an emptied one, or another program's file).
    if (!tables.includes('kysely_migration')) {
      const history = historyOf(dataDir);
      if (history.length > 0) throw lostDatabase(file, dataDir, tables.length === 0 ? 'has no tables' : 'is not a box-office database', history);
    }
  } catch (e) {
    await local.close();
    throw explainStartFailure(e, dataDir, file);
  }
  return local;
}
