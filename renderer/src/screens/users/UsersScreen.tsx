import { useState } from 'react';
import type { UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ListView } from '../../components/ListView';
import { useRowAction } from '../../api/use-row-action';
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
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [editRound, setEditRound] = useState(0);

  const action = useRowAction(users.reload);
  const setActive = (user: UserSummary, active: boolean) =>
    void action.run(user.id, async () => {
      const updated = await call('users.setActive', { userId: user.id, active });
      return updated.active ? `${updated.displayName} can sign in again.` : `${updated.displayName} is deactivated and was signed out on every terminal.`;
    });

  return (
    <div className="screen users-screen" data-testid="screen-users">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Staff accounts</h1>
          <p className="screen-subtitle">Who may sign in at this cinema, and in which role.</p>
        </div>
      </div>

      {action.notice && (
        <Notice tone="success" testId="users-notice" onDismiss={() => action.setNotice(null)}>
          {action.notice}
        </Notice>
      )}
      <ErrorBanner error={action.error} testId="users-error" />

      <div className="users-layout">
        <div>
          <ListView rows={users.data} loading={users.loading} loadingLabel="Loading staff…" failure={{ error: users.error, title: 'Could not load the staff list', retry: users.reload }} empty={null}>
            {(rows) => (
              <UserTable
                users={rows}
                myId={me?.id ?? null}
                busyId={action.busyId}
                onSetActive={setActive}
                onResetPassword={(u) => {
                  action.clear();
                  setEditing(null);
                  setResetting(u);
                }}
                onEdit={(u) => {
                  action.clear();
                  setResetting(null);
                  setEditing(u);
                  setEditRound((r) => r + 1);
                }}
              />
            )}
          </ListView>
        </div>
        <div className="users-side">
          {editing ? (
            <EditUserForm
              key={`${editing.id}-${editRound}`}
              user={editing}
              isMe={editing.id === me?.id}
              onDone={(message, changed) => {
                setEditing(null);
                if (message) action.setNotice(message);
                if (changed) users.reload();
              }}
            />
          ) : resetting ? (
            <ResetPasswordForm
              key={resetting.id}
              user={resetting}
              onDone={(message) => {
                setResetting(null);
                if (message) action.setNotice(message);
              }}
            />
          ) : (
            <CreateUserForm
              onCreated={(u) => {
                action.setNotice(`${u.displayName} can now sign in as “${u.username}” (${ROLE_LABEL[u.role].toLowerCase()}).`);
                users.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
