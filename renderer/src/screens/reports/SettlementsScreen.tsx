import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTLEMENT_PAYMENT_METHODS } from '../../../../shared/contract/settlements';
import { minorDigits } from '../../../../shared/money';
import { call } from '../../api/client';
import { fieldErrorsOf } from '../../api/field-errors';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { DateField } from '../../components/DateField';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { parseDecimal, parsePercent } from '../../format/amount-input';
import { useStatus } from '../../stores/status';
import { formatDateInZone } from '../../../../shared/cinema-time';
import { ReportTable } from './ReportTable';
import { ExportBar } from './ExportBar';
import { PeriodPicker, type Period } from './PeriodPicker';
import { useFigures } from './report-format';
import { addBusinessDays } from '../../../../shared/business-day';
import './reports.css';


/** Rule 11: what each distributor is owed, week by week, and the payments made to them. */
export function SettlementsScreen() {
  const { t } = useTranslation('reports');
  const { money, locale } = useFigures();
  const system = useStatus((s) => s.system);
  const today = system?.businessDate ?? new Date().toISOString().slice(0, 10);
  const currency = system?.cinema.currency ?? 'EUR';
  const timeZone = system?.cinema.timezone ?? 'UTC';
  const balances = useOperation('settlements.balances', {});
  const [distributorId, setDistributorId] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>({ from: addBusinessDays(today, -30), to: today });
  const [notice, setNotice] = useState<string | null>(null);
  const selected = balances.data?.find((b) => b.distributor.id === distributorId) ?? null;

  return (
    <div className="screen settlements-screen" data-testid="screen-settlements">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('settlements.title')}</h1>
          <p className="screen-subtitle">{t('settlements.subtitle')}</p>
        </div>
      </div>
      {notice && (
        <Notice tone="success" testId="settlements-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      {balances.error ? <ErrorBanner error={balances.error} title={t('settlements.loadFailed')} action={<Button onClick={balances.reload}>{t('settlements.tryAgain')}</Button>} /> : null}
      {!balances.data ? (
        <Loading label={t('settlements.loading')} />
      ) : (
        <ReportTable
          caption={t('settlements.balancesCaption')}
          testId="settlement-balances"
          rows={balances.data}
          rowKey={(b) => b.distributor.id}
          columns={[
            {
              header: t('settlements.distributor'),
              cell: (b) => (
                <button type="button" className={b.distributor.id === distributorId ? 'link-button is-selected' : 'link-button'} aria-pressed={b.distributor.id === distributorId} onClick={() => setDistributorId(b.distributor.id)}>
                  {b.distributor.legalName}
                </button>
              ),
            },
            { header: t('settlements.contracts'), numeric: true, cell: (b) => b.contracts },
            { header: t('settlements.accrued'), numeric: true, cell: (b) => money(b.due, currency), total: money(balances.data!.reduce((s, b) => s + b.due, 0), currency) },
            { header: t('settlements.paid'), numeric: true, cell: (b) => money(b.paid, currency), total: money(balances.data!.reduce((s, b) => s + b.paid, 0), currency) },
            { header: t('settlements.balance'), numeric: true, cell: (b) => money(b.balance, currency), total: money(balances.data!.reduce((s, b) => s + b.balance, 0), currency) },
            { header: t('settlements.lastPayment'), cell: (b) => (b.lastPaidAt ? formatDateInZone(b.lastPaidAt, timeZone, locale) : '—') },
          ]}
        />
      )}
      {selected && (
        <DistributorWeeks
          key={selected.distributor.id}
          distributorId={selected.distributor.id}
          name={selected.distributor.legalName}
          period={period}
          today={today}
          currency={currency}
          onPeriod={setPeriod}
          onChanged={(message) => {
            setNotice(message);
            balances.reload();
          }}
        />
      )}
    </div>
  );
}

function DistributorWeeks({ distributorId, name, period, today, currency, onPeriod, onChanged }: { distributorId: string; name: string; period: Period; today: string; currency: string; onPeriod(p: Period): void; onChanged(message: string): void }) {
  const { t } = useTranslation('reports');
  const { money, percentBp, dayMonth } = useFigures();
  const weeks = useOperation('settlements.weeks', { ...period, distributorId });
  const contracts = new Map((weeks.data?.weeks ?? []).map((w) => [w.contractId, w.film.title]));
  const reload = weeks.reload;
  return (
    <div className="settlement-detail">
      <Panel title={t('settlements.weeksTitle', { name })} testId="settlement-weeks" actions={<ExportBar kind="SETTLEMENTS" from={period.from} to={period.to} distributorId={distributorId} testPrefix="statement" />}>
        <PeriodPicker period={period} today={today} onChange={onPeriod} />
        {weeks.error ? <ErrorBanner error={weeks.error} /> : null}
        {!weeks.data ? (
          <Loading />
        ) : (
          <ReportTable
            caption={t('settlements.weeksCaption')}
            rows={weeks.data.weeks}
            rowKey={(w) => `${w.contractId}-${w.week}`}
            columns={[
              { header: t('settlements.film'), cell: (w) => (w.accrued ? w.film.title : t('settlements.running', { film: w.film.title })) },
              { header: t('settlements.week'), numeric: true, cell: (w) => w.week },
              { header: t('settlements.days'), cell: (w) => <span className="nowrap">{`${dayMonth(w.startDate)} – ${dayMonth(w.endDate)}`}</span> },
              { header: t('settlements.gross'), numeric: true, cell: (w) => money(w.gross, currency) },
              { header: t('settlements.netOfVat'), numeric: true, cell: (w) => money(w.net, currency) },
              { header: t('settlements.percent'), numeric: true, cell: (w) => (w.overridden ? t('settlements.overridden', { percent: percentBp(w.percentBp) }) : percentBp(w.percentBp)) },
              {
                header: t('settlements.due'),
                numeric: true,
                cell: (w) =>
                  w.adjustment !== 0 && !w.overridden ? (
                    <span title={t('settlements.correctionNote', { amount: money(w.adjustment, currency) })}>{t('settlements.corrected', { amount: money(w.due, currency) })}</span>
                  ) : (
                    money(w.due, currency)
                  ),
                total: money(weeks.data!.weeks.filter((w) => w.accrued).reduce((s, w) => s + w.due, 0), currency) },
              { header: t('settlements.paid'), numeric: true, cell: (w) => money(w.paid, currency), total: money(weeks.data!.weeks.reduce((s, w) => s + w.paid, 0), currency) },
              { header: t('settlements.balance'), numeric: true, cell: (w) => money(w.balance, currency), total: money(weeks.data!.weeks.reduce((s, w) => s + w.balance, 0), currency) },
            ]}
          />
        )}
      </Panel>
      <div className="settlement-forms">
        <PaymentForm
          contracts={contracts}
          today={today}
          currency={currency}
          onSaved={(m) => {
            reload();
            onChanged(m);
          }}
        />
        <OverrideForm
          contracts={contracts}
          currency={currency}
          onSaved={(m) => {
            reload();
            onChanged(m);
          }}
        />
      </div>
    </div>
  );
}

function PaymentForm({ contracts, today, currency, onSaved }: { contracts: Map<string, string>; today: string; currency: string; onSaved(message: string): void }) {
  const [contractId, setContractId] = useState('');
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(today);
  const [method, setMethod] = useState<(typeof SETTLEMENT_PAYMENT_METHODS)[number]>('BANK_TRANSFER');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);
  const digits = minorDigits(currency);
  const { t } = useTranslation('reports');
  const { money, locale } = useFigures();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const minor = parseDecimal(amount, digits);
    if (!contractId) return setError(t('settlements.payment.chooseContract'));
    if (minor === null || minor <= 0) return setError(t('settlements.payment.enterAmount', { example: (1250).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }) }));
    setBusy(true);
    try {
      const p = await call('settlements.recordPayment', { contractId, amount: minor, paidOn, method, reference });
      setAmount('');
      setReference('');
      onSaved(t('settlements.payment.recorded', { amount: money(p.amount, currency), distributor: p.distributor, film: p.film }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('settlements.payment.title')} testId="payment-form">
      <form onSubmit={(e) => void submit(e)} className="form-stack">
        <SelectField label={t('settlements.payment.contract')} value={contractId} onChange={(e) => setContractId(e.target.value)} error={fields.contractId} testId="payment-contract">
          <option value="">{t('settlements.payment.choose')}</option>
          {[...contracts].map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <TextField label={t('settlements.payment.amount', { currency })} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fields.amount} testId="payment-amount" />
          <DateField label={t('settlements.payment.paidOn')} max={today} value={paidOn} onChange={setPaidOn} error={fields.paidOn} testId="payment-date" />
        </div>
        <div className="form-row">
          <SelectField label={t('settlements.payment.method')} value={method} onChange={(e) => setMethod(e.target.value as typeof method)} testId="payment-method">
            {SETTLEMENT_PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`settlements.method.${m}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('settlements.payment.reference')} value={reference} onChange={(e) => setReference(e.target.value)} error={fields.reference} hint={t('settlements.payment.referenceHint')} testId="payment-reference" />
        </div>
        <ErrorBanner error={Object.keys(fields).length ? null : error} />
        <Button type="submit" variant="primary" busy={busy} testId="payment-save">
          {t('settlements.payment.save')}
        </Button>
      </form>
    </Panel>
  );
}

function OverrideForm({ contracts, currency, onSaved }: { contracts: Map<string, string>; currency: string; onSaved(message: string): void }) {
  const [contractId, setContractId] = useState('');
  const [week, setWeek] = useState('');
  const [percent, setPercent] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);
  const { t } = useTranslation('reports');
  const { money, percentBp, locale } = useFigures();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const bp = parsePercent(percent);
    if (!contractId) return setError(t('settlements.override.chooseContract'));
    if (bp === null) return setError(t('settlements.override.enterPercent', { example: (45).toLocaleString(locale) }));
    setBusy(true);
    try {
      const row = await call('settlements.overrideWeek', { contractId, week: Number(week), percentBp: bp, reason });
      onSaved(t('settlements.override.saved', { week: row.week, film: row.film.title, percent: percentBp(row.percentBp), due: money(row.due, currency) }));
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t('settlements.override.title')} testId="override-form">
      <form onSubmit={(e) => void submit(e)} className="form-stack">
        <SelectField label={t('settlements.override.contract')} value={contractId} onChange={(e) => setContractId(e.target.value)} error={fields.contractId}>
          <option value="">{t('settlements.override.choose')}</option>
          {[...contracts].map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <TextField label={t('settlements.override.week')} inputMode="numeric" value={week} onChange={(e) => setWeek(e.target.value)} error={fields.week} />
          <TextField label={t('settlements.override.percent')} inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} error={fields.percentBp} />
        </div>
        <TextField label={t('settlements.override.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fields.reason} />
        <ErrorBanner error={Object.keys(fields).length ? null : error} />
        <Button type="submit" busy={busy}>
          {t('settlements.override.save')}
        </Button>
      </form>
    </Panel>
  );
}
