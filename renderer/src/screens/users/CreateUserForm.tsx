import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/enums';
import { call, isApiCallError } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { PasswordField } from '../../components/PasswordField';

const EMPTY = { username: '', displayName: '', role: 'CASHIER' as Role, password: '' };
type Draft = typeof EMPTY;

/** A new staff account: the server checks every field and says what is wrong with each. */
export function CreateUserForm({ onCreated }: { onCreated(user: UserSummary): void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation(['users', 'enums']);

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [k]: value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const user = await call('users.create', { ...draft, username: draft.username.trim() });
      setDraft(EMPTY);
      setErrors({});
      onCreated(user);
    } catch (err) {
      const fields = fieldErrorsOf(err) as Partial<Record<keyof Draft, string>>;
      if (isApiCallError(err) && err.code === 'CONFLICT' && /user name/i.test(err.message)) fields.username = t('create.taken');
      setErrors(fields);
      setError(bannerFor(err, Object.keys(EMPTY)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('create.title')} testId="create-user">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('create.title')}>
        <ErrorBanner error={error} testId="create-user-error" />
        <TextField label={t('create.username')} autoComplete="off" autoCapitalize="none" spellCheck={false} value={draft.username} onChange={set('username')} error={errors.username} testId="create-user-username" />
        <TextField label={t('create.displayName')} autoComplete="off" value={draft.displayName} onChange={set('displayName')} error={errors.displayName} testId="create-user-display-name" />
        <SelectField label={t('create.role')} value={draft.role} onChange={set('role')} error={errors.role} testId="create-user-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`enums:role.${r}`)}
            </option>
          ))}
        </SelectField>
        <PasswordField
          label={t('create.password')}
          hint={t('create.passwordHint')}
          value={draft.password}
          onChange={set('password')}
          error={errors.password}
          testId="create-user-password"
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="create-user-submit">
            {t('create.submit')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
