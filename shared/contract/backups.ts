import { z } from 'zod';
import { operation } from './operation';
import { text } from './fields';
import { ADMIN_ONLY } from './roles';

export interface BackupSummary {
  /** File name in the data folder's backups/ (what `npm run restore -- --from` takes, with the folder). */
  file: string;
  kind: 'daily' | 'pre-migration' | 'manual';
  createdAt: string;
  sizeBytes: number;
}

export interface BackupList {
  /** The folder the backups are in. */
  folder: string;
  backups: BackupSummary[];
  /** Every backup of the last keepAllHours, the newest of each of this many days / weeks, plus this many taken before schema updates. */
  retention: { keepAllHours: number; daily: number; weekly: number; preMigration: number };
  /** When the next daily backup is due (the newest one's time + a day); null when none exists yet. */
  nextDailyDueAt: string | null;
}

export interface RestoreAnswer {
  /** The backup now in place. */
  restoredFrom: string;
  /** Where the database it replaced is kept (in the data folder's replaced/). */
  replacedKeptAt: string | null;
  /** Every session ended with the old database: everyone signs in again. */
  signInAgain: true;
}

export const backupOperations = {
  'backups.list': operation<BackupList>()({
    input: z.object({}).strict(),
    access: ADMIN_ONLY,
    summary: "This terminal's database backups (daily, before schema updates, manual), newest first, and the retention policy.",
  }),
  'backups.create': operation<BackupSummary>()({
    input: z.object({}).strict(),
    access: ADMIN_ONLY,
    summary: 'Backs the database up now (SQLite online backup, integrity-checked), then applies the retention policy.',
  }),
  'backups.restore': operation<RestoreAnswer>()({
    input: z
      .object({
        file: text()
          .min(1)
          .max(200, { message: 'schema:predicate.notABackup' })
          .regex(/^[\w.-]+$/, { message: 'schema:predicate.notABackup' }),
      })
      .strict(),
    access: ADMIN_ONLY,
    summary:
      "Puts one of this terminal's backups in place of its database: the core closes, the file is swapped (the replaced one kept in replaced/), the core reopens and everyone signs in again. Refused while a shift is open on this terminal.",
  }),
};
