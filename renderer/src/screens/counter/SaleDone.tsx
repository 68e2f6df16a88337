import { useEffect, useRef, type ReactNode } from 'react';
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
  const money = (n: number) => formatMoney(n, currency);
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
        Sold — order <span data-testid="sale-number">{sale.number}</span>
      </h2>
      <p className="sale-change-box">
        <span>Change to give</span>
        <strong className="money" data-testid="sale-change">
          {money(sale.change)}
        </strong>
      </p>
      <dl className="facts sale-done-facts">
        <div>
          <dt>Total paid</dt>
          <dd className="money">{money(sale.total)}</dd>
        </div>
        {sale.bonusEarned > 0 && (
          <div>
            <dt>Points earned</dt>
            <dd>{sale.bonusEarned}</dd>
          </div>
        )}
        {sale.pickupCode && (
          <div>
            <dt>Pickup code</dt>
            <dd className="pickup-code" data-testid="sale-pickup-code">
              {sale.pickupCode}
            </dd>
          </div>
        )}
      </dl>
      {sale.tickets.length > 0 && (
        <p className="muted" data-testid="sale-seats">
          Seats: {sale.tickets.map((t) => `${t.row}${t.number}`).join(', ')}
        </p>
      )}
      <div className="form-actions">
        {actions}
        <button ref={nextRef} type="button" className="btn btn-primary btn-lg" onClick={onNext} data-testid="sale-next">
          <span className="btn-label">Next customer</span>
          <kbd className="btn-kbd">Enter</kbd>
        </button>
      </div>
    </section>
  );
}
