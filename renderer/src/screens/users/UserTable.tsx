import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import { ActiveBadge } from '../../components/ActiveBadge';
import { ActiveToggle } from '../../components/ActiveToggle';

export interface UserTableProps {
  users: readonly UserSummary[];
  myId: string | null;
  busyId: string | null;
  onSetActive(user: UserSummary, active: boolean): void;
  onResetPassword(user: UserSummary): void;
  onEdit(user: UserSummary): void;
}

/** Staff accounts with what can be done to each. */
export function UserTable({ users, myId, busyId, onSetActive, onResetPassword, onEdit }: UserTableProps) {
  const { t } = useTranslation(['users', 'enums']);
  return (
    <DataTable caption={t('table.caption')} testId="users-table" className="users-table" columns={[t('table.name'), t('table.role'), t('table.pin'), t('table.status'), ACTIONS_COLUMN]}>
      {users.map((u) => {
        const me = u.id === myId;
        return (
          <tr key={u.id} className={u.active ? '' : 'is-inactive'} data-testid="user-row" data-username={u.username}>
            <td>
              <span className="strong">{u.displayName}</span>
              {me && <span className="tag">{t('table.you')}</span>}
              <div>
                <code className="username">{u.username}</code>
              </div>
            </td>
            <td>
              <span className={`role role-${u.role.toLowerCase()}`}>{t(`enums:role.${u.role}`)}</span>
            </td>
            <td data-testid="user-pin-cell">
              {u.role === 'ADMIN' || u.role === 'MANAGER' ? (
                u.hasPin ? (
                  <span className="pin-set">
                    <span aria-hidden="true">✓ </span>
                    {t('table.pinSet')}
                  </span>
                ) : (
                  <span className="muted">{t('table.pinNone')}</span>
                )
              ) : (
                <span className="muted" aria-label={t('table.noPinForRole')}>—</span>
              )}
            </td>
            <td>
              <ActiveBadge active={u.active} testId="user-status" />
            </td>
            <td className="row-actions">
              <Button size="sm" onClick={() => onEdit(u)} testId="user-edit" aria-label={t('table.editLabel', { name: u.displayName })}>
                {t('table.edit')}
              </Button>
              <Button size="sm" onClick={() => onResetPassword(u)} testId="user-reset-password" aria-label={t('table.passwordLabel', { name: u.displayName })}>
                {t('table.password')}
              </Button>
              {!me && <ActiveToggle active={u.active} name={u.displayName} testIdPrefix="user" busy={busyId === u.id} onChange={(active) => onSetActive(u, active)} />}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
