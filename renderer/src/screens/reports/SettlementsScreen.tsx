import { useState, type FormEvent } from 'react';
import { SETTLEMENT_PAYMENT_METHODS } from '../../../../shared/contract/settlements';
import { minorDigits } from '../../../../shared/money';
import { call } from '../../api/client';
import { fieldErrorsOf } from '../../api/field-errors';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { parseDecimal, parsePercent } from '../../format/amount-input';
import { useStatus } from '../../stores/status';
import { formatDateInZone } from '../../../../shared/cinema-time';
import { ReportTable } from './ReportTable';
import { ExportBar } from './ExportBar';
import { PeriodPicker, type Period } from './PeriodPicker';
import { addDays, dayMonth, money, percentBp } from './report-format';
import './reports.css';

const METHOD_LABEL: Record<(typeof SETTLEMENT_PAYMENT_METHODS)[number], string> = { BANK_TRANSFER: 'Bank transfer', CASH: 'Cash', CHEQUE: 'Cheque', OTHER: 'Other' };

/** Rule 11: what each distributor is owed, week by week, and the payments made to them. */
export function SettlementsScreen() {
  const system = useStatus((s) => s.system);
  const today = system?.businessDate ?? new Date().toISOString().slice(0, 10);
  const currency = system?.cinema.currency ?? 'EUR';
  const timeZone = system?.cinema.timezone ?? 'UTC';
  const balances = useOperation('settlements.balances', {});
  const [distributorId, setDistributorId] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>({ from: addDays(today, -30), to: today });
  const [notice, setNotice] = useState<string | null>(null);
  const selected = balances.data?.find((b) => b.distributor.id === distributorId) ?? null;

  return (
    <div className="screen settlements-screen" data-testid="screen-settlements">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Distributor settlements</h1>
          <p className="screen-subtitle">Each ended contract week is accrued automatically: percent × net ticket revenue (VAT excluded), at least the minimum guarantee.</p>
        </div>
      </div>
      {notice && (
        <Notice tone="success" testId="settlements-notice" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      {balances.error ? <ErrorBanner error={balances.error} title="Could not load the balances" action={<Button onClick={balances.reload}>Try again</Button>} /> : null}
      {!balances.data ? (
        <Loading label="Adding up what is owed…" />
      ) : (
        <ReportTable
          caption="Outstanding per distributor — choose one to see its weeks and record a payment"
          testId="settlement-balances"
          rows={balances.data}
          rowKey={(b) => b.distributor.id}
          columns={[
            {
              header: 'Distributor',
              cell: (b) => (
                <button type="button" className={b.distributor.id === distributorId ? 'link-button is-selected' : 'link-button'} aria-pressed={b.distributor.id === distributorId} onClick={() => setDistributorId(b.distributor.id)}>
                  {b.distributor.legalName}
                </button>
              ),
            },
            { header: 'Contracts', numeric: true, cell: (b) => b.contracts },
            { header: 'Accrued', numeric: true, cell: (b) => money(b.due, currency), total: money(balances.data!.reduce((s, b) => s + b.due, 0), currency) },
            { header: 'Paid', numeric: true, cell: (b) => money(b.paid, currency), total: money(balances.data!.reduce((s, b) => s + b.paid, 0), currency) },
            { header: 'Balance', numeric: true, cell: (b) => money(b.balance, currency), total: money(balances.data!.reduce((s, b) => s + b.balance, 0), currency) },
            { header: 'Last payment', cell: (b) => (b.lastPaidAt ? formatDateInZone(b.lastPaidAt, timeZone) : '—') },
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
  const weeks = useOperation('settlements.weeks', { ...period, distributorId });
  const contracts = new Map((weeks.data?.weeks ?? []).map((w) => [w.contractId, w.film.title]));
  const reload = weeks.reload;
  return (
    <div className="settlement-detail">
      <Panel title={`${name}: contract weeks`} testId="settlement-weeks" actions={<ExportBar kind="SETTLEMENTS" from={period.from} to={period.to} distributorId={distributorId} testPrefix="statement" />}>
        <PeriodPicker period={period} today={today} onChange={onPeriod} />
        {weeks.error ? <ErrorBanner error={weeks.error} /> : null}
        {!weeks.data ? (
          <Loading />
        ) : (
          <ReportTable
            caption="Weeks starting in the period (running: the current week, not owed yet, and not in the totals)"
            rows={weeks.data.weeks}
            rowKey={(w) => `${w.contractId}-${w.week}`}
            columns={[
              { header: 'Film', cell: (w) => `${w.film.title}${w.accrued ? '' : ' (running)'}` },
              { header: 'Week', numeric: true, cell: (w) => w.week },
              { header: 'Days', cell: (w) => <span className="nowrap">{`${dayMonth(w.startDate)} – ${dayMonth(w.endDate)}`}</span> },
              { header: 'Gross', numeric: true, cell: (w) => money(w.gross, currency) },
              { header: 'Net of VAT', numeric: true, cell: (w) => money(w.net, currency) },
              { header: 'Percent', numeric: true, cell: (w) => `${percentBp(w.percentBp)}${w.overridden ? ' (overridden)' : ''}` },
              {
                header: 'Due',
                numeric: true,
                cell: (w) =>
                  w.adjustment !== 0 && !w.overridden ? (
                    <span title={`Includes a correction of ${money(w.adjustment, currency)}: the week's share is rounded once`}>
                      {money(w.due, currency)} (corrected)
                    </span>
                  ) : (
                    money(w.due, currency)
                  ),
                total: money(weeks.data!.weeks.filter((w) => w.accrued).reduce((s, w) => s + w.due, 0), currency) },
              { header: 'Paid', numeric: true, cell: (w) => money(w.paid, currency), total: money(weeks.data!.weeks.reduce((s, w) => s + w.paid, 0), currency) },
              { header: 'Balance', numeric: true, cell: (w) => money(w.balance, currency), total: money(weeks.data!.weeks.reduce((s, w) => s + w.balance, 0), currency) },
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

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const minor = parseDecimal(amount, digits);
    if (!contractId) return setError('Choose the contract (film) this payment is for.');
    if (minor === null || minor <= 0) return setError(`Enter the amount paid, e.g. 1250.00.`);
    setBusy(true);
    try {
      const p = await call('settlements.recordPayment', { contractId, amount: minor, paidOn, method, reference });
      setAmount('');
      setReference('');
      onSaved(`Payment of ${money(p.amount, currency)} to ${p.distributor} for "${p.film}" recorded.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Record a payment" testId="payment-form">
      <form onSubmit={(e) => void submit(e)} className="form-stack">
        <SelectField label="Contract (film)" value={contractId} onChange={(e) => setContractId(e.target.value)} error={fields.contractId} testId="payment-contract">
          <option value="">Choose…</option>
          {[...contracts].map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <TextField label={`Amount (${currency})`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fields.amount} testId="payment-amount" />
          <TextField label="Paid on" type="date" max={today} value={paidOn} onChange={(e) => setPaidOn(e.target.value)} error={fields.paidOn} testId="payment-date" />
        </div>
        <div className="form-row">
          <SelectField label="Method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)} testId="payment-method">
            {SETTLEMENT_PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABEL[m]}
              </option>
            ))}
          </SelectField>
          <TextField label="Reference" value={reference} onChange={(e) => setReference(e.target.value)} error={fields.reference} hint="Bank reference or cheque number" testId="payment-reference" />
        </div>
        <ErrorBanner error={Object.keys(fields).length ? null : error} />
        <Button type="submit" variant="primary" busy={busy} testId="payment-save">
          Record payment
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
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const bp = parsePercent(percent);
    if (!contractId) return setError('Choose the contract (film) whose week you are changing.');
    if (bp === null) return setError('Enter the percent for the week, e.g. 45.');
    setBusy(true);
    try {
      const row = await call('settlements.overrideWeek', { contractId, week: Number(week), percentBp: bp, reason });
      onSaved(`Week ${row.week} of "${row.film.title}" is now settled at ${percentBp(row.percentBp)}: due ${money(row.due, currency)}.`);
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Override a week’s percent" testId="override-form">
      <form onSubmit={(e) => void submit(e)} className="form-stack">
        <SelectField label="Contract (film)" value={contractId} onChange={(e) => setContractId(e.target.value)} error={fields.contractId}>
          <option value="">Choose…</option>
          {[...contracts].map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <TextField label="Contract week" inputMode="numeric" value={week} onChange={(e) => setWeek(e.target.value)} error={fields.week} />
          <TextField label="Percent" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} error={fields.percentBp} />
        </div>
        <TextField label="Reason (kept in the audit log)" value={reason} onChange={(e) => setReason(e.target.value)} error={fields.reason} />
        <ErrorBanner error={Object.keys(fields).length ? null : error} />
        <Button type="submit" busy={busy}>
          Save override
        </Button>
      </form>
    </Panel>
  );
}
