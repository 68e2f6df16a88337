import type { SessionUser, SystemStatus } from '../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { Clock } from '../shell/Clock';
import { Button } from './Button';
import { SyncIndicator } from './SyncIndicator';
import { LanguagePicker } from './LanguagePicker';

export interface HeaderProps {
  system: SystemStatus;
  user: SessionUser;
  onLogout(): void;
  loggingOut: boolean;
}

/** Which cinema and till this is, who is signed in, the time, and the way out. */
export function Header({ system, user, onLogout, loggingOut }: HeaderProps) {
  const { t } = useTranslation(['common', 'enums']);
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ▚
        </span>
        <div className="brand-text">
          <span className="brand-cinema" data-testid="header-cinema">
            {system.cinema.name}
          </span>
          <span className="brand-terminal" data-testid="header-terminal">
            {system.terminal.name}
          </span>
        </div>
      </div>
      <Clock timeZone={system.cinema.timezone} />
      <div className="header-user">
        <SyncIndicator timeZone={system.cinema.timezone} canSeeConflicts={user.role === 'ADMIN' || user.role === 'MANAGER'} />
        <div className="user-badge" data-testid="header-user">
          <span className="user-name">{user.displayName}</span>
          <span className="user-role" data-testid="header-role">
            {t(`enums:role.${user.role}`)}
          </span>
        </div>
        <LanguagePicker />
        <Button variant="ghost" onClick={onLogout} busy={loggingOut} testId="logout">
          {t('action.logOut')}
        </Button>
      </div>
    </header>
  );
}
