import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import type { PriceCardCell } from '../../../shared/contract/prices';
import type { SeatKind, TicketType } from '../../../shared/enums';
import { businessDateOf } from '../../../shared/business-day';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { businessDayRuleOf, type CinemaRow } from '../catalog/require-cinema';
import { localClock, weekdayOf } from '../scheduling/cinema-time';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { preparedQuery } from '../db/prepared-query';
import { recordAudit } from '../audit/record-audit';

type Db = Kysely<DB> | Transaction<DB>;

/** A band's fixed prices: `${ticketType}:${seatKind | 'ANY'}` → price in minor units. */
export type PriceCard = ReadonlyMap<string, number>;

/**
 * Rule 19: the card's price of a ticket — the cell of its ticket type and seat kind, else its
 * ticket type's 'ANY' cell; null when the card has neither (the ticket is priced by factors, rule 3).
 */
export function cardPrice(card: PriceCard | null, seatKind: SeatKind, ticketType: TicketType): number | null {
  if (!card) return null;
  return card.get(`${ticketType}:${seatKind}`) ?? card.get(`${ticketType}:ANY`) ?? null;
}

/** The newest cell per (ticket type, seat kind): two terminals may have written one cell offline. */
function cardOf(rows: readonly { ticket_type: string; seat_kind: string; price: number; updated_at: string }[]): Map<string, number> {
  const newest = new Map<string, { price: number; at: string }>();
  for (const r of rows) {
    const key = `${r.ticket_type}:${r.seat_kind}`;
    const seen = newest.get(key);
    if (!seen || r.updated_at > seen.at) newest.set(key, { price: r.price, at: r.updated_at });
  }
  return new Map([...newest].map(([k, v]) => [k, v.price]));
}

// Every ticket sale and quote prices by these (db/prepared-query.ts: compiled once).
const activeCardsOf = preparedQuery((db, p: { cinemaId: string; hallType: string }) =>
  db
    .selectFrom('price_cards as c')
    .innerJoin('price_defaults as d', 'd.id', 'c.price_default_id')
    .select(['c.price_default_id', 'c.ticket_type', 'c.seat_kind', 'c.price', 'c.updated_at', 'd.weekday_mask', 'd.band_start', 'd.band_end'])
    .where('c.cinema_id', '=', p.cinemaId)
    .where('d.hall_type', '=', p.hallType as never)
    .where('d.active', '=', 1),
);

/**
 * The price card of the session's default band (hall type, the business day's weekday, the local
 * start time — as the session's default base price was found), or null. One indexed query when
 * the cinema has no card for the hall type; the local time is worked out only when it has one.
 */
export async function priceCardForSession(db: Db, cinema: CinemaRow, session: { starts_at: string; hall_type: string }): Promise<PriceCard | null> {
  const rows = await activeCardsOf.all(db, { cinemaId: cinema.id, hallType: session.hall_type });
  if (rows.length === 0) return null;
  const weekday = weekdayOf(businessDateOf(session.starts_at, businessDayRuleOf(cinema)));
  const time = localClock(session.starts_at, cinema.timezone);
  const band = rows
    .filter((r) => r.weekday_mask & (1 << weekday) && r.band_start <= time && time < r.band_end)
    .sort((x, y) => (y.band_start < x.band_start ? -1 : 1))[0];
  return band ? cardOf(rows.filter((r) => r.price_default_id === band.price_default_id)) : null;
}

/** Every band's card as cells, for the Prices screen. */
export async function priceCards(db: Db, cinemaId: string): Promise<Record<string, PriceCardCell[]>> {
  const rows = await db.selectFrom('price_cards').select(['price_default_id', 'ticket_type', 'seat_kind', 'price', 'updated_at']).where('cinema_id', '=', cinemaId).execute();
  const byBand = new Map<string, typeof rows>();
  for (const r of rows) byBand.set(r.price_default_id, [...(byBand.get(r.price_default_id) ?? []), r]);
  return Object.fromEntries(
    [...byBand].map(([band, list]) => [
      band,
      [...cardOf(list)].map(([key, price]) => {
        const [ticketType, seatKind] = key.split(':') as [TicketType, SeatKind | 'ANY'];
        return { ticketType, seatKind, price };
      }),
    ]),
  );
}

/** Replaces a band's card with the given cells (an empty list removes the card). */
export async function setPriceCard(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, input: { priceDefaultId: string; cells: readonly PriceCardCell[] }): Promise<void> {
  const band = await trx.selectFrom('price_defaults').select(['id', 'hall_type', 'band_start', 'band_end']).where('id', '=', input.priceDefaultId).where('cinema_id', '=', cinema.id).where('active', '=', 1).executeTakeFirst();
  if (!band) throw new DomainError('NOT_FOUND', { key: 'refusals:pricing.priceBandDoesNot' });
  const seen = new Set<string>();
  for (const c of input.cells) {
    const key = `${c.ticketType}:${c.seatKind}`;
    if (seen.has(key)) {
      const seat: Words = c.seatKind === 'ANY' ? { key: 'refusals:pricing.anySeat' } : { key: `enums:seatKind.${c.seatKind}` };
      throw new DomainError('VALIDATION', { key: 'refusals:pricing.cardTwoPricesTickets', values: { ticketType: { key: `enums:ticketType.${c.ticketType}` }, seat } });
    }
    seen.add(key);
  }
  await trx.deleteFrom('price_cards').where('price_default_id', '=', band.id).execute();
  const now = ctx.clock.now().toISOString();
  if (input.cells.length > 0) {
    await trx
      .insertInto('price_cards')
      .values(input.cells.map((c) => ({ id: newId(), cinema_id: cinema.id, price_default_id: band.id, ticket_type: c.ticketType, seat_kind: c.seatKind, price: c.price, created_at: now, ...ctx.stamp() })))
      .execute();
  }
  await recordAudit(trx, ctx, { action: 'price_card.set', entity: 'price_default', entityId: band.id, details: { hallType: band.hall_type, band: `${band.band_start}–${band.band_end}`, cells: input.cells } });
}
