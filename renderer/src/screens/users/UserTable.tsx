import type { UserSummary } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { ROLE_LABEL } from '../../shell/areas';
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
  return (
    <DataTable caption="Staff accounts" testId="users-table" className="users-table" columns={['Name and user name', 'Role', 'PIN', 'Status', ACTIONS_COLUMN]}>
      {users.map((u) => {
        const me = u.id === myId;
        return (
          <tr key={u.id} className={u.active ? '' : 'is-inactive'} data-testid="user-row" data-username={u.username}>
            <td>
              <span className="strong">{u.displayName}</span>
              {me && <span className="tag">You</span>}
              <div>
                <code className="username">{u.username}</code>
              </div>
            </td>
            <td>
              <span className={`role role-${u.role.toLowerCase()}`}>{ROLE_LABEL[u.role]}</span>
            </td>
            <td data-testid="user-pin-cell">
              {u.role === 'ADMIN' || u.role === 'MANAGER' ? (
                u.hasPin ? (
                  <span className="pin-set">
                    <span aria-hidden="true">✓ </span>Set
                  </span>
                ) : (
                  <span className="muted">None</span>
                )
              ) : (
                <span className="muted" aria-label="No PIN for this role">—</span>
              )}
            </td>
            <td>
              <ActiveBadge active={u.active} testId="user-status" />
            </td>
            <td className="row-actions">
              <Button size="sm" onClick={() => onEdit(u)} testId="user-edit" aria-label={`Edit ${u.displayName}`}>
                Edit
              </Button>
              <Button size="sm" onClick={() => onResetPassword(u)} testId="user-reset-password" aria-label={`Reset password of ${u.displayName}`}>
                Password
              </Button>
              {!me && <ActiveToggle active={u.active} name={u.displayName} testIdPrefix="user" busy={busyId === u.id} onChange={(active) => onSetActive(u, active)} />}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
