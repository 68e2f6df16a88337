import { useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { PreorderSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { fieldErrorsOf } from '../../api/field-errors';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { useStatus } from '../../stores/status';
import { PreorderCard } from './PreorderCard';
import './stand.css';

/** New preorders arrive from every till; the queue looks again this often. */
const QUEUE_REFRESH_MS = 10_000;

/** The concession stand (rule 10): type or scan a pickup code, pack what is waiting, hand it over. */
export function StandScreen() {
  const { t } = useTranslation(['stand', 'components']);
  const timeZone = useStatus((s) => s.system?.cinema.timezone ?? 'UTC');
  const queue = useOperation('stand.queue', {}, { refreshMs: QUEUE_REFRESH_MS });
  const [code, setCode] = useState('');
  const [found, setFound] = useState<PreorderSummary | null>(null);
  const [findError, setFindError] = useState<unknown>(null);
  const [finding, setFinding] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    if (finding) return;
    setFinding(true);
    setFindError(null);
    setNotice(null);
    setActionError(null);
    try {
      setFound(await call('stand.find', { pickupCode: code }));
    } catch (err) {
      setFound(null);
      // A code that cannot exist: the field's own words, without the form wrapper around them.
      const problem = fieldErrorsOf(err).pickupCode;
      setFindError(problem ? (/^(must|may)/.test(problem) ? t('codeProblem', { problem }) : `${problem[0]!.toUpperCase()}${problem.slice(1).replace(/\.$/, '')}.`) : err);
    } finally {
      setFinding(false);
    }
  };

  const step = async (p: PreorderSummary, target: 'READY' | 'PICKED_UP') => {
    setBusyId(p.id);
    setActionError(null);
    setNotice(null);
    try {
      const updated = target === 'READY' ? await call('stand.markReady', { preorderId: p.id }) : await call('stand.markPickedUp', { preorderId: p.id });
      setNotice(target === 'READY' ? t('ready', { code: updated.pickupCode }) : t('handedOver', { code: updated.pickupCode }));
      if (found?.id === p.id) setFound(updated);
      if (target === 'PICKED_UP' && found?.id === p.id) {
        setCode('');
        codeRef.current?.focus();
      }
      queue.reload();
    } catch (err) {
      setActionError(err);
      queue.reload();
    } finally {
      setBusyId(null);
    }
  };

  const waiting = queue.data ?? [];
  const toPack = waiting.filter((p) => p.status === 'PENDING').length;
  const ready = waiting.length - toPack;
  return (
    <div className="screen stand-screen" data-testid="screen-stand">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
      </div>

      {notice && (
        <Notice tone="success" testId="stand-notice">
          {notice}
        </Notice>
      )}
      <ErrorBanner error={actionError} testId="stand-error" />

      <div className="stand-layout">
        <div className="stand-lookup">
          <Panel title={t('lookup.title')} testId="stand-lookup">
            <form className="pickup-form" onSubmit={(e) => void find(e)} noValidate aria-label={t('lookup.form')}>
              <label className="visually-hidden" htmlFor="pickup-code-input">
                {t('lookup.label')}
              </label>
              <input
                id="pickup-code-input"
                ref={codeRef}
                className="input pickup-input"
                value={code}
                onChange={(e) => {
                  setCode(e.target.value.toUpperCase());
                  setFindError(null);
                }}
                maxLength={9}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                placeholder={t('lookup.example')}
                aria-describedby="pickup-code-hint"
                autoFocus
                data-testid="stand-code"
              />
              <Button type="submit" variant="primary" size="lg" busy={finding} testId="stand-find" shortcut="Enter">
                {t('lookup.find')}
              </Button>
            </form>
            <p className="field-hint" id="pickup-code-hint">
              {t('lookup.hint')}
            </p>
          </Panel>
          <ErrorBanner error={findError} testId="stand-find-error" />
          {found && <PreorderCard preorder={found} timeZone={timeZone} busy={busyId === found.id} large onStep={(p, target) => void step(p, target)} testId="stand-found" />}
        </div>

        <section className="stand-queue" aria-labelledby="stand-queue-title">
          <header className="stand-queue-head">
            <h2 className="section-title" id="stand-queue-title">
              <Trans t={t} i18nKey="queue.waiting" values={{ count: waiting.length }} components={{ span: <span className="muted" /> }} />
            </h2>
            <p className="muted" data-testid="stand-queue-summary">
              {t('queue.summary', { toPack, ready })}
            </p>
          </header>
          {queue.error ? <ErrorBanner error={queue.error} title={t('queue.failed')} action={<Button onClick={queue.reload}>{t('components:tryAgain')}</Button>} /> : null}
          {queue.loading && !queue.data ? (
            <Loading label={t('queue.loading')} />
          ) : waiting.length === 0 ? (
            <EmptyState title={t('queue.empty')} testId="stand-queue-empty">
              {t('queue.emptyHint')}
            </EmptyState>
          ) : (
            <div className="preorder-grid" data-testid="stand-queue">
              {waiting.map((p) => (
                <PreorderCard
                  key={p.id}
                  preorder={p}
                  timeZone={timeZone}
                  busy={busyId === p.id}
                  highlight={found?.id === p.id}
                  onStep={(x, target) => void step(x, target)}
                  testId="stand-queue-item"
                />
              ))}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
