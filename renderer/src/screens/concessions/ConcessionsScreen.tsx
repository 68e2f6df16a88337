import { Fragment, useMemo, useState } from 'react';
import type { ConcessionItemSummary } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ListView } from '../../components/ListView';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { percentText } from '../../format/amount-input';
import { useStatus } from '../../stores/status';
import { ItemEditor } from './ItemEditor';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import { confirmLeave } from '../../shell/unsaved-changes';
import { StockForm } from './StockForm';
import '../manage-layout.css';
import './concessions.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

type Side = { kind: 'new' } | { kind: 'edit'; item: ConcessionItemSummary } | { kind: 'stock'; item: ConcessionItemSummary };

/** Items are counted as "low" below this many pieces; the word says it, not only the colour. */
const LOW_STOCK = 10;

/** The manager's concession items: prices, VAT, stock; add, edit, take off sale, book deliveries and waste. */
export function ConcessionsScreen() {
  const { t } = useTranslation('concessions');
  const locale = useLocale();
  const system = useStatus((s) => s.system);
  const currency = system?.cinema.currency ?? 'EUR';
  const items = useOperation('concessions.listItems', { includeInactive: true });
  const [side, setSide] = useState<Side>({ kind: 'new' });
  const [round, setRound] = useState(0);
  const action = useRowAction(items.reload);

  const groups = useMemo(() => {
    const out = new Map<string, ConcessionItemSummary[]>();
    for (const i of items.data ?? []) {
      const key = i.category || t('otherCategory');
      out.set(key, [...(out.get(key) ?? []), i]);
    }
    return [...out.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [items.data, t]);
  const categories = useMemo(() => [...new Set((items.data ?? []).map((i) => i.category).filter(Boolean))].sort(), [items.data]);

  /** Shows another form beside the list; unsaved edits ask first. */
  const open = (s: Side) => {
    if (!confirmLeave()) return;
    action.clear();
    setSide(s);
    setRound((r) => r + 1);
  };

  const setActive = (item: ConcessionItemSummary, active: boolean) =>
    void action.run(item.id, async () => {
      await call('concessions.setItemActive', { itemId: item.id, active });
      if (side.kind !== 'new' && side.item.id === item.id) setSide({ kind: 'new' });
      return t(active ? 'backOn' : 'takenOff', { name: item.name });
    });

  const selectedId = side.kind === 'new' ? null : side.item.id;
  return (
    <div className="screen concessions-screen" data-testid="screen-concessions">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
        {side.kind !== 'new' && (
          <div className="screen-tools">
            <Button variant="primary" onClick={() => open({ kind: 'new' })} testId="item-new">
              {t('newItem')}
            </Button>
          </div>
        )}
      </div>

      {action.notice && (
        <Notice tone="success" testId="concessions-notice" onDismiss={() => action.setNotice(null)}>
          {action.notice}
        </Notice>
      )}
      <ErrorBanner error={action.error} testId="concessions-error" />

      <div className="manage-layout">
        <div>
          <ListView
            rows={items.data}
            loading={items.loading}
            loadingLabel={t('loading')}
            failure={{ error: items.error, title: t('loadFailed'), retry: items.reload }}
            empty={
              <EmptyState title={t('empty')} testId="items-empty">
                {t('emptyHint')}
              </EmptyState>
            }
          >
            {() => (
              <DataTable
                caption={t('caption')}
                testId="items-table"
                className="items-table"
                columns={[t('column.item'), { label: t('column.price'), numeric: true }, { label: t('column.vat'), numeric: true }, { label: t('column.stock'), numeric: true }, ACTIONS_COLUMN]}
              >
                {groups.map(([category, list]) => (
                  <Fragment key={category}>
                    <tr className="group-row">
                      <th scope="colgroup" colSpan={5}>
                        {category}
                      </th>
                    </tr>
                    {list.map((i) => (
                      <tr
                        key={i.id}
                        className={[i.active ? '' : 'is-inactive', selectedId === i.id ? 'is-selected' : ''].join(' ')}
                        data-testid="item-row"
                        data-name={i.name}
                      >
                        <td>
                          <span className="strong">{i.name}</span>
                          {!i.active && <span className="tag">{t('offSaleTag')}</span>}
                        </td>
                        <td className="num strong">{formatMoney(i.price, currency, locale)}</td>
                        <td className="num">{percentText(i.vatBp)} %</td>
                        <td className="num" data-testid="item-stock-cell">
                          {i.stock === null ? (
                            <span className="cell-note">{t('notCounted')}</span>
                          ) : (
                            <span className={i.stock < LOW_STOCK ? 'stock-low' : ''}>
                              {i.stock}
                              {i.stock === 0 ? t('soldOut') : i.stock < LOW_STOCK ? t('low') : ''}
                            </span>
                          )}
                        </td>
                        <td className="row-actions">
                          <Button size="sm" onClick={() => open({ kind: 'edit', item: i })} testId="item-edit" aria-label={t('editLabel', { name: i.name })}>
                            {t('edit')}
                          </Button>
                          {i.stock !== null && i.active && (
                            <Button size="sm" onClick={() => open({ kind: 'stock', item: i })} testId="item-adjust-stock" aria-label={t('stockLabel', { name: i.name })}>
                              {t('stock')}
                            </Button>
                          )}
                          {i.active ? (
                            <Button size="sm" variant="danger" busy={action.busyId === i.id} onClick={() => setActive(i, false)} testId="item-deactivate" aria-label={t('offSaleLabel', { name: i.name })}>
                              {t('offSale')}
                            </Button>
                          ) : (
                            <Button size="sm" busy={action.busyId === i.id} onClick={() => setActive(i, true)} testId="item-reactivate" aria-label={t('onSaleLabel', { name: i.name })}>
                              {t('onSale')}
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </DataTable>
            )}
          </ListView>
        </div>
        <div className="manage-side">
          {side.kind === 'stock' ? (
            <StockForm
              key={`stock-${side.item.id}-${round}`}
              item={side.item}
              onDone={(_, message) => {
                // Cancelling a typed change asks first; a booked one is saved.
                if (!message && !confirmLeave()) return;
                setSide({ kind: 'new' });
                if (message) {
                  action.setNotice(message);
                  items.reload();
                }
              }}
            />
          ) : (
            <ItemEditor
              key={side.kind === 'edit' ? `edit-${side.item.id}-${round}` : `new-${round}`}
              item={side.kind === 'edit' ? side.item : null}
              categories={categories}
              currency={currency}
              onCancel={() => open({ kind: 'new' })}
              onSaved={(item, created) => {
                action.setNotice(created ? t('created', { name: item.name, price: { minor: item.price, currency } }) : t('saved', { name: item.name }));
                setSide({ kind: 'new' });
                setRound((r) => r + 1);
                items.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
