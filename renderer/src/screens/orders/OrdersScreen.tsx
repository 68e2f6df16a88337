import { useState } from 'react';
import { formatMoney } from '../../../../shared/money';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatLongDate, formatTime } from '../../format/time';
import { OrderPanel } from './OrderPanel';
import { PrinterSettings } from './PrinterSettings';
import { ORDER_STATUS_WORD } from './order-words';
import './orders.css';

/** The counter's order history: today's orders of this terminal, search by number, reprint, refund, exchange. */
export function OrdersScreen() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const history = useOperation('orders.history', search ? { search } : {}, { refreshMs: 30_000 });
  const [chosen, setChosen] = useState<string | null>(null);
  const data = history.data;

  return (
    <div className="screen orders-screen" data-testid="screen-orders">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Orders</h1>
          <p className="screen-subtitle">{search ? `Orders whose number contains “${search}”` : data ? `This terminal, ${formatLongDate(data.businessDate)}` : ''}</p>
        </div>
        <form
          className="screen-tools"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(typed.trim());
          }}
        >
          <label className="visually-hidden" htmlFor="order-search">
            Order number
          </label>
          <input id="order-search" className="input" placeholder="Order number" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="order-search" />
          <Button type="submit" testId="order-search-submit">
            Find
          </Button>
          {search && (
            <Button
              variant="ghost"
              onClick={() => {
                setTyped('');
                setSearch('');
              }}
            >
              Today’s orders
            </Button>
          )}
        </form>
      </div>
      {history.error ? <ErrorBanner error={history.error} title="Could not load the orders" action={<Button onClick={history.reload}>Try again</Button>} /> : null}
      <div className="orders-layout">
        <div className="orders-list">
          {history.loading && !data ? (
            <Loading label="Loading the orders…" />
          ) : data && data.orders.length === 0 ? (
            <EmptyState title={search ? 'No order has that number' : 'No orders yet today'} testId="orders-empty" />
          ) : (
            <ul className="order-rows" aria-label="Orders">
              {data?.orders.map((o) => (
                <li key={o.id}>
                  <button type="button" className="order-row" aria-pressed={o.id === chosen} onClick={() => setChosen(o.id)} data-testid="order-row" data-order-number={o.number}>
                    <span className="order-row-number">{o.number}</span>
                    <span className="order-row-time tabular">{o.paidAt ? formatTime(o.paidAt, data.timezone) : '—'}</span>
                    <span className="order-row-summary">{o.summary || '—'}</span>
                    <span className="order-row-total money">{formatMoney(o.total, data.currency)}</span>
                    {o.status !== 'PAID' && <span className={`badge order-status order-status-${o.status.toLowerCase()}`}>{ORDER_STATUS_WORD[o.status]}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <PrinterSettings />
        </div>
        {chosen ? <OrderPanel key={chosen} orderId={chosen} onChanged={history.reload} /> : <EmptyState title="Choose an order">Reprint its tickets or receipt, refund it, or exchange a ticket.</EmptyState>}
      </div>
    </div>
  );
}
