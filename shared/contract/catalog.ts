import { z } from 'zod';
import { HALL_TYPES, SEAT_KINDS, type HallType, type SeatKind } from '../enums';
import { SEAT_MAP_LIMITS } from '../seat-map';
import { operation } from './operation';
import { MANAGERS, STAFF } from './roles';
import { ageRating, bic, currency, iban, id, isoDate, legalText, nonEmpty, taxId, text, timezone } from './fields';
import { knownRating } from '../age-ratings';

// Results ----------------------------------------------------------------------------------------

export interface CinemaSettings {
  id: string;
  name: string;
  address: string;
  /** Rule 16: the company that runs the cinema and its VAT/tax number, printed on every receipt ('' until set). */
  legalName: string;
  taxNumber: string;
  timezone: string;
  currency: string;
  /** False once the cinema has sales: amounts already taken are in this currency. */
  currencyEditable: boolean;
  ticketVatBp: number;
  /** 'HH:MM': the business day ends and the next begins (rule 12). */
  businessDayStart: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekStartDay: number;
  salesCloseMinutes: number;
  holdMinutes: number;
  bonusAccrualBp: number;
  bonusMaxShareBp: number;
  holdWheelchairUntilFull: boolean;
  /** Rule 18: reservations free themselves this many minutes before the start. */
  reservationReleaseMinutes: number;
  /** A closing cashier counts the drawer before the expected cash is shown. */
  blindCashUp: boolean;
  /** Rule 20: the age ratings that need an ID check at the counter, each with its minimum age. */
  idCheckRatings: Record<string, number>;
}

export interface HallSummary {
  id: string;
  name: string;
  type: HallType;
  cleaningMinutes: number;
  active: boolean;
  /** Active seats. */
  seats: number;
  sessions: number;
  upcomingSessions: number;
}

export interface HallSeat {
  id: string;
  rowLabel: string;
  number: number;
  gridX: number;
  gridY: number;
  kind: SeatKind;
  active: boolean;
  /** Has tickets or holds: removing it deactivates it instead of deleting it. */
  hasHistory: boolean;
  /** Has a sold ticket for a session not yet over, or a live hold: it may not be removed, renamed or moved. */
  inUse: boolean;
}

export interface HallSeatMap {
  hall: HallSummary;
  seats: HallSeat[];
}

export interface HallSeatMapSaved extends HallSeatMap {
  created: number;
  updated: number;
  deleted: number;
  /** Seats asked to be removed that have history, so were kept deactivated. */
  deactivated: string[];
  /** One sentence for the manager: what happened and why. */
  message: string;
}

export interface HallRemoved {
  outcome: 'DELETED' | 'DEACTIVATED';
  message: string;
}

export interface DistributorSummary {
  id: string;
  legalName: string;
  taxId: string;
  contactName: string;
  email: string;
  phone: string;
  address: string;
  bankName: string;
  bankAccount: string;
  bankCode: string;
  active: boolean;
  films: number;
  contracts: number;
}

export interface FilmSummary {
  id: string;
  title: string;
  durationMinutes: number;
  ageRating: string;
  genres: string[];
  releaseDate: string | null;
  distributor: { id: string; legalName: string } | null;
  active: boolean;
  sessions: number;
  upcomingSessions: number;
}

// Fields -----------------------------------------------------------------------------------------

const hallType = z.enum(HALL_TYPES, { message: 'enums:hallType' });
const seatKind = z.enum(SEAT_KINDS, { message: 'enums:seatKind' });
/** A whole number in its limits; refusal-words.ts says a limit in the field's unit (VAT in %, minutes, years). */
const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);
const basisPoints = wholeNumber(0, 10_000);
const clockTime = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'schema:predicate.time' });
const optionalText = (max: number) => text().max(max).default('');
const email = z.union([z.literal(''), z.email({ message: 'schema:predicate.emailLike' })]);
const search = text().max(100).optional();

const cinemaFields = {
  // Name and address are printed on every receipt: no emoji there (issue 16.4).
  name: legalText(120, 1),
  address: legalText(300).default(''),
  /** Left out: stays as it is. */
  legalName: legalText(200).optional(),
  taxNumber: taxId.optional(),
  timezone,
  currency,
  ticketVatBp: basisPoints,
  businessDayStart: clockTime,
  weekStartDay: wholeNumber(0, 6),
  salesCloseMinutes: wholeNumber(0, 240),
  holdMinutes: wholeNumber(1, 60),
  bonusAccrualBp: basisPoints,
  bonusMaxShareBp: basisPoints,
  holdWheelchairUntilFull: z.boolean(),
  /** Left out: stays as it is (the three counter settings of issue 13). */
  reservationReleaseMinutes: wholeNumber(0, 1440).optional(),
  blindCashUp: z.boolean().optional(),
  idCheckRatings: z
    .record(text().min(1).max(20), wholeNumber(1, 21))
    .refine((r) => Object.keys(r).length <= 30, { message: 'schema:statement.atMostRatings' })
    // A rating of the lists means its own age (FSK 16 → 16): the counter asks for that age.
    .superRefine((r, ctx) => {
      for (const [name, age] of Object.entries(r)) {
        const known = knownRating(name);
        if (known && known.minAge !== age) ctx.addIssue({ code: 'custom', path: [name], message: 'schema:statement.ratingMeans', params: { minAge: known.minAge, age } });
      }
    })
    .optional(),
};

const hallFields = {
  name: nonEmpty(60),
  type: hallType,
  cleaningMinutes: wholeNumber(0, 240),
};

const distributorFields = {
  legalName: legalText(200, 1),
  taxId: taxId.default(''),
  contactName: optionalText(120),
  email: text().max(200).pipe(email).default(''),
  phone: optionalText(40),
  // On settlements and bank transfers, as the legal name is.
  address: legalText(300).default(''),
  bankName: legalText(120).default(''),
  bankAccount: iban.default(''),
  bankCode: bic.default(''),
};

const filmFields = {
  title: nonEmpty(200),
  durationMinutes: wholeNumber(1, 600),
  ageRating: ageRating.default(''),
  genres: z
    .array(nonEmpty(40))
    .max(10)
    .default([])
    .refine((g) => new Set(g.map((x) => x.toLowerCase())).size === g.length, { message: 'schema:statement.noRepeatedGenre' }),
  releaseDate: isoDate.nullable().default(null),
  distributorId: id.nullable().default(null),
};

/** One seat of the map as the editor wants it saved; `id` for a seat that exists already. */
const seatInput = z
  .object({
    id: id.optional(),
    rowLabel: text().min(1).max(SEAT_MAP_LIMITS.maxRowLabel),
    number: wholeNumber(1, SEAT_MAP_LIMITS.maxNumber),
    gridX: wholeNumber(0, SEAT_MAP_LIMITS.maxGrid - 1),
    gridY: wholeNumber(0, SEAT_MAP_LIMITS.maxGrid - 1),
    kind: seatKind,
    active: z.boolean().default(true),
  })
  .strict();

// Operations -------------------------------------------------------------------------------------

export const catalogOperations = {
  'cinema.get': operation<CinemaSettings>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "This terminal's cinema and its settings.",
  }),
  'cinema.update': operation<CinemaSettings>()({
    input: z.object(cinemaFields).strict(),
    access: MANAGERS,
    summary: "Changes this terminal's cinema settings; the currency is fixed once there are sales.",
  }),

  'halls.list': operation<HallSummary[]>()({
    input: z.object({}).strict(),
    access: STAFF,
    summary: "The halls of this terminal's cinema, active and deactivated, with seat and session counts.",
  }),
  'halls.create': operation<HallSummary>()({
    input: z.object(hallFields).strict(),
    access: MANAGERS,
    summary: 'Creates a hall (its seat map is empty until generated in the editor).',
  }),
  'halls.update': operation<HallSummary>()({
    input: z.object({ hallId: id, ...hallFields }).strict(),
    access: MANAGERS,
    summary: "Renames a hall or changes its type or cleaning minutes.",
  }),
  'halls.setActive': operation<HallSummary>()({
    input: z.object({ hallId: id, active: z.boolean() }).strict(),
    access: MANAGERS,
    summary: 'Deactivates (or reactivates) a hall; a hall with upcoming sessions cannot be deactivated.',
  }),
  'halls.delete': operation<HallRemoved>()({
    input: z.object({ hallId: id }).strict(),
    access: MANAGERS,
    summary: 'Deletes a hall that never had sessions; one with history is deactivated instead, and the answer says so.',
  }),

  'seatMap.get': operation<HallSeatMap>()({
    input: z.object({ hallId: id }).strict(),
    access: STAFF,
    summary: "A hall's seats on their grid, with which of them have history.",
  }),
  'seatMap.save': operation<HallSeatMapSaved>()({
    input: z
      .object({
        hallId: id,
        seats: z
          .array(seatInput)
          .max(SEAT_MAP_LIMITS.maxRows * SEAT_MAP_LIMITS.maxSeatsPerRow),
      })
      .strict(),
    access: MANAGERS,
    summary:
      'Saves the whole seat map of a hall in one step: seats left out are deleted, or deactivated when they have tickets or holds.',
  }),

  'distributors.list': operation<DistributorSummary[]>()({
    input: z.object({ search }).strict(),
    access: MANAGERS,
    summary: 'Film distributors, active first, optionally filtered by name, tax id or contact.',
  }),
  'distributors.create': operation<DistributorSummary>()({
    input: z.object(distributorFields).strict(),
    access: MANAGERS,
    summary: 'Adds a film distributor with contacts and bank details.',
  }),
  'distributors.update': operation<DistributorSummary>()({
    input: z.object({ distributorId: id, ...distributorFields }).strict(),
    access: MANAGERS,
    summary: "Changes a distributor's details.",
  }),
  'distributors.setActive': operation<DistributorSummary>()({
    input: z.object({ distributorId: id, active: z.boolean() }).strict(),
    access: MANAGERS,
    summary: 'Deactivates (or reactivates) a distributor; one with active contracts stays active.',
  }),

  'films.list': operation<FilmSummary[]>()({
    input: z.object({ search, includeInactive: z.boolean().default(true) }).strict(),
    access: MANAGERS,
    summary: 'Films, active first, optionally filtered by title, genre or distributor.',
  }),
  'films.create': operation<FilmSummary>()({
    input: z.object(filmFields).strict(),
    access: MANAGERS,
    summary: 'Adds a film.',
  }),
  'films.update': operation<FilmSummary>()({
    input: z.object({ filmId: id, ...filmFields }).strict(),
    access: MANAGERS,
    summary: "Changes a film's details; the duration is fixed while sessions of it are scheduled.",
  }),
  'films.setActive': operation<FilmSummary>()({
    input: z.object({ filmId: id, active: z.boolean() }).strict(),
    access: MANAGERS,
    summary: 'Deactivates (or reactivates) a film; one with upcoming sessions stays active.',
  }),
};
