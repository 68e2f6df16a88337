import type { KeyboardEvent, ReactNode, Ref } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { ConcessionItemSummary, CustomerSummary, Quote, SeatMapSeat } from '../../../../shared/contract';
import { TICKET_TYPES, type TicketType } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CustomerBox } from './CustomerBox';
import { menuGroups } from './menu-order';

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
  const { t } = useTranslation(['counter', 'enums']);
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, p.currency, locale);
  const seatName = (s: SeatMapSeat) => t('seat.label', { row: s.row, number: s.number });
  const lineFor = (kind: 'TICKET' | 'CONCESSION', refId: string) => p.quote?.lines.find((l) => l.kind === kind && l.refId === refId);
  const keyOf = new Map(p.items.slice(0, 9).map((item, i) => [item.id, `⇧${i + 1}`]));

  return (
    <aside className="panel order-panel" aria-label={t('order.label')} data-testid="order-panel">
      <header className="order-head">
        <h2 className="panel-title">{t('order.label')}</h2>
        {p.countdown}
      </header>

      {/* Lines, snacks, card and code scroll; the totals and Pay below them stay in view (issue 13, item 2). */}
      <div className="order-scroll" data-testid="order-scroll">
      <section className="order-section" aria-label={t('order.tickets')}>
        <div className="best-seats" role="group" aria-label={t('order.bestGroup')}>
          <span className="muted">{t('order.best')}</span>
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <button key={n} type="button" className="btn btn-secondary btn-sm best-seats-n" onClick={() => p.onBest(n)} aria-label={t('order.bestN', { count: n })} data-testid={`best-${n}`}>
              {n}
            </button>
          ))}
        </div>
        {p.mySeats.length === 0 ? (
          <p className="muted" data-testid="order-no-seats">
            <Trans t={t} i18nKey="order.noSeats" components={{ kbd: <kbd /> }} />
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
                    <strong>{t('seat.line', { row: seat.row, number: seat.number })}</strong>
                    {seat.kind !== 'STANDARD' && <span className="muted"> {t(`enums:seatKind.${seat.kind}`)}</span>}
                  </span>
                  <span className="order-line-price money">
                    {line ? money(line.total) : '…'}
                    {line && line.discount > 0 && <span className="order-line-was">{money(line.unitPrice)}</span>}
                  </span>
                  <button type="button" className="btn btn-ghost btn-sm" aria-label={t('order.release', { seat: seatName(seat) })} onClick={() => p.onReleaseSeat(seat)}>
                    ✕
                  </button>
                  {/* Ticket types as buttons on the line (rule 19's price cards make them matter): one press, no dropdown. */}
                  <span className="ticket-types" role="radiogroup" aria-label={t('order.ticketType', { seat: seatName(seat) })} data-testid="ticket-type">
                    {TICKET_TYPES.map((type, i) => {
                      const on = (p.ticketTypes[seat.id] ?? 'ADULT') === type;
                      return (
                        <button
                          key={type}
                          type="button"
                          role="radio"
                          aria-checked={on}
                          className={on ? 'ticket-type is-on' : 'ticket-type'}
                          onClick={() => p.onTicketType(seat.id, type)}
                          aria-keyshortcuts={String(i + 1)}
                          data-testid={`ticket-type-${type.toLowerCase()}`}
                        >
                          {t(`enums:ticketType.${type}`)} <kbd className="btn-kbd">{i + 1}</kbd>
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
            <Trans t={t} i18nKey="order.typeKeys" values={{ last: TICKET_TYPES.length }} components={{ kbd: <kbd /> }} />
          </p>
        )}
      </section>

      <section className="order-section" aria-label={t('order.concessions')}>
        <h3 className="order-section-title">{t('order.snacks')}</h3>
        <div className="concession-grid" data-testid="concession-menu">
          {menuGroups(p.items).map(([category, items]) => (
            <div key={category} className="concession-group">
              <span className="concession-category">{category || t('order.otherCategory')}</span>
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
                    <span className="money">{out ? t('order.soldOut') : money(item.price)}</span>
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
                    <strong>{item?.name ?? t('order.item')}</strong>
                  </span>
                  <span className="order-qty">
                    <button type="button" className="btn btn-ghost btn-sm" aria-label={t('order.oneLess', { item: item?.name })} onClick={() => p.onQuantity(c.itemId, c.quantity - 1)}>
                      −
                    </button>
                    <span className="tabular" aria-label={t('order.quantity')}>
                      {c.quantity}
                    </span>
                    <button type="button" className="btn btn-ghost btn-sm" aria-label={t('order.oneMore', { item: item?.name })} onClick={() => p.onQuantity(c.itemId, c.quantity + 1)}>
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
            {t('order.preorder')}
          </label>
        )}
      </section>

      <section className="order-section" aria-label={t('order.loyaltyAndCode')}>
        <h3 className="order-section-title">{t('order.loyalty')}</h3>
        <CustomerBox customer={p.customer} onChange={p.onCustomer} inputRef={p.customerRef} />
        <h3 className="order-section-title">{t('order.promocode')}</h3>
        <PromocodeField value={p.promocode} onApply={p.onPromocode} quote={p.quote} />
      </section>

      </div>

      <section className="order-totals" aria-label={t('order.totals')} aria-busy={p.busy || undefined} data-testid="order-totals">
        {p.quoteError ? <ErrorBanner error={p.quoteError} testId="quote-error" /> : null}
        {p.quote && (
          <>
            <dl className="order-sums">
              <div>
                <dt>{t('order.subtotal')}</dt>
                <dd className="money">{money(p.quote.subtotal)}</dd>
              </div>
              {p.quote.discount > 0 && (
                <div>
                  <dt>{p.quote.promocode?.applied ? t('order.discountCode', { code: p.quote.promocode.code }) : t('order.discount')}</dt>
                  <dd className="money" data-testid="quote-discount">
                    −{money(p.quote.discount)}
                  </dd>
                </div>
              )}
              <div className="order-sums-total">
                <dt>{t('order.total')}</dt>
                <dd className="money" data-testid="quote-total">
                  {money(p.quote.total)}
                </dd>
              </div>
              {p.quote.customer && (
                <div className="muted">
                  <dt>{t('order.pointsToEarn')}</dt>
                  <dd data-testid="quote-points-earn">{p.quote.bonus.toEarn}</dd>
                </div>
              )}
              {p.quote.vat.map((v) => (
                <div key={v.rateBp} className="muted">
                  <dt>{t('order.vat', { rate: (v.rateBp / 100).toLocaleString(locale, { maximumFractionDigits: 2 }) })}</dt>
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
              {t('order.reserve')}
            </Button>
          )}
          <Button variant="primary" size="lg" shortcut="F8" onClick={p.onPay} disabled={!p.canPay} testId="pay">
            {t('order.pay', { total: p.quote ? money(p.quote.total) : '' })}
          </Button>
        </div>
      </section>
    </aside>
  );
}

function PromocodeField({ value, onApply, quote }: { value: string; onApply(code: string): void; quote: Quote | null }) {
  const { t } = useTranslation('counter');
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
        {t('order.promocode')}
      </label>
      <input id="promocode" name="promocode" className="input counter-code" defaultValue={value} placeholder={t('order.promoExample')} autoComplete="off" data-testid="promocode-input" />
      <Button type="submit" testId="promocode-apply">
        {t('order.apply')}
      </Button>
      {value && (
        <span className={status?.applied ? 'tag promo-ok' : 'tag promo-warn'} data-testid="promocode-status">
          {status?.applied ? t('order.promoApplied', { code: status.code }) : t('order.promoNotApplied', { code: value })}
        </span>
      )}
    </form>
  );
}
