import type { Handlers } from '../api';
import type { BackupSummary } from '../../../shared/contract/backups';
import { DomainError } from '../errors';
import type { SignedInContext } from '../context';
import { diskFailureError } from '../db/storage-failure';
import { storageFailureAnswer } from '../storage-answer';
import { recordAudit } from '../audit/record-audit';
import { backupFolder, type BackupFile } from './backup-database';
import { backupsOf } from './backups';

const summary = (b: BackupFile): BackupSummary => ({ file: b.file, kind: b.kind, createdAt: b.createdAt, sizeBytes: b.sizeBytes });

/** Why no backup was made, by name: a full or failing disk, a damaged database, or what was said. */
function backupFailure(e: unknown, ctx: SignedInContext, dataDir: string): DomainError {
  const disk = diskFailureError(e, backupFolder(dataDir));
  if (disk) return disk;
  const storage = storageFailureAnswer(e, ctx.db);
  if (storage?.code === 'DATABASE_DAMAGED') return new DomainError(storage.code, { key: 'refusals:backups.noBackupMadeCopy', values: { storageMessage: storage.words ?? storage.message } }, storage.details);
  return new DomainError('CONFLICT', { key: 'refusals:backups.backupCouldNotWritten', values: { value: e instanceof Error ? e.message : String(e) } });
}

export const backupHandlers: Pick<Handlers, 'backups.list' | 'backups.create'> = {
  'backups.list': async (ctx) => {
    const backups = backupsOf(ctx.services);
    const list = backups.list();
    const newest = list[0];
    return {
      folder: backupFolder(backups.dataDir),
      backups: list.map(summary),
      retention: { ...backups.options.retention },
      nextDailyDueAt: newest ? new Date(Date.parse(newest.createdAt) + backups.options.maxAgeMs).toISOString() : null,
    };
  },
  'backups.create': async (ctx) => {
    const backups = backupsOf(ctx.services);
    let made: BackupFile;
    try {
      made = await backups.backUp('manual');
    } catch (e) {
      throw backupFailure(e, ctx, backups.dataDir);
    }
    await recordAudit(ctx.db, ctx, { action: 'backup.create', entity: 'backup', entityId: null, details: { file: made.file, sizeBytes: made.sizeBytes } });
    return summary(made);
  },
};
