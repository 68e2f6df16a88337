import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { BlindXReport, CurrentShift, ShiftReport } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatTime } from '../../format/time';
import { formatDecimal, parseDecimal } from '../../format/amount-input';
import { PrintShiftReportButton } from '../orders/PrintShiftReportButton';

/** The X (open shift) or Z (closed) report on screen: sales and refunds by method, expected and counted cash. */
export function ShiftReportView({ report, currency, timeZone }: { report: ShiftReport | BlindXReport; currency: string; timeZone: string }) {
  // Blind cash-up: the server withholds the cash figures from a cashier until the drawer is counted (the Z report shows all).
  const { t } = useTranslation(['counter', 'enums']);
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, currency, locale);
  const cash = (n: number | null) => (n === null ? t('shift.countedAtClose') : money(n));
  const closed = report.status === 'CLOSED';
  return (
    <div className="shift-report" data-testid={closed ? 'z-report' : 'x-report'}>
      <h3 className="section-title">
        {closed ? t('shift.zTitle', { number: report.fiscal?.zNumber ?? '—' }) : t('shift.xTitle')} · {report.cashier.name} · {report.terminal.name}
      </h3>
      <p className="muted">
        {t('shift.opened', { time: formatTime(report.openedAt, timeZone, locale) })}
        {report.closedAt ? t('shift.closedAt', { time: formatTime(report.closedAt, timeZone, locale) }) : t('shift.stillOpen')} · {t('shift.orders', { count: report.orders })} ·{' '}
        {t('shift.tickets', { count: report.ticketsSold })}
      </p>
      <table className="table report-table">
        <thead>
          <tr>
            <th scope="col">{t('shift.method')}</th>
            <th scope="col" className="num">
              {t('shift.sales')}
            </th>
            <th scope="col" className="num">
              {t('shift.refunds')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byMethod.map((m) => (
            <tr key={m.method}>
              <th scope="row">{t(`enums:paymentMethod.${m.method}`)}</th>
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
          <dt>{t('shift.openingFloat')}</dt>
          <dd className="money">{money(report.openingFloat)}</dd>
        </div>
        <div>
          <dt>{t('shift.cashIn')}</dt>
          <dd className="money">{cash(report.cashIn)}</dd>
        </div>
        <div>
          <dt>{t('shift.cashOut')}</dt>
          <dd className="money">{cash(report.cashOut)}</dd>
        </div>
        <div className="order-sums-total">
          <dt>{t('shift.expected')}</dt>
          <dd className="money" data-testid="shift-expected">
            {cash(report.expectedCash)}
          </dd>
        </div>
        {report.countedCash !== null && (
          <>
            <div>
              <dt>{t('shift.counted')}</dt>
              <dd className="money">{money(report.countedCash)}</dd>
            </div>
            <div>
              <dt>{t('shift.difference')}</dt>
              <dd className="money" data-testid="shift-difference">
                {report.difference! > 0 ? '+' : ''}
                {money(report.difference!)} {report.difference === 0 ? t('shift.exact') : report.difference! > 0 ? t('shift.over') : t('shift.short')}
              </dd>
            </div>
          </>
        )}
      </dl>
      {/* Withheld from a blind count: its totals would tell the takings. */}
      {report.fiscal && <FiscalFigures fiscal={report.fiscal} money={money} locale={locale} />}
    </div>
  );
}

/** Rule 16 on screen: receipts first–last, refunds and exchanges, VAT per rate, the grand totals. */
function FiscalFigures({ fiscal: f, money, locale }: { fiscal: ShiftReport['fiscal']; money: (n: number) => string; locale: string }) {
  const { t } = useTranslation('counter');
  return (
    <div className="shift-fiscal" data-testid="shift-fiscal">
      <p className="muted">
        {[
          f.receipts === 0 ? t('shift.noReceipts') : t('shift.receipts', { count: f.receipts, first: f.firstReceipt, last: f.lastReceipt }),
          t('shift.refundsLine', { count: f.refunds.count, amount: money(-f.refunds.amount) }),
          t('shift.exchangesLine', { count: f.exchanges.count }),
          f.voucherSales.count > 0 ? t('shift.voucherSales', { count: f.voucherSales.count, amount: money(f.voucherSales.amount) }) : null,
          f.voucherRedemptions.count > 0 ? t('shift.voucherPaid', { amount: money(f.voucherRedemptions.amount) }) : null,
          t('shift.grandTotal', { amount: money(f.grandTotal) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {f.vat.length > 0 && (
        <table className="table report-table">
          <thead>
            <tr>
              <th scope="col">{t('shift.vatRate')}</th>
              <th scope="col" className="num">
                {t('shift.net')}
              </th>
              <th scope="col" className="num">
                {t('shift.vat')}
              </th>
              <th scope="col" className="num">
                {t('shift.gross')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.vat.map((v) => (
              <tr key={v.rateBp}>
                <th scope="row">{(v.rateBp / 100).toLocaleString(locale, { maximumFractionDigits: 2 })} %</th>
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
  const { t } = useTranslation('counter');
  const locale = useLocale();
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [z, setZ] = useState<ShiftReport | null>(null);
  // Closing asks once more, naming the counted amount (issue 13, item 10).
  const [confirming, setConfirming] = useState<number | null>(null);

  const run = async (e: FormEvent, what: 'open' | 'close') => {
    e.preventDefault();
    const minor = parseDecimal(amount);
    if (minor === null) return setError(what === 'open' ? t('shift.badFloat') : t('shift.badCounted'));
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
            {t('shift.done')}
          </Button>
        </div>
      </section>
    );
  }

  if (!current.open) {
    return (
      <section className="panel shift-panel" data-testid="shift-panel" aria-labelledby="shift-open-title">
        <h2 className="panel-title" id="shift-open-title">
          {t('shift.openTitle')}
        </h2>
        <p className="muted">{t('shift.openText')}</p>
        <form className="counter-inline" onSubmit={(e) => void run(e, 'open')}>
          <label className="field">
            <span className="field-label">{t('shift.openingFloat')}</span>
            <input className="input counter-xl" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={formatDecimal(10000, 2, false, locale)} data-testid="shift-float" autoFocus />
          </label>
          <Button type="submit" variant="primary" size="lg" busy={busy} testId="shift-open">
            {t('shift.open')}
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
            <Trans
              t={t}
              i18nKey="shift.confirmClose"
              values={{ name: current.open.cashier.name, amount: formatMoney(confirming, currency, locale) }}
              components={{ strong: <strong /> }}
            />
          </p>
          <div className="form-actions">
            <Button onClick={() => setConfirming(null)} shortcut="Esc" testId="shift-close-cancel">
              {t('shift.keepOpen')}
            </Button>
            <Button type="submit" variant="danger" size="lg" busy={busy} autoFocus testId="shift-close-confirm-yes">
              {t('shift.yesClose')}
            </Button>
          </div>
        </form>
      ) : current.mine ? (
        <form className="counter-inline" onSubmit={(e) => void run(e, 'close')}>
          <label className="field">
            <span className="field-label">{current.blindCashUp ? t('shift.countBlind') : t('shift.countedInDrawer')}</span>
            <input className="input counter-xl" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="shift-counted" />
          </label>
          <Button type="submit" variant="danger" size="lg" busy={busy} testId="shift-close">
            {t('shift.close')}
          </Button>
        </form>
      ) : (
        <p className="order-problem">{t('shift.notYours', { name: current.open.cashier.name })}</p>
      )}
      <ErrorBanner error={error} testId="shift-error" />
      {current.mine && current.open.expectedCash !== null && <PrintShiftReportButton shiftId={current.open.shiftId} closed={false} />}
      {onClose && (
        <div className="form-actions">
          <Button onClick={onClose} shortcut="Esc" testId="shift-back">
            {t('shift.backToSelling')}
          </Button>
        </div>
      )}
    </section>
  );
}
