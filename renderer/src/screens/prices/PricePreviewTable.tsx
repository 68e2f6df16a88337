import { useTranslation } from 'react-i18next';
import { TICKET_TYPES } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { useOperation } from '../../api/use-operation';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useLocale } from '../../i18n/i18n';

/** Every seat kind × ticket type price of a session, as the main process computes it at sale. */
export function PricePreviewTable({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation(['prices', 'enums']);
  const locale = useLocale();
  const preview = useOperation('prices.preview', { sessionId });
  return (
    <div className="price-preview" data-testid="price-preview">
      <ErrorBanner error={preview.error} />
      {preview.loading && !preview.data ? (
        <Loading label={t('preview.computing')} />
      ) : preview.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="price-caption">{t('preview.caption', { price: { minor: preview.data.basePrice, currency: preview.data.currency } })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.seat')}</th>
                {TICKET_TYPES.map((type) => (
                  <th key={type} scope="col" className="num">
                    {t(`enums:ticketType.${type}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.data.rows.map((r) => (
                <tr key={r.seatKind} data-testid="price-preview-row" data-seat-kind={r.seatKind}>
                  <th scope="row">
                    {t(`enums:seatKind.${r.seatKind}`)} <span className="muted">({r.seats})</span>
                  </th>
                  {TICKET_TYPES.map((type) => (
                    <td key={type} className="num money" data-ticket-type={type}>
                      {formatMoney(r.prices[type], preview.data!.currency, locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
