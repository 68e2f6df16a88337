import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSession } from '../../../../shared/contract';
import { addBusinessDays } from '../../../../shared/business-day';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { DateInput } from '../../components/DateField';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { formatLongDate, formatTime } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { useTerminalNow } from '../../hooks/use-terminal-now';
import { useLocale } from '../../i18n/i18n';
import { confirmLeave } from '../../shell/unsaved-changes';
import { CopyDayPanel } from './CopyDayPanel';
import { DayTabs } from './DayTabs';
import { HallTimeline } from './HallTimeline';
import { ProgrammeTable } from './ProgrammeTable';
import { SessionForm } from './SessionForm';
import { SessionPanel } from './SessionPanel';
import './programme.css';

/** Two weeks: cinemas plan the coming week while this one runs. */
const DAYS_SHOWN = 14;

type Side = { kind: 'new' } | { kind: 'copy' } | { kind: 'session'; id: string } | null;

/** The manager's programme: a tab per business day, a timeline per hall, the same as a table, and the tools to plan it. */
export function ProgrammeScreen() {
  const { t } = useTranslation(['programme', 'components']);
  const locale = useLocale();
  const system = useSystem();
  const [firstDay, setFirstDay] = useState<string | null>(null);
  const start = firstDay && firstDay >= system.businessDate ? firstDay : system.businessDate;
  const days = useMemo(() => Array.from({ length: DAYS_SHOWN }, (_, i) => addBusinessDays(start, i)), [start]);
  const [picked, setPicked] = useState<string | null>(null);
  const date = picked && days.includes(picked) ? picked : days[0]!;
  const programme = useOperation('programme.day', { date }, { refreshMs: 60_000 });
  const options = useOperation('scheduling.options', {});
  const now = useTerminalNow(30_000);
  const sessions = programme.data?.sessions ?? [];
  const halls = new Set(sessions.map((s) => s.hall.id)).size;
  const tz = system.cinema.timezone;
  const currency = system.cinema.currency;
  const [side, setSide] = useState<Side>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saleBusy, setSaleBusy] = useState(false);
  const [saleError, setSaleError] = useState<unknown>(null);

  const selected = side?.kind === 'session' ? sessions.find((s) => s.id === side.id) : undefined;
  const scheduled = sessions.filter((s) => s.status === 'SCHEDULED' && Date.parse(s.startsAt) > now);

  /** Opens another side panel; a form with unsaved changes asks first. */
  const open = (next: Side) => {
    if (!confirmLeave()) return false;
    setSide(next);
    return true;
  };

  const pickDay = (d: string) => {
    if (side && !confirmLeave()) return;
    setPicked(d);
    if (side?.kind === 'session') setSide(null);
    setNotice(null);
  };
  const select = (s: ProgrammeSession) => {
    if (!open({ kind: 'session', id: s.id })) return;
    setNotice(null);
  };

  const putAllOnSale = async () => {
    setSaleBusy(true);
    setSaleError(null);
    try {
      const done = await call('sessions.putOnSale', { sessionIds: scheduled.map((s) => s.id) });
      setNotice(t('onSaleNotice', { count: done.length }));
      programme.reload();
    } catch (e) {
      setSaleError(e);
    } finally {
      setSaleBusy(false);
    }
  };

  return (
    <div
      className="screen programme-screen"
      data-testid="screen-programme"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && side) open(null);
      }}
    >
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle', { timeZone: tz.replace(/_/g, ' ') })}</p>
        </div>
        <div className="screen-tools">
          <label className="inline-label nowrap" htmlFor="programme-go-to">
            {t('goToDay')}
          </label>
          <DateInput
            id="programme-go-to"
            min={system.businessDate}
            value={date}
            onChange={(d) => {
              if (!d || d < system.businessDate) return;
              setFirstDay(d);
              pickDay(d);
            }}
            testId="programme-go-to"
          />
        </div>
      </div>

      <DayTabs days={days} today={system.businessDate} value={date} onChange={pickDay} />

      <div className="day-panel" role="tabpanel" id="programme-day-panel" aria-labelledby={`day-tab-${date}`} data-testid="programme-day" data-date={date}>
        <div className="day-panel-head">
          <h2 className="section-title">{formatLongDate(date, locale)}</h2>
          {programme.data && (
            <p className="section-meta" data-testid="programme-count">
              {t('count', { sessions: t('session', { count: sessions.length }), halls: t('hall', { count: halls }) })}
            </p>
          )}
          <div className="plan-tools">
            <Button variant="primary" onClick={() => open({ kind: 'new' })} disabled={!options.data} testId="programme-new-session">
              {t('newSession')}
            </Button>
            <Button onClick={() => open({ kind: 'copy' })} disabled={sessions.length === 0} testId="programme-copy-day">
              {t('copyDay')}
            </Button>
            <Button onClick={() => void putAllOnSale()} busy={saleBusy} disabled={scheduled.length === 0} testId="programme-put-all-on-sale">
              {scheduled.length > 0 ? t('putOnSale', { count: scheduled.length }) : t('allOnSale')}
            </Button>
          </div>
        </div>

        {notice && (
          <Notice tone="success" testId="programme-notice" onDismiss={() => setNotice(null)}>
            {notice}
          </Notice>
        )}
        <ErrorBanner error={saleError} testId="programme-sale-error" />
        {options.error ? <ErrorBanner error={options.error} title={t('loadOptionsFailed')} action={<Button onClick={options.reload}>{t('components:tryAgain')}</Button>} /> : null}
        {programme.error ? <ErrorBanner error={programme.error} title={t('loadDayFailed')} action={<Button onClick={programme.reload}>{t('components:tryAgain')}</Button>} /> : null}

        {side?.kind === 'new' && options.data && (
          <SessionForm
            key={date}
            date={date}
            options={options.data}
            timeZone={tz}
            currency={currency}
            onClose={() => open(null)}
            onAttempt={() => setNotice(null)}
            onCreated={(s) => {
              setNotice(t('scheduled', { film: s.film.title, hall: s.hall.name, start: formatTime(s.startsAt, tz, locale), end: formatTime(s.endsAt, tz, locale) }));
              programme.reload();
            }}
          />
        )}
        {side?.kind === 'copy' && (
          <CopyDayPanel
            key={date}
            date={date}
            today={system.businessDate}
            timeZone={tz}
            onClose={() => open(null)}
            onCopied={(r) => setNotice(t('copiedNotice', { created: t('session', { count: r.created.length }), skipped: r.skipped.length }))}
          />
        )}
        {selected && options.data && (
          <SessionPanel
            key={selected.id}
            session={selected}
            date={date}
            options={options.data}
            timeZone={tz}
            currency={currency}
            now={now}
            onClose={() => open(null)}
            onChanged={(message) => {
              setNotice(message);
              programme.reload();
            }}
          />
        )}

        {programme.loading && !programme.data ? (
          <Loading label={t('loadingDay')} />
        ) : programme.data && sessions.length === 0 ? (
          <EmptyState title={t('empty')} testId="programme-empty">
            <p>{t('emptyHint')}</p>
          </EmptyState>
        ) : (
          <>
            <HallTimeline sessions={sessions} timeZone={tz} now={now} onSelect={select} selectedId={selected?.id ?? null} halls={options.data?.halls} />
            <ProgrammeTable sessions={sessions} timeZone={tz} currency={currency} now={now} onSelect={select} />
          </>
        )}
      </div>
    </div>
  );
}
