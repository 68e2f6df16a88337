import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { InputOf, Quote } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDecimal, parseDecimal } from '../../format/amount-input';
import { quickTenders } from './money-input';
import { VoucherPayment, type AppliedVoucher } from './VoucherPayment';
import { fitVouchers } from './fit-vouchers';

type Payments = NonNullable<InputOf<'orders.sell'>['payments']>;
type Mode = 'CASH' | 'CARD' | 'SPLIT';

const METHODS = [
  ['CASH', 'pay.cash', 'F6'],
  ['CARD', 'pay.card', 'F7'],
  ['SPLIT', 'pay.split', 'F9'],
] as const;
const METHOD_KEYS: Record<string, Mode> = Object.fromEntries(METHODS.map(([m, , key]) => [key, m]));

export interface PaymentDialogProps {
  quote: Quote;
  currency: string;
  bonusPoints: number;
  onBonusPoints(points: number): void;
  busy: boolean;
  error: unknown;
  onConfirm(payments: Payments): void;
  onCancel(): void;
}

/**
 * Taking the money: cash with the amount tendered (quick buttons) and the change, card with the
 * approval code and last 4 digits from the card terminal, bonus points, or a card + cash split.
 * Enter completes the sale, Esc goes back to the order.
 */
export function PaymentDialog({ quote, currency, bonusPoints, onBonusPoints, busy, error, onConfirm, onCancel }: PaymentDialogProps) {
  const { t } = useTranslation('counter');
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, currency, locale);
  const [mode, setMode] = useState<Mode>('CASH');
  const [tendered, setTendered] = useState('');
  const [cardAmount, setCardAmount] = useState('');
  const [approval, setApproval] = useState('');
  const [last4, setLast4] = useState('');
  const [points, setPoints] = useState(String(bonusPoints || ''));
  const [problem, setProblem] = useState<string | null>(null);
  // Rule 17: gift vouchers pay first; cash and card take the rest.
  const [chosenVouchers, setVouchers] = useState<AppliedVoucher[]>([]);
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
  }, [mode]);

  // Points or a promocode applied afterwards make the order cheaper: the vouchers then pay less.
  const vouchers = fitVouchers(chosenVouchers, quote.toPay);
  const voucherPaid = vouchers.reduce((s, v) => s + v.amount, 0);
  const toPay = quote.toPay - voucherPaid;
  const cardPart = mode === 'CARD' ? toPay : mode === 'SPLIT' ? Math.min(toPay, parseDecimal(cardAmount) ?? 0) : 0;
  const cashPart = toPay - cardPart;
  const tenderedMinor = parseDecimal(tendered);
  const change = tenderedMinor !== null && tenderedMinor >= cashPart ? tenderedMinor - cashPart : null;

  // Method keys (issue 13, item 3): F6 cash, F7 card, F9 card + cash — the tendered field keeps its typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const next = METHOD_KEYS[e.key];
      if (!next) return;
      e.preventDefault();
      setMode(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** Completes the sale; a quick amount button passes the cash it stands for. */
  const complete = (givenText = tendered) => {
    setProblem(null);
    const tenderedMinor = parseDecimal(givenText);
    const payments: Payments = vouchers.map((v) => ({ method: 'VOUCHER' as const, amount: v.amount, code: v.code }));
    if (cardPart > 0) {
      if (!/^[A-Za-z0-9]{4,12}$/.test(approval.trim())) return setProblem(t('pay.badApproval'));
      if (!/^\d{4}$/.test(last4.trim())) return setProblem(t('pay.badLast4'));
      payments.push({ method: 'CARD', amount: cardPart, approvalCode: approval.trim(), last4: last4.trim() });
    }
    if (cashPart > 0) {
      const given = givenText.trim() === '' ? cashPart : tenderedMinor;
      if (given === null) return setProblem(t('pay.badTendered'));
      if (given < cashPart) return setProblem(t('pay.short', { given: money(given), missing: money(cashPart - given) }));
      payments.push({ method: 'CASH', amount: cashPart, tendered: given });
    }
    onConfirm(payments);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete();
  };

  const applyPoints = () => {
    const n = points.trim() === '' ? 0 : Number(points);
    if (!Number.isInteger(n) || n < 0) return setProblem(t('pay.badPoints'));
    setProblem(null);
    onBonusPoints(Math.min(n, quote.bonus.redeemable));
    setPoints(String(Math.min(n, quote.bonus.redeemable) || ''));
  };

  return (
    <div className="pay-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <div className="pay-modal payment-dialog" role="dialog" aria-modal="true" aria-labelledby="payment-title" data-testid="payment-dialog">
        <header className="pay-head">
          <h2 id="payment-title" className="panel-title">
            {t('pay.title')}
          </h2>
          <div className="pay-due">
            <span className="muted">{t('pay.toPay')}</span>
            <span className="pay-due-amount money" data-testid="pay-due">
              {money(quote.toPay)}
            </span>
            {quote.bonus.used > 0 && <span className="muted">{t('pay.afterPoints', { points: quote.bonus.used })}</span>}
          </div>
        </header>

        <div className="pay-methods" role="radiogroup" aria-label={t('pay.method')}>
          {METHODS.map(([m, label, key]) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              aria-keyshortcuts={key}
              className={mode === m ? 'pay-method is-on' : 'pay-method'}
              onClick={() => setMode(m)}
              data-testid={`pay-mode-${m.toLowerCase()}`}
            >
              {mode === m ? '● ' : '○ '}
              {t(label)} <kbd className="btn-kbd">{key}</kbd>
            </button>
          ))}
        </div>

        <form onSubmit={submit} className="pay-form">
          <VoucherPayment currency={currency} due={toPay} applied={vouchers} onApplied={setVouchers} />

          {(mode === 'CARD' || mode === 'SPLIT') && (
            <fieldset className="pay-card">
              <legend>{t('pay.cardTerminal')}</legend>
              {mode === 'SPLIT' && (
                <label className="field">
                  <span className="field-label">{t('pay.cardAmount')}</span>
                  <input ref={firstRef} className="input" inputMode="decimal" value={cardAmount} onChange={(e) => setCardAmount(e.target.value)} data-testid="pay-card-amount" />
                </label>
              )}
              <label className="field">
                <span className="field-label">{t('pay.approval')}</span>
                <input
                  ref={mode === 'CARD' ? firstRef : undefined}
                  className="input counter-code"
                  value={approval}
                  onChange={(e) => setApproval(e.target.value)}
                  autoComplete="off"
                  data-testid="pay-approval"
                />
              </label>
              <label className="field">
                <span className="field-label">{t('pay.last4')}</span>
                <input className="input counter-code" inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.target.value)} data-testid="pay-last4" />
              </label>
            </fieldset>
          )}

          {cashPart > 0 && mode !== 'CARD' && (
            <fieldset className="pay-cash">
              <legend>
                {t('pay.cashPart')} <span className="money">{money(cashPart)}</span>
              </legend>
              <label className="field">
                <span className="field-label">{t('pay.tendered')}</span>
                <input
                  ref={mode === 'CASH' ? firstRef : undefined}
                  className="input counter-xl"
                  inputMode="decimal"
                  placeholder={formatDecimal(cashPart, 2, false, locale)}
                  value={tendered}
                  onChange={(e) => setTendered(e.target.value)}
                  data-testid="pay-tendered"
                />
              </label>
              <div className="quick-amounts" aria-label={t('pay.quick')}>
                {/* A quick amount is what the customer hands over: it completes the sale in one click. */}
                {quickTenders(cashPart).map((a) => (
                  <button
                    key={a}
                    type="button"
                    className="btn btn-secondary"
                    disabled={busy}
                    onClick={() => {
                      setTendered(formatDecimal(a, 2, false, locale));
                      complete(formatDecimal(a));
                    }}
                    aria-label={a === cashPart ? t('pay.exactLabel') : t('pay.quickLabel', { amount: money(a) })}
                    data-testid="pay-quick"
                  >
                    {a === cashPart ? t('pay.exact') : money(a)}
                  </button>
                ))}
              </div>
              <p className="pay-change" aria-live="polite">
                {t('pay.change')} <strong className="money" data-testid="pay-change">{change === null ? '—' : money(change)}</strong>
              </p>
            </fieldset>
          )}

          {quote.customer && (
            <fieldset className="pay-bonus">
              <legend>{t('pay.bonus')}</legend>
              <p className="muted">
                {t('pay.bonusText', { name: quote.customer.name, balance: quote.customer.balance, redeemable: quote.bonus.redeemable })}
              </p>
              <div className="counter-inline">
                <input className="input" inputMode="numeric" placeholder="0" aria-label={t('pay.pointsToUse')} value={points} onChange={(e) => setPoints(e.target.value)} data-testid="pay-points" />
                <Button onClick={applyPoints} testId="pay-points-apply">
                  {t('pay.usePoints')}
                </Button>
                <Button variant="ghost" onClick={() => (setPoints(String(quote.bonus.redeemable)), onBonusPoints(quote.bonus.redeemable))}>
                  {t('pay.useAll', { points: quote.bonus.redeemable })}
                </Button>
              </div>
            </fieldset>
          )}

          {problem && (
            <p className="order-problem" role="alert" data-testid="pay-problem">
              <span aria-hidden="true">⚠ </span>
              {problem}
            </p>
          )}
          <ErrorBanner error={error} testId="pay-error" />

          <footer className="pay-actions">
            <Button onClick={onCancel} shortcut="Esc">
              {t('pay.back')}
            </Button>
            <Button type="submit" variant="primary" size="lg" busy={busy} shortcut="Enter" testId="pay-confirm">
              {t('pay.complete')}
            </Button>
          </footer>
        </form>
      </div>
    </div>
  );
}
