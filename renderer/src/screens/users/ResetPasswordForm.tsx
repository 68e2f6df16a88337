import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { PasswordField } from '../../components/PasswordField';
import { ROLE_LABEL } from '../../shell/areas';

/** Sets a new password for one member of staff; their open sessions end. */
export function ResetPasswordForm({ user, onDone }: { user: UserSummary; onDone(message: string | null): void }) {
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('users.resetPassword', { userId: user.id, password });
      onDone(`New password set for ${user.displayName}. They were signed out and sign in with the new password.`);
    } catch (err) {
      setFieldError(fieldErrorsOf(err).password);
      setError(bannerFor(err, ['password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={`Reset password — ${user.displayName}`} testId="reset-password">
      <form
        className="form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(null);
        }}
        noValidate
        aria-label={`Reset password of ${user.displayName}`}
      >
        <p className="muted">
          {ROLE_LABEL[user.role]} <code className="username">{user.username}</code>. Their open sessions end when the new password is saved.
        </p>
        <ErrorBanner error={error} testId="reset-password-error" />
        <PasswordField
          label="New password"
          hint="At least 8 characters with a letter and a digit."
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setFieldError(undefined);
          }}
          error={fieldError}
          autoFocus
          testId="reset-password-input"
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="reset-password-submit">
            Save new password
          </Button>
          <Button variant="ghost" onClick={() => onDone(null)} shortcut="Esc" testId="reset-password-cancel">
            Cancel
          </Button>
        </div>
      </form>
    </Panel>
  );
}
