import { useTranslation } from 'react-i18next';
import { confirmLeave } from '../../shell/unsaved-changes';
import { Fragment, useCallback, useState, type FormEvent } from 'react';
import type { catalog } from '../../../../shared/i18n/en/catalog';
import type { DistributorSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { ListView } from '../../components/ListView';
import { ActiveToggle } from '../../components/ActiveToggle';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { ActiveBadge } from '../../components/ActiveBadge';
import { SearchBox } from './SearchBox';
import { useForm } from './use-form';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

const EMPTY = { legalName: '', taxId: '', contactName: '', email: '', phone: '', address: '', bankName: '', bankAccount: '', bankCode: '' };
type Draft = typeof EMPTY;

/** Each field's label and hint in the 'catalog' words, and how it is typed (the banking ones are checked, not spelled). */
type FormWord = keyof (typeof catalog)['distributorForm'];
const FIELD: Record<keyof Draft, { label: FormWord; hint?: FormWord; type?: string; inputMode?: 'email' | 'tel'; spellCheck?: boolean }> = {
  legalName: { label: 'legalName' },
  taxId: { label: 'taxId', hint: 'taxIdHint', spellCheck: false },
  contactName: { label: 'contactName' },
  email: { label: 'email', type: 'email', inputMode: 'email' },
  phone: { label: 'phone', type: 'tel', inputMode: 'tel' },
  address: { label: 'address' },
  bankName: { label: 'bankName' },
  bankAccount: { label: 'iban', hint: 'ibanHint', spellCheck: false },
  bankCode: { label: 'bic', hint: 'bicHint', spellCheck: false },
};
/** The form's lines, one or two fields each. */
const LAYOUT: [keyof Draft, (keyof Draft)?][] = [['legalName'], ['taxId', 'contactName'], ['email', 'phone'], ['address'], ['bankName'], ['bankAccount', 'bankCode']];

/** Distributors: search, create, edit, deactivate (one with history is never deleted). */
export function DistributorsTab() {
  const { t } = useTranslation('catalog');
  const [search, setSearch] = useState('');
  const list = useOperation('distributors.list', search ? { search } : {});
  const [editing, setEditing] = useState<DistributorSummary | null>(null);
  const onSearch = useCallback((t: string) => setSearch(t), []);
  const action = useRowAction(list.reload);
  /** Puts another distributor (or a new one) in the form; unsaved edits ask first. */
  const edit = (d: DistributorSummary | null) => confirmLeave() && setEditing(d);
  const setActive = (d: DistributorSummary, active: boolean) =>
    void action.run(d.id, async () => {
      const updated = await call('distributors.setActive', { distributorId: d.id, active });
      return t(updated.active ? 'distributors.activeAgain' : 'distributors.deactivated', { name: updated.legalName });
    });

  return (
    <div className="catalog-layout">
      <div className="catalog-main">
        <div className="catalog-toolbar">
          <SearchBox label={t('distributors.search')} onSearch={onSearch} testId="distributor-search" />
        </div>
        {action.notice && <Notice tone="success" testId="distributor-notice">{action.notice}</Notice>}
        <ErrorBanner error={action.error ?? list.error} testId="distributor-list-error" />
        <ListView rows={list.data} loading={list.loading} loadingLabel={t('distributors.loading')} empty={<EmptyState title={search ? t('distributors.noMatch', { search }) : t('distributors.empty')} testId="distributors-empty" />}>
          {(rows) => (
            <DataTable
              caption={t('distributors.caption')}
              testId="distributors-table"
              columns={[t('distributors.column.legalName'), t('distributors.column.taxId'), t('distributors.column.contact'), { label: t('distributors.column.films'), numeric: true }, t('statusColumn'), ACTIONS_COLUMN]}
            >
              {rows.map((d) => (
                <tr key={d.id} className={d.active ? '' : 'is-inactive'} data-testid="distributor-row" data-name={d.legalName}>
                  <td className="strong">{d.legalName}</td>
                  <td><code>{d.taxId || '—'}</code></td>
                  <td>
                    {d.contactName || '—'}
                    {d.email && <div className="muted small">{d.email}</div>}
                  </td>
                  <td className="num">{d.films}</td>
                  <td><ActiveBadge active={d.active} /></td>
                  <td className="row-actions row-actions-inline">
                    <Button size="sm" onClick={() => edit(d)} testId="distributor-edit" aria-label={t('distributors.editLabel', { name: d.legalName })}>
                      {t('distributors.edit')}
                    </Button>
                    <ActiveToggle active={d.active} name={d.legalName} testIdPrefix="distributor" busy={action.busyId === d.id} onChange={(active) => setActive(d, active)} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </ListView>
      </div>
      <div className="catalog-side">
        <DistributorForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onDone={(d, added) => {
            if (!d && !confirmLeave()) return;
            setEditing(null);
            if (d) {
              action.setNotice(t(added ? 'distributors.added' : 'distributors.saved', { name: d.legalName }));
              list.reload();
            }
          }}
        />
      </div>
    </div>
  );
}

function DistributorForm({ editing, onDone }: { editing: DistributorSummary | null; onDone(d: DistributorSummary | null, added: boolean): void }) {
  const { t } = useTranslation(['catalog', 'common']);
  const { draft, set, errors, error, busy, submit, reset } = useForm<Draft>(
    editing ? Object.fromEntries(Object.keys(EMPTY).map((k) => [k, editing[k as keyof Draft]])) as Draft : EMPTY,
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit(() => (editing ? call('distributors.update', { distributorId: editing.id, ...draft }) : call('distributors.create', draft)));
    if (saved) {
      if (!editing) reset(EMPTY);
      onDone(saved, !editing);
    }
  };
  const field = (key: keyof Draft) => {
    const { label, hint, ...extra } = FIELD[key];
    return (
      <TextField
        label={t(`distributorForm.${label}`)}
        hint={hint && t(`distributorForm.${hint}`)}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
        error={errors[key]}
        testId={`distributor-${key}`}
        autoComplete="off"
        {...extra}
      />
    );
  };
  return (
    <Panel title={editing ? t('distributorForm.editTitle', { name: editing.legalName }) : t('distributorForm.newTitle')} testId="distributor-form">
      <form className="form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && editing && onDone(null, false)} noValidate aria-label={editing ? t('distributorForm.editTitle', { name: editing.legalName }) : t('distributorForm.newTitle')}>
        <ErrorBanner error={error} testId="distributor-error" />
        {LAYOUT.map(([first, second]) =>
          second ? (
            <div className="form-row" key={first}>
              {field(first)}
              {field(second)}
            </div>
          ) : (
            <Fragment key={first}>{field(first)}</Fragment>
          ),
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="distributor-submit">
            {editing ? t('saveChanges') : t('distributorForm.add')}
          </Button>
          {editing && (
            <Button variant="ghost" onClick={() => onDone(null, false)} shortcut="Esc" testId="distributor-cancel">
              {t('common:action.cancel')}
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
