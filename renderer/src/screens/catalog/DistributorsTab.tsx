import { useCallback, useState, type FormEvent } from 'react';
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

/** Distributors: search, create, edit, deactivate (one with history is never deleted). */
export function DistributorsTab() {
  const [search, setSearch] = useState('');
  const list = useOperation('distributors.list', search ? { search } : {});
  const [editing, setEditing] = useState<DistributorSummary | null>(null);
  const onSearch = useCallback((t: string) => setSearch(t), []);
  const action = useRowAction(list.reload);
  const setActive = (d: DistributorSummary, active: boolean) =>
    void action.run(d.id, async () => {
      const updated = await call('distributors.setActive', { distributorId: d.id, active });
      return updated.active ? `${updated.legalName} is active again.` : `${updated.legalName} is deactivated; its films and contracts keep it in their history.`;
    });

  return (
    <div className="catalog-layout">
      <div className="catalog-main">
        <div className="catalog-toolbar">
          <SearchBox label="Search by name, tax id, contact or e-mail" onSearch={onSearch} testId="distributor-search" />
        </div>
        {action.notice && <Notice tone="success" testId="distributor-notice">{action.notice}</Notice>}
        <ErrorBanner error={action.error ?? list.error} testId="distributor-list-error" />
        <ListView rows={list.data} loading={list.loading} loadingLabel="Loading distributors…" empty={<EmptyState title={search ? `No distributor matches “${search}”` : 'No distributors yet'} testId="distributors-empty" />}>
          {(rows) => (
            <DataTable caption="Distributors" testId="distributors-table" columns={['Legal name', 'Tax id', 'Contact', { label: 'Films', numeric: true }, 'Status', ACTIONS_COLUMN]}>
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
                    <Button size="sm" onClick={() => setEditing(d)} testId="distributor-edit" aria-label={`Edit ${d.legalName}`}>Edit</Button>
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
          onDone={(d, verb) => {
            setEditing(null);
            if (d) {
              action.setNotice(`${d.legalName} ${verb}.`);
              list.reload();
            }
          }}
        />
      </div>
    </div>
  );
}

function DistributorForm({ editing, onDone }: { editing: DistributorSummary | null; onDone(d: DistributorSummary | null, verb: string): void }) {
  const { draft, set, errors, error, busy, submit, reset } = useForm<Draft>(
    editing ? Object.fromEntries(Object.keys(EMPTY).map((k) => [k, editing[k as keyof Draft]])) as Draft : EMPTY,
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await submit(() => (editing ? call('distributors.update', { distributorId: editing.id, ...draft }) : call('distributors.create', draft)));
    if (saved) {
      if (!editing) reset(EMPTY);
      onDone(saved, editing ? 'saved' : 'added');
    }
  };
  const field = (key: keyof Draft, label: string, extra: { hint?: string; type?: string; inputMode?: 'email' | 'tel' } = {}) => (
    <TextField label={label} value={draft[key]} onChange={(e) => set(key, e.target.value)} error={errors[key]} testId={`distributor-${key}`} autoComplete="off" {...extra} />
  );
  return (
    <Panel title={editing ? `Edit ${editing.legalName}` : 'New distributor'} testId="distributor-form">
      <form className="form" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && editing && onDone(null, '')} noValidate aria-label={editing ? `Edit ${editing.legalName}` : 'New distributor'}>
        <ErrorBanner error={error} testId="distributor-error" />
        {field('legalName', 'Legal name')}
        <div className="form-row">
          {field('taxId', 'Tax ID (VAT id or tax number)')}
          {field('contactName', 'Contact name')}
        </div>
        <div className="form-row">
          {field('email', 'E-mail', { type: 'email', inputMode: 'email' })}
          {field('phone', 'Phone', { type: 'tel', inputMode: 'tel' })}
        </div>
        {field('address', 'Address')}
        {field('bankName', 'Bank')}
        <div className="form-row">
          {field('bankAccount', 'IBAN')}
          {field('bankCode', 'BIC')}
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="distributor-submit">
            {editing ? 'Save changes' : 'Add distributor'}
          </Button>
          {editing && (
            <Button variant="ghost" onClick={() => onDone(null, '')} shortcut="Esc" testId="distributor-cancel">
              Cancel
            </Button>
          )}
        </div>
      </form>
    </Panel>
  );
}
