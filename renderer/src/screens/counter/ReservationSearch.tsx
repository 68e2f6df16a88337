import { useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n';
import { seatNames } from './sale-seats';
import type { Reservation } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatInstantDate, formatTime } from '../../format/time';

/** Pickup (rule 18): a reservation found by code, phone or name, then sold as a normal sale. */
export function ReservationSearch({ timeZone, onSell, inputRef }: { timeZone: string; onSell(r: Reservation): void; inputRef?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation('counter');
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Reservation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setFound(await call('reservations.find', { query }));
    } catch (err) {
      setError(err);
      setFound(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="reservation-search">
      <form className="counter-inline" onSubmit={(e) => void search(e)} role="search" aria-label={t('reservations.find')}>
        <label className="visually-hidden" htmlFor="reservation-query">
          {t('reservations.query')}
        </label>
        <input
          id="reservation-query"
          ref={inputRef}
          className="input"
          placeholder={t('reservations.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          data-testid="reservation-query"
        />
        <Button type="submit" busy={busy} shortcut="F3" testId="reservation-find">
          {t('reservations.findButton')}
        </Button>
      </form>
      <ErrorBanner error={error} testId="reservation-error" />
      {found && (
        <ul className="reservation-results" data-testid="reservation-results">
          {found.length === 0 && <li className="muted">{t('reservations.none')}</li>}
          {found.map((r) => (
            <li key={r.id} className="reservation-result" data-testid="reservation-result">
              <span>
                <strong>{r.code}</strong> · {r.customerName} · {r.phone}
                <br />
                <span className="muted">
                  {t('reservations.details', {
                    film: r.session.filmTitle,
                    date: formatInstantDate(r.session.startsAt, timeZone, locale),
                    time: formatTime(r.session.startsAt, timeZone, locale),
                    hall: r.session.hallName,
                    seats: seatNames(r.seats),
                    until: formatTime(r.releaseAt, timeZone, locale),
                  })}
                </span>
              </span>
              <Button size="sm" variant="primary" onClick={() => onSell(r)} testId="reservation-sell">
                {t('reservations.sell')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
