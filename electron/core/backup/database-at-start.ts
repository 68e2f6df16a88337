import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type LocalDatabase } from '../db/open';
import { quickCheck, type QuickCheckOptions } from '../db/quick-check';
import { NEARLY_FULL_BYTES, causesOf, freeBytes, storageFailureOf } from '../db/storage-failure';
import type { Logger } from '../context';
import { SIGNING_KEY_FILE } from '../terminal/identity';
import { inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import type { Language } from '../../../shared/i18n/languages';
import { listBackups } from './backup-database';
import { howToRestore, howToRestoreWords, newestGoodBackup } from './damaged-database';
import { REPLACED_FOLDER } from './restore-backup';

/**
 * The box office did not start, for a reason the message explains (the entry points show it):
 * `message` in English, `messageIn` in the language of whoever reads the window.
 */
export class StartRefused extends Error {
  override name = 'StartRefused';

  constructor(
    private readonly say: (language: Language) => string,
    options?: ErrorOptions,
  ) {
    super(say('en'), options);
  }

  messageIn(language: Language): string {
    return this.say(language);
  }
}

const refusedWith = (words: Words, options?: ErrorOptions) => new StartRefused((language) => inWords(words, language), options);

/**
 * Signs that a box office has run on this folder before: then a missing, empty or blank database
 * is a lost one, never a new install (a new install would quietly start an empty cinema while the
 * real one sits in the backups).
 */
export function historyOf(dataDir: string): Words[] {
  const signs: Words[] = [];
  const backups = listBackups(dataDir).length;
  if (backups > 0) signs.push({ key: 'refusals:start.history.backups', values: { count: backups } });
  const replaced = join(dataDir, REPLACED_FOLDER);
  if (existsSync(replaced) && readdirSync(replaced).length > 0) signs.push({ key: 'refusals:start.history.replaced', values: { folder: replaced } });
  if (existsSync(join(dataDir, SIGNING_KEY_FILE))) signs.push({ key: 'refusals:start.history.signingKey' });
  return signs;
}

const sizeOf = (file: string): number | null => (existsSync(file) ? statSync(file).size : null);

type LostWhat = 'missing' | 'empty' | 'noTables' | 'notOurs';

function lostDatabase(file: string, dataDir: string, what: LostWhat, history: Words[]): StartRefused {
  const restore = howToRestoreWords(dataDir, newestGoodBackup(dataDir));
  return new StartRefused((language) =>
    inWords(
      {
        key: 'refusals:start.lost',
        values: { file, what: { key: `refusals:start.lostWhat.${what}` }, history: history.map((sign) => inWords(sign, language)).join(', '), restore, folder: dataDir },
      },
      language,
    ),
  );
}

function damagedDatabase(file: string, dataDir: string, found: string): StartRefused {
  return refusedWith({ key: 'refusals:start.damaged', values: { file, found, restore: howToRestoreWords(dataDir, newestGoodBackup(dataDir)) } });
}

/** A start on a full disk would answer every sale "disk full" (and may not even take the folder's lock): say it once, now. */
export function refuseFullDisk(dataDir: string): void {
  const free = freeBytes(dataDir);
  if (free !== null && free < NEARLY_FULL_BYTES) throw refusedWith({ key: 'refusals:start.diskFull', values: { folder: dataDir } });
}

/** A start that failed on the disk or the file, said as such; anything else unchanged. */
export function explainStartFailure(e: unknown, dataDir: string, file: string): unknown {
  if (e instanceof StartRefused) return e;
  for (const cause of causesOf(e)) {
    const failure = storageFailureOf(cause, dataDir);
    const message = cause instanceof Error ? cause.message : String(cause);
    if (failure === 'DISK_FULL') return refusedWith({ key: 'refusals:start.diskFull', values: { folder: dataDir } }, { cause: e });
    if (failure === 'DISK_ERROR') return refusedWith({ key: 'refusals:start.diskError', values: { folder: dataDir, what: message } }, { cause: e });
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
    const log: Words[] = walSize > 0 ? [{ key: 'refusals:start.history.wal', values: { file: `${file}-wal`, bytes: walSize } }] : [];
    const history = [...log, ...historyOf(dataDir)];
    if (history.length > 0) throw lostDatabase(file, dataDir, size === null ? 'missing' : 'empty', history);
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
      if (history.length > 0) throw lostDatabase(file, dataDir, tables.length === 0 ? 'noTables' : 'notOurs', history);
    }
  } catch (e) {
    await local.close();
    throw explainStartFailure(e, dataDir, file);
  }
  return local;
}
