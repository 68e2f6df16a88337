import type { PreorderSummary } from '../../../../shared/contract';
import type { PreorderStatus } from '../../../../shared/enums';
import { Button } from '../../components/Button';
import { TimeText } from '../../components/TimeText';

export const PREORDER_STATE: Record<PreorderStatus, { text: string; symbol: string }> = {
  PENDING: { text: 'To pack', symbol: '◐' },
  READY: { text: 'Ready', symbol: '●' },
  PICKED_UP: { text: 'Picked up', symbol: '✓' },
  CANCELLED: { text: 'Cancelled', symbol: '✕' },
};

/** The one thing to do next with a preorder, if any. */
export function nextStep(status: PreorderStatus): { label: string; target: 'READY' | 'PICKED_UP' } | null {
  if (status === 'PENDING') return { label: 'Mark ready', target: 'READY' };
  if (status === 'READY') return { label: 'Handed over', target: 'PICKED_UP' };
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
  const state = PREORDER_STATE[p.status];
  const step = nextStep(p.status);
  return (
    <article
      className={`preorder-card preorder-${p.status.toLowerCase().replace('_', '-')}${large ? ' is-large' : ''}${highlight ? ' is-found' : ''}`}
      data-testid={testId}
      data-code={p.pickupCode}
      data-status={p.status}
      aria-label={`Preorder ${p.pickupCode}, ${state.text}`}
    >
      <div className="preorder-top">
        <code className="pickup-code" aria-label={`Pickup code ${p.pickupCode.split('').join(' ')}`}>
          {p.pickupCode}
        </code>
        {highlight && <span className="tag">Looked up</span>}
        <span className={`badge preorder-badge preorder-badge-${p.status.toLowerCase().replace('_', '-')}`} data-testid="preorder-status">
          <span className="badge-symbol" aria-hidden="true">
            {state.symbol}
          </span>
          {state.text}
        </span>
      </div>
      <ul className="preorder-items">
        {p.items.map((i) => (
          <li key={i.name}>
            <span className="preorder-qty">{i.quantity}×</span> {i.name}
          </li>
        ))}
        {p.items.length === 0 && <li className="muted">No items left (refunded)</li>}
      </ul>
      <p className="preorder-meta">
        {p.session ? (
          <>
            <TimeText instant={p.session.startsAt} timeZone={timeZone} className="strong" /> · {p.session.filmTitle} · {p.session.hallName}
          </>
        ) : (
          'No session — pick up any time'
        )}
        <span className="cell-note"> · order {p.orderNumber}</span>
      </p>
      {step ? (
        <Button
          variant={step.target === 'PICKED_UP' ? 'primary' : 'secondary'}
          size={large ? 'lg' : 'md'}
          busy={busy}
          onClick={() => onStep(p, step.target)}
          testId={step.target === 'READY' ? 'preorder-mark-ready' : 'preorder-mark-picked-up'}
          aria-label={`${step.label}: ${p.pickupCode}`}
        >
          {step.label}
        </Button>
      ) : p.status === 'PICKED_UP' && p.pickedUpAt ? (
        <p className="preorder-done">
          Handed over at <TimeText instant={p.pickedUpAt} timeZone={timeZone} />
        </p>
      ) : null}
    </article>
  );
}
