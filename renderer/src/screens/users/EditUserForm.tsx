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
import './edit-user.css';

const PIN_ROLES: readonly Role[] = ['ADMIN', 'MANAGER'];

export interface EditUserFormProps {
  user: UserSummary;
  isMe: boolean;
  onDone(message: string | null, changed: boolean): void;
}

/** A staff account's name and role, and — for managers and administrators — the override PIN. */
export function EditUserForm({ user, isMe, onDone }: EditUserFormProps) {
  const { t } = useTranslation(['users', 'enums']);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | undefined>();
  const [pinBanner, setPinBanner] = useState<unknown>(null);
  const [pinBusy, setPinBusy] = useState<'set' | 'clear' | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await call('users.update', { userId: user.id, displayName, role });
      const name = updated.displayName;
      const roleWord = t(`enums:role.${updated.role}`);
      onDone(
        updated.role === user.role
          ? t('notice.saved', { name })
          : user.hasPin && !updated.hasPin
            ? t('notice.roleChangedPinRemoved', { name, role: roleWord })
            : t('notice.roleChanged', { name, role: roleWord }),
        true,
      );
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(bannerFor(err, ['displayName', 'role']));
    } finally {
      setBusy(false);
    }
  };

  const savePin = async (e: FormEvent) => {
    e.preventDefault();
    if (pinBusy) return;
    if (!/^\d{4,8}$/.test(pin)) {
      setPinError(t('pin.digits'));
      return;
    }
    setPinBusy('set');
    setPinBanner(null);
    try {
      await call('users.setPin', { userId: user.id, pin });
      onDone(t('notice.pinSet', { name: user.displayName }), true);
    } catch (err) {
      // The server's sentence says why (too easy, already in use); the field is marked beside it.
      setPinError(fieldErrorsOf(err).pin ?? (isApiCallError(err) ? (err.details?.fields as { pin?: string } | undefined)?.pin : undefined));
      setPinBanner(err);
    } finally {
      setPinBusy(null);
    }
  };

  const clearPin = async () => {
    setPinBusy('clear');
    setPinBanner(null);
    try {
      await call('users.clearPin', { userId: user.id });
      onDone(t('notice.pinRemoved', { name: user.displayName }), true);
    } catch (err) {
      setPinBanner(err);
    } finally {
      setPinBusy(null);
    }
  };

  const canHavePin = PIN_ROLES.includes(user.role) && user.active;
  return (
    <div
      className="edit-user"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone(null, false);
      }}
    >
      <Panel title={t('edit.title', { name: user.displayName })} testId="edit-user">
        <form className="form" onSubmit={(e) => void save(e)} noValidate aria-label={t('edit.label', { name: user.displayName })}>
          <p className="muted">
            <code className="username">{user.username}</code>
            {isMe && t('edit.ownAccount')}
          </p>
          <ErrorBanner error={error} testId="edit-user-error" />
          <TextField
            label={t('edit.displayName')}
            autoComplete="off"
            value={displayName}
            onChange={(e) => {
              setDisplayName(e.target.value);
              setErrors((x) => ({ ...x, displayName: undefined }));
            }}
            error={errors.displayName}
            testId="edit-user-display-name"
          />
          <SelectField
            label={t('edit.role')}
            value={role}
            disabled={isMe}
            onChange={(e) => {
              setRole(e.target.value as Role);
              setErrors((x) => ({ ...x, role: undefined }));
            }}
            error={errors.role}
            hint={!isMe && role !== user.role && PIN_ROLES.includes(user.role) && !PIN_ROLES.includes(role) && user.hasPin ? t('edit.pinWillGo') : undefined}
            testId="edit-user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`enums:role.${r}`)}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} testId="edit-user-save">
              {t('edit.save')}
            </Button>
            <Button variant="ghost" onClick={() => onDone(null, false)} shortcut="Esc" testId="edit-user-cancel">
              {t('edit.close')}
            </Button>
          </div>
        </form>
      </Panel>

      {canHavePin && (
        <Panel title={t('pin.title')} testId="user-pin">
          <form className="form" onSubmit={(e) => void savePin(e)} noValidate aria-label={t('pin.label', { name: user.displayName })}>
            <p className="muted" data-testid="user-pin-state">
              {user.hasPin
                ? t('pin.isSet')
                : t('pin.notSet')}
            </p>
            <ErrorBanner error={pinBanner} testId="user-pin-error" />
            <PasswordField
              label={user.hasPin ? t('pin.newPin') : t('pin.pin')}
              hint={t('pin.hint')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={pin}
              onChange={(e) => {
                setPin(e.target.value.replace(/\D/g, ''));
                setPinError(undefined);
                setPinBanner(null);
              }}
              error={pinError}
              testId="user-pin-input"
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={pinBusy === 'set'} testId="user-pin-save">
                {user.hasPin ? t('pin.reset') : t('pin.set')}
              </Button>
              {user.hasPin && (
                <Button variant="danger" busy={pinBusy === 'clear'} onClick={() => void clearPin()} testId="user-pin-clear">
                  {t('pin.remove')}
                </Button>
              )}
            </div>
          </form>
        </Panel>
      )}
    </div>
  );
}
