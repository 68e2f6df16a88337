import { useState } from 'react';
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
import { ORDER_STATUS_WORD, TICKET_STATUS_WORD } from './order-words';

const METHOD: Record<string, string> = { CASH: 'Cash', CARD: 'Card', BONUS: 'Points' };

/** One order: its lines, payments and refunds, with reprint, refund and exchange. */
export function OrderPanel({ orderId, onChanged }: { orderId: string; onChanged(): void }) {
  const details = useOperation('orders.details', { orderId });
  const [mode, setMode] = useState<{ kind: 'refund' } | { kind: 'exchange'; ticket: OrderDetailsTicket } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const o = details.data;
  if (!o) return details.error ? <ErrorBanner error={details.error} title="Could not load the order" action={<Button onClick={details.reload}>Try again</Button>} /> : <Loading label="Loading the order…" />;
  const money = (n: number) => formatMoney(n, o.currency);
  const live = o.tickets.some((t) => t.status === 'SOLD');
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
          Order {o.number}
        </h2>
        <span className={`badge order-status order-status-${o.status.toLowerCase()}`} data-testid="order-status">
          {ORDER_STATUS_WORD[o.status]}
        </span>
      </header>
      <p className="muted">
        {o.paidAt ? `Paid at ${formatTime(o.paidAt, o.timezone)}` : 'Not paid'} · {o.cashierName} · {o.terminalName}
        {o.customer ? ` · ${o.customer.name}` : ''}
        {o.promocode ? ` · code ${o.promocode}` : ''}
      </p>
      {notice && (
        <Notice tone="success" testId="order-notice">
          {notice}
        </Notice>
      )}

      <table className="order-lines">
        <tbody>
          {o.tickets.map((t) => (
            <tr key={t.id} className={t.status === 'SOLD' ? '' : 'is-gone'} data-testid="order-ticket">
              <td>
                {t.filmTitle} {formatTime(t.startsAt, o.timezone)}
                <div className="muted">
                  {t.hallName} · row {t.rowLabel}, seat {t.seatNumber} · {t.ticketType.toLowerCase()}
                  {t.scannedAt ? ` · let in at ${formatTime(t.scannedAt, o.timezone)}` : ''}
                </div>
              </td>
              <td>{TICKET_STATUS_WORD[t.status]}</td>
              <td className="money">{money(t.price - t.discount)}</td>
              <td>
                {t.status === 'SOLD' && open && (
                  <Button size="sm" onClick={() => setMode({ kind: 'exchange', ticket: t })} testId="order-exchange">
                    Exchange
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {o.concessions.map((l) => (
            <tr key={l.id} className={l.refundedQuantity === l.quantity ? 'is-gone' : ''}>
              <td>
                {l.quantity} × {l.name}
                {l.preorder && o.preorder ? <div className="muted">Preorder {o.preorder.pickupCode} · {o.preorder.status.toLowerCase().replace('_', ' ')}</div> : null}
              </td>
              <td>{l.refundedQuantity > 0 ? `${l.refundedQuantity} refunded` : ''}</td>
              <td className="money">{money(l.total)}</td>
              <td />
            </tr>
          ))}
        </tbody>
        <tfoot>
          {o.discount > 0 && (
            <tr>
              <td colSpan={2}>Discount</td>
              <td className="money">−{money(o.discount)}</td>
              <td />
            </tr>
          )}
          <tr className="strong">
            <td colSpan={2}>Total</td>
            <td className="money">{money(o.total)}</td>
            <td />
          </tr>
          {o.payments.map((p) => (
            <tr key={p.id} data-testid="order-payment">
              <td colSpan={2}>
                {p.kind === 'REFUND' ? 'Paid back · ' : ''}
                {METHOD[p.method]}
                {p.cardLast4 ? ` •••• ${p.cardLast4}` : ''}
                {p.changeGiven ? ` · change ${money(p.changeGiven)}` : ''}
                <span className="muted"> · {formatTime(p.at, o.timezone)}</span>
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
              `Refunded ${money(r.amount)}: ${r.paidBack.map((p) => `${money(p.amount)} ${METHOD[p.method]!.toLowerCase()}`).join(', ') || 'nothing to pay back'}${r.approvedBy ? ` (approved by ${r.approvedBy})` : ''}. ${
                slip ? `Refund slip ${r.slipNumber} ${slip.jobs.map((j) => j.where).join(', ')}.` : `Refund slip ${r.slipNumber} did not print: print it again from the order.`
              }`,
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
              `Exchanged: now row ${r.newTicket.row}, seat ${r.newTicket.number}. ${
                r.difference > 0 ? `Took ${money(r.difference)}${r.change ? `, change ${money(r.change)}` : ''}.` : r.difference < 0 ? `Paid back ${money(-r.difference)}.` : 'Same price.'
              } Print the new ticket.`,
            )
          }
        />
      ) : (
        open && (
          <div className="form-actions">
            <Button variant="danger" onClick={() => setMode({ kind: 'refund' })} testId="order-refund">
              Refund…
            </Button>
          </div>
        )
      )}
    </article>
  );
}
