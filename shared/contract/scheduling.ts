import { z } from 'zod';
import type { HallType } from '../enums';
import type { ProgrammeSession } from './system';
import { operation } from './operation';
import { MANAGERS } from './roles';
import { id, isoDate, isoInstant, text } from './fields';

/** What the scheduling forms offer: the films and halls a session may use. */
export interface SchedulingOptions {
  films: { id: string; title: string; durationMinutes: number; ageRating: string; distributorId: string | null }[];
  halls: { id: string; name: string; type: HallType; cleaningMinutes: number }[];
  distributors: { id: string; legalName: string }[];
  /** 'HH:MM': a start earlier than this local time belongs to the business day before (rule 12). */
  businessDayStart: string;
}

/** A session that a day copy left out, and why. */
export interface SkippedCopy {
  date: string;
  filmTitle: string;
  hallName: string;
  /** The start the copy would have had. */
  startsAt: string;
  reason: string;
}

export interface CopyDayResult {
  created: ProgrammeSession[];
  skipped: SkippedCopy[];
}

const adsMinutes = z
  .number({ message: 'must be a number of minutes' })
  .int({ message: 'must be whole minutes' })
  .min(0, { message: 'must not be negative' })
  .max(90, { message: 'must be at most 90 minutes' });
const basePrice = z
  .number({ message: 'must be an amount in minor units' })
  .int({ message: 'must be a whole number of minor units' })
  .min(0, { message: 'must not be negative' })
  .max(100_000_00, { message: 'is too large for a ticket' });
const sessionIds = z.array(id).min(1, { message: 'choose at least one session' }).max(500, { message: 'at most 500 sessions at once' });

export const schedulingOperations = {
  'scheduling.options': operation<SchedulingOptions>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "The active films, this cinema's active halls and the distributors, for the programme forms.",
  }),
  'sessions.create': operation<ProgrammeSession>()({
    input: z
      .object({
        filmId: id,
        hallId: id,
        startsAt: isoInstant,
        adsMinutes: adsMinutes.default(15),
        /** Left out: the default price of the hall type and time band. */
        basePrice: basePrice.optional(),
        format: text().min(1, { message: 'must not be empty' }).max(20, { message: 'must be at most 20 characters' }).default('2D'),
        language: text().max(20, { message: 'must be at most 20 characters' }).default(''),
        subtitles: text().max(20, { message: 'must be at most 20 characters' }).nullable().default(null),
      })
      .strict(),
    access: MANAGERS,
    summary: 'Schedules a session (rule 1): no overlap in the hall with ads and cleaning, inside an ACTIVE contract, not in the past.',
  }),
  'sessions.move': operation<ProgrammeSession>()({
    input: z
      .object({ sessionId: id, startsAt: isoInstant.optional(), hallId: id.optional() })
      .strict()
      .refine((v) => v.startsAt !== undefined || v.hallId !== undefined, { message: 'give a new start, a new hall or both' }),
    access: MANAGERS,
    summary: 'Moves a session to another start and/or hall, with the same checks as scheduling it.',
  }),
  'sessions.cancel': operation<ProgrammeSession>()({
    input: z.object({ sessionId: id }).strict(),
    access: MANAGERS,
    summary: 'Cancels a session; refused while it has sold tickets (refund them first).',
  }),
  'sessions.putOnSale': operation<ProgrammeSession[]>()({
    input: z.object({ sessionIds }).strict(),
    access: MANAGERS,
    summary: 'Puts SCHEDULED sessions on sale (all or nothing).',
  }),
  'sessions.setBasePrice': operation<ProgrammeSession>()({
    input: z.object({ sessionId: id, basePrice }).strict(),
    access: MANAGERS,
    summary: "Changes a session's base price; tickets already sold keep theirs.",
  }),
  'sessions.copyDay': operation<CopyDayResult>()({
    input: z
      .object({
        fromDate: isoDate,
        toDates: z.array(isoDate).min(1, { message: 'choose at least one day to copy to' }).max(31, { message: 'at most 31 days at once' }),
      })
      .strict(),
    access: MANAGERS,
    summary: "Copies a business day's sessions to other days at the same local times; each one that can't be scheduled is skipped and reported.",
  }),
};
