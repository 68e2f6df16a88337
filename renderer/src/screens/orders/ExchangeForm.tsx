import { useState, type FormEvent } from 'react';
import type { ExchangeResult, OrderDetails, OrderDetailsTicket } from '../../../../shared/contract';
import { TICKET_TYPES, type TicketType } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { call, isApiCallError } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { formatTime } from '../../format/time';
import { useSession } from '../../stores/session';
import { useTerminalNow } from '../../hooks/use-terminal-now';

const TYPE_WORD: Record<TicketType, string> = { ADULT: 'Adult', CHILD: 'Child', STUDENT: 'Student', SENIOR: 'Senior' };

/** Whole euros/cents typed by a person → minor units ("12,5" → 1250). */
function toMinor(text: string): number | null {
  const m = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

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
  const money = (n: number) => formatMoney(n, order.currency);
  const now = useTerminalNow(60_000);
  const sessions = (programme.data?.sessions ?? []).filter((s) => Date.parse(s.endsAt) > now && s.status === 'ON_SALE');
  const free = (map.data?.seats ?? []).filter((s) => s.active && !s.heldBack && (s.state === 'FREE' || s.state === 'MINE'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let payments: ({ method: 'CASH'; amount: number; tendered: number } | { method: 'CARD'; amount: number; approvalCode: string; last4: string })[] = [];
    if (due !== null && due > 0) {
      if (method === 'CASH') {
        const given = toMinor(tendered);
        if (given === null) return setError(`Type the cash the customer gives, e.g. ${money(due).replace(/[^\d.,]/g, '')}.`);
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
        Exchange row {ticket.rowLabel}, seat {ticket.seatNumber} — {ticket.filmTitle} {formatTime(ticket.startsAt, order.timezone)}
      </h3>
      <SelectField
        label="Session"
        value={sessionId}
        onChange={(e) => {
          setSessionId(e.target.value);
          setSeatId('');
          setDue(null);
        }}
        testId="exchange-session"
      >
        {!sessions.some((s) => s.id === ticket.sessionId) && <option value={ticket.sessionId}>{ticket.filmTitle} (this ticket’s session)</option>}
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {formatTime(s.startsAt, order.timezone)} · {s.film.title} · {s.hall.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="New seat"
        value={seatId}
        onChange={(e) => {
          setSeatId(e.target.value);
          setDue(null);
        }}
        hint={map.loading ? 'Loading the seats…' : `${free.length} seats free`}
        testId="exchange-seat"
      >
        <option value="">Choose a free seat</option>
        {free.map((s) => (
          <option key={s.id} value={s.id}>
            Row {s.row}, seat {s.number}
            {s.kind !== 'STANDARD' ? ` (${s.kind.toLowerCase()})` : ''}
            {s.state === 'MINE' ? ' — held here' : ''}
          </option>
        ))}
      </SelectField>
      <SelectField label="Ticket type" value={ticketType} onChange={(e) => setTicketType(e.target.value as TicketType)} testId="exchange-type">
        {TICKET_TYPES.map((t) => (
          <option key={t} value={t}>
            {TYPE_WORD[t]}
          </option>
        ))}
      </SelectField>
      {due !== null && due > 0 && (
        <fieldset className="fieldset" data-testid="exchange-payment">
          <legend>The new ticket costs {money(due)} more</legend>
          <SelectField label="Paid with" value={method} onChange={(e) => setMethod(e.target.value as 'CASH' | 'CARD')}>
            <option value="CASH">Cash</option>
            <option value="CARD">Card</option>
          </SelectField>
          {method === 'CASH' ? (
            <TextField label="Cash given" inputMode="decimal" value={tendered} onChange={(e) => setTendered(e.target.value)} testId="exchange-tendered" />
          ) : (
            <>
              <TextField label="Approval code" value={approval} onChange={(e) => setApproval(e.target.value)} />
              <TextField label="Last 4 digits" inputMode="numeric" value={last4} onChange={(e) => setLast4(e.target.value)} />
            </>
          )}
        </fieldset>
      )}
      {order.refundable.some((p) => p.method === 'CARD') && (
        <TextField label="Card refund approval code (if the new ticket is cheaper)" value={card} onChange={(e) => setCard(e.target.value)} autoComplete="off" />
      )}
      {askPin && <TextField label="Manager PIN" hint={ticket.scannedAt ? `Let in at ${formatTime(ticket.scannedAt, order.timezone)}: a manager must approve.` : 'The session has started: a manager must approve.'} type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} testId="exchange-pin" />}
      <ErrorBanner error={error} title="Not exchanged" testId="exchange-error" />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={!seatId} testId="exchange-submit">
          {due ? `Take ${money(due)} and exchange` : 'Exchange'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
