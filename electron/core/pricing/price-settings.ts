import type { Kysely, Transaction } from 'kysely';
import type { PricePreview, PriceSettings } from '../../../shared/contract/prices';
import { SEAT_KINDS, TICKET_TYPES, type SeatKind, type TicketType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import type { CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { bandsOverlap, weekdaysText, type PriceBand } from './price-defaults';
import { loadPriceFactors, ticketPrice } from './ticket-price';
import { cardPrice, priceCardForSession, priceCards } from './price-cards';

type Db = Kysely<DB> | Transaction<DB>;

const NEUTRAL = 10_000;

/** The cinema's price configuration: every default band and a factor for every seat kind and ticket type. */
export async function priceSettings(db: Db, cinema: CinemaRow): Promise<PriceSettings> {
  const rows = await db
    .selectFrom('price_defaults')
    .select(['id', 'hall_type', 'weekday_mask', 'band_start', 'band_end', 'base_price'])
    .where('cinema_id', '=', cinema.id)
    .where('active', '=', 1)
    .orderBy('hall_type')
    .orderBy('band_start')
    .execute();
  const factors = await loadPriceFactors(db, cinema.id);
  const kinds = await db
    .selectFrom('seats as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select(['h.type', 's.kind'])
    .distinct()
    .where('h.cinema_id', '=', cinema.id)
    .where('h.active', '=', 1)
    .where('s.active', '=', 1)
    .execute();
  const seatKindsByHallType: PriceSettings['seatKindsByHallType'] = {};
  for (const type of new Set(kinds.map((k) => k.type))) seatKindsByHallType[type] = SEAT_KINDS.filter((kind) => kinds.some((k) => k.type === type && k.kind === kind));
  return {
    currency: cinema.currency,
    cards: await priceCards(db, cinema.id),
    defaults: rows.map((r) => ({ id: r.id, hallType: r.hall_type, weekdayMask: r.weekday_mask, bandStart: r.band_start, bandEnd: r.band_end, basePrice: r.base_price })),
    seatKindFactors: Object.fromEntries(SEAT_KINDS.map((k) => [k, factors.seatKind[k] ?? NEUTRAL])) as Record<SeatKind, number>,
    ticketTypeFactors: Object.fromEntries(TICKET_TYPES.map((k) => [k, factors.ticketType[k] ?? NEUTRAL])) as Record<TicketType, number>,
    seatKindsByHallType,
  };
}

export interface DefaultInput extends PriceBand {
  id?: string | undefined;
  basePrice: number;
}

/** Adds or changes a default band; two bands of one hall type may not both price the same minute. */
export async function saveDefaultPrice(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, input: DefaultInput): Promise<void> {
  if (input.bandEnd <= input.bandStart) {
    throw new DomainError('VALIDATION', { key: 'refusals:pricing.bandEndAfterStarts', values: { bandStart: input.bandStart, bandEnd: input.bandEnd } });
  }
  const others = await trx
    .selectFrom('price_defaults')
    .select(['id', 'hall_type', 'weekday_mask', 'band_start', 'band_end', 'base_price'])
    .where('cinema_id', '=', cinema.id)
    .where('active', '=', 1)
    .execute();
  if (input.id && !others.some((o) => o.id === input.id)) throw new DomainError('NOT_FOUND', { key: 'refusals:pricing.priceBandDoesNot' });
  const clash = others.find(
    (o) => o.id !== input.id && bandsOverlap(input, { hallType: o.hall_type, weekdayMask: o.weekday_mask, bandStart: o.band_start, bandEnd: o.band_end }),
  );
  if (clash) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:pricing.bandOverlapsBandChange', values: { clashHallType: clash.hall_type, clashBandStart: clash.band_start, clashBandEnd: clash.band_end, weekdaysText: weekdaysText(clash.weekday_mask & input.weekdayMask), amount: { minor: clash.base_price, currency: cinema.currency } } },
    );
  }
  const values = { hall_type: input.hallType, weekday_mask: input.weekdayMask, band_start: input.bandStart, band_end: input.bandEnd, base_price: input.basePrice };
  const id = input.id ?? newId();
  if (input.id) await trx.updateTable('price_defaults').set({ ...values, ...ctx.stamp() }).where('id', '=', id).execute();
  else await trx.insertInto('price_defaults').values({ id, cinema_id: cinema.id, ...values, created_at: ctx.clock.now().toISOString(), ...ctx.stamp() }).execute();
  await recordAudit(trx, ctx, { action: input.id ? 'price_default.update' : 'price_default.create', entity: 'price_default', entityId: id, details: values });
}

export async function removeDefaultPrice(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, id: string): Promise<void> {
  const row = await trx.selectFrom('price_defaults').selectAll().where('id', '=', id).where('cinema_id', '=', cinema.id).where('active', '=', 1).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:pricing.priceBandDoesNot' });
  await trx.updateTable('price_defaults').set({ active: 0, ...ctx.stamp() }).where('id', '=', id).execute();
  await recordAudit(trx, ctx, {
    action: 'price_default.remove',
    entity: 'price_default',
    entityId: id,
    details: { hallType: row.hall_type, bandStart: row.band_start, bandEnd: row.band_end, basePrice: row.base_price },
  });
}

/** Upserts the given multipliers (the others stay as they are). */
export async function setPriceFactors(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinema: CinemaRow,
  input: { seatKind: Partial<Record<SeatKind, number>>; ticketType: Partial<Record<TicketType, number>> },
): Promise<void> {
  const changes = [
    ...Object.entries(input.seatKind).map(([key, bp]) => ({ dimension: 'SEAT_KIND' as const, key: key as SeatKind, bp: bp! })),
    ...Object.entries(input.ticketType).map(([key, bp]) => ({ dimension: 'TICKET_TYPE' as const, key: key as TicketType, bp: bp! })),
  ];
  if (changes.length === 0) throw new DomainError('VALIDATION', { key: 'refusals:pricing.nothingChangeGiveLeast' });
  for (const c of changes) {
    const existing = await trx
      .selectFrom('price_factors')
      .select('id')
      .where('cinema_id', '=', cinema.id)
      .where('dimension', '=', c.dimension)
      .where('key', '=', c.key)
      .executeTakeFirst();
    if (existing) await trx.updateTable('price_factors').set({ factor_bp: c.bp, ...ctx.stamp() }).where('id', '=', existing.id).execute();
    else
      await trx
        .insertInto('price_factors')
        .values({ id: newId(), cinema_id: cinema.id, dimension: c.dimension, key: c.key, factor_bp: c.bp, created_at: ctx.clock.now().toISOString(), ...ctx.stamp() })
        .execute();
  }
  await recordAudit(trx, ctx, { action: 'price_factors.set', entity: 'price_factor', entityId: null, details: { seatKind: input.seatKind, ticketType: input.ticketType } });
}

/** Every seat kind × ticket type price of a session, computed exactly as a sale will (rule 3). */
export async function pricePreview(db: Db, cinema: CinemaRow, sessionId: string): Promise<PricePreview> {
  const s = await db
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .select(['s.id', 's.starts_at', 's.base_price', 'h.id as hall_id', 'h.name as hall_name', 'h.type as hall_type', 'f.title'])
    .where('s.id', '=', sessionId)
    .where('h.cinema_id', '=', cinema.id)
    .executeTakeFirst();
  if (!s) throw new DomainError('NOT_FOUND', { key: 'refusals:pricing.sessionDoesNotExist' });
  const counts = await db
    .selectFrom('seats')
    .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
    .where('hall_id', '=', s.hall_id)
    .where('active', '=', 1)
    .groupBy('kind')
    .execute();
  const seatsOf = new Map(counts.map((c) => [c.kind as SeatKind, Number(c.n)]));
  const factors = await loadPriceFactors(db, cinema.id);
  const card = await priceCardForSession(db, cinema, s);
  const kinds = seatsOf.size > 0 ? SEAT_KINDS.filter((k) => seatsOf.has(k)) : [...SEAT_KINDS];
  return {
    sessionId: s.id,
    filmTitle: s.title,
    hallName: s.hall_name,
    startsAt: s.starts_at,
    basePrice: s.base_price,
    currency: cinema.currency,
    rows: kinds.map((seatKind) => ({
      seatKind,
      seats: seatsOf.get(seatKind) ?? 0,
      prices: Object.fromEntries(TICKET_TYPES.map((t) => [t, cardPrice(card, seatKind, t) ?? ticketPrice(s.base_price, seatKind, t, factors)])) as Record<TicketType, number>,
    })),
  };
}


