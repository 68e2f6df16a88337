import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { ExchangeResult, OrderDetails, OrderDetailsTicket } from '../../../../shared/contract';
import { TICKET_TYPES, type TicketType } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { call, isApiCallError } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { parseAmount } from '../../format/amount-input';
import { formatTime } from '../../format/time';
import { useSession } from '../../stores/session';
import { useTerminalNow } from '../../hooks/use-terminal-now';

export interface ExchangeFormProps {
  order: OrderDetails;
  ticket: OrderDetailsTicket;
  onDone(result: ExchangeResult): void;
  onCancel(): void;
}

/**
 * Exchange (rule 8): another seat or session for one ticket, in one step. The main process prices
 * the new seat; when it costs more, the answer says how much and the difference is paid here.
 */
export function ExchangeForm({ order, ticket, onDone, onCancel }: ExchangeFormProps) {
  const { t } = useTranslation(['orders', 'enums', 'common']);
  const locale = useLocale();
  const role = useSession((s) => s.user?.role);
  const programme = useOperation('programme.day', {});
  const [sessionId, setSessionId] = useState(ticket.sessionId);
  const map = useOperation('booking.seatMap', { sessionId });
  const [seatId, setSeatId] = useState('');
  const [ticketType, setTicketType] = useState<TicketType>(ticket.ticketType);
  const [due, setDue] = useState<number | null>(null);
  const [method, setMethod] = useState<'CASH' | 'CARD'>('CASH');
  const [tendered, setTendered] = useState('');
  const [approval, setApproval] = useState('');
  const [last4, setLast4] = useState('');
  const [pin, setPin] = useState('');
  const [card, setCard] = useState('');
  const [askPin, setAskPin] = useState((ticket.sessionStarted || ticket.scannedAt !== null) && role === 'CASHIER');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const money = (n: number) => formatMoney(n, order.currency, locale);
  const time = (at: string) => formatTime(at, order.timezone, locale);
  const now = useTerminalNow(60_000);
  const sessions = (programme.data?.sessions ?? []).filter((s) => Date.parse(s.endsAt) > now && s.status === 'ON_SALE');
  const free = (map.data?.seats ?? []).filter((s) => s.active && !s.heldBack && (s.state === 'FREE' || s.state === 'MINE'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let payments: ({ method: 'CASH'; amount: number; tendered: number } | { method: 'CARD'; amount: number; approvalCode: string; last4: string })[] = [];
    if (due !== null && due > 0) {
      if (method === 'CASH') {
        const given = parseAmount(tendered, order.currency);
        if (given === null) return setError(t('exchange.badCash', { example: money(due).replace(/[^\d.,]/g, '') }));
        payments = [{ method: 'CASH', amount: due, tendered: given }];
      } else payments = [{ method: 'CARD', amount: due, approvalCode: approval, last4 }];
    }
    setBusy(true);
    try {
      const result = await call('orders.exchange', {
        ticketId: ticket.id,
        sessionId,
        seatId,
        ticketType,
        payments,
        ...(pin ? { managerPin: pin } : {}),
        ...(card ? { cardApprovalCode: card } : {}),
      });
      // Rule 16: the exchange's numbered slip. The exchange is saved: a printer problem only leaves the slip to print again.
      await call('receipts.printSlip', { orderId: result.orderId, number: result.slipNumber }).catch(() => null);
      onDone(result);
    } catch (err) {
      if (isApiCallError(err)) {
        if (err.code === 'OVERRIDE_REQUIRED') setAskPin(true);
        const difference = Number(err.details?.difference ?? NaN);
        if (err.code === 'VALIDATION' && difference > 0) {
          setDue(difference);
          setBusy(false);
          return;
        }
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel refund-form" onSubmit={submit} aria-labelledby="exchange-title" data-testid="exchange-form">
      <h3 className="panel-title" id="exchange-title">
        {t('exchange.title', { row: ticket.rowLabel, number: ticket.seatNumber, film: ticket.filmTitle, time: time(ticket.startsAt) })}
      </h3>
      <SelectField
        label={t('exchange.session')}
        value={sessionId}
        onChange={(e) => {
          setSessionId(e.target.value);
          setSeatId('');
          setDue(null);
        }}
        testId="exchange-session"
      >
        {!sessions.some((s) => s.id === ticket.sessionId) && <option value={ticket.sessionId}>{t('exchange.thisSession', { film: ticket.filmTitle })}</option>}
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {time(s.startsAt)} · {s.film.title} · {s.hall.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('exchange.newSeat')}
        value={seatId}
        onChange={(e) => {
          setSeatId(e.target.value);
          setDue(null);
        }}
        hint={map.loading ? t('exchange.loadingSeats') : t('exchange.seatsFree', { count: free.length })}
        testId="exchange-seat"
      >
        <option value="">{t('exchange.chooseSeat')}</option>
        {free.map((s) => (
          <option key={s.id} value={s.id}>
            {t('exchange.seat', { row: s.row, number: s.number })}
            {s.kind !== 'STANDARD' ? ` (${t(`enums:seatKind.${s.kind}`)})` : ''}
            {s.state === 'MINE' ? t('exchange.heldHere') : ''}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('exchange.ticketType')} value={ticketType} onChange={(e) => setTicketType(e.target.value as TicketType)} testId="exchange-type">
        {TICKET_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`enums:ticketType.${type}`)}
          </option>
        ))}
      </SelectField>
      {due !== null && due > 0 && (
        <fieldset className="fieldset" data-testid="exchange-payment">
          <legend>{t('exchange.costsMore', { amount: money(due) })}</legend>
          <SelectField label={t('exchange.paidWith')} value={method} onChange={(e) => setMethod(e.target.value as 'CASH' | 'CARD')}>
            <option value="CASH">{t('exchange.cash')}</option>
            <option value="CARD">{t('exchange.card')}</option>
          </SelectField>
          {method === 'CASH' ? (
            <TextField label={t('exchange.cashGiven')} inputMode="decimal" value={tendered} onChange={(e) => setTendered(e.target.value)} testId="exchange-tendered" />
          ) : (
            <>
              <TextField label={t('exchange.approval')} value={approval} onChange={(e) => setApproval(e.target.value)} />
              <TextField label={t('exchange.last4')} inputMode="numeric" value={last4} onChange={(e) => setLast4(e.target.value)} />
            </>
          )}
        </fieldset>
      )}
      {order.refundable.some((p) => p.method === 'CARD') && (
        <TextField label={t('exchange.cardRefund')} value={card} onChange={(e) => setCard(e.target.value)} autoComplete="off" />
      )}
      {askPin && <TextField label={t('exchange.pin')} hint={ticket.scannedAt ? t('exchange.letInPin', { time: time(ticket.scannedAt) }) : t('exchange.startedPin')} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} testId="exchange-pin" />}
      <ErrorBanner error={error} title={t('exchange.failed')} testId="exchange-error" />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={!seatId} testId="exchange-submit">
          {due ? t('exchange.take', { amount: money(due) }) : t('exchange.submit')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common:action.cancel')}
        </Button>
      </div>
    </form>
  );
}
