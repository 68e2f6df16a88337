import type { KeyboardEvent, ReactNode, Ref } from 'react';
import type { ConcessionItemSummary, CustomerSummary, Quote, SeatMapSeat } from '../../../../shared/contract';
import { TICKET_TYPES, type TicketType } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CustomerBox } from './CustomerBox';
import { KIND_WORD } from './SeatMapView';
import { menuGroups } from './menu-order';
import { seatLabel } from '../../../../shared/seat-map';

const TYPE_LABEL: Record<TicketType, string> = { ADULT: 'Adult', CHILD: 'Child', STUDENT: 'Student', SENIOR: 'Senior' };

/** On a focused ticket line, digit n picks the n-th ticket type (the key is shown on its button). */
export function ticketTypeForKey(e: Pick<KeyboardEvent, 'code' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>): TicketType | null {
  if (e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1];
  return digit ? (TICKET_TYPES[Number(digit) - 1] ?? null) : null;
}

/** ↑/↓ on a ticket line move to the chosen type of the line above or below. */
function focusLine(from: HTMLElement, step: 1 | -1): void {
  const lines = [...(from.closest('[data-testid="order-tickets"]')?.querySelectorAll<HTMLElement>('[data-ticket-line]') ?? [])];
  const at = lines.findIndex((l) => l.contains(from));
  lines[at + step]?.querySelector<HTMLElement>('[role="radio"][aria-checked="true"]')?.focus();
}

export interface OrderPanelProps {
  currency: string;
  mySeats: SeatMapSeat[];
  ticketTypes: Record<string, TicketType>;
  onTicketType(seatId: string, type: TicketType): void;
  onReleaseSeat(seat: SeatMapSeat): void;
  /** The menu in the counter's order (menuOrder): the first nine have Shift+1…9. */
  items: ConcessionItemSummary[];
  /** Holds the n best seats together (keys 1–9). */
  onBest(count: number): void;
  concessions: { itemId: string; quantity: number }[];
  onQuantity(itemId: string, quantity: number): void;
  preorder: boolean;
  onPreorder(v: boolean): void;
  customer: CustomerSummary | null;
  onCustomer(c: CustomerSummary | null): void;
  customerRef: Ref<HTMLInputElement>;
  promocode: string;
  onPromocode(code: string): void;
  quote: Quote | null;
  quoteError: unknown;
  countdown: ReactNode;
  onPay(): void;
  /** Reserves the order's seats without payment (rule 18); absent when there is nothing to reserve. */
  onReserve?: (() => void) | undefined;
  canPay: boolean;
  /** A hold or the price is on its way: the totals shown are the last ones. */
  busy: boolean;
}

/** The order being built: tickets with their type, snacks, loyalty card, promocode, and the main process's totals. */
export function OrderPanel(p: OrderPanelProps) {
  const money = (n: number) => formatMoney(n, p.currency);
  const lineFor = (kind: 'TICKET' | 'CONCESSION', refId: string) => p.quote?.lines.find((l) => l.kind === kind && l.refId === refId);
  const keyOf = new Map(p.items.slice(0, 9).map((item, i) => [item.id, `⇧${i + 1}`]));

  return (
    <aside className="panel order-panel" aria-label="Order" data-testid="order-panel">
      <header className="order-head">
        <h2 className="panel-title">Order</h2>
        {p.countdown}
      </header>

      {/* Lines, snacks, card and code scroll; the totals and Pay below them stay in view (issue 13, item 2). */}
      <div className="order-scroll" data-testid="order-scroll">
      <section className="order-section" aria-label="Tickets">
        <div className="best-seats" role="group" aria-label="Best seats together">
          <span className="muted">Best seats</span>
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <button key={n} type="button" className="btn btn-secondary btn-sm best-seats-n" onClick={() => p.onBest(n)} aria-label={`${n} best ${n === 1 ? 'seat' : 'seats together'} (key ${n})`} data-testid={`best-${n}`}>
              {n}
            </button>
          ))}
        </div>
        {p.mySeats.length === 0 ? (
          <p className="muted" data-testid="order-no-seats">
            Type the number of tickets for the best seats, or choose on the map: click, or arrows + <kbd>Space</kbd>.
          </p>
        ) : (
          <ul className="order-lines" data-testid="order-tickets">
            {p.mySeats.map((seat) => {
              const line = lineFor('TICKET', seat.id);
              const onLineKey = (e: KeyboardEvent<HTMLLIElement>) => {
                const type = ticketTypeForKey(e);
                if (type) {
                  e.preventDefault();
                  p.onTicketType(seat.id, type);
                } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  focusLine(e.target as HTMLElement, e.key === 'ArrowDown' ? 1 : -1);
                }
              };
              return (
                <li key={seat.id} className="order-line" data-testid="ticket-line" data-ticket-line onKeyDown={onLineKey}>
                  <span className="order-line-what">
                    <strong>
                      Row {seat.row} · Seat {seat.number}
                    </strong>
                    {seat.kind !== 'STANDARD' && <span className="muted"> {KIND_WORD[seat.kind]}</span>}
                  </span>
                  <span className="order-line-price money">
                    {line ? money(line.total) : '…'}
                    {line && line.discount > 0 && <span className="order-line-was">{money(line.unitPrice)}</span>}
                  </span>
                  <button type="button" className="btn btn-ghost btn-sm" aria-label={`Release ${seatLabel(seat.row, seat.number)}`} onClick={() => p.onReleaseSeat(seat)}>
                    ✕
                  </button>
                  {/* Ticket types as buttons on the line (rule 19's price cards make them matter): one press, no dropdown. */}
                  <span className="ticket-types" role="radiogroup" aria-label={`Ticket type for ${seatLabel(seat.row, seat.number)}`} data-testid="ticket-type">
                    {TICKET_TYPES.map((t, i) => {
                      const on = (p.ticketTypes[seat.id] ?? 'ADULT') === t;
                      return (
                        <button
                          key={t}
                          type="button"
                          role="radio"
                          aria-checked={on}
                          className={on ? 'ticket-type is-on' : 'ticket-type'}
                          onClick={() => p.onTicketType(seat.id, t)}
                          aria-keyshortcuts={String(i + 1)}
                          data-testid={`ticket-type-${t.toLowerCase()}`}
                        >
                          {TYPE_LABEL[t]} <kbd className="btn-kbd">{i + 1}</kbd>
                        </button>
                      );
                    })}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        {p.mySeats.length > 0 && (
          <p className="muted order-keys" data-testid="ticket-type-keys">
            <kbd>F6</kbd> ticket types: <kbd>1</kbd>–<kbd>{TICKET_TYPES.length}</kbd> pick, <kbd>↑</kbd>
            <kbd>↓</kbd> next line
          </p>
        )}
      </section>

      <section className="order-section" aria-label="Concessions">
        <h3 className="order-section-title">Snacks &amp; drinks</h3>
        <div className="concession-grid" data-testid="concession-menu">
          {menuGroups(p.items).map(([category, items]) => (
            <div key={category} className="concession-group">
              <span className="concession-category">{category}</span>
              {items.map((item) => {
                const out = item.stock !== null && item.stock <= 0;
                return (
                  <button
                    key={item.id}
                    type="button"
                    className="btn btn-secondary btn-sm concession-add"
                    disabled={out}
                    onClick={() => p.onQuantity(item.id, (p.concessions.find((c) => c.itemId === item.id)?.quantity ?? 0) + 1)}
                    data-testid="concession-add"
                    data-item={item.name}
                  >
                    <span>+ {item.name}</span>
                    <span className="money">{out ? 'sold out' : money(item.price)}</span>
                    {keyOf.has(item.id) && <kbd className="btn-kbd">{keyOf.get(item.id)}</kbd>}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
        {p.concessions.length > 0 && (
          <ul className="order-lines" data-testid="order-concessions">
            {p.concessions.map((c) => {
              const item = p.items.find((i) => i.id === c.itemId);
              const line = lineFor('CONCESSION', c.itemId);
              return (
                <li key={c.itemId} className="order-line" data-testid="concession-line">
                  <span className="order-line-what">
                    <strong>{item?.name ?? 'Item'}</strong>
                  </span>
                  <span className="order-qty">
                    <button type="button" className="btn btn-ghost btn-sm" aria-label={`One less ${item?.name}`} onClick={() => p.onQuantity(c.itemId, c.quantity - 1)}>
                      −
                    </button>
                    <span className="tabular" aria-label="quantity">
                      {c.quantity}
                    </span>
                    <button type="button" className="btn btn-ghost btn-sm" aria-label={`One more ${item?.name}`} onClick={() => p.onQuantity(c.itemId, c.quantity + 1)}>
                      +
                    </button>
                  </span>
                  <span className="order-line-price money">{line ? money(line.total) : '…'}</span>
                </li>
              );
            })}
          </ul>
        )}
        {p.concessions.length > 0 && (
          <label className="counter-check">
            <input type="checkbox" checked={p.preorder} onChange={(e) => p.onPreorder(e.target.checked)} data-testid="preorder-toggle" />
            Prepare at the stand for pickup (pickup code on the receipt)
          </label>
        )}
      </section>

      <section className="order-section" aria-label="Loyalty and promocode">
        <h3 className="order-section-title">Loyalty card</h3>
        <CustomerBox customer={p.customer} onChange={p.onCustomer} inputRef={p.customerRef} />
        <h3 className="order-section-title">Promocode</h3>
        <PromocodeField value={p.promocode} onApply={p.onPromocode} quote={p.quote} />
      </section>

      </div>

      <section className="order-totals" aria-label="Totals" aria-busy={p.busy || undefined} data-testid="order-totals">
        {p.quoteError ? <ErrorBanner error={p.quoteError} testId="quote-error" /> : null}
        {p.quote && (
          <>
            <dl className="order-sums">
              <div>
                <dt>Subtotal</dt>
                <dd className="money">{money(p.quote.subtotal)}</dd>
              </div>
              {p.quote.discount > 0 && (
                <div>
                  <dt>Discount{p.quote.promocode?.applied ? ` (${p.quote.promocode.code})` : ''}</dt>
                  <dd className="money" data-testid="quote-discount">
                    −{money(p.quote.discount)}
                  </dd>
                </div>
              )}
              <div className="order-sums-total">
                <dt>Total</dt>
                <dd className="money" data-testid="quote-total">
                  {money(p.quote.total)}
                </dd>
              </div>
              {p.quote.customer && (
                <div className="muted">
                  <dt>Points to earn</dt>
                  <dd data-testid="quote-points-earn">{p.quote.bonus.toEarn}</dd>
                </div>
              )}
              {p.quote.vat.map((v) => (
                <div key={v.rateBp} className="muted">
                  <dt>incl. VAT {v.rateBp / 100} %</dt>
                  <dd className="money">{money(v.amount)}</dd>
                </div>
              ))}
            </dl>
            {p.quote.problems.map((m) => (
              <p key={m} className="order-problem" role="alert" data-testid="quote-problem">
                <span aria-hidden="true">⚠ </span>
                {m}
              </p>
            ))}
          </>
        )}
        <div className="order-actions">
          {p.onReserve && (
            <Button shortcut="F7" onClick={p.onReserve} testId="reserve">
              Reserve
            </Button>
          )}
          <Button variant="primary" size="lg" shortcut="F8" onClick={p.onPay} disabled={!p.canPay} testId="pay">
            Pay {p.quote ? money(p.quote.total) : ''}
          </Button>
        </div>
      </section>
    </aside>
  );
}

function PromocodeField({ value, onApply, quote }: { value: string; onApply(code: string): void; quote: Quote | null }) {
  const status = quote?.promocode;
  return (
    <form
      className="counter-inline"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onApply(String(data.get('promocode') ?? '').trim());
      }}
    >
      <label className="visually-hidden" htmlFor="promocode">
        Promocode
      </label>
      <input id="promocode" name="promocode" className="input counter-code" defaultValue={value} placeholder="e.g. WELCOME10" autoComplete="off" data-testid="promocode-input" />
      <Button type="submit" testId="promocode-apply">
        Apply
      </Button>
      {value && (
        <span className={status?.applied ? 'tag promo-ok' : 'tag promo-warn'} data-testid="promocode-status">
          {status?.applied ? `✓ ${status.code} applied` : `✗ ${value} not applied`}
        </span>
      )}
    </form>
  );
}
