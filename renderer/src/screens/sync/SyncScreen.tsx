import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session';
import { SyncSettingsPanel } from './SyncSettingsPanel';
import { ConflictList } from './ConflictList';
import { TerminalsPanel } from './TerminalsPanel';
import './sync.css';

/** The central database: the administrator's connection settings, and every manager's conflict list. */
export function SyncScreen() {
  const { t } = useTranslation('sync');
  const role = useSession((s) => s.user?.role);
  return (
    <div className="screen sync-screen" data-testid="screen-sync">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
      </div>
      <div className="sync-layout">
        <div className="sync-column">
          <ConflictList />
          <TerminalsPanel />
        </div>
        {role === 'ADMIN' && <SyncSettingsPanel />}
      </div>
    </div>
  );
}
