import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/contract';
import { useOperation } from '../api/use-operation';
import { formatTime } from '../format/time';
import { useLocale } from '../i18n/i18n';
import { hrefOf } from '../shell/areas';
import './sync-indicator.css';

/** How often the header asks about the central database: a sale's changes leave within seconds. */
const REFRESH_MS = 5000;

function stateOf(s: SyncStatus): { symbol: string; word: 'demo' | 'notConnected' | 'online' | 'offline'; tone: 'ok' | 'off' | 'idle' } {
  if (s.demo) return { symbol: '◇', word: 'demo', tone: 'idle' };
  if (!s.configured) return { symbol: '◇', word: 'notConnected', tone: 'idle' };
  return s.online ? { symbol: '●', word: 'online', tone: 'ok' } : { symbol: '○', word: 'offline', tone: 'off' };
}

/** Online/offline, changes waiting, the last sync and open conflicts — words first, colour only repeats them. */
export function SyncIndicator({ timeZone, canSeeConflicts }: { timeZone: string; canSeeConflicts: boolean }) {
  const { t } = useTranslation('components');
  const locale = useLocale();
  const status = useOperation('sync.status', {}, { refreshMs: REFRESH_MS });
  const s = status.data;
  if (!s) return null;
  const { symbol, word, tone } = stateOf(s);
  const title = s.lastError && !s.online ? t('sync.lastFailed', { error: s.lastError }) : undefined;
  return (
    <div className={`sync-indicator sync-${tone}`} data-testid="sync-indicator" title={title} role="status" aria-live="polite">
      <span className="sync-state" data-testid="sync-state">
        <span aria-hidden="true">{symbol} </span>
        {t(`sync.${word}`)}
      </span>
      {s.configured && (
        <span className="sync-details">
          <span className="sync-detail" data-testid="sync-waiting">
            {s.changesWaiting === 0 ? t('sync.allSent') : t('sync.waiting', { count: s.changesWaiting })}
          </span>
          <span className="sync-detail" data-testid="sync-last">
            {s.centralHeldBackSince
              ? t('sync.heldBack', { time: formatTime(s.centralHeldBackSince, timeZone, locale) })
              : s.lastSyncAt
                ? t('sync.synced', { time: formatTime(s.lastSyncAt, timeZone, locale) })
                : t('sync.never')}
          </span>
        </span>
      )}
      {s.openConflicts > 0 &&
        (canSeeConflicts ? (
          <a className="sync-conflicts" href={hrefOf('sync')} data-testid="sync-conflicts">
            ⚠ {t('sync.conflicts', { count: s.openConflicts })}
          </a>
        ) : (
          <span className="sync-conflicts" data-testid="sync-conflicts">
            ⚠ {t('sync.conflicts', { count: s.openConflicts })}
          </span>
        ))}
    </div>
  );
}
