import type { SyncStatus } from '../../../shared/contract';
import { useOperation } from '../api/use-operation';
import { formatTime } from '../format/time';
import { hrefOf } from '../shell/areas';
import './sync-indicator.css';

/** How often the header asks about the central database: a sale's changes leave within seconds. */
const REFRESH_MS = 5000;

function stateOf(s: SyncStatus): { symbol: string; word: string; tone: 'ok' | 'off' | 'idle' } {
  if (s.demo) return { symbol: '◇', word: 'Demo · no sync', tone: 'idle' };
  if (!s.configured) return { symbol: '◇', word: 'Not connected', tone: 'idle' };
  return s.online ? { symbol: '●', word: 'Online', tone: 'ok' } : { symbol: '○', word: 'Offline', tone: 'off' };
}

/** Online/offline, changes waiting, the last sync and open conflicts — words first, colour only repeats them. */
export function SyncIndicator({ timeZone, canSeeConflicts }: { timeZone: string; canSeeConflicts: boolean }) {
  const status = useOperation('sync.status', {}, { refreshMs: REFRESH_MS });
  const s = status.data;
  if (!s) return null;
  const { symbol, word, tone } = stateOf(s);
  const title = s.lastError && !s.online ? `Last attempt failed: ${s.lastError}` : undefined;
  return (
    <div className={`sync-indicator sync-${tone}`} data-testid="sync-indicator" title={title} role="status" aria-live="polite">
      <span className="sync-state" data-testid="sync-state">
        <span aria-hidden="true">{symbol} </span>
        {word}
      </span>
      {s.configured && (
        <span className="sync-details">
          <span className="sync-detail" data-testid="sync-waiting">
            {s.changesWaiting === 0 ? 'all sent' : `${s.changesWaiting} waiting`}
          </span>
          <span className="sync-detail" data-testid="sync-last">
            {s.centralHeldBackSince
              ? `other terminals' changes delayed at the central database since ${formatTime(s.centralHeldBackSince, timeZone)}`
              : s.lastSyncAt
                ? `synced ${formatTime(s.lastSyncAt, timeZone)}`
                : 'never synced'}
          </span>
        </span>
      )}
      {s.openConflicts > 0 &&
        (canSeeConflicts ? (
          <a className="sync-conflicts" href={hrefOf('sync')} data-testid="sync-conflicts">
            ⚠ {s.openConflicts} conflict{s.openConflicts === 1 ? '' : 's'}
          </a>
        ) : (
          <span className="sync-conflicts" data-testid="sync-conflicts">
            ⚠ {s.openConflicts} conflict{s.openConflicts === 1 ? '' : 's'}
          </span>
        ))}
    </div>
  );
}
