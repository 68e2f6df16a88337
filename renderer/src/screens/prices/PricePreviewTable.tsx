import { TICKET_TYPES, type SeatKind, type TicketType } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { useOperation } from '../../api/use-operation';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';

export const SEAT_KIND_LABEL: Record<SeatKind, string> = {
  STANDARD: 'Standard',
  VIP: 'VIP',
  LOVESEAT: 'Loveseat',
  WHEELCHAIR: 'Wheelchair',
  COMPANION: 'Companion',
};

export const TICKET_TYPE_LABEL: Record<TicketType, string> = {
  ADULT: 'Adult',
  CHILD: 'Child',
  STUDENT: 'Student',
  SENIOR: 'Senior',
};

/** Every seat kind × ticket type price of a session, as the main process computes it at sale. */
export function PricePreviewTable({ sessionId }: { sessionId: string }) {
  const preview = useOperation('prices.preview', { sessionId });
  return (
    <div className="price-preview" data-testid="price-preview">
      <ErrorBanner error={preview.error} />
      {preview.loading && !preview.data ? (
        <Loading label="Computing prices…" />
      ) : preview.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="price-caption">
              Prices from the base price {formatMoney(preview.data.basePrice, preview.data.currency)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Seat</th>
                {TICKET_TYPES.map((t) => (
                  <th key={t} scope="col" className="num">
                    {TICKET_TYPE_LABEL[t]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.data.rows.map((r) => (
                <tr key={r.seatKind} data-testid="price-preview-row" data-seat-kind={r.seatKind}>
                  <th scope="row">
                    {SEAT_KIND_LABEL[r.seatKind]} <span className="muted">({r.seats})</span>
                  </th>
                  {TICKET_TYPES.map((t) => (
                    <td key={t} className="num money" data-ticket-type={t}>
                      {formatMoney(r.prices[t], preview.data!.currency)}
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
