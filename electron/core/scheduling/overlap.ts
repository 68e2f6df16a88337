/**
 * Rule 1's geometry, pure: a session occupies its hall from its start until its end plus the
 * hall's cleaning minutes; two sessions of one hall may not occupy it at the same moment.
 * Instants are milliseconds since the epoch.
 */

const MINUTE = 60_000;

export interface HallOccupation {
  start: number;
  /** start + ads + film duration. */
  end: number;
  cleaningMinutes: number;
}

/** When a session ends: ads, then the film. Cleaning is the gap after it, not part of it. */
export function sessionEnd(start: number, adsMinutes: number, durationMinutes: number): number {
  return start + (adsMinutes + durationMinutes) * MINUTE;
}

/** The first moment the hall is free again after a session. */
export function freeAt(o: HallOccupation): number {
  return o.end + o.cleaningMinutes * MINUTE;
}

/** Whether two sessions of one hall need the hall at the same time (touching is fine). */
export function occupationsOverlap(a: HallOccupation, b: HallOccupation): boolean {
  return a.start < freeAt(b) && b.start < freeAt(a);
}

/** The first existing session (by start) the candidate would collide with, if any. */
export function firstConflict<T extends HallOccupation>(candidate: HallOccupation, existing: readonly T[]): T | undefined {
  return [...existing].sort((x, y) => x.start - y.start).find((e) => occupationsOverlap(candidate, e));
}
