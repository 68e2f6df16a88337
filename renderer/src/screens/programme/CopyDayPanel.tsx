import { useState } from 'react';
import type { CopyDayResult } from '../../../../shared/contract';
import { addBusinessDays } from '../../../../shared/business-day';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { formatDayTab, formatLongDate, formatTime } from '../../format/time';

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
    <Panel title={`Copy ${formatLongDate(date)} to other days`} testId="copy-day" actions={<Button variant="ghost" size="sm" onClick={onClose} testId="copy-day-close">Close</Button>}>
      <div className="form">
        <p className="muted">Every session of this day (not the cancelled ones) is copied at the same local time, not yet on sale. A session that would overlap, lacks an active contract or lies in the past is skipped and listed.</p>
        <fieldset className="copy-days" aria-label="Days to copy to">
          {days.map((d) => {
            const { weekday, day } = formatDayTab(d);
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
            {picked.length === 0 ? 'Tick the days to copy to' : `Copy to ${picked.length} ${picked.length === 1 ? 'day' : 'days'}`}
          </Button>
        </div>
        {result && (
          <div className="copy-result" data-testid="copy-day-result" role="status">
            <p className="strong">
              {result.created.length} {result.created.length === 1 ? 'session' : 'sessions'} copied; {result.skipped.length} skipped.
            </p>
            {result.skipped.length > 0 && (
              <ul className="skipped-list">
                {result.skipped.map((s) => (
                  <li key={`${s.date}-${s.startsAt}-${s.hallName}`} data-testid="copy-day-skipped">
                    <span className="strong">
                      {formatDayTab(s.date).weekday} {formatDayTab(s.date).day} {formatTime(s.startsAt, timeZone)} · {s.filmTitle} · {s.hallName}
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
