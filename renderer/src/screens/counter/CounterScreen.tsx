import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Reservation } from '../../../../shared/contract';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { EndedToggle } from '../../components/EndedToggle';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { splitEnded } from '../../format/session-phase';
import { formatLongDate } from '../../format/time';
import { addBusinessDays } from '../../../../shared/business-day';
import { phaseOf } from '../../format/session-phase';
import { DayPicker } from './DayPicker';
import { ReservationSearch } from './ReservationSearch';
import { useSystem } from '../../hooks/use-system';
import { useTerminalNow } from '../../hooks/use-terminal-now';
import { FilmFilter, filmsOf } from './FilmFilter';
import { SessionDetails } from './SessionDetails';
import { SessionList } from './SessionList';
import { SaleScreen } from './SaleScreen';
import { ShiftPanel } from './ShiftPanel';
import { ShiftStrip } from './ShiftStrip';
import { SellVoucherDialog } from './SellVoucherDialog';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import './counter.css';

/** Seats sold change while the cashier looks: read the day again this often. */
const REFRESH_MS = 20_000;

/** The cashier's counter: today's sessions in start order, a film filter, and the chosen session. */
export function CounterScreen() {
  const system = useSystem();
  // Advance sales (item 5): any business day; null is today.
  const [day, setDay] = useState<string | null>(null);
  const programme = useOperation('programme.day', day ? { date: day } : {}, { refreshMs: REFRESH_MS });
  const shownDay = day ?? programme.data?.businessDate ?? system.businessDate;
  const isToday = shownDay === system.businessDate;
  const now = useTerminalNow(15_000);
  const [filmId, setFilmId] = useState<string>('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const shift = useOperation('shifts.current', {});
  const [sellingId, setSellingId] = useState<string | null>(null);
  // A reservation being picked up (rule 18): sold on its session's screen.
  const [pickup, setPickup] = useState<Reservation | null>(null);
  const reservationRef = useRef<HTMLInputElement>(null);
  const [shiftOpen, setShiftOpen] = useState(false);
  const [sellingVoucher, setSellingVoucher] = useState(false);
  const { t } = useTranslation(['counter', 'components', 'vouchers']);
  const locale = useLocale();
  const canSell = !!shift.data?.open && shift.data.mine;
  const reloadShift = shift.reload;


  const goDay = useCallback(
    (date: string) => {
      setDay(date === system.businessDate ? null : date);
      setSelectedId(null);
    },
    [system.businessDate],
  );

  useEffect(() => {
    if (sellingId) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === 'PageDown' || e.key === 'PageUp') && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        const next = addBusinessDays(shownDay, e.key === 'PageDown' ? 1 : -1);
        // No selling in the past: the previous day stops at today.
        if (next >= system.businessDate) goDay(next);
      } else if (e.key === 'F3') {
        e.preventDefault();
        reservationRef.current?.focus();
      } else if (e.key === 'F9') {
        e.preventDefault();
        setShiftOpen((v) => !v);
      } else if (e.key === 'Escape' && shiftOpen) {
        setShiftOpen(false);
      } else if (e.key === 'F2') {
        e.preventDefault();
        (document.querySelector<HTMLButtonElement>('[data-testid="session-row"][aria-pressed="true"]') ?? document.querySelector<HTMLButtonElement>('[data-testid="session-row"]'))?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sellingId, shiftOpen, shownDay, system.businessDate, goDay]);

  const sessions = useMemo(() => programme.data?.sessions ?? [], [programme.data]);
  const films = useMemo(() => filmsOf(sessions), [sessions]);
  const shown = useMemo(() => (filmId ? sessions.filter((s) => s.film.id === filmId) : sessions), [sessions, filmId]);
  const { ended, upcoming } = splitEnded(shown, now);
  const listed = showEnded ? shown : upcoming;
  // Until the cashier picks one, the next session on sale is the chosen one: Enter sells it.
  const nextOnSale = listed.find((s) => phaseOf(s, now) === 'ON_SALE') ?? null;
  const selected = shown.find((s) => s.id === selectedId) ?? (selectedId ? null : nextOnSale);
  const effectiveId = selected?.id ?? null;
  const select = useCallback(
    (id: string) => {
      // Choosing the chosen session again (Enter or a second click) starts selling it.
      if (id === effectiveId && canSell) setSellingId(id);
      else setSelectedId(id);
    },
    [effectiveId, canSell],
  );

  // Keyboard first (item 3): with the shift open, the list has the keys — after sign-in, after a sale, after a day change.
  const listReady = canSell && !shiftOpen && listed.length > 0;
  useEffect(() => {
    if (!listReady || sellingId) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.id !== 'main' && !active.closest('[data-testid="session-list"]')) return;
    document.querySelector<HTMLButtonElement>('[data-testid="session-row"][aria-pressed="true"]')?.focus();
  }, [listReady, sellingId, effectiveId, shownDay]);

  if (sellingId && canSell) {
    return (
      <div className="screen counter-screen" data-testid="screen-counter">
        <SaleScreen
          sessionId={sellingId}
          reservation={pickup}
          onBack={() => {
            setSellingId(null);
            setPickup(null);
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
      {shift.error ? <ErrorBanner error={shift.error} title={t('screen.shiftError')} action={<Button onClick={shift.reload}>{t('components:tryAgain')}</Button>} /> : null}
      {sellingVoucher && (
        <SellVoucherDialog
          currency={system.cinema.currency}
          onClose={(sold) => {
            setSellingVoucher(false);
            if (sold) reloadShift();
          }}
        />
      )}
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{isToday ? t('screen.today') : t('screen.advance')}</h1>
          <p className="screen-subtitle" data-testid="counter-date">
            {formatLongDate(shownDay, locale)}
          </p>
        </div>
        <DayPicker day={shownDay} today={system.businessDate} onDay={goDay} />
        {canSell && (
          <Button onClick={() => setSellingVoucher(true)} testId="voucher-open">
            {t('vouchers:sell.open')}
          </Button>
        )}
        {canSell && (
          <ReservationSearch
            timeZone={system.cinema.timezone}
            inputRef={reservationRef}
            onSell={(r) => {
              setPickup(r);
              setSellingId(r.session.id);
            }}
          />
        )}
        {sessions.length > 0 && (
          <div className="screen-tools">
            <FilmFilter films={films} value={filmId} onChange={setFilmId} total={sessions.length} shown={shown.length} />
          </div>
        )}
      </div>

      {programme.error ? (
        <ErrorBanner
          error={programme.error}
          title={programme.data ? t('screen.refreshFailed') : t('screen.loadFailed')}
          action={<Button onClick={programme.reload}>{t('components:tryAgain')}</Button>}
        />
      ) : null}

      <div className={sessions.length > 0 ? 'counter-layout' : 'counter-layout is-empty'}>
        <div className="counter-list">
          {programme.loading && !programme.data ? (
            <Loading label={t('screen.loading')} />
          ) : sessions.length === 0 ? (
            programme.data && (
              <EmptyState title={isToday ? t('screen.noneToday') : t('screen.noneThatDay')} testId="counter-empty">
                <Trans t={t} i18nKey="screen.nothingScheduled" components={{ kbd: <kbd /> }} />
              </EmptyState>
            )
          ) : shown.length === 0 ? (
            <EmptyState title={t('screen.noneOfFilm')}>
              <Button onClick={() => setFilmId('')}>{t('screen.showAllFilms')}</Button>
            </EmptyState>
          ) : (
            <>
              <EndedToggle count={ended.length} shown={showEnded} onToggle={() => setShowEnded((v) => !v)} />
              {listed.length > 0 ? (
                <SessionList sessions={listed} selectedId={effectiveId} onSelect={select} now={now} timeZone={system.cinema.timezone} />
              ) : (
                <EmptyState title={t('screen.allEnded')} testId="counter-all-ended" />
              )}
            </>
          )}
        </div>
        {sessions.length > 0 && (
        <aside className="counter-details" aria-label={t('screen.details')}>
          {selected ? (
            <SessionDetails
              session={selected}
              now={now}
              timeZone={system.cinema.timezone}
              currency={system.cinema.currency}
              onSell={canSell ? () => setSellingId(selected.id) : undefined}
              sellBlocked={shift.data ? (canSell ? null : shift.data.open ? t('screen.otherShift', { name: shift.data.open.cashier.name }) : t('screen.openShiftToSell')) : null}
            />
          ) : (
            <EmptyState title={t('screen.chooseSession')} testId="session-details-empty">
              <Trans t={t} i18nKey="screen.chooseHint" components={{ kbd: <kbd /> }} />
            </EmptyState>
          )}
        </aside>
        )}
      </div>
    </div>
  );
}
