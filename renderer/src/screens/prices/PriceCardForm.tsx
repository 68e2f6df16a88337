import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PriceCardCell, PriceDefault, PriceSettings } from '../../../../shared/contract';
import { TICKET_TYPES, type SeatKind, type TicketType } from '../../../../shared/enums';
import { cardColumns } from './card-columns';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/Panel';
import { amountText, parseAmount } from '../../format/amount-input';
import { useUnsavedDraft } from '../../shell/unsaved-changes';

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
  const { t } = useTranslation(['prices', 'common', 'enums']);
  const columnLabel = (k: SeatKind | 'ANY') => (k === 'ANY' ? t('card.anySeat') : t(`enums:seatKind.${k}`));
  const typeLabel = (type: TicketType) => t(`enums:ticketType.${type}`);
  const columns = cardColumns(hallSeatKinds, cells);
  const key = (type: TicketType, k: SeatKind | 'ANY') => `${type}:${k}`;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(cells.map((c) => [key(c.ticketType, c.seatKind), amountText(c.price, currency)])));
  useUnsavedDraft(values);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out: PriceCardCell[] = [];
    const bad: string[] = [];
    for (const type of TICKET_TYPES)
      for (const k of columns) {
        const text = (values[key(type, k)] ?? '').trim();
        if (!text) continue;
        const price = parseAmount(text, currency);
        if (price === null) bad.push(t('card.badCell', { type: typeLabel(type), seat: columnLabel(k) }));
        else out.push({ ticketType: type, seatKind: k, price });
      }
    if (bad.length) return setError(t('card.bad', { cells: bad.join(', ') }));
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
      title={t('card.title', { band: t('band', { hallType: t(`enums:hallType.${band.hallType}`), from: band.bandStart, to: band.bandEnd }) })}
      testId="price-card-form"
      actions={
        <Button variant="ghost" size="sm" onClick={onClose}>
          {t('common:action.close')}
        </Button>
      }
    >
      <form onSubmit={(e) => void submit(e)} className="form">
        <p className="muted">{t('card.explain')}</p>
        <div className="table-wrap">
          <table className="table price-card-table" data-testid="price-card-table">
            <caption className="visually-hidden">{t('card.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('card.ticket')}</th>
                {columns.map((k) => (
                  <th key={k} scope="col">
                    {columnLabel(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TICKET_TYPES.map((type) => (
                <tr key={type}>
                  <th scope="row">{typeLabel(type)}</th>
                  {columns.map((k) => (
                    <td key={k}>
                      <input
                        className="input price-card-input"
                        inputMode="decimal"
                        aria-label={t('card.cell', { type: typeLabel(type), seat: columnLabel(k) })}
                        value={values[key(type, k)] ?? ''}
                        onChange={(e) => setValues((v) => ({ ...v, [key(type, k)]: e.target.value }))}
                        data-testid={`price-card-${type}-${k}`}
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
            {t('card.save')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
