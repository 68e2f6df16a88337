import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyDayResult } from '../../../../shared/contract';
import { addBusinessDays } from '../../../../shared/business-day';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { formatDayTab, formatLongDate, formatTime } from '../../format/time';
import { useLocale } from '../../i18n/i18n';

export interface CopyDayPanelProps {
  date: string;
  today: string;
  timeZone: string;
  onCopied(result: CopyDayResult): void;
  onClose(): void;
}

const DAYS_OFFERED = 14;

/** Copies the day's sessions to the days ticked here; reports each session that could not be copied. */
export function CopyDayPanel({ date, today, timeZone, onCopied, onClose }: CopyDayPanelProps) {
  const { t } = useTranslation(['programme', 'common']);
  const locale = useLocale();
  const first = date < today ? today : addBusinessDays(date, 1);
  const days = Array.from({ length: DAYS_OFFERED }, (_, i) => addBusinessDays(first, i)).filter((d) => d !== date);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<CopyDayResult | null>(null);

  const toggle = (d: string) => setPicked((p) => (p.includes(d) ? p.filter((x) => x !== d) : [...p, d].sort()));

  const copy = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('sessions.copyDay', { fromDate: date, toDates: picked });
      setResult(r);
      setPicked([]);
      onCopied(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('copy.title', { date: formatLongDate(date, locale) })} testId="copy-day" actions={<Button variant="ghost" size="sm" onClick={onClose} testId="copy-day-close">{t('common:action.close')}</Button>}>
      <div className="form">
        <p className="muted">{t('copy.explain')}</p>
        <fieldset className="copy-days" aria-label={t('copy.days')}>
          {days.map((d) => {
            const { weekday, day } = formatDayTab(d, locale);
            return (
              <label key={d} className={picked.includes(d) ? 'copy-day is-picked' : 'copy-day'}>
                <input type="checkbox" checked={picked.includes(d)} onChange={() => toggle(d)} data-testid="copy-day-option" data-date={d} />
                <span>
                  {weekday} {day}
                </span>
              </label>
            );
          })}
        </fieldset>
        <ErrorBanner error={error} testId="copy-day-error" />
        <div className="form-actions">
          <Button variant="primary" busy={busy} disabled={picked.length === 0} onClick={() => void copy()} testId="copy-day-submit">
            {picked.length === 0 ? t('copy.tick') : t('copy.submit', { count: picked.length })}
          </Button>
        </div>
        {result && (
          <div className="copy-result" data-testid="copy-day-result" role="status">
            <p className="strong">
              {t('copy.result', { created: t('session', { count: result.created.length }), skipped: result.skipped.length })}
            </p>
            {result.skipped.length > 0 && (
              <ul className="skipped-list">
                {result.skipped.map((s) => (
                  <li key={`${s.date}-${s.startsAt}-${s.hallName}`} data-testid="copy-day-skipped">
                    <span className="strong">
                      {formatDayTab(s.date, locale).weekday} {formatDayTab(s.date, locale).day} {formatTime(s.startsAt, timeZone, locale)} · {s.filmTitle} · {s.hallName}
                    </span>
                    <br />
                    <span className="muted">{s.reason}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
