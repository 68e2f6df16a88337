import { useState } from 'react';
import type { UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';
import { ROLE_LABEL } from '../../shell/areas';
import { CreateUserForm } from './CreateUserForm';
import { EditUserForm } from './EditUserForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UserTable } from './UserTable';

/** The administrator's staff accounts: list, create, edit name and role, set a manager PIN, deactivate or reactivate, reset a password. */
export function UsersScreen() {
  const me = useSession((s) => s.user);
  const users = useOperation('users.list', {});
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [editRound, setEditRound] = useState(0);

  const setActive = async (user: UserSummary, active: boolean) => {
    setBusyId(user.id);
    setActionError(null);
    setNotice(null);
    try {
      const updated = await call('users.setActive', { userId: user.id, active });
      setNotice(
        updated.active
          ? `${updated.displayName} can sign in again.`
          : `${updated.displayName} is deactivated and was signed out on every terminal.`,
      );
      users.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="screen users-screen" data-testid="screen-users">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Staff accounts</h1>
          <p className="screen-subtitle">Who may sign in at this cinema, and in which role.</p>
        </div>
      </div>

      {notice && (
        <Notice tone="success" testId="users-notice" action={<Button variant="ghost" size="sm" onClick={() => setNotice(null)}>Dismiss</Button>}>
          {notice}
        </Notice>
      )}
      <ErrorBanner error={actionError} testId="users-error" />

      <div className="users-layout">
        <div>
          {users.error ? <ErrorBanner error={users.error} title="Could not load the staff list" action={<Button onClick={users.reload}>Try again</Button>} /> : null}
          {users.loading && !users.data ? (
            <Loading label="Loading staff…" />
          ) : users.data ? (
            <UserTable
              users={users.data}
              myId={me?.id ?? null}
              busyId={busyId}
              onSetActive={(u, active) => void setActive(u, active)}
              onResetPassword={(u) => {
                setNotice(null);
                setActionError(null);
                setEditing(null);
                setResetting(u);
              }}
              onEdit={(u) => {
                setNotice(null);
                setActionError(null);
                setResetting(null);
                setEditing(u);
                setEditRound((r) => r + 1);
              }}
            />
          ) : null}
        </div>
        <div className="users-side">
          {editing ? (
            <EditUserForm
              key={`${editing.id}-${editRound}`}
              user={editing}
              isMe={editing.id === me?.id}
              onDone={(message, changed) => {
                setEditing(null);
                if (message) setNotice(message);
                if (changed) users.reload();
              }}
            />
          ) : resetting ? (
            <ResetPasswordForm
              key={resetting.id}
              user={resetting}
              onDone={(message) => {
                setResetting(null);
                if (message) setNotice(message);
              }}
            />
          ) : (
            <CreateUserForm
              onCreated={(u) => {
                setNotice(`${u.displayName} can now sign in as “${u.username}” (${ROLE_LABEL[u.role].toLowerCase()}).`);
                setActionError(null);
                users.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
