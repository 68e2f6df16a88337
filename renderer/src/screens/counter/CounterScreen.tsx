import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { FilmFilter, filmsOf } from './FilmFilter';
import { SessionDetails } from './SessionDetails';
import { SessionList } from './SessionList';
import { SaleScreen } from './SaleScreen';
import { ShiftPanel } from './ShiftPanel';
import { ShiftStrip } from './ShiftStrip';
import './counter.css';

/** Seats sold change while the cashier looks: read the day again this often. */
const REFRESH_MS = 20_000;

/** The cashier's counter: today's sessions in start order, a film filter, and the chosen session. */
export function CounterScreen() {
  const system = useSystem();
  const programme = useOperation('programme.day', {}, { refreshMs: REFRESH_MS });
  const now = useTerminalNow(15_000);
  const [filmId, setFilmId] = useState<string>('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const shift = useOperation('shifts.current', {});
  const [sellingId, setSellingId] = useState<string | null>(null);
  const [shiftOpen, setShiftOpen] = useState(false);
  const canSell = !!shift.data?.open && shift.data.mine;
  const reloadShift = shift.reload;

  const select = useCallback(
    (id: string) => {
      // Choosing the chosen session again (Enter or a second click) starts selling it.
      if (id === selectedId && canSell) setSellingId(id);
      else setSelectedId(id);
    },
    [selectedId, canSell],
  );

  useEffect(() => {
    if (sellingId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F9') {
        e.preventDefault();
        setShiftOpen((v) => !v);
      } else if (e.key === 'Escape' && shiftOpen) {
        setShiftOpen(false);
      } else if (e.key === 'F2') {
        e.preventDefault();
        document.querySelector<HTMLButtonElement>('[data-testid="session-row"][aria-pressed="true"], [data-testid="session-row"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sellingId, shiftOpen]);

  const sessions = useMemo(() => programme.data?.sessions ?? [], [programme.data]);
  const films = useMemo(() => filmsOf(sessions), [sessions]);
  const shown = useMemo(() => (filmId ? sessions.filter((s) => s.film.id === filmId) : sessions), [sessions, filmId]);
  const { ended, upcoming } = splitEnded(shown, now);
  const listed = showEnded ? shown : upcoming;
  const selected = shown.find((s) => s.id === selectedId) ?? null;

  if (sellingId && canSell) {
    return (
      <div className="screen counter-screen" data-testid="screen-counter">
        <SaleScreen
          sessionId={sellingId}
          onBack={() => {
            setSellingId(null);
            programme.reload();
            reloadShift();
          }}
        />
      </div>
    );
  }

  return (
    <div className="screen counter-screen" data-testid="screen-counter">
      {shift.data && (!shift.data.open || shiftOpen) ? (
        <ShiftPanel
          current={shift.data}
          currency={system.cinema.currency}
          timeZone={system.cinema.timezone}
          onChanged={reloadShift}
          onClose={shift.data.open ? () => setShiftOpen(false) : undefined}
        />
      ) : shift.data ? (
        <ShiftStrip current={shift.data} currency={system.cinema.currency} timeZone={system.cinema.timezone} onOpenPanel={() => setShiftOpen(true)} />
      ) : null}
      {shift.error ? <ErrorBanner error={shift.error} title="Could not read the shift" action={<Button onClick={shift.reload}>Try again</Button>} /> : null}
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Today’s sessions</h1>
          <p className="screen-subtitle" data-testid="counter-date">
            {formatLongDate(programme.data?.businessDate ?? system.businessDate)}
          </p>
        </div>
        {sessions.length > 0 && (
          <div className="screen-tools">
            <FilmFilter films={films} value={filmId} onChange={setFilmId} total={sessions.length} shown={shown.length} />
          </div>
        )}
      </div>

      {programme.error ? (
        <ErrorBanner
          error={programme.error}
          title={programme.data ? 'Could not refresh the programme; showing what was last loaded' : 'Could not load the programme'}
          action={<Button onClick={programme.reload}>Try again</Button>}
        />
      ) : null}

      <div className={sessions.length > 0 ? 'counter-layout' : 'counter-layout is-empty'}>
        <div className="counter-list">
          {programme.loading && !programme.data ? (
            <Loading label="Loading today’s programme…" />
          ) : sessions.length === 0 ? (
            programme.data && <EmptyState title="No sessions today" testId="counter-empty">Nothing is scheduled for this business day.</EmptyState>
          ) : shown.length === 0 ? (
            <EmptyState title="No sessions of this film today">
              <Button onClick={() => setFilmId('')}>Show all films</Button>
            </EmptyState>
          ) : (
            <>
              <EndedToggle count={ended.length} shown={showEnded} onToggle={() => setShowEnded((v) => !v)} />
              {listed.length > 0 ? (
                <SessionList sessions={listed} selectedId={selected?.id ?? null} onSelect={select} now={now} timeZone={system.cinema.timezone} />
              ) : (
                <EmptyState title="All of today’s sessions have ended" testId="counter-all-ended" />
              )}
            </>
          )}
        </div>
        {sessions.length > 0 && (
        <aside className="counter-details" aria-label="Session details">
          {selected ? (
            <SessionDetails
              session={selected}
              now={now}
              timeZone={system.cinema.timezone}
              currency={system.cinema.currency}
              onSell={canSell ? () => setSellingId(selected.id) : undefined}
              sellBlocked={shift.data ? (canSell ? null : shift.data.open ? `${shift.data.open.cashier.name}’s shift is open on this terminal.` : 'Open your shift to sell.') : null}
            />
          ) : (
            <EmptyState title="Choose a session" testId="session-details-empty">
              Its hall, times, price and seats appear here. Use <kbd>↑</kbd> <kbd>↓</kbd> to move through the list.
            </EmptyState>
          )}
        </aside>
        )}
      </div>
    </div>
  );
}
