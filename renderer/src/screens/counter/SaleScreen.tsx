import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CustomerSummary, InputOf, SaleResult, SeatMapSeat } from '../../../../shared/contract';
import type { TicketType } from '../../../../shared/enums';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { AgeRating } from '../../components/AgeRating';
import { hallLabel } from '../../format/hall';
import { formatTime } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { useTerminalNow } from '../../hooks/use-terminal-now';
import { OrderPanel } from './OrderPanel';
import { PaymentDialog } from './PaymentDialog';
import { SaleDone } from './SaleDone';
import { PrintButtons } from '../orders/PrintButtons';
import { SeatMapView } from './SeatMapView';
import { useQuote } from './use-quote';
import { useSeatMap } from './use-seat-map';
import { splitHeldSeats } from './sale-seats';
import { EarlierHolds } from './EarlierHolds';
import './counter.css';

/** Other counters sell and hold too (online, their central holds show within this): read the map again this often. */
const MAP_REFRESH_MS = 2_000;

export interface SaleScreenProps {
  sessionId: string;
  onBack(): void;
}

function Countdown({ expiresAt, onExpired }: { expiresAt: string | null; onExpired(): void }) {
  const now = useTerminalNow(1000);
  const left = expiresAt ? Math.max(0, Date.parse(expiresAt) - now) : null;
  useEffect(() => {
    if (left === 0) onExpired();
  }, [left, onExpired]);
  if (left === null) return null;
  const s = Math.ceil(left / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return (
    <span className={s <= 60 ? 'hold-timer is-short' : 'hold-timer'} role="timer" aria-label={`Seats held for ${text} more`} data-testid="hold-countdown">
      Held {text}
    </span>
  );
}

/** Selling one session: the seat map, the order beside it, the payment dialog and the finished sale. */
export function SaleScreen({ sessionId, onBack }: SaleScreenProps) {
  const system = useSystem();
  const currency = system.cinema.currency;
  const map = useSeatMap(sessionId, MAP_REFRESH_MS);
  const menu = useOperation('concessions.listItems', {});
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [holdError, setHoldError] = useState<unknown>(null);
  const [ticketTypes, setTicketTypes] = useState<Record<string, TicketType>>({});
  const [concessions, setConcessions] = useState<{ itemId: string; quantity: number }[]>([]);
  const [preorder, setPreorder] = useState(false);
  const [customer, setCustomer] = useState<CustomerSummary | null>(null);
  const [promocode, setPromocode] = useState('');
  const [bonusPoints, setBonusPoints] = useState(0);
  const [paying, setPaying] = useState(false);
  const [payBusy, setPayBusy] = useState(false);
  const [payError, setPayError] = useState<unknown>(null);
  const [done, setDone] = useState<SaleResult | null>(null);
  const customerRef = useRef<HTMLInputElement>(null);

  // The seats this sale chose (held by a click here); other holds of this terminal are not the order.
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const seats = useMemo(() => map.data?.seats ?? [], [map.data]);
  const held = useMemo(() => seats.filter((s) => s.state === 'MINE').sort((a, b) => a.y - b.y || a.x - b.x), [seats]);
  const { order: mySeats, earlier } = useMemo(() => splitHeldSeats(held, chosen), [held, chosen]);
  const earlierIds = useMemo(() => new Set(earlier.map((s) => s.id)), [earlier]);
  const expiresAt = mySeats.reduce<string | null>((min, s) => (s.expiresAt && (!min || s.expiresAt < min) ? s.expiresAt : min), null);

  const draft: InputOf<'orders.quote'> | null = useMemo(() => {
    if (mySeats.length === 0 && concessions.length === 0) return null;
    return {
      sessionId,
      tickets: mySeats.map((s) => ({ seatId: s.id, ticketType: ticketTypes[s.id] ?? 'ADULT' })),
      concessions,
      preorder: preorder && concessions.length > 0,
      ...(customer ? { customerId: customer.id, bonusPoints } : {}),
      ...(promocode ? { promocode } : {}),
    };
  }, [sessionId, mySeats, ticketTypes, concessions, preorder, customer, bonusPoints, promocode]);
  const { quote, error: quoteError, loading: quoteLoading } = useQuote(draft);
  const canPay = !!quote && !quoteLoading && quote.problems.length === 0 && quote.total >= 0 && !!draft;

  const { changeHolds, reload: reloadMap } = map;
  const choose = (ids: readonly string[], on: boolean) =>
    setChosen((c) => {
      const n = new Set(c);
      for (const id of ids) if (on) n.add(id); else n.delete(id);
      return n;
    });
  const toggle = useCallback(
    async (seat: SeatMapSeat) => {
      const release = seat.state === 'MINE' && chosen.has(seat.id);
      setPending((p) => new Set(p).add(seat.id));
      setHoldError(null);
      // Chosen before the answer, so the seat never shows as an earlier hold in between.
      choose([seat.id], !release);
      try {
        // The answer lists this terminal's holds in the session: the map shows them at once.
        // A seat held by an earlier sale is taken into this one (held again, which extends it).
        await changeHolds(() => (release ? call('booking.release', { sessionId, seatIds: [seat.id] }) : call('booking.hold', { sessionId, seatIds: [seat.id] })));
      } catch (e) {
        if (!release) choose([seat.id], false);
        setHoldError(e);
        reloadMap();
      } finally {
        setPending((p) => {
          const n = new Set(p);
          n.delete(seat.id);
          return n;
        });
      }
    },
    [sessionId, changeHolds, reloadMap, chosen],
  );

  /** Earlier holds: into this order, or given back to the hall. */
  const settleEarlier = useCallback(
    async (add: boolean) => {
      const ids = earlier.map((s) => s.id);
      if (ids.length === 0) return;
      setHoldError(null);
      if (add) choose(ids, true);
      try {
        await changeHolds(() => (add ? call('booking.hold', { sessionId, seatIds: ids }) : call('booking.release', { sessionId, seatIds: ids })));
      } catch (e) {
        if (add) choose(ids, false);
        setHoldError(e);
        reloadMap();
      }
    },
    [earlier, sessionId, changeHolds, reloadMap],
  );

  const pay = async (payments: NonNullable<InputOf<'orders.sell'>['payments']>) => {
    if (!draft) return;
    setPayBusy(true);
    setPayError(null);
    try {
      const sale = await call('orders.sell', { ...draft, payments });
      setDone(sale);
      setChosen(new Set());
      setPaying(false);
      setTicketTypes({});
      setConcessions([]);
      setCustomer(null);
      setPromocode('');
      setBonusPoints(0);
      setPreorder(false);
    } catch (e) {
      setPayError(e);
    } finally {
      setPayBusy(false);
      map.reload();
    }
  };

  // Leaving gives back every seat this terminal holds in the session, named (so central holds go too).
  const back = useCallback(async () => {
    const ids = held.map((s) => s.id);
    if (ids.length > 0) await call('booking.release', { sessionId, seatIds: ids }).catch(() => undefined);
    onBack();
  }, [held, onBack, sessionId]);

  // Keyboard: F2 sessions, F4 loyalty card, F8 pay, Esc back.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (done) {
        if (e.key === 'F2' || e.key === 'Escape') {
          e.preventDefault();
          setDone(null);
          onBack();
        }
        return;
      }
      if (paying) return;
      if (e.key === 'F2' || (e.key === 'Escape' && !(e.target instanceof HTMLInputElement))) {
        e.preventDefault();
        void back();
      } else if (e.key === 'F4') {
        e.preventDefault();
        customerRef.current?.focus();
      } else if (e.key === 'F8') {
        e.preventDefault();
        if (canPay) setPaying(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [done, paying, canPay, back, onBack]);

  if (done) {
    return <SaleDone sale={done} currency={currency} onNext={() => setDone(null)} actions={<PrintButtons orderId={done.orderId} autoPrint hasTickets={done.tickets.length > 0} />} />;
  }

  const session = map.data?.session;
  return (
    <div className="sale" data-testid="sale-screen">
      <div className="sale-head">
        <Button onClick={() => void back()} shortcut="F2" testId="sale-back">
          ← Sessions
        </Button>
        {session && (
          <div className="sale-title">
            <h1 className="screen-title">
              {session.film.title} <AgeRating rating={session.film.ageRating} />
            </h1>
            <p className="screen-subtitle">
              {formatTime(session.startsAt, system.cinema.timezone)} · {hallLabel(session.hall)} · {session.format} · sales close {formatTime(map.data!.salesCloseAt, system.cinema.timezone)}
            </p>
          </div>
        )}
        {map.data && (
          <p className="sale-counts" data-testid="seat-counts">
            <strong>{map.data.counts.free}</strong> free · {map.data.counts.sold} sold · {map.data.counts.held} at other counters
          </p>
        )}
      </div>
      <p className="shortcut-bar" aria-label="Keyboard shortcuts">
        <kbd>F2</kbd> sessions · <kbd>←↑→↓</kbd> move · <kbd>Space</kbd> hold seat · <kbd>F4</kbd> loyalty card · <kbd>F8</kbd> pay · <kbd>Enter</kbd> confirm · <kbd>Esc</kbd> back
      </p>
      {earlier.length > 0 && (
        <EarlierHolds seats={earlier} onAdd={() => void settleEarlier(true)} onRelease={() => void settleEarlier(false)} />
      )}
      <ErrorBanner error={holdError} testId="hold-error" />
      {map.error && !map.data ? <ErrorBanner error={map.error} title="Could not load the seat map" action={<Button onClick={map.reload}>Try again</Button>} /> : null}
      <div className="sale-layout">
        <div className="panel sale-map">{map.data ? <SeatMapView seats={seats} pending={pending} earlier={earlierIds} onToggle={(s) => void toggle(s)} /> : <Loading label="Loading the seat map…" />}</div>
        <OrderPanel
          currency={currency}
          mySeats={mySeats}
          ticketTypes={ticketTypes}
          onTicketType={(seatId, t) => setTicketTypes((m) => ({ ...m, [seatId]: t }))}
          onReleaseSeat={(s) => void toggle(s)}
          items={menu.data ?? []}
          concessions={concessions}
          onQuantity={(itemId, quantity) =>
            setConcessions((list) => {
              const rest = list.filter((c) => c.itemId !== itemId);
              if (quantity <= 0) return rest;
              return list.some((c) => c.itemId === itemId) ? list.map((c) => (c.itemId === itemId ? { ...c, quantity: Math.min(99, quantity) } : c)) : [...list, { itemId, quantity }];
            })
          }
          preorder={preorder}
          onPreorder={setPreorder}
          customer={customer}
          onCustomer={(c) => (setCustomer(c), setBonusPoints(0))}
          customerRef={customerRef}
          promocode={promocode}
          onPromocode={setPromocode}
          quote={quote}
          quoteError={quoteError}
          countdown={<Countdown expiresAt={expiresAt} onExpired={map.reload} />}
          onPay={() => setPaying(true)}
          canPay={canPay}
        />
      </div>
      {paying && quote && (
        <PaymentDialog
          quote={quote}
          currency={currency}
          bonusPoints={bonusPoints}
          onBonusPoints={setBonusPoints}
          busy={payBusy}
          error={payError}
          onConfirm={(p) => void pay(p)}
          onCancel={() => (setPaying(false), setPayError(null))}
        />
      )}
    </div>
  );
}
