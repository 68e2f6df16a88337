import { useState, type FormEvent } from 'react';
import type { PriceCardCell, PriceDefault, PriceSettings } from '../../../../shared/contract';
import { TICKET_TYPES, type SeatKind, type TicketType } from '../../../../shared/enums';
import { cardColumns } from './card-columns';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { HALL_TYPE_LABEL } from '../../format/hall';
import { amountText, parseAmount } from '../../format/amount-input';
import { SEAT_KIND_LABEL, TICKET_TYPE_LABEL } from './PricePreviewTable';

const columnLabel = (k: SeatKind | 'ANY') => (k === 'ANY' ? 'Any seat' : SEAT_KIND_LABEL[k]);

/**
 * Rule 19: a band's price card — fixed prices per ticket type (and seat kind), e.g. €12.00 adult,
 * €8.50 child. An empty cell keeps that ticket priced by the factors; all empty removes the card.
 */
export function PriceCardForm({
  band,
  cells,
  hallSeatKinds,
  currency,
  onSaved,
  onClose,
}: {
  band: PriceDefault;
  cells: PriceCardCell[];
  hallSeatKinds: readonly SeatKind[] | undefined;
  currency: string;
  onSaved(s: PriceSettings): void;
  onClose(): void;
}) {
  const columns = cardColumns(hallSeatKinds, cells);
  const key = (t: TicketType, k: SeatKind | 'ANY') => `${t}:${k}`;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(cells.map((c) => [key(c.ticketType, c.seatKind), amountText(c.price, currency)])));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out: PriceCardCell[] = [];
    const bad: string[] = [];
    for (const t of TICKET_TYPES)
      for (const k of columns) {
        const text = (values[key(t, k)] ?? '').trim();
        if (!text) continue;
        const price = parseAmount(text, currency);
        if (price === null) bad.push(`${TICKET_TYPE_LABEL[t]} · ${columnLabel(k)}`);
        else out.push({ ticketType: t, seatKind: k, price });
      }
    if (bad.length) return setError(`Enter an amount like 12.00 (or leave it empty) for: ${bad.join(', ')}.`);
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('prices.setCard', { priceDefaultId: band.id, cells: out }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel
      title={`Price card · ${HALL_TYPE_LABEL[band.hallType]} ${band.bandStart}–${band.bandEnd}`}
      testId="price-card-form"
      actions={
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      }
    >
      <form onSubmit={(e) => void submit(e)} className="form">
        <p className="muted">Fixed ticket prices for sessions in this band. An empty cell is priced from the base price and the factors.</p>
        <div className="table-wrap">
          <table className="table price-card-table" data-testid="price-card-table">
            <caption className="visually-hidden">Fixed prices by ticket type and seat kind</caption>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                {columns.map((k) => (
                  <th key={k} scope="col">
                    {columnLabel(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TICKET_TYPES.map((t) => (
                <tr key={t}>
                  <th scope="row">{TICKET_TYPE_LABEL[t]}</th>
                  {columns.map((k) => (
                    <td key={k}>
                      <input
                        className="input price-card-input"
                        inputMode="decimal"
                        aria-label={`${TICKET_TYPE_LABEL[t]}, ${columnLabel(k)}`}
                        value={values[key(t, k)] ?? ''}
                        onChange={(e) => setValues((v) => ({ ...v, [key(t, k)]: e.target.value }))}
                        data-testid={`price-card-${t}-${k}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ErrorBanner error={error} testId="price-card-error" />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy} testId="price-card-save">
            Save price card
          </Button>
        </div>
      </form>
    </Panel>
  );
}
