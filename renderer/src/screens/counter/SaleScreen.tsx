import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { CustomerSummary, InputOf, Reservation, SaleResult, SeatMapSeat } from '../../../../shared/contract';
import type { TicketType } from '../../../../shared/enums';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { AgeRating } from '../../components/AgeRating';
import { hallLabel } from '../../format/hall';
import { formatInstantDate, formatTime } from '../../format/time';
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
import { AgeCheckDialog } from './AgeCheckDialog';
import { ReserveDialog } from './ReserveDialog';
import { menuOrder } from './menu-order';
import { seatNames } from './sale-seats';
import { Notice } from '../../components/Notice';
import './counter.css';

/** Other counters sell and hold too (online, their central holds show within this): read the map again this often. */
const MAP_REFRESH_MS = 2_000;

export interface SaleScreenProps {
  sessionId: string;
  /** A reservation being picked up (rule 18): its seats are the order, paid as a normal sale. */
  reservation?: Reservation | null;
  onBack(): void;
}

function Countdown({ expiresAt, onExpired }: { expiresAt: string | null; onExpired(): void }) {
  const { t } = useTranslation('counter');
  const now = useTerminalNow(1000);
  const left = expiresAt ? Math.max(0, Date.parse(expiresAt) - now) : null;
  useEffect(() => {
    if (left === 0) onExpired();
  }, [left, onExpired]);
  if (left === null) return null;
  const s = Math.ceil(left / 1000);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return (
    <span className={s <= 60 ? 'hold-timer is-short' : 'hold-timer'} role="timer" aria-label={t('sale.heldFor', { time: text })} data-testid="hold-countdown">
      {t('sale.held', { time: text })}
    </span>
  );
}

/** Selling one session: the seat map, the order beside it, the payment dialog and the finished sale. */
export function SaleScreen({ sessionId, reservation = null, onBack }: SaleScreenProps) {
  const { t } = useTranslation(['counter', 'components']);
  const locale = useLocale();
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
  // The seats of a best-seats proposal not yet kept (Enter keeps, another number replaces, Esc gives back).
  const [proposal, setProposal] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const settling = pending.size > 0 || picking;
  const canPay = !!quote && !quoteLoading && !settling && quote.problems.length === 0 && quote.total >= 0 && !!draft;
  // F8 pressed while a seat's hold or the price is still on its way: kept, and done once it can be.
  const [payWanted, setPayWanted] = useState(false);
  const payBlocked = !settling && !quoteLoading && (!draft || (!!quote && quote.problems.length > 0) || !!quoteError);
  useEffect(() => {
    // The wait ends with the box office's answer, not with an event of the page: act on it here.
    if (!payWanted || !(canPay || payBlocked)) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setPayWanted(false);
    if (canPay) setPaying(true);
  }, [payWanted, canPay, payBlocked]);
  const showPay = paying || (payWanted && canPay);
  // Rule 20: asked once per order, before the payment.
  const [ageConfirmed, setAgeConfirmed] = useState(false);
  const askAge = showPay && !!quote?.ageCheck && !ageConfirmed;
  // Rule 18: reserving the order's seats, and picking a reservation up.
  const [reserving, setReserving] = useState(false);
  const [reserveBusy, setReserveBusy] = useState(false);
  const [reserveError, setReserveError] = useState<unknown>(null);
  const [reserved, setReserved] = useState<Reservation | null>(null);
  const [pickup, setPickup] = useState<Reservation | null>(null);
  const { changeHolds: holdChange } = map;
  const pickedUp = useRef(false);
  useEffect(() => {
    if (!reservation || pickedUp.current) return;
    pickedUp.current = true;
    void holdChange(async () => {
      const r = await call('reservations.pickUp', { reservationId: reservation.id });
      setChosen(new Set(r.reservation.seats.map((x) => x.id)));
      setPickup(r.reservation);
      return r;
    }).catch((e: unknown) => setHoldError(e));
  }, [reservation, holdChange]);
  const reserve = async (customerName: string, phone: string) => {
    setReserveBusy(true);
    setReserveError(null);
    try {
      const r = await call('reservations.create', { sessionId, seatIds: mySeats.map((x) => x.id), customerName, phone });
      setReserved(r);
      setReserving(false);
      setChosen(new Set());
      setProposal([]);
      map.reload();
    } catch (e) {
      setReserveError(e);
    } finally {
      setReserveBusy(false);
    }
  };
  const focusMap = () => document.querySelector<HTMLButtonElement>('[data-testid="seat-map"] button[tabindex="0"]')?.focus();

  const { changeHolds, reload: reloadMap } = map;
  const choose = (ids: readonly string[], on: boolean) =>
    setChosen((c) => {
      const n = new Set(c);
      for (const id of ids) if (on) n.add(id); else n.delete(id);
      return n;
    });
  const toggle = useCallback(
    async (seat: SeatMapSeat) => {
      // Choosing on the map keeps a best-seats proposal as it stands (the cashier adjusts it).
      setProposal([]);
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

  /** Best available (item 4): the `count` best seats together, held in place of the last proposal. */
  const pickBest = useCallback(
    async (count: number) => {
      setHoldError(null);
      setPicking(true);
      const instead = proposal;
      try {
        await changeHolds(async () => {
          const best = await call('booking.holdBest', { sessionId, count, instead });
          setChosen((c) => {
            const n = new Set(c);
            for (const id of instead) n.delete(id);
            for (const id of best.picked) n.add(id);
            return n;
          });
          setProposal(best.picked);
          return best;
        });
      } catch (e) {
        setHoldError(e);
        reloadMap();
      } finally {
        setPicking(false);
      }
    },
    [proposal, sessionId, changeHolds, reloadMap],
  );

  const dropProposal = useCallback(async () => {
    const ids = proposal;
    setProposal([]);
    if (ids.length === 0) return;
    choose(ids, false);
    await changeHolds(() => call('booking.release', { sessionId, seatIds: ids })).catch((e: unknown) => setHoldError(e));
  }, [proposal, sessionId, changeHolds]);

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
      const sale = await call('orders.sell', { ...draft, ageConfirmed, ...(pickup ? { reservationId: pickup.id } : {}), payments });
      setDone(sale);
      setChosen(new Set());
      setPickup(null);
      setAgeConfirmed(false);
      setProposal([]);
      setPaying(false);
      setPayWanted(false);
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

  const items = useMemo(() => menuOrder(menu.data ?? []), [menu.data]);
  const addItem = useCallback(
    (itemId: string) =>
      setConcessions((list) => (list.some((c) => c.itemId === itemId) ? list.map((c) => (c.itemId === itemId ? { ...c, quantity: Math.min(99, c.quantity + 1) } : c)) : [...list, { itemId, quantity: 1 }])),
    [],
  );

  // Keyboard (issue 13, item 3): F2 sessions, 1–9 best seats, Enter keeps them, Shift+1–9 snacks, F4 loyalty card,
  // F6 the ticket lines (there 1–4 pick the type, item 6), F8 pay, Esc back.
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
      if (showPay || reserving) return;
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      // On a ticket line the digits pick its ticket type (OrderPanel), not best seats.
      const onTicketLine = e.target instanceof Element && e.target.closest('[data-ticket-line]') !== null;
      const digit = onTicketLine ? undefined : /^Digit([1-9])$/.exec(e.code)?.[1];
      if (e.key === 'F2' || (e.key === 'Escape' && !typing && proposal.length === 0)) {
        e.preventDefault();
        void back();
      } else if (e.key === 'Escape' && !typing) {
        e.preventDefault();
        void dropProposal();
      } else if (e.key === 'Enter' && !typing && proposal.length > 0) {
        // Keeps the proposal (rather than Enter toggling the focused seat).
        e.preventDefault();
        e.stopPropagation();
        setProposal([]);
      } else if (digit && !typing && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        if (e.shiftKey) {
          const item = items[Number(digit) - 1];
          if (item && !(item.stock !== null && item.stock <= 0)) addItem(item.id);
        } else void pickBest(Number(digit));
      } else if (e.key === 'F4') {
        e.preventDefault();
        customerRef.current?.focus();
      } else if (e.key === 'F6') {
        e.preventDefault();
        document.querySelector<HTMLElement>('[data-ticket-line] [role="radio"][aria-checked="true"]')?.focus();
      } else if (e.key === 'F7') {
        e.preventDefault();
        if (mySeats.length > 0 && !settling && !pickup) setReserving(true);
      } else if (e.key === 'F8') {
        e.preventDefault();
        if (canPay) {
          setProposal([]);
          setPaying(true);
        } else if (draft || settling) setPayWanted(true);
      }
    };
    // Capture: Enter keeping a proposal must not also reach the focused seat.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [done, showPay, reserving, canPay, back, onBack, proposal, dropProposal, pickBest, items, addItem, draft, settling, mySeats.length, pickup]);

  if (done) {
    return <SaleDone sale={done} currency={currency} onNext={() => setDone(null)} actions={<PrintButtons orderId={done.orderId} autoPrint hasTickets={done.tickets.length > 0} />} />;
  }

  const session = map.data?.session;
  return (
    <div className="sale" data-testid="sale-screen">
      <div className="sale-head">
        <Button onClick={() => void back()} shortcut="F2" testId="sale-back">
          {t('sale.back')}
        </Button>
        {session && (
          <div className="sale-title">
            <h1 className="screen-title">
              {session.film.title} <AgeRating rating={session.film.ageRating} />
            </h1>
            <p className="screen-subtitle">
              {t('sale.subtitle', {
                date: formatInstantDate(session.startsAt, system.cinema.timezone, locale),
                time: formatTime(session.startsAt, system.cinema.timezone, locale),
                hall: hallLabel(session.hall, locale),
                format: session.format,
                close: formatTime(map.data!.salesCloseAt, system.cinema.timezone, locale),
              })}
            </p>
          </div>
        )}
        {map.data && (
          <p className="sale-counts" data-testid="seat-counts">
            <Trans t={t} i18nKey="sale.counts" values={{ free: map.data.counts.free, sold: map.data.counts.sold, held: map.data.counts.held }} components={{ strong: <strong /> }} />
          </p>
        )}
      </div>
      <p className="shortcut-bar" aria-label={t('sale.shortcutsLabel')} data-testid="sale-shortcuts">
        <Trans t={t} i18nKey="sale.shortcuts" components={{ kbd: <kbd /> }} />
      </p>
      {proposal.length > 0 && (
        <Notice testId="best-proposal">
          <Trans t={t} i18nKey="sale.best" count={proposal.length} values={{ seats: seatNames(seats.filter((x) => proposal.includes(x.id))) }} components={{ strong: <strong />, kbd: <kbd /> }} />
        </Notice>
      )}
      {reserved && (
        <Notice tone="success" testId="reserved-notice" onDismiss={() => setReserved(null)}>
          <Trans
            t={t}
            i18nKey="sale.reserved"
            values={{ name: reserved.customerName, code: reserved.code, seats: seatNames(reserved.seats), time: formatTime(reserved.releaseAt, system.cinema.timezone, locale) }}
            components={{ strong: <strong />, code: <strong data-testid="reserved-code" /> }}
          />
        </Notice>
      )}
      {pickup && (
        <Notice testId="pickup-notice">
          <Trans t={t} i18nKey="sale.pickup" values={{ code: pickup.code, name: pickup.customerName }} components={{ strong: <strong />, kbd: <kbd /> }} />
        </Notice>
      )}
      {earlier.length > 0 && (
        <EarlierHolds seats={earlier} onAdd={() => void settleEarlier(true)} onRelease={() => void settleEarlier(false)} />
      )}
      <ErrorBanner error={holdError} testId="hold-error" />
      {map.error && !map.data ? <ErrorBanner error={map.error} title={t('sale.mapFailed')} action={<Button onClick={map.reload}>{t('components:tryAgain')}</Button>} /> : null}
      <div className="sale-layout">
        <div className="panel sale-map">{map.data ? <SeatMapView seats={seats} pending={pending} earlier={earlierIds} onToggle={(s) => void toggle(s)} /> : <Loading label={t('sale.mapLoading')} />}</div>
        <OrderPanel
          currency={currency}
          mySeats={mySeats}
          ticketTypes={ticketTypes}
          onTicketType={(seatId, t) => setTicketTypes((m) => ({ ...m, [seatId]: t }))}
          onReleaseSeat={(s) => void toggle(s)}
          items={items}
          onBest={(n) => void pickBest(n)}
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
          onCustomer={(c) => {
            setCustomer(c);
            setBonusPoints(0);
            // Back to the map after the lookup: the next key sells on.
            if (c) setTimeout(focusMap, 0);
          }}
          customerRef={customerRef}
          promocode={promocode}
          onPromocode={(code) => {
            setPromocode(code);
            setTimeout(focusMap, 0);
          }}
          quote={quote}
          quoteError={quoteError}
          countdown={<Countdown expiresAt={expiresAt} onExpired={map.reload} />}
          onPay={() => (canPay ? setPaying(true) : setPayWanted(true))}
          onReserve={mySeats.length > 0 && !pickup ? () => setReserving(true) : undefined}
          canPay={canPay || (!!draft && (settling || quoteLoading))}
          busy={settling || quoteLoading}
        />
      </div>
      {reserving && (
        <ReserveDialog seats={mySeats.length} busy={reserveBusy} error={reserveError} onReserve={(n, ph) => void reserve(n, ph)} onCancel={() => (setReserving(false), setReserveError(null))} />
      )}
      {askAge && quote?.ageCheck && (
        <AgeCheckDialog
          film={session?.film.title ?? t('sale.thisFilm')}
          rating={quote.ageCheck.rating}
          minAge={quote.ageCheck.minAge}
          onConfirm={() => setAgeConfirmed(true)}
          onCancel={() => (setPaying(false), setPayWanted(false))}
        />
      )}
      {showPay && !askAge && quote && (
        <PaymentDialog
          quote={quote}
          currency={currency}
          bonusPoints={bonusPoints}
          onBonusPoints={setBonusPoints}
          busy={payBusy}
          error={payError}
          onConfirm={(p) => void pay(p)}
          onCancel={() => (setPaying(false), setPayWanted(false), setPayError(null))}
        />
      )}
    </div>
  );
}
