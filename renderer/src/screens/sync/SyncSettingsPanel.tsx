import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('sync');
  const settings = useOperation('sync.settings', {}, { refreshMs: 5000 });
  const s = settings.data;
  return (
    <Panel title={t('settings.title')} testId="sync-settings">
      {!s ? (
        settings.error ? <ErrorBanner error={settings.error} title={t('settings.readFailed')} /> : <Loading label={t('settings.loading')} />
      ) : (
        <SyncSettingsForm s={s} reload={settings.reload} />
      )}
    </Panel>
  );
}

function SyncSettingsForm({ s, reload }: { s: SyncSettings; reload(): void }) {
  const { t } = useTranslation('sync');
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
      ? t('settings.connected', { cinema: r.cinemaId })
      : t('settings.otherTerminal', { terminal: r.terminalId, cinema: r.cinemaId }),
        );
      } else if (kind === 'save') {
        const s: SyncSettings = await call('sync.configure', { url, user, password });
        setPassword('');
        setNotice(t('settings.saved', { url: s.url, user: s.user }));
        reload();
      } else {
        const s = await call('sync.now', {});
        setNotice(s.changesWaiting === 0 ? t('settings.synced') : t('settings.syncedWaiting', { count: s.changesWaiting }));
        reload();
      }
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(bannerFor(err, ['url', 'user', 'password']));
    } finally {
      setBusy(null);
    }
  };

  // A command line, the same in every language but for the placeholder.
  const registerCommand = `npm run central -- register-terminal --url postgres://… --terminal ${s.terminalId} --cinema ${s.cinemaId ?? t('settings.cinemaIdPlaceholder')}`;
  return (
    <>
      <dl className="sync-facts">
        <dt>{t('settings.thisTerminal')}</dt>
        <dd>
          <code data-testid="sync-terminal-id">{s.terminalId}</code>
        </dd>
        <dt>{t('settings.cinema')}</dt>
        <dd>
          <code data-testid="sync-cinema-id">{s.cinemaId ?? t('settings.notSetUp')}</code>
        </dd>
        <dt>{t('settings.state')}</dt>
        <dd data-testid="sync-settings-state">
          {s.status.demo
            ? t('settings.demo')
            : !s.status.configured
              ? t('settings.notConnected')
              : s.status.online
                ? t('settings.online', { count: s.status.changesWaiting })
                : s.status.lastError
                  ? t('settings.offlineError', { count: s.status.changesWaiting, error: s.status.lastError })
                  : t('settings.offline', { count: s.status.changesWaiting })}
        </dd>
      </dl>
      <p className="muted sync-register-hint">
        {t('settings.registerHint')}
        <br />
        <code className="sync-command">
          {registerCommand}
        </code>
      </p>
      {notice && (
        <Notice tone="success" testId="sync-notice">
          {notice}
        </Notice>
      )}
      <ErrorBanner error={error} testId="sync-error" />
      <form className="form" onSubmit={(e) => void run('save', e)} noValidate aria-label={t('settings.formLabel')}>
        <TextField
          label={t('settings.address')}
          hint={t('settings.addressHint')}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={fields.url}
          spellCheck={false}
          autoComplete="off"
          testId="sync-url"
        />
        <TextField label={t('settings.login')} value={user} onChange={(e) => setUser(e.target.value)} error={fields.user} spellCheck={false} autoComplete="off" testId="sync-user" />
        <PasswordField
          label={t('settings.password')}
          hint={s.status.configured ? t('settings.passwordHintChange') : t('settings.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
          testId="sync-password"
        />
        <div className="form-actions">
          <Button variant="secondary" onClick={() => void run('test')} busy={busy === 'test'} testId="sync-test">
            {t('settings.test')}
          </Button>
          <Button type="submit" variant="primary" busy={busy === 'save'} testId="sync-save">
            {t('settings.save')}
          </Button>
          {s.status.configured && (
            <Button variant="ghost" onClick={() => void run('now')} busy={busy === 'now'} testId="sync-now">
              {t('settings.now')}
            </Button>
          )}
        </div>
      </form>
    </>
  );
}
