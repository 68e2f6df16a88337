import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { EndedToggle } from '../../components/EndedToggle';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { splitEnded } from '../../format/session-phase';
import { formatLongDate } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { useTerminalNow } from '../../hooks/use-terminal-now';
import { DoorSession } from './DoorSession';
import { DoorScanner } from './DoorScanner';
import './door.css';
import { SessionChooser } from './SessionChooser';

const REFRESH_MS = 20_000;

/** The usher at the hall door: choose today's session, see its start, hall and tickets sold. */
export function DoorScreen() {
  const { t } = useTranslation(['door', 'components']);
  const locale = useLocale();
  const system = useSystem();
  const programme = useOperation('programme.day', {}, { refreshMs: REFRESH_MS });
  const now = useTerminalNow(15_000);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const sessions = useMemo(() => programme.data?.sessions ?? [], [programme.data]);
  const chosen = sessions.find((s) => s.id === chosenId) ?? null;
  const { ended, upcoming } = splitEnded(sessions, now);
  const listed = showEnded ? sessions : upcoming;

  return (
    <div className="screen door-screen" data-testid="screen-door">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{formatLongDate(programme.data?.businessDate ?? system.businessDate, locale)}</p>
        </div>
      </div>

      {programme.error ? (
        <ErrorBanner
          error={programme.error}
          title={programme.data ? t('refreshFailed') : t('loadFailed')}
          action={<Button onClick={programme.reload}>{t('components:tryAgain')}</Button>}
        />
      ) : null}

      {programme.loading && !programme.data ? (
        <Loading label={t('loading')} />
      ) : programme.data && sessions.length === 0 ? (
        <EmptyState title={t('none')} testId="door-empty" />
      ) : (
        <div className="door-layout">
          <div className="door-sessions">
            <EndedToggle count={ended.length} shown={showEnded} onToggle={() => setShowEnded((v) => !v)} />
            {listed.length > 0 ? (
              <SessionChooser sessions={listed} chosenId={chosen?.id ?? null} onChoose={setChosenId} now={now} timeZone={system.cinema.timezone} />
            ) : (
              <EmptyState title={t('allEnded')} />
            )}
          </div>
          {chosen ? (
            <div className="door-main">
              <DoorScanner key={chosen.id} sessionId={chosen.id} timeZone={system.cinema.timezone} />
              <DoorSession session={chosen} now={now} timeZone={system.cinema.timezone} />
            </div>
          ) : (
            <EmptyState title={t('choose')} testId="door-session-empty">
              {t('chooseHint')}
            </EmptyState>
          )}
        </div>
      )}
    </div>
  );
}
