import { useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf, type FieldErrors } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { PasswordField } from '../../components/PasswordField';
import { useStatus } from '../../stores/status';
import './sync.css';

/**
 * On a brand-new terminal: instead of creating a cinema, join one that already syncs with the
 * central database (its staff sign in here with their usual passwords afterwards).
 */
export function JoinCinemaPanel({ terminalId }: { terminalId: string }) {
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
      // The terminal now has its cinema and staff: the sign-in screen takes over.
      await useStatus.getState().loadSetup();
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(bannerFor(err, ['url', 'user', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="setup-card join-cinema" data-testid="join-cinema">
      <summary className="join-cinema-summary">Or join a cinema that already syncs with a central database</summary>
      <p className="muted">
        Ask the owner of the central database to register this terminal:
        <code className="sync-command">npm run central -- register-terminal --url postgres://… --terminal {terminalId} --cinema &lt;cinema id&gt;</code>
      </p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Join a cinema">
        <ErrorBanner error={error} testId="join-error" />
        <TextField label="Address" hint="postgres://host:5432/database" value={url} onChange={(e) => setUrl(e.target.value)} error={fields.url} spellCheck={false} autoComplete="off" testId="join-url" />
        <TextField label="Login" value={user} onChange={(e) => setUser(e.target.value)} error={fields.user} spellCheck={false} autoComplete="off" testId="join-user" />
        <PasswordField label="Password" value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} testId="join-password" />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="join-submit">
            Join and fetch the cinema
          </Button>
        </div>
      </form>
    </details>
  );
}
