import type { ProgrammeSession } from '../../../../shared/contract';
import { AgeRating } from '../../components/AgeRating';
import { StatusBadge } from '../../components/StatusBadge';
import { HALL_TYPE_LABEL, hallLabel } from '../../format/hall';
import { formatAndLanguage } from '../../format/language';
import { phaseOf } from '../../format/session-phase';
import { formatWhen } from '../../format/time';
import { TimeText } from '../../components/TimeText';

/** The chosen session at the door, readable from a step away. */
export function DoorSession({ session, now, timeZone }: { session: ProgrammeSession; now: number; timeZone: string }) {
  const phase = phaseOf(session, now);
  const starts = Date.parse(session.startsAt);
  return (
    <article className="panel door-session" data-testid="door-session" aria-labelledby="door-session-title">
      <header className="details-head">
        <h2 className="details-title" id="door-session-title">
          {session.film.title}
        </h2>
        <div className="details-tags">
          <AgeRating rating={session.film.ageRating} />
          <StatusBadge phase={phase} />
        </div>
      </header>
      <div className="door-figures">
        <div className="figure figure-xl">
          <span className="figure-label">Starts</span>
          <TimeText className="figure-value" instant={session.startsAt} timeZone={timeZone} testId="door-session-start" />
          {phase !== 'CANCELLED' && <span className="figure-note">{formatWhen(starts, Date.parse(session.endsAt), now)}</span>}
        </div>
        <div className="figure figure-xl">
          <span className="figure-label">Hall</span>
          <span className="figure-value figure-text" data-testid="door-session-hall">
            {session.hall.name}
          </span>
          <span className="figure-note">{[hallLabel(session.hall) === session.hall.name ? '' : HALL_TYPE_LABEL[session.hall.type], formatAndLanguage(session.format, session.language)].filter(Boolean).join(' · ')}</span>
        </div>
        <div className="figure figure-xl">
          <span className="figure-label">Tickets sold</span>
          <span className="figure-value" data-testid="door-session-sold">
            {session.seatsSold}
          </span>
          <span className="figure-note">of {session.seatsTotal} seats</span>
        </div>
      </div>
      {phase === 'CANCELLED' && <p className="door-warning">This session is cancelled: no one should be let in for it.</p>}
    </article>
  );
}
