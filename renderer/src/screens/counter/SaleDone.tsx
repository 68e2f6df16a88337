import { useEffect, useRef, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import { seatNames } from './sale-seats';
import type { SaleResult } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';

export interface SaleDoneProps {
  sale: SaleResult;
  currency: string;
  onNext(): void;
  /** Room for more actions on the finished order (printing). */
  actions?: ReactNode;
}

/** The finished sale: the order number, the change to hand back, the seats and the pickup code. */
export function SaleDone({ sale, currency, onNext, actions }: SaleDoneProps) {
  const { t } = useTranslation('counter');
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, currency, locale);
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    nextRef.current?.focus();
  }, []);
  return (
    <section className="panel sale-done" aria-labelledby="sale-done-title" data-testid="sale-done">
      <p className="sale-done-check" aria-hidden="true">
        ✓
      </p>
      <h2 id="sale-done-title" className="screen-title">
        <Trans t={t} i18nKey="done.title" values={{ number: sale.number }} components={{ span: <span data-testid="sale-number" /> }} />
      </h2>
      <p className="sale-change-box">
        <span>{t('done.change')}</span>
        <strong className="money" data-testid="sale-change">
          {money(sale.change)}
        </strong>
      </p>
      <dl className="facts sale-done-facts">
        <div>
          <dt>{t('done.total')}</dt>
          <dd className="money">{money(sale.total)}</dd>
        </div>
        {sale.bonusEarned > 0 && (
          <div>
            <dt>{t('done.points')}</dt>
            <dd>{sale.bonusEarned}</dd>
          </div>
        )}
        {sale.pickupCode && (
          <div>
            <dt>{t('done.pickup')}</dt>
            <dd className="pickup-code" data-testid="sale-pickup-code">
              {sale.pickupCode}
            </dd>
          </div>
        )}
      </dl>
      {sale.tickets.length > 0 && (
        <p className="muted" data-testid="sale-seats">
          {t('done.seats', { seats: seatNames(sale.tickets) })}
        </p>
      )}
      <div className="form-actions">
        {actions}
        <button ref={nextRef} type="button" className="btn btn-primary btn-lg" onClick={onNext} data-testid="sale-next">
          <span className="btn-label">{t('done.next')}</span>
          <kbd className="btn-kbd">Enter</kbd>
        </button>
      </div>
    </section>
  );
}
