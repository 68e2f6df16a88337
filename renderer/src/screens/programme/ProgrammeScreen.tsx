import { useMemo, useState } from 'react';
import { addBusinessDays } from '../../../../shared/business-day';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatLongDate } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { useTerminalNow } from '../../hooks/use-terminal-now';
import { DayTabs } from './DayTabs';
import { HallTimeline } from './HallTimeline';
import { ProgrammeTable } from './ProgrammeTable';

const DAYS_AHEAD = 7;

/** The manager's week ahead: a tab per business day, a timeline per hall, and the same as a table. */
export function ProgrammeScreen() {
  const system = useSystem();
  const days = useMemo(() => Array.from({ length: DAYS_AHEAD }, (_, i) => addBusinessDays(system.businessDate, i)), [system.businessDate]);
  const [picked, setPicked] = useState<string | null>(null);
  const date = picked && days.includes(picked) ? picked : days[0]!;
  const programme = useOperation('programme.day', { date }, { refreshMs: 60_000 });
  const now = useTerminalNow(30_000);
  const sessions = programme.data?.sessions ?? [];
  const tz = system.cinema.timezone;

  return (
    <div className="screen programme-screen" data-testid="screen-programme">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Programme</h1>
          <p className="screen-subtitle">The week ahead, by business day. Times are in {tz.replace(/_/g, ' ')}.</p>
        </div>
      </div>

      <DayTabs days={days} today={system.businessDate} value={date} onChange={setPicked} />

      <div className="day-panel" role="tabpanel" id="programme-day-panel" aria-labelledby={`day-tab-${date}`} data-testid="programme-day" data-date={date}>
        <div className="day-panel-head">
          <h2 className="section-title">{formatLongDate(date)}</h2>
          {programme.data && (
            <p className="section-meta" data-testid="programme-count">
              {sessions.length} {sessions.length === 1 ? 'session' : 'sessions'} in {new Set(sessions.map((s) => s.hall.id)).size} halls
            </p>
          )}
        </div>

        {programme.error ? <ErrorBanner error={programme.error} title="Could not load this day" action={<Button onClick={programme.reload}>Try again</Button>} /> : null}

        {programme.loading && !programme.data ? (
          <Loading label="Loading the day…" />
        ) : programme.data && sessions.length === 0 ? (
          <EmptyState title="No sessions on this day" testId="programme-empty" />
        ) : (
          <>
            <HallTimeline sessions={sessions} timeZone={tz} now={now} />
            <ProgrammeTable sessions={sessions} timeZone={tz} currency={system.cinema.currency} now={now} />
          </>
        )}
      </div>
    </div>
  );
}
