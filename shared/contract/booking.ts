import { z } from 'zod';
import type { HallType, SeatKind, SessionStatus } from '../enums';
import { operation } from './operation';
import { SELLERS } from './roles';
import { id, text } from './fields';

/** A seat's state on the cashier's map (rule 4): expired holds count as free. */
export type SeatState = 'FREE' | 'MINE' | 'HELD' | 'SOLD' | 'RESERVED';

export interface SeatMapSeat {
  id: string;
  row: string;
  number: number;
  x: number;
  y: number;
  kind: SeatKind;
  active: boolean;
  state: SeatState;
  /** When this terminal's hold ends (state MINE only). */
  expiresAt: string | null;
  /** A wheelchair place held back from general sale (rule 13): sellable with a companion seat. */
  heldBack: boolean;
}

export interface SeatMap {
  session: {
    id: string;
    startsAt: string;
    endsAt: string;
    status: SessionStatus;
    basePrice: number;
    format: string;
    film: { id: string; title: string; ageRating: string };
    hall: { id: string; name: string; type: HallType };
  };
  /** Sales close at this instant (start + the cinema's sales_close_minutes). */
  salesCloseAt: string;
  holdMinutes: number;
  /** The terminal's clock when the map was read. */
  now: string;
  seats: SeatMapSeat[];
  counts: { free: number; mine: number; held: number; sold: number; reserved: number };
}

export interface HoldResult {
  /** This terminal's seats held in the session after the call, with one common expiry. */
  seatIds: string[];
  expiresAt: string | null;
}

/** Rule 18: seats kept under a name and phone without payment, until `releaseAt`. */
export interface Reservation {
  id: string;
  code: string;
  customerName: string;
  phone: string;
  status: 'ACTIVE' | 'PICKED_UP' | 'CANCELLED';
  releaseAt: string;
  session: { id: string; startsAt: string; filmTitle: string; hallName: string };
  seats: { id: string; row: string; number: number }[];
}

const seatIds = z.array(id).min(1, { message: 'schema:statement.chooseSeat' }).max(50);

export const bookingOperations = {
  'booking.seatMap': operation<SeatMap>()({
    input: z.object({ sessionId: id }).strict(),
    access: SELLERS,
    summary: 'Every seat of a session with its state: free, held by this terminal, held by another terminal, sold.',
  }),
  'booking.hold': operation<HoldResult>()({
    input: z.object({ sessionId: id, seatIds }).strict(),
    access: SELLERS,
    summary: "Holds seats for this terminal (rule 4); re-holding extends every one of this terminal's holds in the session.",
  }),
  'booking.holdBest': operation<HoldResult & { picked: string[] }>()({
    input: z
      .object({
        sessionId: id,
        count: z.number().int().min(1, { message: 'schema:statement.atLeastOneSeat' }).max(20),
        /** The previous proposal's seats (this terminal's), given back in the same step. */
        instead: z.array(id).max(20).default([]),
      })
      .strict(),
    access: SELLERS,
    summary: 'Holds the best `count` adjacent free seats (centre, best rows, no lone seat left beside them, wheelchair places kept), in place of `instead`.',
  }),
  'reservations.create': operation<Reservation>()({
    input: z
      .object({
        sessionId: id,
        seatIds,
        customerName: text().min(2, { message: 'schema:statement.customerName' }).max(120),
        phone: text().regex(/^\+?[0-9 ()/-]{5,30}$/, { message: 'schema:statement.phoneNumber' }),
      })
      .strict(),
    access: SELLERS,
    summary: "Reserves seats this terminal holds for a customer without payment (rule 18); they stay taken until the cinema's release time before the start.",
  }),
  'reservations.find': operation<Reservation[]>()({
    input: z.object({ query: text().min(2, { message: 'schema:statement.searchLetters' }).max(60) }).strict(),
    access: SELLERS,
    summary: 'Live reservations of this cinema by code, phone or name (at most 20).',
  }),
  'reservations.pickUp': operation<HoldResult & { reservation: Reservation }>()({
    input: z.object({ reservationId: id }).strict(),
    access: SELLERS,
    summary: "Holds a live reservation's seats for this terminal so they are paid as a normal sale (with reservationId).",
  }),
  'reservations.cancel': operation<Reservation>()({
    input: z.object({ reservationId: id }).strict(),
    access: SELLERS,
    summary: 'Gives a live reservation’s seats back.',
  }),
  'booking.release': operation<HoldResult>()({
    input: z.object({ sessionId: id, seatIds: seatIds.optional() }).strict(),
    access: SELLERS,
    summary: "Releases this terminal's holds in a session (the given seats, or all of them).",
  }),
};
