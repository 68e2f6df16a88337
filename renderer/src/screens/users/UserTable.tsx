import type { UserSummary } from '../../../../shared/contract';
import { Button } from '../../components/Button';
import { ROLE_LABEL } from '../../shell/areas';

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
    <div className="table-wrap">
      <table className="table users-table" data-testid="users-table">
        <caption className="visually-hidden">Staff accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name and user name</th>
            <th scope="col">Role</th>
            <th scope="col">PIN</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
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
                  <span className={`badge ${u.active ? 'badge-ok' : 'badge-muted'}`} data-testid="user-status">
                    <span className="badge-symbol" aria-hidden="true">
                      {u.active ? '●' : '○'}
                    </span>
                    {u.active ? 'Active' : 'Deactivated'}
                  </span>
                </td>
                <td className="row-actions">
                  <Button size="sm" onClick={() => onEdit(u)} testId="user-edit" aria-label={`Edit ${u.displayName}`}>
                    Edit
                  </Button>
                  <Button size="sm" onClick={() => onResetPassword(u)} testId="user-reset-password" aria-label={`Reset password of ${u.displayName}`}>
                    Password
                  </Button>
                  {!me &&
                    (u.active ? (
                      <Button
                        size="sm"
                        variant="danger"
                        busy={busyId === u.id}
                        onClick={() => onSetActive(u, false)}
                        testId="user-deactivate"
                        aria-label={`Deactivate ${u.displayName}`}
                      >
                        Deactivate
                      </Button>
                    ) : (
                      <Button size="sm" busy={busyId === u.id} onClick={() => onSetActive(u, true)} testId="user-reactivate" aria-label={`Reactivate ${u.displayName}`}>
                        Reactivate
                      </Button>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
