import { z } from 'zod';
import { operation } from './operation';
import { STAFF } from './roles';
import { isoDate } from './fields';
import type { HallType, SessionStatus } from '../enums';

export interface SystemStatus {
  terminal: { id: string; name: string };
  cinema: { id: string; name: string; timezone: string; currency: string };
  /** The terminal's clock, so the header shows the same time the sale is stamped with. */
  now: string;
  /** The cinema's business day now (rule 12: a midnight show counts for the evening before). */
  businessDate: string;
}

export interface ProgrammeSession {
  id: string;
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  basePrice: number;
  format: string;
  language: string;
  /** Minutes of ads before the film (ends_at = start + ads + duration). */
  adsMinutes?: number;
  film: { id: string; title: string; durationMinutes: number; ageRating: string };
  /** cleaningMinutes: the gap the hall needs after the session ends before the next may start. */
  hall: { id: string; name: string; type: HallType; cleaningMinutes?: number };
  seatsTotal: number;
  seatsSold: number;
  /** Seats of live reservations (rule 18): taken, though not sold. */
  seatsReserved: number;
}

export const systemOperations = {
  'system.status': operation<SystemStatus>()({
    input: z.object({}).strict(),
    access: 'signed-in',
    summary: "This terminal, its cinema, the terminal's clock and the current business day.",
  }),
  'programme.day': operation<{ businessDate: string; sessions: ProgrammeSession[] }>()({
    input: z.object({ date: isoDate.optional() }).strict(),
    access: STAFF,
    summary: "The sessions of one business day of this terminal's cinema (today by default), with seats sold.",
  }),
};
