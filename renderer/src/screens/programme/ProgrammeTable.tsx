import type { ProgrammeSession } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { AgeRating } from '../../components/AgeRating';
import { Button } from '../../components/Button';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { formatAndLanguage } from '../../format/language';
import { phaseOf, soldPercent } from '../../format/session-phase';
import { formatTime } from '../../format/time';

export interface ProgrammeTableProps {
  sessions: ProgrammeSession[];
  timeZone: string;
  currency: string;
  now: number;
  /** When given, each row has a button that picks its session for managing. */
  onSelect?(session: ProgrammeSession): void;
}

/** The day's sessions as a table, in start order. */
export function ProgrammeTable({ sessions, timeZone, currency, now, onSelect }: ProgrammeTableProps) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="programme-table">
        <caption className="visually-hidden">Sessions of the day in start order</caption>
        <thead>
          <tr>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Film</th>
            <th scope="col">Hall</th>
            <th scope="col">Format</th>
            <th scope="col" className="num">
              Base price
            </th>
            <th scope="col" className="num">
              Sold
            </th>
            <th scope="col">Status</th>
            {onSelect && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="programme-row" data-session-id={s.id}>
              <td className="strong tabular">{formatTime(s.startsAt, timeZone)}</td>
              <td className="tabular muted">{formatTime(s.endsAt, timeZone)}</td>
              <td>
                <span className="film-title-inline">{s.film.title}</span> <AgeRating rating={s.film.ageRating} />
              </td>
              <td>{hallLabel(s.hall)}</td>
              <td>{formatAndLanguage(s.format, s.language)}</td>
              <td className="num money">{formatMoney(s.basePrice, currency)}</td>
              <td className="num tabular">
                {s.seatsSold} / {s.seatsTotal} <span className="muted">({soldPercent(s)}%)</span>
              </td>
              <td>
                <StatusBadge phase={phaseOf(s, now)} />
              </td>
              {onSelect && (
                <td className="row-actions">
                  <Button size="sm" onClick={() => onSelect(s)} testId="programme-manage" aria-label={`Manage ${s.film.title} at ${formatTime(s.startsAt, timeZone)} in ${s.hall.name}`}>
                    Manage
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
