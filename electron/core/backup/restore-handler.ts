import type { Handlers } from '../api';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { openShiftOf } from '../shifts/shifts';
import { systemContext } from '../system-context';
import { backupsOf } from './backups';
import { restorerOf } from './restore-in-place';
import { RestoreRefused, checkRestorable } from './restore-backup';

/** backups.restore (issue 12, item 8): an administrator brings a backup back from the Backups screen. */
export const restoreHandlers: Pick<Handlers, 'backups.restore'> = {
  'backups.restore': async (ctx, { file }) => {
    const backup = backupsOf(ctx.services)
      .list()
      .find((b) => b.file === file);
    if (!backup) throw new DomainError('NOT_FOUND', { key: 'refusals:backups.noBackupCalledTerminal', values: { file } });
    // A restore takes the terminal back to the backup's moment: an open shift's sales would vanish from under the cashier.
    const shift = await openShiftOf(ctx.db, ctx.terminal.id);
    if (shift) {
      throw new DomainError('CONFLICT', { key: 'refusals:backups.shiftOpenTerminalClosed', values: { shiftCashierName: shift.cashier_name } });
    }
    const details = { file, by: ctx.user.username };
    let restored;
    try {
      // A damaged or foreign file is refused before the core closes: nobody is signed out for nothing.
      checkRestorable(backup.path);
      // Written into the database being replaced (kept in replaced/) and, below, into the restored one.
      await recordAudit(ctx.db, ctx, { action: 'backup.restore', entity: 'backup', entityId: null, details });
      restored = await restorerOf(ctx.services)(backup.path);
    } catch (e) {
      if (e instanceof RestoreRefused) throw new DomainError('CONFLICT', e.words);
      throw e;
    }
    // The restored database may not know this administrator: the entry names them in its details.
    await recordAudit(restored.services.db, systemContext(restored.services), { action: 'backup.restore', entity: 'backup', entityId: null, details });
    return { restoredFrom: file, replacedKeptAt: restored.replacedKeptAt, signInAgain: true };
  },
};
