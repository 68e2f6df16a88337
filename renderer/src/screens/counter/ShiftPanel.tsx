import { useState, type FormEvent } from 'react';
import type { CurrentShift, ShiftReport } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatTime } from '../../format/time';
import { moneyInputText, parseMoneyInput } from './money-input';
import { PrintShiftReportButton } from '../orders/PrintShiftReportButton';

const METHOD_LABEL = { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points' } as const;

/** The X (open shift) or Z (closed) report on screen: sales and refunds by method, expected and counted cash. */
export function ShiftReportView({ report, currency, timeZone }: { report: ShiftReport; currency: string; timeZone: string }) {
  const money = (n: number) => formatMoney(n, currency);
  const closed = report.status === 'CLOSED';
  return (
    <div className="shift-report" data-testid={closed ? 'z-report' : 'x-report'}>
      <h3 className="section-title">
        {closed ? 'Z report' : 'X report'} · {report.cashier.name} · {report.terminal.name}
      </h3>
      <p className="muted">
        Opened {formatTime(report.openedAt, timeZone)}
        {report.closedAt ? `, closed ${formatTime(report.closedAt, timeZone)}` : ' (still open)'} · {report.orders} orders · {report.ticketsSold} tickets
      </p>
      <table className="table report-table">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col" className="num">
              Sales
            </th>
            <th scope="col" className="num">
              Refunds
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byMethod.map((m) => (
            <tr key={m.method}>
              <th scope="row">{METHOD_LABEL[m.method]}</th>
              <td className="num money">
                {money(m.sales)} <span className="muted">({m.salesCount})</span>
              </td>
              <td className="num money">
                {money(m.refunds)} <span className="muted">({m.refundsCount})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="order-sums">
        <div>
          <dt>Opening float</dt>
          <dd className="money">{money(report.openingFloat)}</dd>
        </div>
        <div>
          <dt>+ Cash in</dt>
          <dd className="money">{money(report.cashIn)}</dd>
        </div>
        <div>
          <dt>− Cash out</dt>
          <dd className="money">{money(report.cashOut)}</dd>
        </div>
        <div className="order-sums-total">
          <dt>Expected cash</dt>
          <dd className="money" data-testid="shift-expected">
            {money(report.expectedCash)}
          </dd>
        </div>
        {report.countedCash !== null && (
          <>
            <div>
              <dt>Counted</dt>
              <dd className="money">{money(report.countedCash)}</dd>
            </div>
            <div>
              <dt>Difference</dt>
              <dd className="money" data-testid="shift-difference">
                {report.difference! > 0 ? '+' : ''}
                {money(report.difference!)} {report.difference === 0 ? '(exact)' : report.difference! > 0 ? '(over)' : '(short)'}
              </dd>
            </div>
          </>
        )}
      </dl>
    </div>
  );
}

export interface ShiftPanelProps {
  current: CurrentShift;
  currency: string;
  timeZone: string;
  onChanged(): void;
  onClose?(): void;
}

/** Opening a shift with the float, or the open shift's X report and closing it with the counted cash. */
export function ShiftPanel({ current, currency, timeZone, onChanged, onClose }: ShiftPanelProps) {
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [z, setZ] = useState<ShiftReport | null>(null);

  const run = async (e: FormEvent, what: 'open' | 'close') => {
    e.preventDefault();
    const minor = parseMoneyInput(amount);
    if (minor === null) return setError(what === 'open' ? 'Type the float in the drawer, e.g. 100 or 100.00.' : 'Type the cash counted in the drawer, e.g. 250.40.');
    setBusy(true);
    setError(null);
    try {
      if (what === 'open') await call('shifts.open', { openingFloat: minor });
      else setZ(await call('shifts.close', { countedCash: minor }));
      setAmount('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (z) {
    return (
      <section className="panel shift-panel" data-testid="shift-panel">
        <ShiftReportView report={z} currency={currency} timeZone={timeZone} />
        <div className="form-actions">
          <PrintShiftReportButton shiftId={z.shiftId} closed />
          <Button variant="primary" onClick={() => setZ(null)} testId="z-report-done">
            Done
          </Button>
        </div>
      </section>
    );
  }

  if (!current.open) {
    return (
      <section className="panel shift-panel" data-testid="shift-panel" aria-labelledby="shift-open-title">
        <h2 className="panel-title" id="shift-open-title">
          Open your shift
        </h2>
        <p className="muted">Sales happen inside an open shift. Count the cash float into the drawer and type it here.</p>
        <form className="counter-inline" onSubmit={(e) => void run(e, 'open')}>
          <label className="field">
            <span className="field-label">Opening float</span>
            <input className="input counter-xl" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={moneyInputText(10000)} data-testid="shift-float" autoFocus />
          </label>
          <Button type="submit" variant="primary" size="lg" busy={busy} testId="shift-open">
            Open shift
          </Button>
        </form>
        <ErrorBanner error={error} testId="shift-error" />
      </section>
    );
  }

  return (
    <section className="panel shift-panel" data-testid="shift-panel">
      <ShiftReportView report={current.open} currency={currency} timeZone={timeZone} />
      {current.mine ? (
        <form className="counter-inline" onSubmit={(e) => void run(e, 'close')}>
          <label className="field">
            <span className="field-label">Cash counted in the drawer</span>
            <input className="input counter-xl" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="shift-counted" />
          </label>
          <Button type="submit" variant="danger" size="lg" busy={busy} testId="shift-close">
            Close shift (Z report)
          </Button>
        </form>
      ) : (
        <p className="order-problem">This is {current.open.cashier.name}’s shift: only they can close it.</p>
      )}
      <ErrorBanner error={error} testId="shift-error" />
      {current.mine && <PrintShiftReportButton shiftId={current.open.shiftId} closed={false} />}
      {onClose && (
        <div className="form-actions">
          <Button onClick={onClose} shortcut="Esc" testId="shift-back">
            Back to selling
          </Button>
        </div>
      )}
    </section>
  );
}
