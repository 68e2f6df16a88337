import { useMemo, useState, type FormEvent } from 'react';
import type { OrderDetails, RefundResult } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call, isApiCallError } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { useSession } from '../../stores/session';
import { formatTime } from '../../format/time';

const METHOD: Record<string, string> = { CASH: 'cash', CARD: 'card', BONUS: 'points' };

/** What `units` more of a line are worth when `before` are refunded (the main process uses the same rounding). */
function lineShare(total: number, quantity: number, before: number, units: number): number {
  const upTo = (n: number) => Math.round((total * n) / quantity);
  return upTo(before + units) - upTo(before);
}

export interface RefundFormProps {
  order: OrderDetails;
  onDone(result: RefundResult): void;
  onCancel(): void;
}

/**
 * Refund (rule 8): tick tickets and items (or take the whole order), see the amount, and — after a
 * session started — a manager types their PIN here. A card share needs the approval code of the
 * refund run on the card terminal.
 */
export function RefundForm({ order, onDone, onCancel }: RefundFormProps) {
  const role = useSession((s) => s.user?.role);
  const live = order.tickets.filter((t) => t.status === 'SOLD');
  const items = order.concessions.filter((l) => l.refundedQuantity < l.quantity);
  const [tickets, setTickets] = useState<Set<string>>(() => new Set(live.map((t) => t.id)));
  const [units, setUnits] = useState<Record<string, number>>(() => Object.fromEntries(items.map((l) => [l.id, l.quantity - l.refundedQuantity])));
  const [pin, setPin] = useState('');
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [askPin, setAskPin] = useState(false);
  const money = (n: number) => formatMoney(n, order.currency);

  const whole = live.every((t) => tickets.has(t.id)) && items.every((l) => units[l.id] === l.quantity - l.refundedQuantity);
  const amount = useMemo(
    () =>
      live.filter((t) => tickets.has(t.id)).reduce((s, t) => s + t.price - t.discount, 0) +
      items.reduce((s, l) => s + lineShare(l.total, l.quantity, l.refundedQuantity, units[l.id] ?? 0), 0),
    [live, items, tickets, units],
  );
  const started = live.filter((t) => tickets.has(t.id) && t.sessionStarted);
  const needsPin = role === 'CASHIER' && (started.length > 0 || askPin);
  const hasCard = order.refundable.some((p) => p.method === 'CARD');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input = whole
        ? { orderId: order.id, whole: true }
        : {
            orderId: order.id,
            ticketIds: [...tickets],
            concessions: items.filter((l) => (units[l.id] ?? 0) > 0).map((l) => ({ lineId: l.id, quantity: units[l.id]! })),
          };
      onDone(await call('orders.refund', { ...input, reason: 'CUSTOMER_CHANGED_MIND', ...(pin ? { managerPin: pin } : {}), ...(card ? { cardApprovalCode: card } : {}) }));
    } catch (err) {
      if (isApiCallError(err) && err.code === 'OVERRIDE_REQUIRED') setAskPin(true);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel refund-form" onSubmit={submit} aria-labelledby="refund-title" data-testid="refund-form">
      <h3 className="panel-title" id="refund-title">
        Refund from order {order.number}
      </h3>
      {live.length > 0 && (
        <fieldset className="fieldset">
          <legend>Tickets</legend>
          {live.map((t) => (
            <label key={t.id} className="check-line">
              <input
                type="checkbox"
                checked={tickets.has(t.id)}
                onChange={(e) => setTickets((s) => (e.target.checked ? new Set([...s, t.id]) : new Set([...s].filter((x) => x !== t.id))))}
                data-testid="refund-ticket"
              />
              <span>
                {t.filmTitle} {formatTime(t.startsAt, order.timezone)} · row {t.rowLabel}, seat {t.seatNumber}
                {t.sessionStarted ? <strong> · started</strong> : null}
              </span>
              <span className="money">{money(t.price - t.discount)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {items.length > 0 && (
        <fieldset className="fieldset">
          <legend>Items</legend>
          {items.map((l) => (
            <label key={l.id} className="check-line">
              <input
                type="number"
                className="input input-narrow"
                min={0}
                max={l.quantity - l.refundedQuantity}
                value={units[l.id] ?? 0}
                onChange={(e) => setUnits((u) => ({ ...u, [l.id]: Math.max(0, Math.min(l.quantity - l.refundedQuantity, Math.floor(Number(e.target.value) || 0))) }))}
                aria-label={`How many ${l.name} to refund`}
                data-testid="refund-item-quantity"
              />
              <span>
                of {l.quantity - l.refundedQuantity} × {l.name}
              </span>
              <span className="money">{money(lineShare(l.total, l.quantity, l.refundedQuantity, units[l.id] ?? 0))}</span>
            </label>
          ))}
        </fieldset>
      )}
      <p className="refund-amount">
        Pay back <strong className="money" data-testid="refund-amount">{money(amount)}</strong>
        <span className="muted"> — to {order.refundable.map((p) => `${METHOD[p.method]}${p.cardLast4 ? ` •••• ${p.cardLast4}` : ''}`).join(', ')}, in proportion to how it was paid.</span>
      </p>
      {hasCard && (
        <TextField
          label="Card refund approval code"
          hint="Run the card share as a refund on the card terminal, then type the code it prints."
          value={card}
          onChange={(e) => setCard(e.target.value)}
          autoComplete="off"
          testId="refund-card-code"
        />
      )}
      {needsPin && (
        <TextField
          label="Manager PIN"
          hint={started.length > 0 ? `${started[0]!.filmTitle} has started: a manager must approve.` : 'A manager must approve this refund.'}
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          autoComplete="off"
          testId="refund-pin"
        />
      )}
      <ErrorBanner error={error} title="Not refunded" testId="refund-error" />
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={busy} disabled={amount === 0 && tickets.size === 0} testId="refund-submit">
          {whole ? 'Refund the whole order' : 'Refund the chosen lines'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
