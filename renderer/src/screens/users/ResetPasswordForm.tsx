import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { PasswordField } from '../../components/PasswordField';

/** Sets a new password for one member of staff; their open sessions end. */
export function ResetPasswordForm({ user, onDone }: { user: UserSummary; onDone(message: string | null): void }) {
  const { t } = useTranslation(['users', 'enums']);
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
      onDone(t('notice.passwordSet', { name: user.displayName }));
    } catch (err) {
      setFieldError(fieldErrorsOf(err).password);
      setError(bannerFor(err, ['password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('reset.title', { name: user.displayName })} testId="reset-password">
      <form
        className="form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(null);
        }}
        noValidate
        aria-label={t('reset.label', { name: user.displayName })}
      >
        <p className="muted">
          {t(`enums:role.${user.role}`)} <code className="username">{user.username}</code>. {t('reset.intro')}
        </p>
        <ErrorBanner error={error} testId="reset-password-error" />
        <PasswordField
          label={t('reset.newPassword')}
          hint={t('reset.hint')}
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
            {t('reset.save')}
          </Button>
          <Button variant="ghost" onClick={() => onDone(null)} shortcut="Esc" testId="reset-password-cancel">
            {t('reset.cancel')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
