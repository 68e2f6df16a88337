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
import { StockForm } from './StockForm';
import '../manage-layout.css';
import './concessions.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

type Side = { kind: 'new' } | { kind: 'edit'; item: ConcessionItemSummary } | { kind: 'stock'; item: ConcessionItemSummary };

/** Items are counted as "low" below this many pieces; the word says it, not only the colour. */
const LOW_STOCK = 10;

/** The manager's concession items: prices, VAT, stock; add, edit, take off sale, book deliveries and waste. */
export function ConcessionsScreen() {
  const system = useStatus((s) => s.system);
  const currency = system?.cinema.currency ?? 'EUR';
  const items = useOperation('concessions.listItems', { includeInactive: true });
  const [side, setSide] = useState<Side>({ kind: 'new' });
  const [round, setRound] = useState(0);
  const action = useRowAction(items.reload);

  const groups = useMemo(() => {
    const out = new Map<string, ConcessionItemSummary[]>();
    for (const i of items.data ?? []) {
      const key = i.category || 'Other';
      out.set(key, [...(out.get(key) ?? []), i]);
    }
    return [...out.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [items.data]);
  const categories = useMemo(() => [...new Set((items.data ?? []).map((i) => i.category).filter(Boolean))].sort(), [items.data]);

  const open = (s: Side) => {
    action.clear();
    setSide(s);
    setRound((r) => r + 1);
  };

  const setActive = (item: ConcessionItemSummary, active: boolean) =>
    void action.run(item.id, async () => {
      await call('concessions.setItemActive', { itemId: item.id, active });
      if (side.kind !== 'new' && side.item.id === item.id) setSide({ kind: 'new' });
      return active ? `${item.name} is back on the counter.` : `${item.name} is off the counter; past sales keep it.`;
    });

  const selectedId = side.kind === 'new' ? null : side.item.id;
  return (
    <div className="screen concessions-screen" data-testid="screen-concessions">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Concessions</h1>
          <p className="screen-subtitle">What the counter sells besides tickets: prices include VAT; counted items show their stock.</p>
        </div>
        {side.kind !== 'new' && (
          <div className="screen-tools">
            <Button variant="primary" onClick={() => open({ kind: 'new' })} testId="item-new">
              New item
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
            loadingLabel="Loading items…"
            failure={{ error: items.error, title: 'Could not load the items', retry: items.reload }}
            empty={
              <EmptyState title="No items yet" testId="items-empty">
                Add popcorn, drinks and snacks with the form beside this list.
              </EmptyState>
            }
          >
            {() => (
              <DataTable caption="Concession items" testId="items-table" className="items-table" columns={['Item', { label: 'Price', numeric: true }, { label: 'VAT', numeric: true }, { label: 'Stock', numeric: true }, ACTIONS_COLUMN]}>
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
                          {!i.active && <span className="tag">Off sale</span>}
                        </td>
                        <td className="num strong">{formatMoney(i.price, currency)}</td>
                        <td className="num">{percentText(i.vatBp)} %</td>
                        <td className="num" data-testid="item-stock-cell">
                          {i.stock === null ? (
                            <span className="cell-note">not counted</span>
                          ) : (
                            <span className={i.stock < LOW_STOCK ? 'stock-low' : ''}>
                              {i.stock}
                              {i.stock === 0 ? ' · sold out' : i.stock < LOW_STOCK ? ' · low' : ''}
                            </span>
                          )}
                        </td>
                        <td className="row-actions">
                          <Button size="sm" onClick={() => open({ kind: 'edit', item: i })} testId="item-edit" aria-label={`Edit ${i.name}`}>
                            Edit
                          </Button>
                          {i.stock !== null && i.active && (
                            <Button size="sm" onClick={() => open({ kind: 'stock', item: i })} testId="item-adjust-stock" aria-label={`Adjust the stock of ${i.name}`}>
                              Stock
                            </Button>
                          )}
                          {i.active ? (
                            <Button size="sm" variant="danger" busy={action.busyId === i.id} onClick={() => setActive(i, false)} testId="item-deactivate" aria-label={`Take ${i.name} off sale`}>
                              Off sale
                            </Button>
                          ) : (
                            <Button size="sm" busy={action.busyId === i.id} onClick={() => setActive(i, true)} testId="item-reactivate" aria-label={`Put ${i.name} back on sale`}>
                              On sale
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
              onCancel={() => setSide({ kind: 'new' })}
              onSaved={(item, created) => {
                action.setNotice(created ? `${item.name} is on the counter at ${formatMoney(item.price, currency)}.` : `${item.name} is saved.`);
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
