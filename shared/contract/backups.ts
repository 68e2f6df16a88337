import { z } from 'zod';
import { operation } from './operation';
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
  /** Newest backup of each of this many days / weeks, plus this many taken before schema updates. */
  retention: { daily: number; weekly: number; preMigration: number };
  /** When the next daily backup is due (the newest one's time + a day); null when none exists yet. */
  nextDailyDueAt: string | null;
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
};
