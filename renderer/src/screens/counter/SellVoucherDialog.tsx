import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoucherSale } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { deliverFile } from '../../files/deliver-file';
import { parseDecimal } from '../../format/amount-input';
import { useLocale } from '../../i18n/i18n';

export interface SellVoucherDialogProps {
  currency: string;
  onClose(sold: boolean): void;
}

/**
 * Rule 17 at the counter: a gift voucher sold for an amount, by cash or card; then its code (the
 * slip prints it as text and QR) with the slip to print or open.
 */
export function SellVoucherDialog({ currency, onClose }: SellVoucherDialogProps) {
  const { t } = useTranslation(['vouchers', 'common']);
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, currency, locale);
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<'CASH' | 'CARD'>('CASH');
  const [tendered, setTendered] = useState('');
  const [approval, setApproval] = useState('');
  const [last4, setLast4] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sold, setSold] = useState<VoucherSale | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setError(null);
    const value = parseDecimal(amount);
    if (value === null || value <= 0) return setProblem(t('sell.badAmount'));
    let payment;
    if (method === 'CASH') {
      const given = tendered.trim() === '' ? value : parseDecimal(tendered);
      if (given === null) return setProblem(t('sell.badTendered'));
      if (given < value) return setProblem(t('sell.short', { given: money(given), missing: money(value - given) }));
      payment = { method: 'CASH' as const, amount: value, tendered: given };
    } else {
      if (!/^[A-Za-z0-9]{4,12}$/.test(approval.trim())) return setProblem(t('sell.badApproval'));
      if (!/^\d{4}$/.test(last4.trim())) return setProblem(t('sell.badLast4'));
      payment = { method: 'CARD' as const, amount: value, approvalCode: approval.trim(), last4: last4.trim() };
    }
    setBusy(true);
    try {
      setSold(await call('vouchers.sell', { amount: value, payments: [payment] }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const print = async () => {
    if (!sold) return;
    setError(null);
    try {
      setPrinted((await call('vouchers.printSlip', { voucherId: sold.voucherId, code: sold.code })).printer);
    } catch (err) {
      setError(err);
    }
  };
  const openPdf = async () => {
    if (!sold) return;
    try {
      deliverFile(await call('vouchers.slipPdf', { voucherId: sold.voucherId, code: sold.code }), 'open');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="pay-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose(sold !== null))}>
      {sold ? (
        <section className="pay-modal" role="dialog" aria-modal="true" aria-labelledby="voucher-done-title" data-testid="voucher-done">
          <h2 id="voucher-done-title" className="panel-title">
            {t('sell.done')} — <span className="money">{money(sold.amount)}</span>
          </h2>
          <p className="voucher-code">
            {t('sell.code')} <strong data-testid="voucher-code">{sold.code}</strong>
          </p>
          <p className="muted">
            {t('sell.receipt', { number: sold.receiptNumber })} · <span data-testid="voucher-change">{t('sell.change', { change: money(sold.change) })}</span>
          </p>
          {printed && <p className="muted">{t('sell.printed', { printer: printed })}</p>}
          <ErrorBanner error={error} testId="voucher-error" />
          <footer className="pay-actions">
            <Button onClick={() => void openPdf()} testId="voucher-pdf">
              {t('sell.pdf')}
            </Button>
            <Button onClick={() => void print()} testId="voucher-print">
              {t('sell.print')}
            </Button>
            <Button variant="primary" onClick={() => onClose(true)} testId="voucher-done-close">
              {t('sell.another')}
            </Button>
          </footer>
        </section>
      ) : (
        <form className="pay-modal" role="dialog" aria-modal="true" aria-labelledby="voucher-title" onSubmit={(e) => void submit(e)} data-testid="voucher-dialog">
          <h2 id="voucher-title" className="panel-title">
            {t('sell.title')}
          </h2>
          <label className="field">
            <span className="field-label">{t('sell.amount')}</span>
            <input ref={first} className="input counter-xl" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="voucher-amount" />
          </label>
          <p className="muted">{t('sell.amountHint')}</p>
          <div className="pay-methods" role="radiogroup" aria-label={t('sell.method')}>
            {(['CASH', 'CARD'] as const).map((m) => (
              <button key={m} type="button" role="radio" aria-checked={method === m} className={method === m ? 'pay-method is-on' : 'pay-method'} onClick={() => setMethod(m)} data-testid={`voucher-method-${m.toLowerCase()}`}>
                {method === m ? '● ' : '○ '}
                {m === 'CASH' ? t('sell.cash') : t('sell.card')}
              </button>
            ))}
          </div>
          {method === 'CASH' ? (
            <label className="field">
              <span className="field-label">{t('sell.tendered')}</span>
              <input className="input" inputMode="decimal" value={tendered} onChange={(e) => setTendered(e.target.value)} data-testid="voucher-tendered" />
            </label>
          ) : (
            <>
              <label className="field">
                <span className="field-label">{t('sell.approval')}</span>
                <input className="input counter-code" value={approval} onChange={(e) => setApproval(e.target.value)} autoComplete="off" data-testid="voucher-approval" />
              </label>
              <label className="field">
                <span className="field-label">{t('sell.last4')}</span>
                <input className="input counter-code" inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.target.value)} data-testid="voucher-last4" />
              </label>
            </>
          )}
          {problem && (
            <p className="order-problem" role="alert" data-testid="voucher-problem">
              <span aria-hidden="true">⚠ </span>
              {problem}
            </p>
          )}
          <ErrorBanner error={error} testId="voucher-error" />
          <footer className="pay-actions">
            <Button onClick={() => onClose(false)} shortcut="Esc">
              {t('common:action.cancel')}
            </Button>
            <Button type="submit" variant="primary" size="lg" busy={busy} shortcut="Enter" testId="voucher-sell">
              {t('sell.confirm')}
            </Button>
          </footer>
        </form>
      )}
    </div>
  );
}
