import { resolve } from 'node:path';
import { integrityOf, listBackups, type BackupFile } from './backup-database';
import type { Words } from '../../../shared/i18n/message-key';
import { inWords } from '../errors';

const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

/** A path as a POSIX shell reads it back (quoted only when it needs to be). */
export function shellQuote(text: string): string {
  return SHELL_SAFE.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that puts `backup` in place of the folder's database. */
export function restoreCommand(dataDir: string, backup: string): string {
  return `npm run restore -- --data-dir ${shellQuote(resolve(dataDir))} --from ${shellQuote(resolve(backup))}`;
}

/**
 * The newest backup that passes `quick_check` (newest first, stopping at the first good one; the
 * backups were integrity-checked when made, this catches one damaged since).
 */
export function newestGoodBackup(dataDir: string): BackupFile | null {
  for (const backup of listBackups(dataDir)) if (integrityOf(backup.path, 'quick_check') === 'ok') return backup;
  return null;
}

/**
 * What to do about a damaged or emptied database: the newest good backup (when `backup` is given,
 * checked) and the command that restores it, or what is left when there is none.
 */
export function howToRestoreWords(dataDir: string, backup: BackupFile | null): Words {
  if (!backup) return { key: 'refusals:start.noGoodBackup', values: { folder: resolve(dataDir, 'backups') } };
  return { key: 'refusals:start.restore', values: { backup: backup.file, at: backup.createdAt, command: restoreCommand(dataDir, backup.path), replaced: resolve(dataDir, 'replaced') } };
}

/** The same in English, for the log. */
export const howToRestore = (dataDir: string, backup: BackupFile | null): string => inWords(howToRestoreWords(dataDir, backup), 'en');

/** The answer to an operation that met a damaged database while the box office was running (`found`: SQLite's own words). */
export function damagedWhileRunningWords(file: string | null, dataDir: string, found: string): Words {
  const newest = listBackups(dataDir)[0];
  const restore: Words = newest
    ? { key: 'refusals:storage.restoreNewest', values: { backup: newest.file, command: restoreCommand(dataDir, newest.path) } }
    : { key: 'refusals:storage.noBackup', values: { folder: resolve(dataDir, 'backups') } };
  return file ? { key: 'refusals:storage.damaged', values: { file, found, restore } } : { key: 'refusals:storage.damagedHere', values: { found, restore } };
}
