import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { ScanAnswer } from '../../../../shared/contract';
import type { ScanResult } from '../../../../shared/enums';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatTime } from '../../format/time';
import { CameraScanner } from './CameraScanner';

/** A shape per answer beside its word (`door:result.*`, rule 9): the colour only repeats what these say. */
export const SCAN_SYMBOL: Record<ScanResult, string> = {
  VALID: '✓',
  ALREADY_USED: '✕',
  REFUNDED: '✕',
  WRONG_SESSION: '⇄',
  TOO_EARLY: '◷',
  TOO_LATE: '◷',
  FORGED: '⚠',
};

const STATE_REFRESH_MS = 10_000;

/**
 * The usher's scanner: a field that keeps the focus for keyboard-wedge scanners (they type the
 * code and press Enter), an optional camera, the last answer as big as the screen allows, and
 * the number of guests let in so far.
 */
export function DoorScanner({ sessionId, timeZone }: { sessionId: string; timeZone: string }) {
  const { t } = useTranslation('door');
  const locale = useLocale();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const state = useOperation('door.session', { sessionId }, { refreshMs: STATE_REFRESH_MS });
  const reloadState = state.reload;

  // The scan field keeps the focus, so a scanner (which types into whatever is focused) always
  // reaches it: whenever the focus drops to nothing, and whenever a session is chosen by pointer.
  // A keyboard user moving through the chooser or the buttons keeps their place.
  const lastInput = useRef<'pointer' | 'keyboard'>('pointer');
  const refocus = useCallback(() => {
    const active = document.activeElement;
    if (!active || active === document.body) inputRef.current?.focus();
  }, []);
  useEffect(() => {
    const onFocusOut = () => setTimeout(refocus, 0);
    const onPointer = () => (lastInput.current = 'pointer');
    const onKey = () => (lastInput.current = 'keyboard');
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [refocus]);

  // Mounted afresh for each chosen session (the screen keys it by session).
  useEffect(() => {
    if (lastInput.current === 'pointer') inputRef.current?.focus();
  }, [sessionId]);

  const scan = useCallback(
    async (text: string) => {
      const value = text.trim();
      if (!value || busy) return;
      setBusy(true);
      setError(null);
      try {
        setAnswer(await call('tickets.scan', { sessionId, code: value }));
        reloadState();
      } catch (e) {
        setAnswer(null);
        setError(e);
      } finally {
        setBusy(false);
        setCode('');
        inputRef.current?.focus();
      }
    },
    [busy, sessionId, reloadState],
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void scan(code);
  };

  return (
    <section className="panel door-scanner" aria-labelledby="door-scan-title" data-testid="door-scanner">
      <header className="panel-head">
        <h2 className="panel-title" id="door-scan-title">
          {t('scan.title')}
        </h2>
        <p className="door-admitted" data-testid="door-admitted" aria-live="polite">
          <Trans t={t} i18nKey="scan.admitted" values={{ admitted: answer?.admitted ?? state.data?.admitted ?? '…' }} components={{ span: <span className="door-admitted-number" /> }} />
          {state.data ? <span className="muted">{t('scan.ofSold', { sold: state.data.sold })}</span> : null}
        </p>
      </header>
      <form className="door-scan-form" onSubmit={onSubmit}>
        <label className="field-label" htmlFor="door-scan-input">
          {t('scan.code')} <span className="muted">{t('scan.codeHint')}</span>
        </label>
        <div className="input-group">
          <input
            id="door-scan-input"
            ref={inputRef}
            className="input door-scan-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            aria-describedby="door-scan-result"
            data-testid="door-scan-input"
          />
          <Button type="submit" variant="primary" busy={busy} testId="door-scan-submit" shortcut="Enter">
            {t('scan.check')}
          </Button>
        </div>
      </form>
      <div className="door-camera-row">
        <Button variant={camera ? 'secondary' : 'ghost'} onClick={() => setCamera((v) => !v)} testId="door-camera-toggle">
          {camera ? t('scan.stopCamera') : t('scan.useCamera')}
        </Button>
        {camera && <CameraScanner onCode={(text) => void scan(text)} paused={busy} />}
      </div>

      <div id="door-scan-result" aria-live="assertive">
        {error ? <ErrorBanner error={error} title={t('scan.failed')} testId="door-scan-error" /> : null}
        {answer ? (
          <div className={`door-result ${answer.admit ? 'door-result-ok' : 'door-result-stop'}`} data-testid="door-result" data-result={answer.result} role="status">
            <span className="door-result-symbol" aria-hidden="true">
              {SCAN_SYMBOL[answer.result]}
            </span>
            <div className="door-result-body">
              <p className="door-result-title" data-testid="door-result-title">
                {t(`result.${answer.result}`)}
                {answer.ticket?.rowLabel && answer.ticket.seatNumber ? (
                  <span className="door-result-seat">{t('scan.seat', { row: answer.ticket.rowLabel, number: answer.ticket.seatNumber })}</span>
                ) : null}
              </p>
              <p className="door-result-message" data-testid="door-result-message">
                {answer.message}
              </p>
              <p className="door-result-when muted">{t('scan.checkedAt', { time: formatTime(answer.scannedAt, timeZone, locale) })}</p>
            </div>
          </div>
        ) : !error ? (
          <p className="door-result-idle muted" data-testid="door-result-idle">
            {t('scan.waiting')}
          </p>
        ) : null}
      </div>
      {state.data && state.data.recent.length > 0 ? (
        <details className="door-recent">
          <summary>{t('scan.recent')}</summary>
          <ul>
            {state.data.recent.map((r) => (
              <li key={r.id}>
                <span className="tabular">{formatTime(r.scannedAt, timeZone, locale)}</span> · {SCAN_SYMBOL[r.result]} {t(`result.${r.result}`)}
                {r.seat ? ` · ${r.seat}` : ''} · {r.userName}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
