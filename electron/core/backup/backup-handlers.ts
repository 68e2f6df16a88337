import type { Handlers } from '../api';
import type { BackupSummary } from '../../../shared/contract/backups';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { backupFolder, type BackupFile } from './backup-database';
import { backupsOf } from './backups';

const summary = (b: BackupFile): BackupSummary => ({ file: b.file, kind: b.kind, createdAt: b.createdAt, sizeBytes: b.sizeBytes });

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
    let made: BackupFile;
    try {
      made = await backupsOf(ctx.services).backUp('manual');
    } catch (e) {
      throw new DomainError('CONFLICT', `The backup could not be written, nothing was kept: ${e instanceof Error ? e.message : String(e)}. Check the free disk space.`);
    }
    await recordAudit(ctx.db, ctx, { action: 'backup.create', entity: 'backup', entityId: null, details: { file: made.file, sizeBytes: made.sizeBytes } });
    return summary(made);
  },
};
