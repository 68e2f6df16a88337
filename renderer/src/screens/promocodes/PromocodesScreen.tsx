import { useState } from 'react';
import type { PromocodeSummary } from '../../../../shared/contract';
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
import { promocodeState, usePromocodeText } from './promocode-text';
import { useTranslation } from 'react-i18next';
import { confirmLeave } from '../../shell/unsaved-changes';
import '../manage-layout.css';
import './promocodes.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

/** Uses without a limit. */
const NO_LIMIT = '∞';

const BADGE_SYMBOL = { ok: '●', warn: '◐', muted: '○' } as const;

/** The manager's promocodes (rule 7): what each gives, when, how often it was used; create, edit, deactivate. */
export function PromocodesScreen() {
  const { t } = useTranslation(['promocodes', 'enums']);
  const words = usePromocodeText();
  const system = useStatus((s) => s.system);
  const currency = system?.cinema.currency ?? 'EUR';
  const list = useOperation('promocodes.list', {});
  const [editing, setEditing] = useState<PromocodeSummary | null>(null);
  const [editorRound, setEditorRound] = useState(0);
  const action = useRowAction(list.reload);
  /** Opens a code (or a new one) in the editor; unsaved edits ask first. */
  const edit = (p: PromocodeSummary | null) => {
    if (!confirmLeave()) return false;
    action.setNotice(null);
    setEditing(p);
    setEditorRound((r) => r + 1);
    return true;
  };
  const setActive = (p: PromocodeSummary, active: boolean) =>
    void action.run(p.id, async () => {
      const saved = await call('promocodes.setActive', { promocodeId: p.id, active });
      if (editing?.id === p.id) setEditing(null);
      return t(saved.active ? 'reactivated' : 'deactivated', { code: saved.code });
    });

  return (
    <div className="screen promocodes-screen" data-testid="screen-promocodes">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
        {editing && (
          <div className="screen-tools">
            <Button variant="primary" onClick={() => edit(null)} testId="promocode-new">
              {t('newCode')}
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
            loadingLabel={t('loading')}
            failure={{ error: list.error, title: t('loadFailed'), retry: list.reload }}
            empty={
              <EmptyState title={t('empty')} testId="promocodes-empty">
                {t('emptyHint')}
              </EmptyState>
            }
          >
            {(rows) => (
              <DataTable
                caption={t('title')}
                testId="promocodes-table"
                className="promocodes-table"
                columns={[t('column.code'), t('column.discount'), t('column.valid'), { label: t('column.used'), numeric: true }, t('column.status'), ACTIONS_COLUMN]}
              >
                {rows.map((p) => {
                  const state = promocodeState(p, system?.businessDate ?? null);
                  return (
                    <tr key={p.id} className={[p.active ? '' : 'is-inactive', editing?.id === p.id ? 'is-selected' : ''].join(' ')} data-testid="promocode-row" data-code={p.code}>
                      <td>
                        <code className="promo-code">{p.code}</code>
                      </td>
                      <td>
                        <div className="strong">{words.discount(p, currency)}</div>
                        <div className="cell-note">
                          {[
                            t(`enums:promocodeScope.${p.appliesTo}`),
                            p.films.length === 0 ? '' : p.films.length === 1 ? p.films[0]!.title : t('film', { count: p.films.length }),
                            p.minOrder > 0 ? t('from', { amount: { minor: p.minOrder, currency } }) : '',
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </div>
                      </td>
                      <td>
                        <div>{words.validity(p)}</div>
                        {p.perCustomerLimit !== null && <div className="cell-note">{t('perCustomer', { count: p.perCustomerLimit })}</div>}
                      </td>
                      <td className="num" data-testid="promocode-uses">
                        <span className="strong">{p.uses}</span>
                        <span className="cell-note"> / {p.maxUses ?? NO_LIMIT}</span>
                      </td>
                      <td>
                        <span className={`badge badge-${state.tone}`} data-testid="promocode-state">
                          <span className="badge-symbol" aria-hidden="true">
                            {BADGE_SYMBOL[state.tone]}
                          </span>
                          {words.state(state.word)}
                        </span>
                      </td>
                      <td className="row-actions">
                        {p.editable ? (
                          <>
                            <Button
                              size="sm"
                              onClick={() => edit(p)}
                              testId="promocode-edit"
                              aria-label={t('editLabel', { code: p.code })}
                            >
                              {t('edit')}
                            </Button>
                            <ActiveToggle active={p.active} name={p.code} testIdPrefix="promocode" busy={action.busyId === p.id} onChange={(active) => setActive(p, active)} />
                          </>
                        ) : (
                          <span className="cell-note">{t('allCinemas')}</span>
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
              onCancel={() => edit(null)}
              onSaved={(p, created) => {
                action.setNotice(created ? t('created', { code: p.code, discount: words.discount(p, currency) }) : t('saved', { code: p.code }));
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
