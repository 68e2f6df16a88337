import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('backups');
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
    <Panel title={t('confirm.title', { when: label })} testId="restore-confirm" className="restore-confirm">
      <p>{t('confirm.body', { when: label })}</p>
      <ErrorBanner error={error} title={t('confirm.failed')} testId="restore-error" />
      <div className="restore-confirm-actions">
        <Button variant="danger" busy={busy} onClick={() => void restore()} testId="restore-confirm-go">
          {t('confirm.go')}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={onCancel} testId="restore-confirm-cancel">
          {t('confirm.keep')}
        </Button>
      </div>
    </Panel>
  );
}
