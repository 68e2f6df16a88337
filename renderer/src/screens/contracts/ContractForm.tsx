import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RentalContractSummary, SchedulingOptions } from '../../../../shared/contract';
import type { DealType } from '../../../../shared/enums';
import { call } from '../../api/client';
import { bannerFor, fieldErrorsOf } from '../../api/field-errors';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { Panel } from '../../components/Panel';
import { amountText, parseAmount, parsePercent, percentText } from '../../format/amount-input';
import { useUnsavedDraft } from '../../shell/unsaved-changes';

export interface ContractFormProps {
  /** Editing this DRAFT; creating a new one when absent. */
  contract?: RentalContractSummary | undefined;
  options: SchedulingOptions;
  currency: string;
  today: string;
  onSaved(contract: RentalContractSummary, created: boolean): void;
  onClose(): void;
}

interface SplitRow {
  key: number;
  percent: string;
}

/** The field name the contract gives a week's share: its message shows in that row. */
const splitField = (i: number) => `splits.${i}.percentBp`;

/** The sign before a field's message, as the shared fields draw it. */
const WARNING_SIGN = '⚠ ';

let nextKey = 1;
const row = (percent: string): SplitRow => ({ key: nextKey++, percent });

/** The terms of a DRAFT contract with its weekly split table; the main process checks every rule. */
export function ContractForm({ contract, options, currency, today, onSaved, onClose }: ContractFormProps) {
  const { t } = useTranslation(['contracts', 'common', 'enums']);
  const [filmId, setFilmId] = useState(contract?.film.id ?? options.films[0]?.id ?? '');
  const film = options.films.find((f) => f.id === filmId);
  const [distributorId, setDistributorId] = useState(contract?.distributor.id ?? '');
  const [startDate, setStartDate] = useState(contract?.startDate ?? today);
  const [endDate, setEndDate] = useState(contract?.endDate ?? '');
  const [dealType, setDealType] = useState<DealType>(contract?.dealType ?? 'PERCENTAGE');
  const [guarantee, setGuarantee] = useState(contract?.minimumGuarantee != null ? amountText(contract.minimumGuarantee, currency) : '');
  const [allowance, setAllowance] = useState(contract?.houseAllowance != null ? amountText(contract.houseAllowance, currency) : '');
  const [splits, setSplits] = useState<SplitRow[]>(contract ? contract.splits.map((s) => row(percentText(s.percentBp))) : [row('60'), row('50'), row('40')]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The terms as typed: leaving them unsaved asks first (the screen closes the form once saved).
  useUnsavedDraft({ filmId, distributorId, startDate, endDate, dealType, guarantee, allowance, splits: splits.map((s) => s.percent) });

  const effectiveDistributor = distributorId || film?.distributorId || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const local: Record<string, string> = {};
    const minimumGuarantee = guarantee.trim() === '' ? null : parseAmount(guarantee, currency);
    if (minimumGuarantee === null && guarantee.trim() !== '') local.minimumGuarantee = t('form.badGuarantee');
    const houseAllowance = dealType === 'NINETY_TEN' ? (allowance.trim() === '' ? null : parseAmount(allowance, currency)) : null;
    if (dealType === 'NINETY_TEN' && houseAllowance === null && allowance.trim() !== '') local.houseAllowance = t('form.badAllowance');
    const parsed = splits.map((s, i) => ({ week: i + 1, percentBp: parsePercent(s.percent) }));
    parsed.forEach((p, i) => {
      if (p.percentBp === null) local[`splits.${i}.percentBp`] = t('form.badPercent');
    });
    if (!endDate) local.endDate = t('form.noEndDate');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setError(t('form.checkFields'));
      return;
    }
    const terms = {
      ...(effectiveDistributor ? { distributorId: effectiveDistributor } : {}),
      startDate,
      endDate,
      dealType,
      minimumGuarantee,
      houseAllowance,
      splits: parsed.map((p) => ({ week: p.week, percentBp: p.percentBp! })),
    };
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const saved = contract ? await call('contracts.update', { contractId: contract.id, ...terms }) : await call('contracts.create', { filmId, ...terms });
      onSaved(saved, !contract);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(bannerFor(err, ['filmId', 'distributorId', 'startDate', 'endDate', 'dealType', 'minimumGuarantee', 'houseAllowance']));
    } finally {
      setBusy(false);
    }
  };

  const setPercent = (key: number, percent: string) => setSplits((list) => list.map((s) => (s.key === key ? { ...s, percent } : s)));

  return (
    <Panel
      title={contract ? t('form.editTitle', { film: contract.film.title }) : t('form.newTitle')}
      testId="contract-form"
      actions={
        <Button variant="ghost" size="sm" onClick={onClose} testId="contract-form-close">
          {t('common:action.close')}
        </Button>
      }
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={contract ? t('form.editLabel') : t('form.newTitle')}>
        <ErrorBanner error={error} testId="contract-form-error" />
        {contract ? (
          <p className="strong">{contract.film.title}</p>
        ) : (
          <SelectField label={t('form.film')} value={filmId} onChange={(e) => setFilmId(e.target.value)} error={errors.filmId} testId="contract-film">
            {options.films.map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t('form.distributor')} value={effectiveDistributor} onChange={(e) => setDistributorId(e.target.value)} error={errors.distributorId} testId="contract-distributor">
          {!effectiveDistributor && <option value="">{t('form.chooseDistributor')}</option>}
          {options.distributors.map((d) => (
            <option key={d.id} value={d.id}>
              {d.legalName}
            </option>
          ))}
        </SelectField>
        <div className="plan-grid">
          <DateField label={t('form.firstDay')} value={startDate} onChange={setStartDate} error={errors.startDate} testId="contract-start" />
          <DateField label={t('form.lastDay')} value={endDate} onChange={setEndDate} error={errors.endDate} testId="contract-end" />
        </div>
        <SelectField label={t('form.deal')} value={dealType} onChange={(e) => setDealType(e.target.value as DealType)} error={errors.dealType} testId="contract-deal">
          <option value="PERCENTAGE">{t('form.dealPercentage')}</option>
          <option value="NINETY_TEN">{t('form.dealNinetyTen')}</option>
        </SelectField>
        <div className="plan-grid">
          <TextField
            label={t('form.guarantee', { currency })}
            inputMode="decimal"
            placeholder={t('form.guaranteeNone')}
            value={guarantee}
            onChange={(e) => setGuarantee(e.target.value)}
            error={errors.minimumGuarantee}
            testId="contract-guarantee"
          />
          {dealType === 'NINETY_TEN' && (
            <TextField
              label={t('form.allowance', { currency })}
              inputMode="decimal"
              value={allowance}
              onChange={(e) => setAllowance(e.target.value)}
              error={errors.houseAllowance}
              testId="contract-allowance"
            />
          )}
        </div>
        <fieldset className="fieldset plan-fieldset">
          <legend>{t('form.splits')}</legend>
          <p className="field-hint">{t('form.splitsHint')}</p>
          <table className="table splits-table" data-testid="contract-splits">
            <thead>
              <tr>
                <th scope="col">{t('form.week')}</th>
                <th scope="col">{t('form.share')}</th>
              </tr>
            </thead>
            <tbody>
              {splits.map((s, i) => (
                <tr key={s.key} data-testid="contract-split-row">
                  <th scope="row">{i === splits.length - 1 ? t('form.weekAndLater', { week: i + 1 }) : i + 1}</th>
                  <td>
                    <input
                      className="input split-input"
                      inputMode="decimal"
                      aria-label={t('form.weekShare', { week: i + 1 })}
                      aria-invalid={errors[splitField(i)] ? true : undefined}
                      value={s.percent}
                      onChange={(e) => setPercent(s.key, e.target.value)}
                      data-testid="contract-split-percent"
                    />
                    {errors[splitField(i)] && (
                      <p className="field-error">
                        <span aria-hidden="true">{WARNING_SIGN}</span>
                        {errors[splitField(i)]}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <Button size="sm" onClick={() => setSplits((l) => [...l, row(l[l.length - 1]?.percent ?? '35')])} disabled={splits.length >= 52} testId="contract-add-week">
              {t('form.addWeek')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSplits((l) => l.slice(0, -1))} disabled={splits.length <= 1} testId="contract-remove-week">
              {t('form.removeWeek')}
            </Button>
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="contract-submit">
            {contract ? t('form.save') : t('form.create')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
