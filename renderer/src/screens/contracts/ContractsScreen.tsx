import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RentalContractSummary } from '../../../../shared/contract';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../../shared/enums';
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
import { useLocale } from '../../i18n/i18n';
import { confirmLeave } from '../../shell/unsaved-changes';
import '../programme/programme.css';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable';
import './contracts.css';

const STATUS_SYMBOL: Record<ContractStatus, string> = { DRAFT: '✎', ACTIVE: '●', CLOSED: '■' };

/** A contract's day as the window's language writes it: "Thursday, 26 November 2026" is too long for a table. */
function dayText(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "70 / 60 / 50 / 40 %": may wrap after a slash in a narrow column, never before the percent sign. */
function splitsText(c: RentalContractSummary): string {
  return `${c.splits.map((s) => percentText(s.percentBp)).join('\u00a0/ ')}\u00a0%`;
}

/** Rental contracts (rule 2): the list by film and status, a draft editor, activation and closing. */
export function ContractsScreen() {
  const { t } = useTranslation(['contracts', 'common', 'enums']);
  const locale = useLocale();
  const system = useSystem();
  const currency = system.cinema.currency;
  const [filmId, setFilmId] = useState('');
  const [status, setStatus] = useState<ContractStatus | ''>('');
  const contracts = useOperation('contracts.list', { ...(filmId ? { filmId } : {}), ...(status ? { status } : {}) });
  const options = useOperation('scheduling.options', {});
  const [editing, setEditing] = useState<RentalContractSummary | 'new' | null>(null);
  const action = useRowAction(contracts.reload);
  /** Opens another contract (or none) in the side form; unsaved terms ask first. */
  const edit = (next: RentalContractSummary | 'new' | null) => {
    if (confirmLeave()) setEditing(next);
  };
  const act = (c: RentalContractSummary, op: 'contracts.activate' | 'contracts.close') =>
    void action.run(c.id, async () => {
      const done = await call(op, { contractId: c.id });
      return t(done.status === 'CLOSED' ? 'closed' : 'activated', { film: done.film.title, from: dayText(done.startDate, locale), to: dayText(done.endDate, locale) });
    });

  return (
    <div className="screen contracts-screen" data-testid="screen-contracts">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('title')}</h1>
          <p className="screen-subtitle">{t('subtitle')}</p>
        </div>
        <div className="screen-tools">
          <Button variant="primary" onClick={() => edit('new')} disabled={!options.data} testId="contract-new">
            {t('newContract')}
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
            <SelectField label={t('filterFilm')} value={filmId} onChange={(e) => setFilmId(e.target.value)} testId="contracts-filter-film">
              <option value="">{t('allFilms')}</option>
              {options.data?.films.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('filterStatus')} value={status} onChange={(e) => setStatus(e.target.value as ContractStatus | '')} testId="contracts-filter-status">
              <option value="">{t('anyStatus')}</option>
              {CONTRACT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`enums:contractStatus.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <ListView
            rows={contracts.data}
            loading={contracts.loading}
            loadingLabel={t('loading')}
            failure={{ error: contracts.error, title: t('loadFailed'), retry: contracts.reload }}
            empty={<EmptyState title={t('empty')} testId="contracts-empty" />}
          >
            {(rows) => (
              <DataTable caption={t('title')} testId="contracts-table" className="contracts-table" columns={[t('column.film'), t('column.dates'), t('column.deal'), t('column.splits'), t('column.status'), ACTIONS_COLUMN]}>
                {rows.map((c) => (
                  <tr key={c.id} data-testid="contract-row" data-contract-id={c.id} data-status={c.status}>
                    <td>
                      <span className="strong">{c.film.title}</span>
                      <br />
                      <span className="muted">{c.distributor.legalName}</span>
                    </td>
                    <td className="tabular nowrap">
                      {dayText(c.startDate, locale)}
                      <br />
                      <span className="muted">{t('to')}</span> {dayText(c.endDate, locale)}
                    </td>
                    <td>
                      {c.dealType === 'NINETY_TEN' ? t('ninetyTen', { allowance: { minor: c.houseAllowance ?? 0, currency } }) : t('percentage')}
                      {c.minimumGuarantee !== null && (
                        <>
                          <br />
                          <span className="muted">{t('minimum', { amount: { minor: c.minimumGuarantee, currency } })}</span>
                        </>
                      )}
                    </td>
                    <td className="tabular">{splitsText(c)}</td>
                    <td>
                      <span className={`badge ${c.status === 'ACTIVE' ? 'badge-ok' : 'badge-muted'}`} data-testid="contract-status">
                        <span className="badge-symbol" aria-hidden="true">
                          {STATUS_SYMBOL[c.status]}
                        </span>
                        {t(`enums:contractStatus.${c.status}`)}
                      </span>
                    </td>
                    <td className="row-actions">
                      {c.status === 'DRAFT' && (
                        <>
                          <Button size="sm" onClick={() => edit(c)} testId="contract-edit" aria-label={t('editLabel', { film: c.film.title })}>
                            {t('edit')}
                          </Button>
                          <Button size="sm" variant="primary" busy={action.busyId === c.id} onClick={() => act(c, 'contracts.activate')} testId="contract-activate" aria-label={t('activateLabel', { film: c.film.title })}>
                            {t('activate')}
                          </Button>
                        </>
                      )}
                      {c.status === 'ACTIVE' && (
                        <Button size="sm" variant="danger" busy={action.busyId === c.id} onClick={() => act(c, 'contracts.close')} testId="contract-close" aria-label={t('closeLabel', { film: c.film.title })}>
                          {t('close')}
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
              onClose={() => edit(null)}
              onSaved={(c, created) => {
                setEditing(null);
                action.setNotice(t(created ? 'created' : 'saved', { film: c.film.title, from: dayText(c.startDate, locale), to: dayText(c.endDate, locale) }));
                contracts.reload();
              }}
            />
          ) : (
            <EmptyState title={t('pick')}>
              <p>{t('pickHint')}</p>
            </EmptyState>
          )}
        </div>
      </div>
    </div>
  );
}
