import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf, type FieldErrors } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { PasswordField } from '../../components/PasswordField';
import { useStatus } from '../../stores/status';
import './sync.css';

/** The terminal now has its cinema (and its staff, when it has any): sign-in or the first administrator takes over. */
const joined = () => useStatus.getState().loadSetup();

/** The usual way in: the central address and a one-time code from an administrator or the owner. */
function JoinWithCode() {
  const { t } = useTranslation(['enrolment', 'sync']);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [terminalName, setTerminalName] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await call('sync.joinWithCode', { address, code, terminalName });
      await joined();
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(bannerFor(err, ['address', 'code', 'terminalName']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('sync:join.withCode')}>
      <p className="muted">
        <Trans t={t} i18nKey="join.intro" values={{ command: 'npm run central -- enrol' }} />
      </p>
      <ErrorBanner error={error} testId="enrol-join-error" />
      <TextField
        label={t('join.address')}
        hint={t('join.addressHint')}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        error={fields.address}
        spellCheck={false}
        autoComplete="off"
        testId="enrol-join-address"
      />
      <TextField
        label={t('join.code')}
        hint={t('join.codeHint')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={fields.code}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="characters"
        className="enrolment-code-input"
        testId="enrol-join-code"
      />
      <TextField
        label={t('join.name')}
        hint={t('join.nameHint')}
        value={terminalName}
        onChange={(e) => setTerminalName(e.target.value)}
        error={fields.terminalName}
        testId="enrol-join-name"
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} testId="enrol-join-submit">
          {t('join.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The older way: a login the owner made with `register-terminal` for this terminal's id. */
function JoinWithLogin({ terminalId }: { terminalId: string }) {
  const { t } = useTranslation(['enrolment', 'sync']);
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await call('sync.join', { url, user, password });
      await joined();
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(bannerFor(err, ['url', 'user', 'password']));
    } finally {
      setBusy(false);
    }
  };

  // A command line, the same in every language but for the placeholder.
  const registerCommand = `npm run central -- register-terminal --url postgres://… --terminal ${terminalId} --cinema ${t('sync:settings.cinemaIdPlaceholder')}`;
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('sync:join.withLogin')}>
      <h3 className="join-cinema-or">{t('join.withLogin')}</h3>
      <p className="muted">
        {t('join.withLoginIntro')}
        <code className="sync-command">{registerCommand}</code>
      </p>
      <ErrorBanner error={error} testId="join-error" />
      <TextField label={t('join.loginAddress')} hint={t('sync:join.addressExample')} value={url} onChange={(e) => setUrl(e.target.value)} error={fields.url} spellCheck={false} autoComplete="off" testId="join-url" />
      <TextField label={t('join.login')} value={user} onChange={(e) => setUser(e.target.value)} error={fields.user} spellCheck={false} autoComplete="off" testId="join-user" />
      <PasswordField label={t('join.password')} value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} testId="join-password" />
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={busy} testId="join-submit">
          {t('join.loginSubmit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * On a brand-new terminal: instead of creating a cinema, join one of a chain that syncs with a
 * central database. Staff arrive with the cinema and sign in with their usual passwords; a cinema
 * without staff yet (just created) asks for its first administrator.
 */
export function JoinCinemaPanel({ terminalId }: { terminalId: string }) {
  const { t } = useTranslation('enrolment');
  return (
    <details className="setup-card join-cinema" data-testid="join-cinema">
      <summary className="join-cinema-summary">{t('join.summary')}</summary>
      <JoinWithCode />
      <JoinWithLogin terminalId={terminalId} />
    </details>
  );
}
