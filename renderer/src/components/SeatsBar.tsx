import type { ProgrammeSession } from '../../../shared/contract';
import { fillLevel, seatsLeft, soldPercent } from '../format/session-phase';

const FILL_TEXT = { SOLD_OUT: 'Sold out', ALMOST_FULL: 'Almost full', FILLING: '', OPEN: '' } as const;

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
  const left = seatsLeft(session);
  const pct = soldPercent(session);
  const level = fillLevel(session);
  const words = FILL_TEXT[level];
  return (
    <span className={`seats seats-${level.toLowerCase().replace('_', '-')}${compact ? ' seats-compact' : ''}`}>
      {barOnly ? (
        <span className="seats-total">{pct}% sold</span>
      ) : (
        <span className="seats-numbers">
          <span className="seats-left">{left}</span>
          <span className="seats-total"> of {session.seatsTotal} left</span>
        </span>
      )}
      <span
        className="seats-bar"
        role="meter"
        aria-label="Seats sold"
        aria-valuemin={0}
        aria-valuemax={session.seatsTotal}
        aria-valuenow={Math.min(session.seatsSold, session.seatsTotal)}
        aria-valuetext={`${session.seatsSold} of ${session.seatsTotal} sold (${pct}%)`}
      >
        <span className="seats-bar-fill" style={{ width: `${pct}%` }} />
      </span>
      {words && <span className="seats-words">{words}</span>}
    </span>
  );
}
