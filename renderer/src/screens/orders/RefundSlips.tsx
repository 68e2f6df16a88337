import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import type { OrderDetails } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Notice } from '../../components/Notice';
import { formatTime } from '../../format/time';

/** The order's numbered refund slips, each printable again (a printer problem never undoes the refund). */
export function RefundSlips({ order }: { order: OrderDetails }) {
  const { t } = useTranslation('orders');
  const locale = useLocale();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (order.refundSlips.length === 0) return null;
  const print = async (number: string) => {
    setBusy(number);
    setError(null);
    try {
      const r = await call('orders.printRefundSlip', { orderId: order.id, slipNumber: number });
      setDone(t('slips.printed', { number, where: r.jobs.map((j) => j.where).join(', ') }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="refund-slips" aria-label={t('slips.label')} data-testid="refund-slips">
      {order.refundSlips.map((s) => (
        <div key={s.number} className="check-line">
          <span>
            {t('slips.slip', { number: s.number, time: formatTime(s.at, order.timezone, locale) })}
          </span>
          <span className="money">−{formatMoney(s.amount, order.currency, locale)}</span>
          <Button size="sm" busy={busy === s.number} onClick={() => void print(s.number)} testId="refund-slip-print">
            {t('slips.again')}
          </Button>
        </div>
      ))}
      {done && <Notice tone="success">{done}</Notice>}
      <ErrorBanner error={error} title={t('slips.failed')} />
    </section>
  );
}
