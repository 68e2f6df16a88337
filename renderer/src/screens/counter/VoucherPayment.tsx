import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoucherLookup } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { amountText, parseDecimal } from '../../format/amount-input';
import { useLocale } from '../../i18n/i18n';

export interface AppliedVoucher {
  code: string;
  amount: number;
}

export interface VoucherPaymentProps {
  currency: string;
  /** What is still to pay after the vouchers already applied. */
  due: number;
  applied: AppliedVoucher[];
  onApplied(vouchers: AppliedVoucher[]): void;
}

/**
 * Rule 17 in the payment dialog: a code typed or scanned, its balance as this terminal knows it,
 * and an amount up to the balance and the amount due taken from it (the sale checks both again).
 */
export function VoucherPayment({ currency, due, applied, onApplied }: VoucherPaymentProps) {
  const { t } = useTranslation('vouchers');
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, currency, locale);
  const [code, setCode] = useState('');
  const [found, setFound] = useState<VoucherLookup | null>(null);
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const used = (v: VoucherLookup) => applied.filter((a) => a.code === v.code).reduce((s, a) => s + a.amount, 0);

  const check = async () => {
    setProblem(null);
    setError(null);
    setFound(null);
    setBusy(true);
    try {
      const v = await call('vouchers.lookup', { code });
      setFound(v);
      setAmount('');
      if (v.balance - used(v) <= 0) setProblem(t('pay.spent', { code: v.code }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const apply = () => {
    if (!found) return;
    setProblem(null);
    const left = found.balance - used(found);
    const value = amount.trim() === '' ? Math.min(left, due) : parseDecimal(amount);
    if (value === null || value <= 0) return setProblem(t('pay.badAmount'));
    if (value > left) return setProblem(t('pay.overBalance', { balance: money(left) }));
    if (value > due) return setProblem(t('pay.overDue', { due: money(due) }));
    onApplied([...applied, { code: found.code, amount: value }]);
    setFound(null);
    setCode('');
    setAmount('');
  };

  return (
    <fieldset className="pay-voucher" data-testid="pay-voucher">
      <legend>{t('pay.legend')}</legend>
      {applied.map((a, i) => (
        <p key={`${a.code}-${i}`} className="counter-inline" data-testid="pay-voucher-applied">
          <span>
            {t('pay.applied', { code: a.code })} <strong className="money">{money(a.amount)}</strong>
          </span>
          <Button variant="ghost" size="sm" onClick={() => onApplied(applied.filter((_, j) => j !== i))}>
            {t('pay.remove')}
          </Button>
        </p>
      ))}
      <div className="counter-inline">
        <input
          className="input counter-code"
          aria-label={t('pay.code')}
          placeholder={t('pay.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onKeyDown={(e) => {
            // A scanner ends the code with Enter: check it instead of completing the sale.
            if (e.key === 'Enter') {
              e.preventDefault();
              void check();
            }
          }}
          autoComplete="off"
          data-testid="pay-voucher-code"
        />
        <Button onClick={() => void check()} busy={busy} testId="pay-voucher-check">
          {t('pay.check')}
        </Button>
      </div>
      {found && (
        <>
          <p data-testid="pay-voucher-balance">
            {t('pay.balance', { code: found.code, balance: money(found.balance - used(found)) })}
            {found.otherCinema && <span className="muted"> · {t('pay.otherCinema')}</span>}
          </p>
          {found.balance - used(found) > 0 && (
            <div className="counter-inline">
              <input
                className="input"
                inputMode="decimal"
                aria-label={t('pay.amount')}
                placeholder={amountText(Math.min(found.balance - used(found), due), currency)}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                data-testid="pay-voucher-amount"
              />
              <Button onClick={apply} testId="pay-voucher-apply">
                {t('pay.apply')}
              </Button>
            </div>
          )}
        </>
      )}
      {applied.length > 0 && (
        <p>
          {t('pay.rest')} <strong className="money" data-testid="pay-rest">{money(due)}</strong>
        </p>
      )}
      {problem && (
        <p className="order-problem" role="alert" data-testid="pay-voucher-problem">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      )}
      <ErrorBanner error={error} testId="pay-voucher-error" />
    </fieldset>
  );
}
