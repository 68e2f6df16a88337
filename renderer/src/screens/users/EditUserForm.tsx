import { useState, type FormEvent } from 'react';
import type { UserSummary } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/enums';
import { call, isApiCallError } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { PasswordField } from '../../components/PasswordField';
import { ROLE_LABEL } from '../../shell/areas';
import './edit-user.css';

const PIN_ROLES: readonly Role[] = ['ADMIN', 'MANAGER'];

export interface EditUserFormProps {
  user: UserSummary;
  isMe: boolean;
  onDone(message: string | null, changed: boolean): void;
}

/** A staff account's name and role, and — for managers and administrators — the override PIN. */
export function EditUserForm({ user, isMe, onDone }: EditUserFormProps) {
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
      const roleNote =
        updated.role !== user.role
          ? ` is now ${ROLE_LABEL[updated.role].toLowerCase()} and was signed out to pick up the new role${user.hasPin && !updated.hasPin ? '; their override PIN was removed' : ''}.`
          : ' is saved.';
      onDone(`${updated.displayName}${roleNote}`, true);
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
      setPinError('must be 4 to 8 digits');
      return;
    }
    setPinBusy('set');
    setPinBanner(null);
    try {
      await call('users.setPin', { userId: user.id, pin });
      onDone(`New override PIN set for ${user.displayName}. Tell it to them in private.`, true);
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
      onDone(`${user.displayName} has no override PIN any more.`, true);
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
      <Panel title={`Edit — ${user.displayName}`} testId="edit-user">
        <form className="form" onSubmit={(e) => void save(e)} noValidate aria-label={`Edit ${user.displayName}`}>
          <p className="muted">
            <code className="username">{user.username}</code>
            {isMe && ' — your own account: your role stays as it is.'}
          </p>
          <ErrorBanner error={error} testId="edit-user-error" />
          <TextField
            label="Display name"
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
            label="Role"
            value={role}
            disabled={isMe}
            onChange={(e) => {
              setRole(e.target.value as Role);
              setErrors((x) => ({ ...x, role: undefined }));
            }}
            error={errors.role}
            hint={!isMe && role !== user.role && PIN_ROLES.includes(user.role) && !PIN_ROLES.includes(role) && user.hasPin ? 'A cashier or usher has no override PIN: it will be removed.' : undefined}
            testId="edit-user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} testId="edit-user-save">
              Save
            </Button>
            <Button variant="ghost" onClick={() => onDone(null, false)} shortcut="Esc" testId="edit-user-cancel">
              Close
            </Button>
          </div>
        </form>
      </Panel>

      {canHavePin && (
        <Panel title="Manager override PIN" testId="user-pin">
          <form className="form" onSubmit={(e) => void savePin(e)} noValidate aria-label={`Override PIN of ${user.displayName}`}>
            <p className="muted" data-testid="user-pin-state">
              {user.hasPin
                ? 'A PIN is set. Typing it on a cashier’s screen authorises refunds after the show starts and other overrides.'
                : 'No PIN yet: this person cannot authorise overrides at the counter.'}
            </p>
            <ErrorBanner error={pinBanner} testId="user-pin-error" />
            <PasswordField
              label={user.hasPin ? 'New PIN' : 'PIN'}
              hint="4 to 8 digits, not shared with another manager, not 1111 or 1234."
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
                {user.hasPin ? 'Reset PIN' : 'Set PIN'}
              </Button>
              {user.hasPin && (
                <Button variant="danger" busy={pinBusy === 'clear'} onClick={() => void clearPin()} testId="user-pin-clear">
                  Remove PIN
                </Button>
              )}
            </div>
          </form>
        </Panel>
      )}
    </div>
  );
}
