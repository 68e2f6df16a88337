import { Fragment, useMemo } from 'react';
import type { ProgrammeSession } from '../../../../shared/contract';
import { HALL_TYPE_LABEL, hallLabel } from '../../format/hall';
import { PHASE_LABEL, phaseOf, soldPercent } from '../../format/session-phase';
import { formatHourMark, formatTime } from '../../format/time';
import { hallTracks, placeBlock, placeInstant, timelineRange } from './timeline';

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

/** A horizontal track per hall with the day's sessions as blocks from start to end. */
export function HallTimeline({ sessions, timeZone, now, onSelect, selectedId, halls }: HallTimelineProps) {
  const range = useMemo(() => timelineRange(sessions, timeZone), [sessions, timeZone]);
  const tracks = useMemo(() => hallTracks(sessions, halls), [sessions, halls]);
  if (!range) return null;
  const nowAt = placeInstant(now, range);

  return (
    <section className="timeline" aria-label="Timeline by hall" data-testid="programme-timeline">
      <div className="timeline-scroll">
        <div className="timeline-grid">
          <div className="timeline-row timeline-scale" aria-hidden="true">
            <div className="timeline-hall" />
            <div className="timeline-track">
              {range.ticks.slice(0, -1).map((t) => (
                <span key={t} className="timeline-tick-label" style={{ left: `${placeInstant(t, range) ?? 0}%` }}>
                  {formatHourMark(t, timeZone)}
                </span>
              ))}
              {nowAt !== null && (
                <span className="timeline-now-label" style={{ left: `${nowAt}%` }}>
                  Now
                </span>
              )}
            </div>
          </div>
          {tracks.map((track) => (
            <div className="timeline-row" key={track.hall.id} data-testid="timeline-hall" data-hall-id={track.hall.id}>
              <div className="timeline-hall">
                <span className="timeline-hall-name">{track.hall.name}</span>
                {hallLabel(track.hall) !== track.hall.name && <span className="timeline-hall-type">{HALL_TYPE_LABEL[track.hall.type]}</span>}
              </div>
              <div className="timeline-track">
                {range.ticks.map((t) => (
                  <span key={t} className="timeline-gridline" style={{ left: `${placeInstant(t, range) ?? 0}%` }} aria-hidden="true" />
                ))}
                {nowAt !== null && <span className="timeline-now" style={{ left: `${nowAt}%` }} aria-hidden="true" />}
                {track.sessions.map((s) => {
                  const p = placeBlock(s.startsAt, s.endsAt, range);
                  const phase = phaseOf(s, now);
                  const times = `${formatTime(s.startsAt, timeZone)}–${formatTime(s.endsAt, timeZone)}`;
                  const label = `${times} ${s.film.title}, ${track.hall.name}, ${s.format}, ${s.seatsSold} of ${s.seatsTotal} sold, ${PHASE_LABEL[phase].text}`;
                  const cleaning = s.hall.cleaningMinutes && s.status !== 'CANCELLED'
                    ? placeBlock(s.endsAt, new Date(Date.parse(s.endsAt) + s.hall.cleaningMinutes * 60_000).toISOString(), range)
                    : null;
                  const className = `timeline-block phase-block-${phase.toLowerCase().replace(/_/g, '-')}${onSelect ? ' is-pickable' : ''}${selectedId === s.id ? ' is-selected' : ''}`;
                  const content = (
                    <>
                      <span className="block-time">
                        {formatTime(s.startsAt, timeZone)}
                        {phase === 'CANCELLED' && <span className="block-flag"> ✕ Cancelled</span>}
                        {phase === 'NOT_ON_SALE' && <span className="block-flag"> ○ Not on sale</span>}
                      </span>
                      <span className="block-title">{s.film.title}</span>
                      <span className="block-meta">
                        {s.format} · {s.seatsSold}/{s.seatsTotal}
                      </span>
                      <span className="block-fill" style={{ width: `${soldPercent(s)}%` }} aria-hidden="true" />
                      {/* The rest of the label, read out after the visible text (a name must contain what is seen). */}
                      <span className="visually-hidden">
                        , {times}, {track.hall.name}, {s.seatsSold} of {s.seatsTotal} sold, {PHASE_LABEL[phase].text}
                      </span>
                    </>
                  );
                  const style = { left: `${p.left}%`, width: `${p.width}%` };
                  return (
                    <Fragment key={s.id}>
                      {onSelect ? (
                        <button
                          type="button"
                          className={className}
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
                        <div className={className} style={style} title={label} aria-label={label} role="img" data-testid="timeline-block" data-session-id={s.id}>
                          {content}
                        </div>
                      )}
                      {cleaning && cleaning.width > 0 && (
                        <span
                          className="timeline-cleaning"
                          style={{ left: `${cleaning.left}%`, width: `${cleaning.width}%` }}
                          title={`Cleaning ${s.hall.cleaningMinutes} min`}
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
