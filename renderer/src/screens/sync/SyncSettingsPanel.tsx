import { useState, type FormEvent } from 'react';
import type { SyncSettings, SyncTestResult } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf, type FieldErrors } from '../../api/field-errors';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { PasswordField } from '../../components/PasswordField';

/** Address and login of the central database, a connection test, and "sync now". */
export function SyncSettingsPanel() {
  const settings = useOperation('sync.settings', {}, { refreshMs: 5000 });
  const s = settings.data;
  return (
    <Panel title="Central database" testId="sync-settings">
      {!s ? (
        settings.error ? <ErrorBanner error={settings.error} title="Could not read the sync settings" /> : <Loading label="Loading sync settings…" />
      ) : (
        <SyncSettingsForm s={s} reload={settings.reload} />
      )}
    </Panel>
  );
}

function SyncSettingsForm({ s, reload }: { s: SyncSettings; reload(): void }) {
  const [url, setUrl] = useState(s.url ?? '');
  const [user, setUser] = useState(s.user ?? '');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | 'now' | null>(null);

  const run = async (kind: 'test' | 'save' | 'now', e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(kind);
    setError(null);
    setNotice(null);
    setFields({});
    try {
      if (kind === 'test') {
        const r: SyncTestResult = await call('sync.test', { url, user, password });
        setNotice(
    r.matches
      ? `Connected. The central database knows this login as this terminal (cinema ${r.cinemaId}).`
      : `Connected, but this login belongs to terminal ${r.terminalId} of cinema ${r.cinemaId} — not to this terminal.`,
        );
      } else if (kind === 'save') {
        const s: SyncSettings = await call('sync.configure', { url, user, password });
        setPassword('');
        setNotice(`Saved. This terminal now syncs with ${s.url} as ${s.user}.`);
        reload();
      } else {
        const s = await call('sync.now', {});
        setNotice(s.changesWaiting === 0 ? 'Synced: every change of this terminal is in the central database.' : `Synced; ${s.changesWaiting} changes still waiting.`);
        reload();
      }
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(bannerFor(err, ['url', 'user', 'password']));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <dl className="sync-facts">
        <dt>This terminal</dt>
        <dd>
          <code data-testid="sync-terminal-id">{s.terminalId}</code>
        </dd>
        <dt>Cinema</dt>
        <dd>
          <code data-testid="sync-cinema-id">{s.cinemaId ?? 'not set up yet'}</code>
        </dd>
        <dt>State</dt>
        <dd data-testid="sync-settings-state">
          {s.status.demo
            ? 'Demo cinema — never synced'
            : !s.status.configured
              ? 'Not connected'
              : s.status.online
                ? `Online · ${s.status.changesWaiting} waiting`
                : `Offline · ${s.status.changesWaiting} waiting${s.status.lastError ? ` — ${s.status.lastError}` : ''}`}
        </dd>
      </dl>
      <p className="muted sync-register-hint">
        The owner of the central database registers this terminal once and gives you its login:
        <br />
        <code className="sync-command">
          npm run central -- register-terminal --url postgres://… --terminal {s.terminalId} --cinema {s.cinemaId ?? '<cinema id>'}
        </code>
      </p>
      {notice && (
        <Notice tone="success" testId="sync-notice">
          {notice}
        </Notice>
      )}
      <ErrorBanner error={error} testId="sync-error" />
      <form className="form" onSubmit={(e) => void run('save', e)} noValidate aria-label="Central database connection">
        <TextField
          label="Address"
          hint="postgres://host:5432/database — without user or password"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={fields.url}
          spellCheck={false}
          autoComplete="off"
          testId="sync-url"
        />
        <TextField label="Login" value={user} onChange={(e) => setUser(e.target.value)} error={fields.user} spellCheck={false} autoComplete="off" testId="sync-user" />
        <PasswordField
          label="Password"
          hint={s.status.configured ? 'Stored encrypted on this terminal; type it again to change the connection.' : 'Stored encrypted on this terminal.'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
          testId="sync-password"
        />
        <div className="form-actions">
          <Button variant="secondary" onClick={() => void run('test')} busy={busy === 'test'} testId="sync-test">
            Test connection
          </Button>
          <Button type="submit" variant="primary" busy={busy === 'save'} testId="sync-save">
            Save and connect
          </Button>
          {s.status.configured && (
            <Button variant="ghost" onClick={() => void run('now')} busy={busy === 'now'} testId="sync-now">
              Sync now
            </Button>
          )}
        </div>
      </form>
    </>
  );
}
