import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../shared/money';
import { useLocale } from '../i18n/i18n';
import type { ProgrammeSession } from '../../../shared/contract';
import { fillLevel, seatsLeft, soldPercent } from '../format/session-phase';

const FILL_WORD = { SOLD_OUT: 'seats.soldOut', ALMOST_FULL: 'seats.almostFull', FILLING: null, OPEN: null } as const;

/** Seats left (neither sold nor reserved) as a number, with a small bar of the seats sold and words when it matters. */
export function SeatsBar({
  session,
  compact = false,
  barOnly = false,
}: {
  session: Pick<ProgrammeSession, 'seatsTotal' | 'seatsSold' | 'seatsReserved'>;
  compact?: boolean;
  /** Only the bar and how full it is, where the numbers stand beside it already. */
  barOnly?: boolean;
}) {
  const { t } = useTranslation('components');
  const locale = useLocale();
  const left = seatsLeft(session);
  const pct = soldPercent(session);
  const level = fillLevel(session);
  const word = FILL_WORD[level];
  const words = word ? t(word) : '';
  return (
    <span className={`seats seats-${level.toLowerCase().replace('_', '-')}${compact ? ' seats-compact' : ''}`}>
      {barOnly ? (
        <span className="seats-total">{t('seats.percentSold', { percent: formatCount(pct, locale) })}</span>
      ) : (
        <span className="seats-numbers">
          <span className="seats-left">{formatCount(left, locale)}</span>
          <span className="seats-total">{t('seats.ofLeft', { total: formatCount(session.seatsTotal, locale) })}</span>
        </span>
      )}
      <span
        className="seats-bar"
        role="meter"
        aria-label={t('seats.sold')}
        aria-valuemin={0}
        aria-valuemax={session.seatsTotal}
        aria-valuenow={Math.min(session.seatsSold, session.seatsTotal)}
        aria-valuetext={t('seats.soldText', { sold: session.seatsSold, total: session.seatsTotal, percent: pct })}
      >
        <span className="seats-bar-fill" style={{ width: `${pct}%` }} />
      </span>
      {words && <span className="seats-words">{words}</span>}
    </span>
  );
}
