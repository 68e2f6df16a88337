import { useState } from 'react';
import type { BackupSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { formatTime } from '../../format/time';
import { useStatus } from '../../stores/status';
import { useSession } from '../../stores/session';
import './backups.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import { RestoreConfirm } from './RestoreConfirm';

const KIND_LABEL: Record<BackupSummary['kind'], string> = {
  daily: 'Daily',
  'pre-migration': 'Before an update',
  manual: 'Made by hand',
};

/** "Wed, Nov 25, 2026 · 5:46 PM" in the cinema's time zone, as the header shows the time. */
function when(iso: string, timeZone: string | undefined): string {
  const day = new Date(iso).toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone });
  return `${day} · ${formatTime(iso, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone)}`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The administrator's view of this terminal's database backups: what exists, the policy, a backup now, and a restore. */
export function BackupsScreen() {
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
      `The backup of ${when(backup.createdAt, timeZone)} is back in place and the box office reopened on it. ` +
        (replacedKeptAt ? `The database it replaced is kept at ${replacedKeptAt}. ` : '') +
        'Everyone signs in again.',
    );

  const data = list.data;
  return (
    <div className="screen backups-screen" data-testid="screen-backups">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Backups</h1>
          <p className="screen-subtitle">Copies of this terminal's database, made while it keeps selling.</p>
        </div>
        <Button variant="primary" size="lg" busy={busy} onClick={() => void backUpNow()} testId="backup-now">
          Back up now
        </Button>
      </div>

      {made && (
        <Notice tone="success" testId="backup-notice" onDismiss={() => setMade(null)}>
          Backed up and checked: {made.file} ({size(made.sizeBytes)}).
        </Notice>
      )}
      <ErrorBanner error={error} title="The backup was not made" testId="backup-error" />
      {restoring && <RestoreConfirm backup={restoring} label={when(restoring.createdAt, timeZone)} onCancel={() => setRestoring(null)} onRestored={(r) => restored(restoring, r.replacedKeptAt)} />}

      <div className="backups-layout">
        <Panel title="On this terminal" testId="backups-panel">
          {list.error ? <ErrorBanner error={list.error} title="Could not list the backups" action={<Button onClick={list.reload}>Try again</Button>} /> : null}
          {list.loading && !data ? (
            <Loading label="Looking for backups…" />
          ) : data && data.backups.length === 0 ? (
            <p className="muted" data-testid="backups-empty">
              No backup yet. The first daily one is made a minute after the box office starts; or press “Back up now”.
            </p>
          ) : data ? (
            <DataTable caption="Backups, newest first" testId="backups-table" className="backups-table" columns={['Made', 'Why', { label: 'Size', numeric: true }, 'File', ACTIONS_COLUMN]}>
              {data.backups.map((b) => (
                <tr key={b.file} data-testid="backup-row" data-kind={b.kind}>
                  <td className="strong">{when(b.createdAt, timeZone)}</td>
                  <td>{KIND_LABEL[b.kind]}</td>
                  <td className="num">{size(b.sizeBytes)}</td>
                  <td>
                    <code className="backup-file">{b.file}</code>
                  </td>
                  <td className="row-actions">
                    <Button size="sm" variant="ghost" onClick={() => setRestoring(b)} disabled={restoring !== null} testId="backup-restore" aria-label={`Restore the backup of ${when(b.createdAt, timeZone)}`}>
                      Restore…
                    </Button>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </Panel>

        {data && (
          <Panel title="How they are kept" testId="backups-policy">
            <ul className="backups-facts">
              <li>
                A daily backup, checked every hour; the next is due <strong data-testid="backups-next">{data.nextDailyDueAt ? when(data.nextDailyDueAt, timeZone) : 'now'}</strong>.
              </li>
              <li>One before every update of the database's structure.</li>
              <li data-testid="backups-retention">
                Kept: every backup of the last <strong>{data.retention.keepAllHours} hours</strong> (making one never removes a recent one), the newest of each of the last{' '}
                <strong>{data.retention.daily} days</strong> and <strong>{data.retention.weekly} weeks</strong>, and the last <strong>{data.retention.preMigration}</strong> made
                before an update. Older ones are removed when the next backup is made.
              </li>
              <li>
                Folder: <code className="backup-file">{data.folder}</code>
              </li>
              <li>
                To bring one back, press “Restore…” beside it (not while a shift is open on this terminal): the box office closes its database, puts the backup in its place, keeps
                the one it replaces in the folder “replaced” and opens again; everyone signs in again. With the box office closed,{' '}
                <code className="backup-file">npm run restore -- --data-dir &lt;data folder&gt; --from &lt;file&gt;</code> does the same.
              </li>
            </ul>
          </Panel>
        )}
      </div>
    </div>
  );
}
