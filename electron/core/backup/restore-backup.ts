import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { integrityOf } from './backup-database';
import { DataDirBusy, describeHolder, holdDataDirLock, type DataDirLock } from './data-dir-lock';
import { inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';

/** The terminal's database file name (as app-core opens it). */
export const LIVE_DATABASE_FILE = 'box-office.sqlite';
/** Where a restore keeps the database it replaced. */
export const REPLACED_FOLDER = 'replaced';

/** A restore that did not happen: `words` for the person at the Backups screen, `message` the English (the restore command prints it). */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';

  constructor(readonly words: Words) {
    super(inWords(words, 'en'));
  }
}

export interface RestoreResult {
  restoredFrom: string;
  /** The database that was replaced, kept here (null when the folder had none). */
  replacedKeptAt: string | null;
  integrity: 'ok';
}

function tablesOf(file: string): Set<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

const SIDE_FILES = ['', '-wal', '-shm'];

/** Moves the live database (with its WAL, checkpointed first when possible) out of the way. */
function keepAside(live: string, dataDir: string, now: Date): string | null {
  // A log left without its database goes aside too: beside the restored file SQLite would replay it into it.
  if (!SIDE_FILES.some((suffix) => existsSync(live + suffix))) return null;
  // Opening an empty or missing file would make SQLite delete its log: only a real file is checkpointed.
  if (existsSync(live) && statSync(live).size > 0) {
    try {
      const db = new Database(live);
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    } catch {
      // A damaged file is kept aside as it is, WAL and all.
    }
  }
  const folder = join(dataDir, REPLACED_FOLDER);
  mkdirSync(folder, { recursive: true });
  const aside = join(folder, `box-office-${now.toISOString().replace(/[:.]/g, '')}-replaced.sqlite`);
  for (const suffix of SIDE_FILES) if (existsSync(live + suffix)) renameSync(live + suffix, aside + suffix);
  return aside;
}

/**
 * Puts a backup in place of the terminal's database, holding the data folder's lock meanwhile:
 * `lock` when the caller holds it (a core restoring under itself), else taken here — and refused
 * while any other process holds the folder. Refuses a backup that is damaged or not a box-office
 * database; keeps the replaced database in `<dataDir>/replaced/`; checks the restored file with
 * `PRAGMA integrity_check`, and puts the old one back if that fails.
 */
export function restoreBackup(options: { dataDir: string; from: string; now?: Date; lock?: DataDirLock; checked?: boolean }): RestoreResult {
  const dataDir = resolve(options.dataDir);
  if (options.lock) {
    if (resolve(options.lock.dataDir) !== dataDir) throw new Error(`the lock held is for ${options.lock.dataDir}, not ${dataDir}`);
    return swapIn(dataDir, options);
  }
  mkdirSync(dataDir, { recursive: true });
  let lock: DataDirLock;
  try {
    lock = holdDataDirLock(dataDir, { program: 'npm run restore' });
  } catch (e) {
    if (e instanceof DataDirBusy) throw new RestoreRefused({ key: 'refusals:backups.restoreWhileRunning', values: { dataDir, holder: describeHolder(e.holder) } });
    throw e;
  }
  try {
    return swapIn(dataDir, options);
  } finally {
    lock.release();
  }
}

/** Refuses (RestoreRefused) a backup file that is missing, damaged or not a box-office database. */
export function checkRestorable(file: string): void {
  const from = resolve(file);
  if (!existsSync(from)) throw new RestoreRefused({ key: 'refusals:backups.noBackupFile', values: { from } });
  const integrity = integrityOf(from);
  if (integrity !== 'ok') throw new RestoreRefused({ key: 'refusals:backups.backupDamaged', values: { file: basename(from), integrity } });
  const tables = tablesOf(from);
  if (!tables.has('kysely_migration') || !tables.has('cinemas') || !tables.has('orders')) {
    throw new RestoreRefused({ key: 'refusals:backups.notBoxOfficeDatabase', values: { file: basename(from) } });
  }
}

function swapIn(dataDir: string, options: { from: string; now?: Date; checked?: boolean }): RestoreResult {
  const from = resolve(options.from);
  const now = options.now ?? new Date();
  // A core restoring under itself checks before it closes (checked: true), so a bad file costs no restart.
  if (!options.checked) checkRestorable(from);

  const live = join(dataDir, LIVE_DATABASE_FILE);
  const incoming = `${live}.restoring`;
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(from, incoming);
  const aside = keepAside(live, dataDir, now);
  renameSync(incoming, live);
  const after = integrityOf(live);
  if (after !== 'ok') {
    rmSync(live, { force: true });
    if (aside) for (const suffix of SIDE_FILES) if (existsSync(aside + suffix)) renameSync(aside + suffix, live + suffix);
    throw new RestoreRefused({ key: 'refusals:backups.restoredFailedCheck', values: { integrity: after } });
  }
  return { restoredFrom: from, replacedKeptAt: aside, integrity: 'ok' };
}
