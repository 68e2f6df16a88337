import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ListView } from '../../components/ListView';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';
import { CreateUserForm } from './CreateUserForm';
import { EditUserForm } from './EditUserForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UserTable } from './UserTable';

/** The administrator's staff accounts: list, create, edit name and role, set a manager PIN, deactivate or reactivate, reset a password. */
export function UsersScreen() {
  const { t } = useTranslation(['users', 'enums']);
  const me = useSession((s) => s.user);
  const users = useOperation('users.list', {});
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [editRound, setEditRound] = useState(0);

  const action = useRowAction(users.reload);
  const setActive = (user: UserSummary, active: boolean) =>
    void action.run(user.id, async () => {
      const updated = await call('users.setActive', { userId: user.id, active });
      return t(updated.active ? 'notice.activeAgain' : 'notice.deactivated', { name: updated.displayName });
    });

  return (
    <div className="screen users-screen" data-testid="screen-users">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
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
          <ListView rows={users.data} loading={users.loading} loadingLabel={t('loading')} failure={{ error: users.error, title: t('loadFailed'), retry: users.reload }} empty={null}>
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
                action.setNotice(t('notice.created', { name: u.displayName, username: u.username, role: t(`enums:role.${u.role}`) }));
                users.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
