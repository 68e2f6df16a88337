import { Trans, useTranslation } from 'react-i18next';
import type { PreorderSummary } from '../../../../shared/contract';
import type { PreorderStatus } from '../../../../shared/enums';
import { Button } from '../../components/Button';
import { TimeText } from '../../components/TimeText';

/** A shape per state beside its word (`stand:status.*`). */
export const PREORDER_SYMBOL: Record<PreorderStatus, string> = { PENDING: '◐', READY: '●', PICKED_UP: '✓', CANCELLED: '✕' };

/** The one thing to do next with a preorder, if any (its words are `stand:step.*`). */
export function nextStep(status: PreorderStatus): { target: 'READY' | 'PICKED_UP' } | null {
  if (status === 'PENDING') return { target: 'READY' };
  if (status === 'READY') return { target: 'PICKED_UP' };
  return null;
}

export interface PreorderCardProps {
  preorder: PreorderSummary;
  timeZone: string;
  busy: boolean;
  /** The looked-up preorder is shown large. */
  large?: boolean;
  /** The queue's copy of the looked-up preorder. */
  highlight?: boolean;
  onStep(p: PreorderSummary, target: 'READY' | 'PICKED_UP'): void;
  testId: string;
}

/** A preorder as the stand needs it: the code to call out, what to pack, for which show, and the next step. */
export function PreorderCard({ preorder: p, timeZone, busy, large = false, highlight = false, onStep, testId }: PreorderCardProps) {
  const { t } = useTranslation('stand');
  const status = t(`status.${p.status}`);
  const step = nextStep(p.status);
  const stepWord = step ? t(`step.${step.target}`) : '';
  return (
    <article
      className={`preorder-card preorder-${p.status.toLowerCase().replace('_', '-')}${large ? ' is-large' : ''}${highlight ? ' is-found' : ''}`}
      data-testid={testId}
      data-code={p.pickupCode}
      data-status={p.status}
      aria-label={t('card.label', { code: p.pickupCode, status })}
    >
      <div className="preorder-top">
        <code className="pickup-code" aria-label={t('card.code', { code: p.pickupCode.split('').join(' ') })}>
          {p.pickupCode}
        </code>
        {highlight && <span className="tag">{t('card.lookedUp')}</span>}
        <span className={`badge preorder-badge preorder-badge-${p.status.toLowerCase().replace('_', '-')}`} data-testid="preorder-status">
          <span className="badge-symbol" aria-hidden="true">
            {PREORDER_SYMBOL[p.status]}
          </span>
          {status}
        </span>
      </div>
      <ul className="preorder-items">
        {p.items.map((i) => (
          <li key={i.name}>
            <span className="preorder-qty">{i.quantity}×</span> {i.name}
          </li>
        ))}
        {p.items.length === 0 && <li className="muted">{t('card.noItems')}</li>}
      </ul>
      <p className="preorder-meta">
        {p.session ? (
          <>
            <TimeText instant={p.session.startsAt} timeZone={timeZone} className="strong" /> · {p.session.filmTitle} · {p.session.hallName}
          </>
        ) : (
          t('card.noSession')
        )}
        <span className="cell-note">{t('card.order', { number: p.orderNumber })}</span>
      </p>
      {step ? (
        <Button
          variant={step.target === 'PICKED_UP' ? 'primary' : 'secondary'}
          size={large ? 'lg' : 'md'}
          busy={busy}
          onClick={() => onStep(p, step.target)}
          testId={step.target === 'READY' ? 'preorder-mark-ready' : 'preorder-mark-picked-up'}
          aria-label={t('card.stepFor', { step: stepWord, code: p.pickupCode })}
        >
          {stepWord}
        </Button>
      ) : p.status === 'PICKED_UP' && p.pickedUpAt ? (
        <p className="preorder-done">
          <Trans t={t} i18nKey="card.handedOverAt" components={{ time: <TimeText instant={p.pickedUpAt} timeZone={timeZone} /> }} />
        </p>
      ) : null}
    </article>
  );
}
