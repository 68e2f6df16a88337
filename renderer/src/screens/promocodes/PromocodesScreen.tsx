import { useState } from 'react';
import type { PromocodeSummary } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ListView } from '../../components/ListView';
import { ActiveToggle } from '../../components/ActiveToggle';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { useStatus } from '../../stores/status';
import { PromocodeEditor } from './PromocodeEditor';
import { SCOPE_LABEL, discountText, promocodeState, validityText } from './promocode-text';
import '../manage-layout.css';
import './promocodes.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

const BADGE_SYMBOL = { ok: '●', warn: '◐', muted: '○' } as const;

/** The manager's promocodes (rule 7): what each gives, when, how often it was used; create, edit, deactivate. */
export function PromocodesScreen() {
  const system = useStatus((s) => s.system);
  const currency = system?.cinema.currency ?? 'EUR';
  const list = useOperation('promocodes.list', {});
  const [editing, setEditing] = useState<PromocodeSummary | null>(null);
  const [editorRound, setEditorRound] = useState(0);
  const action = useRowAction(list.reload);
  const setActive = (p: PromocodeSummary, active: boolean) =>
    void action.run(p.id, async () => {
      const saved = await call('promocodes.setActive', { promocodeId: p.id, active });
      if (editing?.id === p.id) setEditing(null);
      return saved.active ? `${saved.code} can be used again.` : `${saved.code} is deactivated; orders that used it keep their discount.`;
    });

  return (
    <div className="screen promocodes-screen" data-testid="screen-promocodes">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Promocodes</h1>
          <p className="screen-subtitle">Discounts cashiers apply at the sale — checked there for dates, limits, minimum and films.</p>
        </div>
        {editing && (
          <div className="screen-tools">
            <Button variant="primary" onClick={() => setEditing(null)} testId="promocode-new">
              New promocode
            </Button>
          </div>
        )}
      </div>

      {action.notice && (
        <Notice tone="success" testId="promocodes-notice" onDismiss={() => action.setNotice(null)}>
          {action.notice}
        </Notice>
      )}
      <ErrorBanner error={action.error} testId="promocodes-error" />

      <div className="manage-layout">
        <div>
          <ListView
            rows={list.data?.promocodes}
            loading={list.loading}
            loadingLabel="Loading promocodes…"
            failure={{ error: list.error, title: 'Could not load the promocodes', retry: list.reload }}
            empty={
              <EmptyState title="No promocodes yet" testId="promocodes-empty">
                Create the first one with the form beside this list.
              </EmptyState>
            }
          >
            {(rows) => (
              <DataTable caption="Promocodes" testId="promocodes-table" className="promocodes-table" columns={['Code', 'Discount', 'Valid', { label: 'Used', numeric: true }, 'Status', ACTIONS_COLUMN]}>
                {rows.map((p) => {
                  const state = promocodeState(p, system?.businessDate ?? null);
                  return (
                    <tr key={p.id} className={[p.active ? '' : 'is-inactive', editing?.id === p.id ? 'is-selected' : ''].join(' ')} data-testid="promocode-row" data-code={p.code}>
                      <td>
                        <code className="promo-code">{p.code}</code>
                      </td>
                      <td>
                        <div className="strong">{discountText(p, currency)}</div>
                        <div className="cell-note">
                          {SCOPE_LABEL[p.appliesTo]}
                          {p.films.length > 0 && ` · ${p.films.length === 1 ? p.films[0]!.title : `${p.films.length} films`}`}
                          {p.minOrder > 0 && ` · from ${formatMoney(p.minOrder, currency)}`}
                        </div>
                      </td>
                      <td>
                        <div>{validityText(p)}</div>
                        {p.perCustomerLimit !== null && <div className="cell-note">{p.perCustomerLimit} per customer</div>}
                      </td>
                      <td className="num" data-testid="promocode-uses">
                        <span className="strong">{p.uses}</span>
                        <span className="cell-note"> / {p.maxUses ?? '∞'}</span>
                      </td>
                      <td>
                        <span className={`badge badge-${state.tone}`} data-testid="promocode-state">
                          <span className="badge-symbol" aria-hidden="true">
                            {BADGE_SYMBOL[state.tone]}
                          </span>
                          {state.text}
                        </span>
                      </td>
                      <td className="row-actions">
                        {p.editable ? (
                          <>
                            <Button
                              size="sm"
                              onClick={() => {
                                action.setNotice(null);
                                setEditing(p);
                                setEditorRound((r) => r + 1);
                              }}
                              testId="promocode-edit"
                              aria-label={`Edit ${p.code}`}
                            >
                              Edit
                            </Button>
                            <ActiveToggle active={p.active} name={p.code} testIdPrefix="promocode" busy={action.busyId === p.id} onChange={(active) => setActive(p, active)} />
                          </>
                        ) : (
                          <span className="cell-note">All cinemas</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
          </ListView>
        </div>
        <div className="manage-side">
          {list.data && (
            <PromocodeEditor
              key={editing ? `${editing.id}-${editorRound}` : `new-${editorRound}`}
              promocode={editing}
              films={list.data.films}
              currency={currency}
              onCancel={() => setEditing(null)}
              onSaved={(p, created) => {
                action.setNotice(created ? `Promocode ${p.code} is ready: ${discountText(p, currency)}.` : `Promocode ${p.code} is saved.`);
                setEditing(null);
                setEditorRound((r) => r + 1);
                list.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
