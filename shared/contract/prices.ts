import { z } from 'zod';
import { HALL_TYPES, SEAT_KINDS, TICKET_TYPES, type HallType, type SeatKind, type TicketType } from '../enums';
import { operation } from './operation';
import { MANAGERS, SELLERS } from './roles';
import { id, text } from './fields';

/** A default base price for a hall type in a time band on some weekdays (rule 3). */
export interface PriceDefault {
  id: string;
  hallType: HallType;
  /** Bit d set = weekday d (0 = Sunday … 6 = Saturday); 127 = every day. */
  weekdayMask: number;
  /** 'HH:MM' local, inclusive. */
  bandStart: string;
  /** 'HH:MM' local, exclusive, up to '24:00'. */
  bandEnd: string;
  basePrice: number;
}

/** One cell of a band's price card (rule 19): a fixed price for a ticket type on a seat kind ('ANY' = every kind without its own). */
export interface PriceCardCell {
  ticketType: TicketType;
  seatKind: SeatKind | 'ANY';
  price: number;
}

export interface PriceSettings {
  currency: string;
  defaults: PriceDefault[];
  /** Price cards by band id; a band without a card is priced by factors. */
  cards: Record<string, PriceCardCell[]>;
  /** Basis points per seat kind / ticket type (10000 = ×1); every kind and type is listed. */
  seatKindFactors: Record<SeatKind, number>;
  ticketTypeFactors: Record<TicketType, number>;
  /** The seat kinds the cinema's active halls have, per hall type (in SEAT_KINDS order): a card's columns. */
  seatKindsByHallType: Partial<Record<HallType, SeatKind[]>>;
}

export interface PricePreview {
  sessionId: string;
  filmTitle: string;
  hallName: string;
  startsAt: string;
  basePrice: number;
  currency: string;
  /** One row per seat kind the hall has (or every kind if it has none), each ticket type's price. */
  rows: { seatKind: SeatKind; seats: number; prices: Record<TicketType, number> }[];
}

const clock = (upTo24: boolean) =>
  text()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'schema:predicate.priceTime' })
    .refine((t) => upTo24 || t !== '24:00', { message: 'schema:predicate.before24' });
/** A multiplier in basis points (10000 = ×1); refusal-words.ts says its limits as ×0 and ×10. */
const factor = z.number().int().min(1).max(100_000);

export const priceOperations = {
  'prices.get': operation<PriceSettings>()({
    input: z.object({}).strict(),
    access: SELLERS,
    summary: "This cinema's default base prices by hall type and time band, and the seat-kind and ticket-type factors.",
  }),
  'prices.saveDefault': operation<PriceSettings>()({
    input: z
      .object({
        /** Left out: a new band. */
        id: id.optional(),
        hallType: z.enum(HALL_TYPES, { message: 'enums:hallType' }),
        weekdayMask: z.number().int().min(1, { message: 'schema:statement.chooseWeekday' }).max(127, { message: 'schema:statement.weekdays' }),
        bandStart: clock(false),
        bandEnd: clock(true),
        basePrice: z.number().int().min(0).max(100_000_00),
      })
      .strict(),
    access: MANAGERS,
    summary: 'Adds or changes a default base price band; bands of one hall type may not overlap on a weekday.',
  }),
  'prices.removeDefault': operation<PriceSettings>()({
    input: z.object({ id }).strict(),
    access: MANAGERS,
    summary: 'Removes a default base price band (sessions keep their prices).',
  }),
  'prices.setFactors': operation<PriceSettings>()({
    input: z
      .object({
        seatKind: z.partialRecord(z.enum(SEAT_KINDS, { message: 'enums:seatKind' }), factor).default({}),
        ticketType: z.partialRecord(z.enum(TICKET_TYPES, { message: 'enums:ticketType' }), factor).default({}),
      })
      .strict(),
    access: MANAGERS,
    summary: 'Sets the price multipliers of seat kinds and ticket types (10000 = ×1).',
  }),
  'prices.setCard': operation<PriceSettings>()({
    input: z
      .object({
        priceDefaultId: id,
        cells: z
          .array(
            z
              .object({
                ticketType: z.enum(TICKET_TYPES, { message: 'enums:ticketType' }),
                seatKind: z.enum(['ANY', ...SEAT_KINDS], { message: 'enums:seatKind' }),
                price: z.number().int().min(0).max(100_000_00),
              })
              .strict(),
          )
          .max(TICKET_TYPES.length * (SEAT_KINDS.length + 1)),
      })
      .strict(),
    access: MANAGERS,
    summary: "Sets a price band's price card (rule 19): fixed prices per ticket type and seat kind; an empty list removes it.",
  }),
  'prices.preview': operation<PricePreview>()({
    input: z.object({ sessionId: id }).strict(),
    access: SELLERS,
    summary: "Every seat kind × ticket type price of a session, as the main process computes it at sale.",
  }),
};
