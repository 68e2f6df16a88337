import type { ProgrammeSession } from '../../../../shared/contract';

/**
 * Pure geometry of the programme timeline: which stretch of the day it spans (whole local hours
 * in the cinema's time zone), where the hour ticks go and where each session's block sits.
 */

const HOUR = 3_600_000;

export interface TimelineRange {
  from: number;
  to: number;
  /** Instants of the whole local hours inside [from, to]. */
  ticks: number[];
}

export interface Placement {
  /** Percent of the track width from its left edge. */
  left: number;
  width: number;
  /** The block was cut at the timeline's edge. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function minuteSecondIn(ms: number, timeZone: string): { minute: number; second: number } {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsCache.set(timeZone, f);
  }
  let minute = 0;
  let second = 0;
  for (const p of f.formatToParts(new Date(ms))) {
    if (p.type === 'minute') minute = Number(p.value);
    if (p.type === 'second') second = Number(p.value);
  }
  return { minute, second };
}

/** The start of the local hour an instant lies in (zones with :30 and :45 offsets included). */
export function floorToLocalHour(ms: number, timeZone: string): number {
  const { minute, second } = minuteSecondIn(ms, timeZone);
  const millis = ((ms % 1000) + 1000) % 1000;
  return ms - (minute * 60 + second) * 1000 - millis;
}

export function ceilToLocalHour(ms: number, timeZone: string): number {
  const floor = floorToLocalHour(ms, timeZone);
  return floor === ms ? ms : floorToLocalHour(floor + HOUR, timeZone);
}

/**
 * The span that shows every session of the day, widened to whole local hours and to at least
 * `minHours`, with a tick on every local hour. Null when there is nothing to show.
 */
export function timelineRange(
  sessions: readonly Pick<ProgrammeSession, 'startsAt' | 'endsAt'>[],
  timeZone: string,
  minHours = 6,
): TimelineRange | null {
  if (sessions.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const s of sessions) {
    first = Math.min(first, Date.parse(s.startsAt));
    last = Math.max(last, Date.parse(s.endsAt), Date.parse(s.startsAt));
  }
  const from = floorToLocalHour(first, timeZone);
  let to = ceilToLocalHour(last, timeZone);
  if (to - from < minHours * HOUR) to = from + minHours * HOUR;
  const ticks: number[] = [];
  for (let t = from; t <= to; t = ceilToLocalHour(t + 1000, timeZone)) {
    ticks.push(t);
    if (ticks.length > 48) break;
  }
  return { from, to, ticks };
}

/** Where a block from start to end sits on the range, in percent, cut to the edges. */
export function placeBlock(startsAt: string, endsAt: string, range: Pick<TimelineRange, 'from' | 'to'>): Placement {
  const span = range.to - range.from;
  const start = Date.parse(startsAt);
  const end = Math.max(start, Date.parse(endsAt));
  const s = Math.min(Math.max(start, range.from), range.to);
  const e = Math.min(Math.max(end, range.from), range.to);
  return {
    left: ((s - range.from) / span) * 100,
    width: ((e - s) / span) * 100,
    clippedStart: start < range.from,
    clippedEnd: end > range.to,
  };
}

/** Percent of the track for one instant (the "now" line), or null outside the range. */
export function placeInstant(ms: number, range: Pick<TimelineRange, 'from' | 'to'>): number | null {
  if (ms < range.from || ms > range.to) return null;
  return ((ms - range.from) / (range.to - range.from)) * 100;
}

export interface HallTrack {
  hall: ProgrammeSession['hall'];
  sessions: ProgrammeSession[];
}

/** One track per hall, halls in natural name order ("Hall 2" before "Hall 10"), sessions by start. */
export function hallTracks(sessions: readonly ProgrammeSession[], allHalls: readonly ProgrammeSession['hall'][] = []): HallTrack[] {
  const byHall = new Map<string, HallTrack>();
  for (const hall of allHalls) byHall.set(hall.id, { hall, sessions: [] });
  for (const s of sessions) {
    let track = byHall.get(s.hall.id);
    if (!track) {
      track = { hall: s.hall, sessions: [] };
      byHall.set(s.hall.id, track);
    }
    track.sessions.push(s);
  }
  const tracks = [...byHall.values()];
  for (const t of tracks) t.sessions.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return tracks.sort((a, b) => a.hall.name.localeCompare(b.hall.name, undefined, { numeric: true, sensitivity: 'base' }));
}
