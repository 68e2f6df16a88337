import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { CounterRefundReason, ItemDisposition, OrderDetails, PrintResult, RefundPreview, RefundResult } from '../../../../shared/contract';
import { COUNTER_REFUND_REASONS } from '../../../../shared/contract/refunds';
import { formatMoney } from '../../../../shared/money';
import { call, isApiCallError } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useSession } from '../../stores/session';
import { formatTime } from '../../format/time';

export interface RefundFormProps {
  order: OrderDetails;
  onDone(result: RefundResult, slip: PrintResult | null): void;
  onCancel(): void;
}

type Input = { orderId: string; whole: true; itemsTo?: ItemDisposition } | { orderId: string; ticketIds: string[]; concessions: { lineId: string; quantity: number; to?: ItemDisposition }[] };

/**
 * Refund (rule 8, issue 13 item 9) in two steps that can't go wrong by one click: choose tickets
 * and items and a reason, then a confirmation the main process computed states the amount and
 * where it goes (cash, card •••• 4242, points), what happens to the promocode, items back to stock
 * or waste, and — for a started session, a ticket already let in at the door, items already
 * handed over — asks for a manager's PIN. After the refund its numbered slip is printed.
 */
export function RefundForm({ order, onDone, onCancel }: RefundFormProps) {
  const { t } = useTranslation(['orders', 'enums', 'common']);
  const locale = useLocale();
  const role = useSession((s) => s.user?.role);
  const live = order.tickets.filter((t) => t.status === 'SOLD');
  const items = order.concessions.filter((l) => l.refundedQuantity < l.quantity);
  const [tickets, setTickets] = useState<Set<string>>(() => new Set(live.map((t) => t.id)));
  const [units, setUnits] = useState<Record<string, number>>(() => Object.fromEntries(items.map((l) => [l.id, l.quantity - l.refundedQuantity])));
  const [to, setTo] = useState<Record<string, ItemDisposition>>({});
  const [reason, setReason] = useState<CounterRefundReason | ''>('');
  const [preview, setPreview] = useState<RefundPreview | null>(null);
  const [pin, setPin] = useState('');
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const money = (n: number) => formatMoney(n, order.currency, locale);
  const time = (at: string) => formatTime(at, order.timezone, locale);

  const whole = live.every((x) => tickets.has(x.id)) && items.every((l) => units[l.id] === l.quantity - l.refundedQuantity) && Object.keys(to).length === 0;
  const chosen: Input = whole
    ? { orderId: order.id, whole: true }
    : {
        orderId: order.id,
        ticketIds: [...tickets],
        concessions: items.filter((l) => (units[l.id] ?? 0) > 0).map((l) => ({ lineId: l.id, quantity: units[l.id]!, ...(to[l.id] ? { to: to[l.id] } : {}) })),
      };
  const nothing = tickets.size === 0 && items.every((l) => (units[l.id] ?? 0) === 0);
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPreview(null);
  };

  const review = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!reason) return setError(t('refund.chooseReason'));
    setBusy(true);
    try {
      setPreview(await call('orders.refundPreview', chosen));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!preview || !reason) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('orders.refund', { ...chosen, reason, ...(pin ? { managerPin: pin } : {}), ...(card ? { cardApprovalCode: card } : {}) });
      // The refund is saved: a printer problem only leaves the slip to print again.
      let slip: PrintResult | null = null;
      try {
        slip = await call('orders.printRefundSlip', { orderId: order.id, slipNumber: result.slipNumber });
      } catch {
        slip = null;
      }
      onDone(result, slip);
    } catch (err) {
      if (isApiCallError(err) && err.code === 'CONFLICT') setPreview(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const needsPin = role === 'CASHIER' && (preview?.needsManager.length ?? 0) > 0;
  const cardShare = preview?.paidBack.filter((p) => p.method === 'CARD') ?? [];

  return (
    <form className="panel refund-form" onSubmit={review} aria-labelledby="refund-title" data-testid="refund-form">
      <h3 className="panel-title" id="refund-title">
        {t('refund.title', { number: order.number })}
      </h3>
      {live.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('refund.tickets')}</legend>
          {live.map((x) => (
            <label key={x.id} className="check-line">
              <input
                type="checkbox"
                checked={tickets.has(x.id)}
                onChange={(e) => change(setTickets)(e.target.checked ? new Set([...tickets, x.id]) : new Set([...tickets].filter((id) => id !== x.id)))}
                data-testid="refund-ticket"
              />
              <span>
                {t('refund.ticket', { film: x.filmTitle, time: time(x.startsAt), row: x.rowLabel, number: x.seatNumber })}
                {x.sessionStarted ? <strong>{t('refund.started')}</strong> : null}
                {x.scannedAt ? <strong>{t('refund.letInAt', { time: time(x.scannedAt) })}</strong> : null}
              </span>
              <span className="money">{money(x.price - x.discount)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {items.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('refund.items')}</legend>
          {items.map((l) => {
            const handedOver = !l.preorder || order.preorder?.status === 'PICKED_UP';
            return (
              <div key={l.id} className="check-line">
                <input
                  type="number"
                  className="input input-narrow"
                  min={0}
                  max={l.quantity - l.refundedQuantity}
                  value={units[l.id] ?? 0}
                  onChange={(e) => change(setUnits)({ ...units, [l.id]: Math.max(0, Math.min(l.quantity - l.refundedQuantity, Math.floor(Number(e.target.value) || 0))) })}
                  aria-label={t('refund.howMany', { item: l.name })}
                  data-testid="refund-item-quantity"
                />
                <span>
                  {t('refund.of', { count: l.quantity - l.refundedQuantity, item: l.name })}
                  {handedOver ? <strong>{t('refund.handedOver')}</strong> : null}
                </span>
                <select
                  className="input"
                  value={to[l.id] ?? (handedOver ? 'WASTE' : 'STOCK')}
                  onChange={(e) => change(setTo)({ ...to, [l.id]: e.target.value as ItemDisposition })}
                  aria-label={t('refund.whereTo', { item: l.name })}
                  data-testid="refund-item-to"
                >
                  <option value="STOCK">{t('refund.toStock')}</option>
                  <option value="WASTE">{t('refund.toWaste')}</option>
                </select>
              </div>
            );
          })}
        </fieldset>
      )}
      <SelectField label={t('refund.reason')} value={reason} onChange={(e) => change(setReason)(e.target.value as CounterRefundReason)} testId="refund-reason">
        <option value="">{t('refund.reasonPrompt')}</option>
        {COUNTER_REFUND_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`enums:refundReason.${r}`)}
          </option>
        ))}
      </SelectField>

      {preview && (
        <section className="refund-confirm" aria-live="polite" data-testid="refund-confirmation">
          <p className="refund-amount">
            <Trans t={t} i18nKey="refund.payBack" values={{ amount: money(preview.amount) }} components={{ strong: <strong className="money" data-testid="refund-amount" /> }} />
            {preview.paidBack.length > 0 ? ' — ' : ''}
            <span data-testid="refund-methods">
              {preview.paidBack
                .map(
                  (p) =>
                    (p.method === 'BONUS' ? t('refund.toPoints', { amount: money(p.amount), points: p.amount }) : t('refund.inMethod', { amount: money(p.amount), method: t(`method.${p.method}`) })) +
                    (p.cardLast4 ? t('refund.toCard', { last4: p.cardLast4 }) : ''),
                )
                .join(', ')}
            </span>
          </p>
          {preview.promocode && preview.promocode.clawback !== 0 && (
            <Notice testId="refund-promocode">
              {preview.promocode.note ?? t('refund.promoAgain', { code: preview.promocode.code })}{' '}
              {preview.promocode.clawback > 0 ? t('refund.clawback', { amount: money(preview.promocode.clawback) }) : t('refund.moreDiscount', { amount: money(-preview.promocode.clawback) })}
            </Notice>
          )}
          {preview.needsManager.length > 0 && (
            <Notice testId="refund-needs-manager">
              {t('refund.needsManager', { why: preview.needsManager.join('; ') })}
            </Notice>
          )}
          {cardShare.length > 0 && (
            <TextField
              label={t('refund.cardCode')}
              hint={t('refund.cardHint', { amount: money(cardShare.reduce((s, p) => s + p.amount, 0)) })}
              value={card}
              onChange={(e) => setCard(e.target.value)}
              autoComplete="off"
              testId="refund-card-code"
            />
          )}
          {needsPin && (
            <TextField label={t('refund.pin')} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" testId="refund-pin" />
          )}
        </section>
      )}
      <ErrorBanner error={error} title={t('refund.failed')} testId="refund-error" />
      <div className="form-actions">
        {preview ? (
          <Button variant="danger" busy={busy} onClick={() => void confirm()} testId="refund-confirm">
            {t('refund.confirm', { amount: money(preview.amount) })}
          </Button>
        ) : (
          <Button type="submit" variant="primary" busy={busy} disabled={nothing} testId="refund-review">
            {whole ? t('refund.reviewWhole') : t('refund.reviewLines')}
          </Button>
        )}
        <Button variant="ghost" onClick={onCancel}>
          {t('common:action.cancel')}
        </Button>
      </div>
    </form>
  );
}
