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

const adsMinutes = z.number().int().min(0).max(90);
const basePrice = z.number().int().min(0).max(100_000_00);
const sessionIds = z.array(id).min(1, { message: 'schema:statement.chooseSession' }).max(500);

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
        format: text().min(1).max(20).default('2D'),
        language: text().max(20).default(''),
        subtitles: text().max(20).nullable().default(null),
      })
      .strict(),
    access: MANAGERS,
    summary: 'Schedules a session (rule 1): no overlap in the hall with ads and cleaning, inside an ACTIVE contract, not in the past.',
  }),
  'sessions.move': operation<ProgrammeSession>()({
    input: z
      .object({ sessionId: id, startsAt: isoInstant.optional(), hallId: id.optional() })
      .strict()
      .refine((v) => v.startsAt !== undefined || v.hallId !== undefined, { message: 'schema:statement.newStartOrHall' }),
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
        toDates: z.array(isoDate).min(1, { message: 'schema:statement.chooseDays' }).max(31),
      })
      .strict(),
    access: MANAGERS,
    summary: "Copies a business day's sessions to other days at the same local times; each one that can't be scheduled is skipped and reported.",
  }),
};
