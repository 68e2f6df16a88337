import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import type { CopyDayResult, SkippedCopy } from '../../../shared/contract/scheduling';
import { addBusinessDays, businessDateOf, businessDayRange } from '../../../shared/business-day';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { businessDayRuleOf, type CinemaRow } from '../catalog/require-cinema';
import { DomainError, isDomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { defaultBasePrice } from '../pricing/price-defaults';
import { daysBetween, localClock, localDate, localInstant, weekdayOf } from './cinema-time';
import { checkSessionPlan, newPlanCache } from './schedule-rules';

type Db = Kysely<DB> | Transaction<DB>;

export interface NewSession {
  filmId: string;
  hallId: string;
  startsAt: string;
  adsMinutes: number;
  basePrice?: number | undefined;
  format: string;
  language: string;
  subtitles: string | null;
}

async function requireSession(db: Db, cinemaId: string, sessionId: string) {
  const s = await db
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .select(['s.id', 's.film_id', 's.hall_id', 's.starts_at', 's.ends_at', 's.ads_minutes', 's.status', 's.base_price', 'f.title', 'h.name as hall_name'])
    .where('s.id', '=', sessionId)
    .where('h.cinema_id', '=', cinemaId)
    .executeTakeFirst();
  if (!s) throw new DomainError('NOT_FOUND', { key: 'refusals:scheduling.sessionDoesNotExist' });
  return s;
}
type SessionFacts = Awaited<ReturnType<typeof requireSession>>;

function describe(s: SessionFacts, tz: string): Words {
  return { key: 'refusals:scheduling.session', values: { title: s.title, at: { instant: s.starts_at, timeZone: tz }, hall: s.hall_name } };
}

async function soldTickets(db: Db, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'SOLD')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A session that is still ahead and not cancelled or closed; what may be changed about it. */
function requireChangeable(s: SessionFacts, ctx: RequestContext, tz: string, doing: Words): void {
  if (s.status === 'CANCELLED') throw new DomainError('CONFLICT', { key: 'refusals:scheduling.cancelled', values: { describe: describe(s, tz), doing } });
  if (s.status === 'CLOSED') throw new DomainError('CONFLICT', { key: 'refusals:scheduling.closed', values: { describe: describe(s, tz), doing } });
  if (Date.parse(s.starts_at) <= ctx.clock.now().getTime()) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.alreadyStarted', values: { describe: describe(s, tz), doing } });
}

const ticketsSold = (count: number): Words => ({ key: 'refusals:scheduling.ticketsSold', values: { count } });

/** The base price a new session gets when none is given: the hall type's band at its local start. */
async function basePriceFor(db: Db, cinema: CinemaRow, hallType: Parameters<typeof defaultBasePrice>[2], startsAt: string): Promise<number> {
  const businessDate = businessDateOf(startsAt, businessDayRuleOf(cinema));
  return defaultBasePrice(db, cinema, hallType, weekdayOf(businessDate), localClock(startsAt, cinema.timezone));
}

async function insertSession(trx: Transaction<DB>, ctx: RequestContext, row: { film_id: string; hall_id: string; starts_at: string; ends_at: string; ads_minutes: number; base_price: number; format: string; language: string; subtitles: string | null }): Promise<string> {
  const id = newId();
  await trx
    .insertInto('sessions')
    .values({ id, ...row, status: 'SCHEDULED', created_at: ctx.clock.now().toISOString(), ...ctx.stamp() })
    .execute();
  return id;
}

/** Schedules a new session (rule 1), SCHEDULED until it is put on sale. */
export async function scheduleSession(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, input: NewSession): Promise<string> {
  const plan = await checkSessionPlan(trx, ctx, cinema, input);
  const basePrice = input.basePrice ?? (await basePriceFor(trx, cinema, plan.hall.type, plan.startsAt));
  const id = await insertSession(trx, ctx, {
    film_id: plan.film.id,
    hall_id: plan.hall.id,
    starts_at: plan.startsAt,
    ends_at: plan.endsAt,
    ads_minutes: input.adsMinutes,
    base_price: basePrice,
    format: input.format,
    language: input.language,
    subtitles: input.subtitles,
  });
  await recordAudit(trx, ctx, {
    action: 'session.create',
    entity: 'session',
    entityId: id,
    details: { film: plan.film.title, hall: plan.hall.name, startsAt: plan.startsAt, endsAt: plan.endsAt, basePrice },
  });
  return id;
}

/** Moves a session to another start and/or hall with every check of scheduling it. */
export async function moveSession(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, input: { sessionId: string; startsAt?: string | undefined; hallId?: string | undefined }): Promise<void> {
  const s = await requireSession(trx, cinema.id, input.sessionId);
  requireChangeable(s, ctx, cinema.timezone, { key: 'refusals:scheduling.doing.moved' });
  const sold = await soldTickets(trx, s.id);
  if (sold > 0) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.refundExchangeThemBefore', values: { ticketsSold: ticketsSold(sold), describe: describe(s, cinema.timezone) } });
  const hallId = input.hallId ?? s.hall_id;
  if (hallId !== s.hall_id) {
    const held = await trx.selectFrom('seat_holds').select('id').where('session_id', '=', s.id).where('expires_at', '>', ctx.clock.now().toISOString()).executeTakeFirst();
    if (held) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.cashierHoldingSeatsRight', values: { describe: describe(s, cinema.timezone) } });
    await trx.deleteFrom('seat_holds').where('session_id', '=', s.id).execute();
  }
  const plan = await checkSessionPlan(trx, ctx, cinema, { filmId: s.film_id, hallId, startsAt: input.startsAt ?? s.starts_at, adsMinutes: s.ads_minutes, excludeSessionId: s.id });
  await trx.updateTable('sessions').set({ hall_id: plan.hall.id, starts_at: plan.startsAt, ends_at: plan.endsAt, ...ctx.stamp() }).where('id', '=', s.id).execute();
  await recordAudit(trx, ctx, {
    action: 'session.move',
    entity: 'session',
    entityId: s.id,
    details: { film: s.title, from: { hallId: s.hall_id, startsAt: s.starts_at }, to: { hallId: plan.hall.id, startsAt: plan.startsAt } },
  });
}

/** Cancels a session; refused while any ticket of it is sold (rule 1). */
export async function cancelSession(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, sessionId: string): Promise<void> {
  const s = await requireSession(trx, cinema.id, sessionId);
  if (s.status === 'CANCELLED') throw new DomainError('CONFLICT', { key: 'refusals:scheduling.alreadyCancelled', values: { describe: describe(s, cinema.timezone) } });
  if (s.status === 'CLOSED' || Date.parse(s.ends_at) <= ctx.clock.now().getTime()) {
    throw new DomainError('CONFLICT', { key: 'refusals:scheduling.overCancelled', values: { describe: describe(s, cinema.timezone) } });
  }
  const sold = await soldTickets(trx, s.id);
  if (sold > 0) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.refundThemFirstThen', values: { ticketsSold: ticketsSold(sold), describe: describe(s, cinema.timezone) } }, { ticketsSold: sold });
  await trx.deleteFrom('seat_holds').where('session_id', '=', s.id).execute();
  await trx.updateTable('sessions').set({ status: 'CANCELLED', ...ctx.stamp() }).where('id', '=', s.id).execute();
  await recordAudit(trx, ctx, { action: 'session.cancel', entity: 'session', entityId: s.id, details: { film: s.title, hall: s.hall_name, startsAt: s.starts_at } });
}

/** SCHEDULED → ON_SALE for each session, all or nothing. */
export async function putOnSale(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, sessionIds: readonly string[]): Promise<void> {
  const unique = [...new Set(sessionIds)];
  for (const id of unique) {
    const s = await requireSession(trx, cinema.id, id);
    if (s.status === 'ON_SALE') throw new DomainError('CONFLICT', { key: 'refusals:scheduling.alreadySale', values: { describe: describe(s, cinema.timezone) } });
    if (s.status !== 'SCHEDULED') throw new DomainError('CONFLICT', { key: 'refusals:scheduling.goSale', values: { describe: describe(s, cinema.timezone), status: { key: `refusals:scheduling.status.${s.status}` } } });
    const closesAt = Date.parse(s.starts_at) + cinema.sales_close_minutes * 60_000;
    if (closesAt <= ctx.clock.now().getTime()) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.salesClosedGoSale', values: { describe: describe(s, cinema.timezone) } });
  }
  await trx.updateTable('sessions').set({ status: 'ON_SALE', ...ctx.stamp() }).where('id', 'in', unique).execute();
  await recordAudit(trx, ctx, { action: 'session.put_on_sale', entity: 'session', entityId: unique.length === 1 ? unique[0]! : null, details: { sessionIds: unique } });
}

/** A new base price for a session still ahead; tickets already sold keep theirs. */
export async function setSessionBasePrice(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, sessionId: string, basePrice: number): Promise<void> {
  const s = await requireSession(trx, cinema.id, sessionId);
  requireChangeable(s, ctx, cinema.timezone, { key: 'refusals:scheduling.doing.repriced' });
  await trx.updateTable('sessions').set({ base_price: basePrice, ...ctx.stamp() }).where('id', '=', s.id).execute();
  await recordAudit(trx, ctx, { action: 'session.set_base_price', entity: 'session', entityId: s.id, details: { film: s.title, from: s.base_price, to: basePrice } });
}

/**
 * Copies a business day's sessions (not the cancelled ones) to other days at the same local
 * times, SCHEDULED, with the same ads, price and format. Each copy that breaks rule 1 is
 * skipped with the reason; the rest are created in the one transaction.
 */
export async function copyDay(trx: Transaction<DB>, ctx: RequestContext, cinema: CinemaRow, fromDate: string, toDates: readonly string[]): Promise<{ createdIds: string[]; skipped: SkippedCopy[] }> {
  const targets = [...new Set(toDates)].sort();
  if (targets.includes(fromDate)) throw new DomainError('VALIDATION', { key: 'refusals:scheduling.dayCopiedOntoItself', values: { fromDate } });
  const tz = cinema.timezone;
  const { from, to } = businessDayRange(fromDate, businessDayRuleOf(cinema));
  const sources = await trx
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .selectAll('s')
    .select(['f.title', 'h.name as hall_name'])
    .where('h.cinema_id', '=', cinema.id)
    .where('s.status', '<>', 'CANCELLED')
    .where('s.starts_at', '>=', from.toISOString())
    .where('s.starts_at', '<', to.toISOString())
    .orderBy('s.starts_at')
    .execute();
  if (sources.length === 0) throw new DomainError('VALIDATION', { key: 'refusals:scheduling.noSessionsCopy', values: { fromDate } });
  const createdIds: string[] = [];
  const skipped: SkippedCopy[] = [];
  const cache = newPlanCache();
  for (const date of targets) {
    const shift = daysBetween(fromDate, date);
    for (const s of sources) {
      const startsAt = localInstant(addBusinessDays(localDate(s.starts_at, tz), shift), localClock(s.starts_at, tz), tz).toISOString();
      try {
        const plan = await checkSessionPlan(trx, ctx, cinema, { filmId: s.film_id, hallId: s.hall_id, startsAt, adsMinutes: s.ads_minutes }, cache);
        createdIds.push(
          await insertSession(trx, ctx, {
            film_id: s.film_id,
            hall_id: s.hall_id,
            starts_at: plan.startsAt,
            ends_at: plan.endsAt,
            ads_minutes: s.ads_minutes,
            base_price: s.base_price,
            format: s.format,
            language: s.language,
            subtitles: s.subtitles,
          }),
        );
      } catch (e) {
        if (!isDomainError(e)) throw e;
        skipped.push({ date, filmTitle: s.title, hallName: s.hall_name, startsAt, reason: e.message });
      }
    }
  }
  await recordAudit(trx, ctx, {
    action: 'session.copy_day',
    entity: 'session',
    entityId: null,
    details: { fromDate, toDates: targets, created: createdIds.length, skipped: skipped.length },
  });
  return { createdIds, skipped };
}

export type { CopyDayResult };
