import type { Kysely, Transaction } from 'kysely';
import type { SeatKind, TicketType } from '../../../shared/enums';
import { applyBasisPoints } from '../../../shared/money';
import type { DB } from '../db/tables';
import { preparedQuery } from '../db/prepared-query';

/** Multipliers in basis points per seat kind and ticket type; a missing one counts as ×1. */
export interface PriceFactors {
  seatKind: Partial<Record<SeatKind, number>>;
  ticketType: Partial<Record<TicketType, number>>;
}

const NEUTRAL = 10_000;

/**
 * Rule 3: a ticket's price is the session's base price × the seat kind's factor × the ticket
 * type's factor, rounded half-up once. Only the main process calls this; the UI never sends a price.
 */
export function ticketPrice(basePrice: number, seatKind: SeatKind, ticketType: TicketType, factors: PriceFactors): number {
  return applyBasisPoints(basePrice, factors.seatKind[seatKind] ?? NEUTRAL, factors.ticketType[ticketType] ?? NEUTRAL);
}

const factorsOf = preparedQuery((db, p: { cinemaId: string }) => db.selectFrom('price_factors').select(['dimension', 'key', 'factor_bp']).where('cinema_id', '=', p.cinemaId));

export async function loadPriceFactors(db: Kysely<DB> | Transaction<DB>, cinemaId: string): Promise<PriceFactors> {
  const rows = await factorsOf.all(db, { cinemaId });
  const factors: PriceFactors = { seatKind: {}, ticketType: {} };
  for (const r of rows) {
    if (r.dimension === 'SEAT_KIND') factors.seatKind[r.key as SeatKind] = r.factor_bp;
    else factors.ticketType[r.key as TicketType] = r.factor_bp;
  }
  return factors;
}
