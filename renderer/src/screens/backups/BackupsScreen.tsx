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
import './backups.css';
import { DataTable } from '../../components/DataTable';

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

/** The administrator's view of this terminal's database backups: what exists, the policy, and a backup now. */
export function BackupsScreen() {
  const list = useOperation('backups.list', {});
  const timeZone = useStatus((s) => s.system?.cinema.timezone);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<BackupSummary | null>(null);
  const [error, setError] = useState<unknown>(null);

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
            <DataTable caption="Backups, newest first" testId="backups-table" className="backups-table" columns={['Made', 'Why', { label: 'Size', numeric: true }, 'File']}>
              {data.backups.map((b) => (
                <tr key={b.file} data-testid="backup-row" data-kind={b.kind}>
                  <td className="strong">{when(b.createdAt, timeZone)}</td>
                  <td>{KIND_LABEL[b.kind]}</td>
                  <td className="num">{size(b.sizeBytes)}</td>
                  <td>
                    <code className="backup-file">{b.file}</code>
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
              <li>
                Kept: the newest of each of the last <strong>{data.retention.daily} days</strong> and <strong>{data.retention.weekly} weeks</strong>, and the last{' '}
                <strong>{data.retention.preMigration}</strong> made before an update.
              </li>
              <li>
                Folder: <code className="backup-file">{data.folder}</code>
              </li>
              <li>
                To bring one back, close the box office and run <code className="backup-file">npm run restore -- --data-dir &lt;data folder&gt; --from &lt;file&gt;</code>. The database
                it replaces is kept in the folder “replaced”.
              </li>
            </ul>
          </Panel>
        )}
      </div>
    </div>
  );
}
