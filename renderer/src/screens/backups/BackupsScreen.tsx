import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BackupSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatTime } from '../../format/time';
import { useLocale } from '../../i18n/i18n';
import { useStatus } from '../../stores/status';
import { useSession } from '../../stores/session';
import './backups.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import { RestoreConfirm } from './RestoreConfirm';

/** "Wed 25 Nov 2026 · 17:46" in the cinema's time zone and the window's locale, as the header shows the time. */
function when(iso: string, timeZone: string | undefined, locale: string): string {
  const day = new Date(iso).toLocaleDateString(locale, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone });
  return `${day} · ${formatTime(iso, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, locale)}`;
}

function size(bytes: number, t: TFunction<'backups'>, locale: string): string {
  return bytes >= 1024 * 1024
    ? t('sizeMb', { size: (bytes / 1024 / 1024).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
    : t('sizeKb', { size: Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale) });
}

/** The administrator's view of this terminal's database backups: what exists, the policy, a backup now, and a restore. */
export function BackupsScreen() {
  const { t } = useTranslation('backups');
  const locale = useLocale();
  const list = useOperation('backups.list', {});
  const timeZone = useStatus((s) => s.system?.cinema.timezone);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<BackupSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const signOut = useSession((s) => s.signOut);

  const backUpNow = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      setMade(await call('backups.create', {}));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // The core reopened on the backup with every session ended: back to the login screen, saying what happened.
  const restored = (backup: BackupSummary, replacedKeptAt: string | null) =>
    signOut(
      t('restored', { when: when(backup.createdAt, timeZone, locale) }) + (replacedKeptAt ? t('replacedKept', { path: replacedKeptAt }) : '') + t('signInAgain'),
    );

  const data = list.data;
  return (
    <div className="screen backups-screen" data-testid="screen-backups">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
        <Button variant="primary" size="lg" busy={busy} onClick={() => void backUpNow()} testId="backup-now">
          {t('now')}
        </Button>
      </div>

      {made && (
        <Notice tone="success" testId="backup-notice" onDismiss={() => setMade(null)}>
          {t('made', { file: made.file, size: size(made.sizeBytes, t, locale) })}
        </Notice>
      )}
      <ErrorBanner error={error} title={t('notMade')} testId="backup-error" />
      {restoring && <RestoreConfirm backup={restoring} label={when(restoring.createdAt, timeZone, locale)} onCancel={() => setRestoring(null)} onRestored={(r) => restored(restoring, r.replacedKeptAt)} />}

      <div className="backups-layout">
        <Panel title={t('here')} testId="backups-panel">
          {list.error ? <ErrorBanner error={list.error} title={t('listFailed')} action={<Button onClick={list.reload}>{t('tryAgain')}</Button>} /> : null}
          {list.loading && !data ? (
            <Loading label={t('looking')} />
          ) : data && data.backups.length === 0 ? (
            <p className="muted" data-testid="backups-empty">
              {t('empty')}
            </p>
          ) : data ? (
            <DataTable caption={t('caption')} testId="backups-table" className="backups-table" columns={[t('column.made'), t('column.why'), { label: t('column.size'), numeric: true }, t('column.file'), ACTIONS_COLUMN]}>
              {data.backups.map((b) => (
                <tr key={b.file} data-testid="backup-row" data-kind={b.kind}>
                  <td className="strong">{when(b.createdAt, timeZone, locale)}</td>
                  <td>{t(`kind.${b.kind}`)}</td>
                  <td className="num">{size(b.sizeBytes, t, locale)}</td>
                  <td>
                    <code className="backup-file">{b.file}</code>
                  </td>
                  <td className="row-actions">
                    <Button size="sm" variant="ghost" onClick={() => setRestoring(b)} disabled={restoring !== null} testId="backup-restore" aria-label={t('restoreLabel', { when: when(b.createdAt, timeZone, locale) })}>
                      {t('restore')}
                    </Button>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </Panel>

        {data && (
          <Panel title={t('policy.title')} testId="backups-policy">
            <ul className="backups-facts">
              <li>
                <Trans t={t} i18nKey="policy.daily" values={{ when: data.nextDailyDueAt ? when(data.nextDailyDueAt, timeZone, locale) : t('policy.dueNow') }} components={{ strong: <strong data-testid="backups-next" /> }} />
              </li>
              <li>{t('policy.beforeUpdate')}</li>
              <li data-testid="backups-retention">
                <Trans
                  t={t}
                  i18nKey="policy.kept"
                  values={{ hours: data.retention.keepAllHours, days: data.retention.daily, weeks: data.retention.weekly, preMigration: data.retention.preMigration }}
                  components={{ strong: <strong /> }}
                />
              </li>
              <li>
                {t('policy.folder')} <code className="backup-file">{data.folder}</code>
              </li>
              <li>
                {t('policy.howToRestore')} <code className="backup-file">{t('policy.cli')}</code> {t('policy.cliDoesSame')}
              </li>
            </ul>
          </Panel>
        )}
      </div>
    </div>
  );
}
