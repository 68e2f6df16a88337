import { useState } from 'react';
import type { RentalContractSummary } from '../../../../shared/contract';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/Field';
import { ListView } from '../../components/ListView';
import { useRowAction } from '../../api/use-row-action';
import { Notice } from '../../components/Notice';
import { useSystem } from '../../hooks/use-system';
import { percentText } from '../../format/amount-input';
import { ContractForm } from './ContractForm';
import '../programme/programme.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';

const STATUS_SYMBOL: Record<ContractStatus, string> = { DRAFT: '✎', ACTIVE: '●', CLOSED: '■' };

function splitsText(c: RentalContractSummary): string {
  return `${c.splits.map((s) => percentText(s.percentBp)).join(' / ')} %`;
}

/** Rental contracts (rule 2): the list by film and status, a draft editor, activation and closing. */
export function ContractsScreen() {
  const system = useSystem();
  const currency = system.cinema.currency;
  const [filmId, setFilmId] = useState('');
  const [status, setStatus] = useState<ContractStatus | ''>('');
  const contracts = useOperation('contracts.list', { ...(filmId ? { filmId } : {}), ...(status ? { status } : {}) });
  const options = useOperation('scheduling.options', {});
  const [editing, setEditing] = useState<RentalContractSummary | 'new' | null>(null);
  const action = useRowAction(contracts.reload);
  const act = (c: RentalContractSummary, op: 'contracts.activate' | 'contracts.close') =>
    void action.run(c.id, async () => {
      const done = await call(op, { contractId: c.id });
      return `The contract for “${done.film.title}” (${done.startDate} – ${done.endDate}) is ${done.status.toLowerCase()}.`;
    });

  return (
    <div className="screen contracts-screen" data-testid="screen-contracts">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Rental contracts</h1>
          <p className="screen-subtitle">Which films this cinema may show, when, and the distributor's weekly share.</p>
        </div>
        <div className="screen-tools">
          <Button variant="primary" onClick={() => setEditing('new')} disabled={!options.data} testId="contract-new">
            New contract
          </Button>
        </div>
      </div>

      {action.notice && (
        <Notice tone="success" testId="contracts-notice" onDismiss={() => action.setNotice(null)}>
          {action.notice}
        </Notice>
      )}
      <ErrorBanner error={action.error} testId="contracts-error" />

      <div className="users-layout">
        <div>
          <div className="plan-grid filters">
            <SelectField label="Film" value={filmId} onChange={(e) => setFilmId(e.target.value)} testId="contracts-filter-film">
              <option value="">All films</option>
              {options.data?.films.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </SelectField>
            <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as ContractStatus | '')} testId="contracts-filter-status">
              <option value="">Any status</option>
              {CONTRACT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s[0]}
                  {s.slice(1).toLowerCase()}
                </option>
              ))}
            </SelectField>
          </div>
          <ListView
            rows={contracts.data}
            loading={contracts.loading}
            loadingLabel="Loading contracts…"
            failure={{ error: contracts.error, title: 'Could not load the contracts', retry: contracts.reload }}
            empty={<EmptyState title="No contracts match" testId="contracts-empty" />}
          >
            {(rows) => (
              <DataTable caption="Rental contracts" testId="contracts-table" columns={['Film', 'Dates', 'Deal', 'Weekly splits', 'Status', ACTIONS_COLUMN]}>
                {rows.map((c) => (
                  <tr key={c.id} data-testid="contract-row" data-contract-id={c.id} data-status={c.status}>
                    <td>
                      <span className="strong">{c.film.title}</span>
                      <br />
                      <span className="muted">{c.distributor.legalName}</span>
                    </td>
                    <td className="tabular nowrap">
                      {c.startDate}
                      <br />
                      <span className="muted">to</span> {c.endDate}
                    </td>
                    <td>
                      {c.dealType === 'NINETY_TEN' ? `90/10, allowance ${formatMoney(c.houseAllowance ?? 0, currency)}` : 'Percentage'}
                      {c.minimumGuarantee !== null && (
                        <>
                          <br />
                          <span className="muted">min. {formatMoney(c.minimumGuarantee, currency)}/week</span>
                        </>
                      )}
                    </td>
                    <td className="tabular nowrap">{splitsText(c)}</td>
                    <td>
                      <span className={`badge ${c.status === 'ACTIVE' ? 'badge-ok' : 'badge-muted'}`} data-testid="contract-status">
                        <span className="badge-symbol" aria-hidden="true">
                          {STATUS_SYMBOL[c.status]}
                        </span>
                        {c.status[0]}
                        {c.status.slice(1).toLowerCase()}
                      </span>
                    </td>
                    <td className="row-actions">
                      {c.status === 'DRAFT' && (
                        <>
                          <Button size="sm" onClick={() => setEditing(c)} testId="contract-edit" aria-label={`Edit the draft for ${c.film.title}`}>
                            Edit
                          </Button>
                          <Button size="sm" variant="primary" busy={action.busyId === c.id} onClick={() => act(c, 'contracts.activate')} testId="contract-activate" aria-label={`Activate the contract for ${c.film.title}`}>
                            Activate
                          </Button>
                        </>
                      )}
                      {c.status === 'ACTIVE' && (
                        <Button size="sm" variant="danger" busy={action.busyId === c.id} onClick={() => act(c, 'contracts.close')} testId="contract-close" aria-label={`Close the contract for ${c.film.title}`}>
                          Close
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </ListView>
        </div>
        <div className="users-side">
          {editing && options.data ? (
            <ContractForm
              key={editing === 'new' ? 'new' : editing.id}
              contract={editing === 'new' ? undefined : editing}
              options={options.data}
              currency={currency}
              today={system.businessDate}
              onClose={() => setEditing(null)}
              onSaved={(c, created) => {
                setEditing(null);
                action.setNotice(`${created ? 'Draft created' : 'Draft saved'} for “${c.film.title}” (${c.startDate} – ${c.endDate}). Activate it to schedule sessions.`);
                contracts.reload();
              }}
            />
          ) : (
            <EmptyState title="Choose “New contract” or edit a draft">
              <p>Only a draft can be changed. Activation checks the splits and that no other active contract of the film overlaps.</p>
            </EmptyState>
          )}
        </div>
      </div>
    </div>
  );
}
