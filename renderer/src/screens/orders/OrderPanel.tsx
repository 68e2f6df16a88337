import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { OrderDetailsTicket } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { formatTime } from '../../format/time';
import { ExchangeForm } from './ExchangeForm';
import { PrintButtons } from './PrintButtons';
import { RefundForm } from './RefundForm';
import { RefundSlips } from './RefundSlips';

/** One order: its lines, payments and refunds, with reprint, refund and exchange. */
export function OrderPanel({ orderId, onChanged }: { orderId: string; onChanged(): void }) {
  const { t } = useTranslation(['orders', 'enums', 'components']);
  const locale = useLocale();
  const details = useOperation('orders.details', { orderId });
  const [mode, setMode] = useState<{ kind: 'refund' } | { kind: 'exchange'; ticket: OrderDetailsTicket } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const o = details.data;
  if (!o) return details.error ? <ErrorBanner error={details.error} title={t('order.loadFailed')} action={<Button onClick={details.reload}>{t('components:tryAgain')}</Button>} /> : <Loading label={t('order.loading')} />;
  const money = (n: number) => formatMoney(n, o.currency, locale);
  const time = (at: string) => formatTime(at, o.timezone, locale);
  const live = o.tickets.some((x) => x.status === 'SOLD');
  const open = o.status === 'PAID' || o.status === 'PARTIALLY_REFUNDED';
  const done = (text: string) => {
    setMode(null);
    setNotice(text);
    details.reload();
    onChanged();
  };

  return (
    <article className="panel order-panel" data-testid="order-panel" aria-labelledby="order-title">
      <header className="details-head">
        <h2 className="details-title" id="order-title">
          {t('order.title', { number: o.number })}
        </h2>
        <span className={`badge order-status order-status-${o.status.toLowerCase()}`} data-testid="order-status">
          {t(`enums:orderStatus.${o.status}`)}
        </span>
      </header>
      <p className="muted">
        {o.paidAt ? t('order.paidAt', { time: time(o.paidAt) }) : t('order.notPaid')} · {o.cashierName} · {o.terminalName}
        {o.customer ? ` · ${o.customer.name}` : ''}
        {o.promocode ? t('order.code', { code: o.promocode }) : ''}
      </p>
      {notice && (
        <Notice tone="success" testId="order-notice">
          {notice}
        </Notice>
      )}

      <table className="order-lines">
        <tbody>
          {o.tickets.map((x) => (
            <tr key={x.id} className={x.status === 'SOLD' ? '' : 'is-gone'} data-testid="order-ticket">
              <td>
                {x.filmTitle} {time(x.startsAt)}
                <div className="muted">
                  {t('order.ticketLine', { hall: x.hallName, row: x.rowLabel, number: x.seatNumber, type: t(`enums:ticketType.${x.ticketType}`) })}
                  {x.scannedAt ? t('order.letInAt', { time: time(x.scannedAt) }) : ''}
                </div>
              </td>
              <td>{t(`enums:ticketStatus.${x.status}`)}</td>
              <td className="money">{money(x.price - x.discount)}</td>
              <td>
                {x.status === 'SOLD' && open && (
                  <Button size="sm" onClick={() => setMode({ kind: 'exchange', ticket: x })} testId="order-exchange">
                    {t('order.exchange')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {o.concessions.map((l) => (
            <tr key={l.id} className={l.refundedQuantity === l.quantity ? 'is-gone' : ''}>
              <td>
                {l.quantity} × {l.name}
                {l.preorder && o.preorder ? <div className="muted">{t('order.preorder', { code: o.preorder.pickupCode, status: t(`preorderStatus.${o.preorder.status}`) })}</div> : null}
              </td>
              <td>{l.refundedQuantity > 0 ? t('order.refunded', { count: l.refundedQuantity }) : ''}</td>
              <td className="money">{money(l.total)}</td>
              <td />
            </tr>
          ))}
        </tbody>
        <tfoot>
          {o.discount > 0 && (
            <tr>
              <td colSpan={2}>{t('order.discount')}</td>
              <td className="money">−{money(o.discount)}</td>
              <td />
            </tr>
          )}
          <tr className="strong">
            <td colSpan={2}>{t('order.total')}</td>
            <td className="money">{money(o.total)}</td>
            <td />
          </tr>
          {o.payments.map((p) => (
            <tr key={p.id} data-testid="order-payment">
              <td colSpan={2}>
                {p.kind === 'REFUND' ? t('order.paidBack') : ''}
                {t(`enums:paymentMethod.${p.method}`)}
                {p.cardLast4 ? ` •••• ${p.cardLast4}` : ''}
                {p.changeGiven ? t('order.change', { amount: money(p.changeGiven) }) : ''}
                <span className="muted"> · {time(p.at)}</span>
              </td>
              <td className="money">{p.kind === 'REFUND' ? `−${money(p.amount)}` : money(p.amount)}</td>
              <td />
            </tr>
          ))}
        </tfoot>
      </table>

      <PrintButtons key={o.id + o.status} orderId={o.id} hasTickets={live} />
      <RefundSlips order={o} />

      {mode?.kind === 'refund' ? (
        <RefundForm
          order={o}
          onCancel={() => setMode(null)}
          onDone={(r, slip) =>
            done(
              t('order.refundedNotice', {
                amount: money(r.amount),
                paidBack: r.paidBack.map((p) => t('order.paidBackPart', { amount: money(p.amount), method: t(`method.${p.method}`) })).join(', ') || t('order.nothingBack'),
                approved: r.approvedBy ? t('order.approvedBy', { name: r.approvedBy }) : '',
                slip: slip ? t('order.slipPrinted', { number: r.slipNumber, where: slip.jobs.map((j) => j.where).join(', ') }) : t('order.slipNotPrinted', { number: r.slipNumber }),
              }),
            )
          }
        />
      ) : mode?.kind === 'exchange' ? (
        <ExchangeForm
          order={o}
          ticket={mode.ticket}
          onCancel={() => setMode(null)}
          onDone={(r) =>
            done(
              t('order.exchangedNotice', {
                row: r.newTicket.row,
                number: r.newTicket.number,
                money:
                  r.difference > 0
                    ? r.change
                      ? t('order.tookChange', { amount: money(r.difference), change: money(r.change) })
                      : t('order.took', { amount: money(r.difference) })
                    : r.difference < 0
                      ? t('order.paidBackAmount', { amount: money(-r.difference) })
                      : t('order.samePrice'),
              }),
            )
          }
        />
      ) : (
        open && (
          <div className="form-actions">
            <Button variant="danger" onClick={() => setMode({ kind: 'refund' })} testId="order-refund">
              {t('order.refund')}
            </Button>
          </div>
        )
      )}
    </article>
  );
}
