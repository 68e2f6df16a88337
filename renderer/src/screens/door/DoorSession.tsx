import { useTranslation } from 'react-i18next';
import type { ProgrammeSession } from '../../../../shared/contract';
import { useLocale } from '../../i18n/i18n';
import { AgeRating } from '../../components/AgeRating';
import { StatusBadge } from '../../components/StatusBadge';
import { hallLabel } from '../../format/hall';
import { formatAndLanguage } from '../../format/language';
import { phaseOf } from '../../format/session-phase';
import { formatWhen } from '../../format/time';
import { TimeText } from '../../components/TimeText';

/** The chosen session at the door, readable from a step away. */
export function DoorSession({ session, now, timeZone }: { session: ProgrammeSession; now: number; timeZone: string }) {
  const { t } = useTranslation(['door', 'enums']);
  const locale = useLocale();
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
          <span className="figure-label">{t('session.starts')}</span>
          <TimeText className="figure-value" instant={session.startsAt} timeZone={timeZone} testId="door-session-start" />
          {phase !== 'CANCELLED' && <span className="figure-note">{formatWhen(starts, Date.parse(session.endsAt), now, locale)}</span>}
        </div>
        <div className="figure figure-xl">
          <span className="figure-label">{t('session.hall')}</span>
          <span className="figure-value figure-text" data-testid="door-session-hall">
            {session.hall.name}
          </span>
          <span className="figure-note">{[hallLabel(session.hall, locale) === session.hall.name ? '' : t(`enums:hallType.${session.hall.type}`), formatAndLanguage(session.format, session.language, locale)].filter(Boolean).join(' · ')}</span>
        </div>
        <div className="figure figure-xl">
          <span className="figure-label">{t('session.sold')}</span>
          <span className="figure-value" data-testid="door-session-sold">
            {session.seatsSold}
          </span>
          <span className="figure-note">{t('session.ofSeats', { total: session.seatsTotal })}</span>
        </div>
      </div>
      {phase === 'CANCELLED' && <p className="door-warning">{t('session.cancelled')}</p>}
    </article>
  );
}
