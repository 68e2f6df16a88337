import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import { formatMoney } from '../../../../shared/money';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatLongDate, formatTime } from '../../format/time';
import { OrderPanel } from './OrderPanel';
import { PrinterSettings } from './PrinterSettings';
import './orders.css';

/** The counter's order history: today's orders of this terminal, search by number, reprint, refund, exchange. */
export function OrdersScreen() {
  const { t } = useTranslation(['orders', 'enums', 'components']);
  const locale = useLocale();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const history = useOperation('orders.history', search ? { search } : {}, { refreshMs: 30_000 });
  const [chosen, setChosen] = useState<string | null>(null);
  const data = history.data;

  return (
    <div className="screen orders-screen" data-testid="screen-orders">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{search ? t('matching', { search }) : data ? t('thisTerminal', { date: formatLongDate(data.businessDate, locale) }) : ''}</p>
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
            {t('number')}
          </label>
          <input id="order-search" className="input" placeholder={t('number')} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="order-search" />
          <Button type="submit" testId="order-search-submit">
            {t('find')}
          </Button>
          {search && (
            <Button
              variant="ghost"
              onClick={() => {
                setTyped('');
                setSearch('');
              }}
            >
              {t('today')}
            </Button>
          )}
        </form>
      </div>
      {history.error ? <ErrorBanner error={history.error} title={t('loadFailed')} action={<Button onClick={history.reload}>{t('components:tryAgain')}</Button>} /> : null}
      <div className="orders-layout">
        <div className="orders-list">
          {history.loading && !data ? (
            <Loading label={t('loading')} />
          ) : data && data.orders.length === 0 ? (
            <EmptyState title={search ? t('noMatch') : t('noneToday')} testId="orders-empty" />
          ) : (
            <ul className="order-rows" aria-label={t('list')}>
              {data?.orders.map((o) => (
                <li key={o.id}>
                  <button type="button" className="order-row" aria-pressed={o.id === chosen} onClick={() => setChosen(o.id)} data-testid="order-row" data-order-number={o.number}>
                    <span className="order-row-number">{o.number}</span>
                    <span className="order-row-time tabular">{o.paidAt ? formatTime(o.paidAt, data.timezone, locale) : '—'}</span>
                    <span className="order-row-summary">{o.summary || '—'}</span>
                    <span className="order-row-total money">{formatMoney(o.total, data.currency, locale)}</span>
                    {o.status !== 'PAID' && <span className={`badge order-status order-status-${o.status.toLowerCase()}`}>{t(`enums:orderStatus.${o.status}`)}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <PrinterSettings />
        </div>
        {chosen ? <OrderPanel key={chosen} orderId={chosen} onChanged={history.reload} /> : <EmptyState title={t('choose')}>{t('chooseHint')}</EmptyState>}
      </div>
    </div>
  );
}
