import { useState, type FormEvent, type Ref } from 'react';
import type { Reservation } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatInstantDate, formatTime } from '../../format/time';

/** Pickup (rule 18): a reservation found by code, phone or name, then sold as a normal sale. */
export function ReservationSearch({ timeZone, onSell, inputRef }: { timeZone: string; onSell(r: Reservation): void; inputRef?: Ref<HTMLInputElement> }) {
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
      <form className="counter-inline" onSubmit={(e) => void search(e)} role="search" aria-label="Find a reservation">
        <label className="visually-hidden" htmlFor="reservation-query">
          Reservation code, phone or name
        </label>
        <input
          id="reservation-query"
          ref={inputRef}
          className="input"
          placeholder="Reservation: code, phone or name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          data-testid="reservation-query"
        />
        <Button type="submit" busy={busy} shortcut="F3" testId="reservation-find">
          Find
        </Button>
      </form>
      <ErrorBanner error={error} testId="reservation-error" />
      {found && (
        <ul className="reservation-results" data-testid="reservation-results">
          {found.length === 0 && <li className="muted">No live reservation matches.</li>}
          {found.map((r) => (
            <li key={r.id} className="reservation-result" data-testid="reservation-result">
              <span>
                <strong>{r.code}</strong> · {r.customerName} · {r.phone}
                <br />
                <span className="muted">
                  {r.session.filmTitle} · {formatInstantDate(r.session.startsAt, timeZone)} {formatTime(r.session.startsAt, timeZone)} · {r.session.hallName} · seats{' '}
                  {r.seats.map((s) => `${s.row}${s.number}`).join(', ')} · held until {formatTime(r.releaseAt, timeZone)}
                </span>
              </span>
              <Button size="sm" variant="primary" onClick={() => onSell(r)} testId="reservation-sell">
                Sell
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
