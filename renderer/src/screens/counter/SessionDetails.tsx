import { useTranslation } from 'react-i18next';
import type { ProgrammeSession } from '../../../../shared/contract';
import { useLocale } from '../../i18n/i18n';
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
  const { t } = useTranslation('counter');
  const locale = useLocale();
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
        <span className="details-time-end">{t('details.until', { time: formatTime(session.endsAt, timeZone, locale) })}</span>
        {phase !== 'CANCELLED' && <span className="details-relative">{formatWhen(starts, Date.parse(session.endsAt), now, locale)}</span>}
      </div>

      <dl className="facts">
        <div>
          <dt>{t('details.hall')}</dt>
          <dd data-testid="session-details-hall">{hallLabel(session.hall, locale)}</dd>
        </div>
        <div>
          <dt>{t('details.format')}</dt>
          <dd>{formatAndLanguage(session.format, session.language, locale)}</dd>
        </div>
        <div>
          <dt>{t('details.runningTime')}</dt>
          <dd>{formatDuration(session.film.durationMinutes, locale)}</dd>
        </div>
        <div>
          <dt>{t('details.basePrice')}</dt>
          <dd className="money" data-testid="session-details-price">
            {formatMoney(session.basePrice, currency, locale)}
          </dd>
        </div>
      </dl>

      <div className="seat-figures">
        <div className="figure">
          <span className="figure-value" data-testid="session-details-seats-left">
            {seatsLeft(session)}
          </span>
          <span className="figure-label">{t('details.seatsLeft')}</span>
        </div>
        <div className="figure">
          <span className="figure-value">{session.seatsSold}</span>
          <span className="figure-label">{t('details.sold')}</span>
        </div>
        {session.seatsReserved > 0 && (
          <div className="figure">
            <span className="figure-value" data-testid="session-details-seats-reserved">
              {session.seatsReserved}
            </span>
            <span className="figure-label">{t('details.reserved')}</span>
          </div>
        )}
        <div className="figure">
          <span className="figure-value">{session.seatsTotal}</span>
          <span className="figure-label">{t('details.inHall')}</span>
        </div>
      </div>
      <SeatsBar session={session} barOnly />
      {onSell ? (
        <button type="button" className="btn btn-primary btn-lg sell-button" onClick={onSell} data-testid="session-sell">
          <span className="btn-label">{t('details.chooseSeats')}</span>
          <kbd className="btn-kbd">Enter</kbd>
        </button>
      ) : (
        sellBlocked && <p className="muted" data-testid="session-sell-blocked">{sellBlocked}</p>
      )}
    </article>
  );
}
