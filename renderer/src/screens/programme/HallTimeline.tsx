import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSession } from '../../../../shared/contract';
import { hallLabel } from '../../format/hall';
import { phaseOf, soldPercent } from '../../format/session-phase';
import { formatHourMark, formatTime } from '../../format/time';
import { hallTracks, placeBlock, placeInstant, timelineRange } from './timeline';
import { useLocale } from '../../i18n/i18n';

export interface HallTimelineProps {
  sessions: ProgrammeSession[];
  timeZone: string;
  now: number;
  /** When given, each block is a button that picks its session (the manager's timeline). */
  onSelect?(session: ProgrammeSession): void;
  selectedId?: string | null;
  /** Every hall to show a track for, even without sessions that day (the planner's view). */
  halls?: ProgrammeSession['hall'][];
}

/** A block's classes: its phase's colour, and whether it can be picked or is picked. */
function blockClassOf(phase: string, pickable: boolean, selected: boolean): string {
  return `timeline-block phase-block-${phase.toLowerCase().replace(/_/g, '-')}${pickable ? ' is-pickable' : ''}${selected ? ' is-selected' : ''}`;
}

/** A horizontal track per hall with the day's sessions as blocks from start to end. */
export function HallTimeline({ sessions, timeZone, now, onSelect, selectedId, halls }: HallTimelineProps) {
  const { t } = useTranslation(['programme', 'components', 'enums']);
  const locale = useLocale();
  const range = useMemo(() => timelineRange(sessions, timeZone), [sessions, timeZone]);
  const tracks = useMemo(() => hallTracks(sessions, halls), [sessions, halls]);
  if (!range) return null;
  const nowAt = placeInstant(now, range);

  return (
    <section className="timeline" aria-label={t('timeline.label')} data-testid="programme-timeline">
      <div className="timeline-scroll">
        <div className="timeline-grid">
          <div className="timeline-row timeline-scale" aria-hidden="true">
            <div className="timeline-hall" />
            <div className="timeline-track">
              {range.ticks.slice(0, -1).map((tick) => (
                <span key={tick} className="timeline-tick-label" style={{ left: `${placeInstant(tick, range) ?? 0}%` }}>
                  {formatHourMark(tick, timeZone, locale)}
                </span>
              ))}
              {nowAt !== null && (
                <span className="timeline-now-label" style={{ left: `${nowAt}%` }}>
                  {t('timeline.now')}
                </span>
              )}
            </div>
          </div>
          {tracks.map((track) => (
            <div className="timeline-row" key={track.hall.id} data-testid="timeline-hall" data-hall-id={track.hall.id}>
              <div className="timeline-hall">
                <span className="timeline-hall-name">{track.hall.name}</span>
                {hallLabel(track.hall) !== track.hall.name && <span className="timeline-hall-type">{t(`enums:hallType.${track.hall.type}`)}</span>}
              </div>
              <div className="timeline-track">
                {range.ticks.map((tick) => (
                  <span key={tick} className="timeline-gridline" style={{ left: `${placeInstant(tick, range) ?? 0}%` }} aria-hidden="true" />
                ))}
                {nowAt !== null && <span className="timeline-now" style={{ left: `${nowAt}%` }} aria-hidden="true" />}
                {track.sessions.map((s) => {
                  const p = placeBlock(s.startsAt, s.endsAt, range);
                  const phase = phaseOf(s, now);
                  const times = `${formatTime(s.startsAt, timeZone, locale)}–${formatTime(s.endsAt, timeZone, locale)}`;
                  const words = { times, film: s.film.title, hall: track.hall.name, format: s.format, sold: s.seatsSold, total: s.seatsTotal, phase: t(`components:phase.${phase}`) };
                  const label = t('timeline.block', words);
                  const cleaning = s.hall.cleaningMinutes && s.status !== 'CANCELLED'
                    ? placeBlock(s.endsAt, new Date(Date.parse(s.endsAt) + s.hall.cleaningMinutes * 60_000).toISOString(), range)
                    : null;
                  const blockClass = blockClassOf(phase, !!onSelect, selectedId === s.id);
                  const content = (
                    <>
                      <span className="block-time">
                        {formatTime(s.startsAt, timeZone, locale)}
                        {phase === 'CANCELLED' && <span className="block-flag">{t('timeline.cancelled')}</span>}
                        {phase === 'NOT_ON_SALE' && <span className="block-flag">{t('timeline.notOnSale')}</span>}
                      </span>
                      <span className="block-title">{s.film.title}</span>
                      <span className="block-meta">
                        {s.format} · {s.seatsSold}/{s.seatsTotal}
                      </span>
                      <span className="block-fill" style={{ width: `${soldPercent(s)}%` }} aria-hidden="true" />
                      {/* The rest of the label, read out after the visible text (a name must contain what is seen). */}
                      <span className="visually-hidden">
                        {t('timeline.blockRest', words)}
                      </span>
                    </>
                  );
                  const style = { left: `${p.left}%`, width: `${p.width}%` };
                  return (
                    <Fragment key={s.id}>
                      {onSelect ? (
                        <button
                          type="button"
                          className={blockClass}
                          style={style}
                          title={label}
                          aria-pressed={selectedId === s.id}
                          onClick={() => onSelect(s)}
                          data-testid="timeline-block"
                          data-session-id={s.id}
                        >
                          {content}
                        </button>
                      ) : (
                        <div className={blockClass} style={style} title={label} aria-label={label} role="img" data-testid="timeline-block" data-session-id={s.id}>
                          {content}
                        </div>
                      )}
                      {cleaning && cleaning.width > 0 && (
                        <span
                          className="timeline-cleaning"
                          style={{ left: `${cleaning.left}%`, width: `${cleaning.width}%` }}
                          title={t('timeline.cleaning', { minutes: s.hall.cleaningMinutes })}
                          aria-hidden="true"
                          data-testid="timeline-cleaning"
                        />
                      )}
                    </Fragment>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
