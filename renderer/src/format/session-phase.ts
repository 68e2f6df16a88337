import type { ProgrammeSession } from '../../../shared/contract';
import { components } from '../../../shared/i18n/en/components';

/** Where a session stands for the people at the counter and the door, now. */
export type SessionPhase = 'ON_SALE' | 'NOT_ON_SALE' | 'STARTED' | 'ENDED' | 'CANCELLED' | 'CLOSED';

export function phaseOf(session: Pick<ProgrammeSession, 'status' | 'startsAt' | 'endsAt'>, nowMs: number): SessionPhase {
  if (session.status === 'CANCELLED') return 'CANCELLED';
  if (nowMs >= Date.parse(session.endsAt)) return 'ENDED';
  if (nowMs >= Date.parse(session.startsAt)) return 'STARTED';
  if (session.status === 'CLOSED') return 'CLOSED';
  if (session.status === 'SCHEDULED') return 'NOT_ON_SALE';
  return 'ON_SALE';
}

/** A shape for each phase beside its word (`t(\`components:phase.${phase}\`)`), so colour never carries the meaning alone. */
export const PHASE_SYMBOL: Record<SessionPhase, string> = {
  ON_SALE: '●',
  NOT_ON_SALE: '○',
  STARTED: '▶',
  ENDED: '■',
  CANCELLED: '✕',
  CLOSED: '■',
};

/** @deprecated English words: screens write `t(\`components:phase.${phase}\`)` and PHASE_SYMBOL. Kept until every screen is converted. */
export const PHASE_LABEL: Record<SessionPhase, { text: string; symbol: string }> = Object.fromEntries(
  (Object.keys(PHASE_SYMBOL) as SessionPhase[]).map((p) => [p, { text: components.phase[p], symbol: PHASE_SYMBOL[p] }]),
) as Record<SessionPhase, { text: string; symbol: string }>;

/** Seats still free (neither sold nor reserved); never negative even if the counts disagree for a moment. */
export function seatsLeft(session: Pick<ProgrammeSession, 'seatsTotal' | 'seatsSold' | 'seatsReserved'>): number {
  return Math.max(0, session.seatsTotal - session.seatsSold - session.seatsReserved);
}

/** Share of seats sold as a whole percent 0..100, for the small bar. */
export function soldPercent(session: Pick<ProgrammeSession, 'seatsTotal' | 'seatsSold'>): number {
  if (session.seatsTotal <= 0) return 0;
  return Math.min(100, Math.round((session.seatsSold * 100) / session.seatsTotal));
}

/** How full a session is, in words: "Sold out", "Almost full", … */
export function fillLevel(session: Pick<ProgrammeSession, 'seatsTotal' | 'seatsSold' | 'seatsReserved'>): 'SOLD_OUT' | 'ALMOST_FULL' | 'FILLING' | 'OPEN' {
  const left = seatsLeft(session);
  if (session.seatsTotal > 0 && left === 0) return 'SOLD_OUT';
  // Reserved seats are taken too: a house full of reservations is almost full.
  const pct = session.seatsTotal > 0 ? Math.round(((session.seatsTotal - left) * 100) / session.seatsTotal) : 0;
  if (pct >= 85) return 'ALMOST_FULL';
  if (pct >= 50) return 'FILLING';
  return 'OPEN';
}

/** Sessions that are over by now, and the rest: the counter and the door fold the first away. */
export function splitEnded<T extends Pick<ProgrammeSession, 'endsAt'>>(sessions: readonly T[], nowMs: number): { ended: T[]; upcoming: T[] } {
  const ended: T[] = [];
  const upcoming: T[] = [];
  for (const s of sessions) (Date.parse(s.endsAt) <= nowMs ? ended : upcoming).push(s);
  return { ended, upcoming };
}
