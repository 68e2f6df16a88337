import { useState } from 'react';
import type { BackupSummary, RestoreAnswer } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';

export interface RestoreConfirmProps {
  backup: BackupSummary;
  /** When the backup was made, as the table shows it. */
  label: string;
  onCancel(): void;
  onRestored(answer: RestoreAnswer): void;
}

/** "Restore the backup of …?": what a restore does and loses, then the restore itself (backups.restore). */
export function RestoreConfirm({ backup, label, onCancel, onRestored }: RestoreConfirmProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      onRestored(await call('backups.restore', { file: backup.file }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Panel title={`Restore the backup of ${label}?`} testId="restore-confirm" className="restore-confirm">
      <p>
        The box office closes its database, puts this backup in its place and opens again. Everything done on this terminal since {label} — sales, refunds, changes — will not be in
        it; the database it replaces is kept in the folder “replaced”. Everyone who is signed in, here and in other windows, signs in again.
      </p>
      <ErrorBanner error={error} title="Nothing was restored" testId="restore-error" />
      <div className="restore-confirm-actions">
        <Button variant="danger" busy={busy} onClick={() => void restore()} testId="restore-confirm-go">
          Restore this backup
        </Button>
        <Button variant="ghost" disabled={busy} onClick={onCancel} testId="restore-confirm-cancel">
          Keep the current database
        </Button>
      </div>
    </Panel>
  );
}
