import { useState, type FormEvent } from 'react';
import type { BlindXReport, CurrentShift, ShiftReport } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatTime } from '../../format/time';
import { formatDecimal, parseDecimal } from '../../format/amount-input';
import { PrintShiftReportButton } from '../orders/PrintShiftReportButton';

const METHOD_LABEL = { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points', VOUCHER: 'Gift voucher' } as const;

/** The X (open shift) or Z (closed) report on screen: sales and refunds by method, expected and counted cash. */
export function ShiftReportView({ report, currency, timeZone }: { report: ShiftReport | BlindXReport; currency: string; timeZone: string }) {
  // Blind cash-up: the server withholds the cash figures from a cashier until the drawer is counted (the Z report shows all).
  const money = (n: number) => formatMoney(n, currency);
  const cash = (n: number | null) => (n === null ? 'counted at close' : money(n));
  const closed = report.status === 'CLOSED';
  return (
    <div className="shift-report" data-testid={closed ? 'z-report' : 'x-report'}>
      <h3 className="section-title">
        {closed ? `Z report no. ${report.fiscal?.zNumber ?? '—'}` : 'X report'} · {report.cashier.name} · {report.terminal.name}
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
                {cash(m.sales)} <span className="muted">({m.salesCount})</span>
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
          <dd className="money">{cash(report.cashIn)}</dd>
        </div>
        <div>
          <dt>− Cash out</dt>
          <dd className="money">{cash(report.cashOut)}</dd>
        </div>
        <div className="order-sums-total">
          <dt>Expected cash</dt>
          <dd className="money" data-testid="shift-expected">
            {cash(report.expectedCash)}
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
      {/* Withheld from a blind count: its totals would tell the takings. */}
      {report.fiscal && <FiscalFigures fiscal={report.fiscal} money={money} />}
    </div>
  );
}

/** Rule 16 on screen: receipts first–last, refunds and exchanges, VAT per rate, the grand totals. */
function FiscalFigures({ fiscal: f, money }: { fiscal: ShiftReport['fiscal']; money: (n: number) => string }) {
  return (
    <div className="shift-fiscal" data-testid="shift-fiscal">
      <p className="muted">
        {f.receipts === 0 ? 'No receipts' : `${f.receipts} receipts, no. ${f.firstReceipt}–${f.lastReceipt}`} · refunds {f.refunds.count} ({money(-f.refunds.amount)}) · exchanges {f.exchanges.count} ·
        {f.voucherSales.count > 0 && ` vouchers sold ${f.voucherSales.count} (${money(f.voucherSales.amount)}, outside VAT) ·`}
        {f.voucherRedemptions.count > 0 && ` paid by voucher ${money(f.voucherRedemptions.amount)} ·`} grand total {money(f.grandTotal)}
      </p>
      {f.vat.length > 0 && (
        <table className="table report-table">
          <thead>
            <tr>
              <th scope="col">VAT rate</th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col" className="num">
                VAT
              </th>
              <th scope="col" className="num">
                Gross
              </th>
            </tr>
          </thead>
          <tbody>
            {f.vat.map((v) => (
              <tr key={v.rateBp}>
                <th scope="row">{(v.rateBp / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })} %</th>
                <td className="num money">{money(v.net)}</td>
                <td className="num money">{money(v.vat)}</td>
                <td className="num money">{money(v.gross)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
  // Closing asks once more, naming the counted amount (issue 13, item 10).
  const [confirming, setConfirming] = useState<number | null>(null);

  const run = async (e: FormEvent, what: 'open' | 'close') => {
    e.preventDefault();
    const minor = parseDecimal(amount);
    if (minor === null) return setError(what === 'open' ? 'Type the float in the drawer, e.g. 100 or 100.00.' : 'Type the cash counted in the drawer, e.g. 250.40.');
    if (what === 'close' && confirming === null) return setConfirming(minor);
    setBusy(true);
    setError(null);
    try {
      if (what === 'open') await call('shifts.open', { openingFloat: minor });
      else setZ(await call('shifts.close', { countedCash: confirming ?? minor }));
      setConfirming(null);
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
            <input className="input counter-xl" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={formatDecimal(10000)} data-testid="shift-float" autoFocus />
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
      {current.mine && confirming !== null ? (
        <form className="shift-confirm" role="alertdialog" aria-labelledby="shift-confirm-title" onSubmit={(e) => void run(e, 'close')} data-testid="shift-close-confirm">
          <p id="shift-confirm-title">
            <strong>Close {current.open.cashier.name}’s shift</strong> with <strong className="money">{formatMoney(confirming, currency)}</strong> counted? Selling on this terminal stops until a
            shift is opened again; the Z report is final.
          </p>
          <div className="form-actions">
            <Button onClick={() => setConfirming(null)} shortcut="Esc" testId="shift-close-cancel">
              Keep the shift open
            </Button>
            <Button type="submit" variant="danger" size="lg" busy={busy} autoFocus testId="shift-close-confirm-yes">
              Yes, close the shift
            </Button>
          </div>
        </form>
      ) : current.mine ? (
        <form className="counter-inline" onSubmit={(e) => void run(e, 'close')}>
          <label className="field">
            <span className="field-label">{current.blindCashUp ? 'Count the drawer: cash counted' : 'Cash counted in the drawer'}</span>
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
      {current.mine && current.open.expectedCash !== null && <PrintShiftReportButton shiftId={current.open.shiftId} closed={false} />}
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
