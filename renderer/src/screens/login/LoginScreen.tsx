import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginLanguage } from './LoginLanguage';
import type { SetupStatus } from '../../../../shared/contract';
import { call, isApiCallError } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';
import { DemoLogins } from './DemoLogins';
import { LockoutCountdown } from './LockoutCountdown';

/** Sign-in: user name and password; Enter submits; the server's refusal is shown as it says it. */
export function LoginScreen({ setup }: { setup: SetupStatus }) {
  const { t } = useTranslation('login');
  const signIn = useSession((s) => s.signIn);
  const notice = useSession((s) => s.notice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = setup.cinema ? t('pageTitle', { cinema: setup.cinema.name }) : t('pageTitleDefault');
  }, [setup.cinema, t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const signed = await call('auth.login', { username: username.trim(), password });
      signIn(signed);
    } catch (err) {
      setError(err);
      const retry = isApiCallError(err) && err.code === 'LOCKED_OUT' ? Number(err.details?.retryAfterMs) : NaN;
      setLockedUntil(Number.isFinite(retry) && retry > 0 ? Date.now() + retry : null);
      setPassword('');
      // Back to the field that needs typing again.
      (username.trim() ? passwordRef : usernameRef).current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const pickDemo = (name: string, secret: string) => {
    setUsername(name);
    setPassword(secret);
    setError(null);
    passwordRef.current?.focus();
  };

  return (
    <div className="center-page login-page" data-testid="screen-login">
      <div className="auth-card">
        <header className="auth-head">
          <span className="brand-mark brand-mark-lg" aria-hidden="true">
            ▚
          </span>
          <div>
            <h1 className="auth-title">{setup.cinema?.name ?? t('boxOffice')}</h1>
            <p className="auth-subtitle" data-testid="login-terminal">
              {setup.terminal.name}
            </p>
          </div>
          <LoginLanguage />
        </header>

        {notice && <Notice testId="login-notice">{notice}</Notice>}

        <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="login-form" aria-label={t('form')}>
          <TextField
            label={t('username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            inputRef={usernameRef}
            testId="login-username"
          />
          <TextField
            label={t('password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            inputRef={passwordRef}
            testId="login-password"
          />
          <ErrorBanner error={error} testId="login-error" />
          {lockedUntil && <LockoutCountdown until={lockedUntil} onDone={() => setLockedUntil(null)} />}
          <Button type="submit" variant="primary" size="lg" busy={busy} testId="login-submit" shortcut="Enter">
            {t('submit')}
          </Button>
        </form>

        {setup.demo && <DemoLogins onPick={pickDemo} />}
      </div>
    </div>
  );
}
