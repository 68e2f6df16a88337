import type { ProgrammeSession } from '../../../../shared/contract';
import { formatMoney } from '../../../../shared/money';
import { AgeRating } from '../../components/AgeRating';
import { TimeText } from '../../components/TimeText';
import { SeatsBar } from '../../components/SeatsBar';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { formatAndLanguage } from '../../format/language';
import { phaseOf, seatsLeft } from '../../format/session-phase';
import { formatDuration, formatTime, formatWhen } from '../../format/time';

export interface SessionDetailsProps {
  session: ProgrammeSession;
  now: number;
  timeZone: string;
  currency: string;
  /** Starts selling this session; absent while the cashier can't sell (no open shift of theirs). */
  onSell?(): void;
  /** Why selling is not possible now. */
  sellBlocked?: string | null;
}

/** Everything the cashier is asked about one session, large enough to read across the counter. */
export function SessionDetails({ session, now, timeZone, currency, onSell, sellBlocked }: SessionDetailsProps) {
  const phase = phaseOf(session, now);
  const starts = Date.parse(session.startsAt);
  return (
    <article className="panel session-details" data-testid="session-details" aria-labelledby="session-details-title">
      <header className="details-head">
        <h2 className="details-title" id="session-details-title">
          {session.film.title}
        </h2>
        <div className="details-tags">
          <AgeRating rating={session.film.ageRating} />
          <StatusBadge phase={phase} testId="session-details-status" />
        </div>
      </header>

      <div className="details-time">
        <TimeText className="time-huge" instant={session.startsAt} timeZone={timeZone} testId="session-details-start" />
        <span className="details-time-end">until {formatTime(session.endsAt, timeZone)}</span>
        {phase !== 'CANCELLED' && <span className="details-relative">{formatWhen(starts, Date.parse(session.endsAt), now)}</span>}
      </div>

      <dl className="facts">
        <div>
          <dt>Hall</dt>
          <dd data-testid="session-details-hall">{hallLabel(session.hall)}</dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{formatAndLanguage(session.format, session.language)}</dd>
        </div>
        <div>
          <dt>Running time</dt>
          <dd>{formatDuration(session.film.durationMinutes)}</dd>
        </div>
        <div>
          <dt>Base price</dt>
          <dd className="money" data-testid="session-details-price">
            {formatMoney(session.basePrice, currency)}
          </dd>
        </div>
      </dl>

      <div className="seat-figures">
        <div className="figure">
          <span className="figure-value" data-testid="session-details-seats-left">
            {seatsLeft(session)}
          </span>
          <span className="figure-label">seats left</span>
        </div>
        <div className="figure">
          <span className="figure-value">{session.seatsSold}</span>
          <span className="figure-label">sold</span>
        </div>
        {session.seatsReserved > 0 && (
          <div className="figure">
            <span className="figure-value" data-testid="session-details-seats-reserved">
              {session.seatsReserved}
            </span>
            <span className="figure-label">reserved</span>
          </div>
        )}
        <div className="figure">
          <span className="figure-value">{session.seatsTotal}</span>
          <span className="figure-label">in the hall</span>
        </div>
      </div>
      <SeatsBar session={session} barOnly />
      {onSell ? (
        <button type="button" className="btn btn-primary btn-lg sell-button" onClick={onSell} data-testid="session-sell">
          <span className="btn-label">Choose seats</span>
          <kbd className="btn-kbd">Enter</kbd>
        </button>
      ) : (
        sellBlocked && <p className="muted" data-testid="session-sell-blocked">{sellBlocked}</p>
      )}
    </article>
  );
}
