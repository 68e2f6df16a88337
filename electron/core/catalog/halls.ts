import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import type { HallRemoved, HallSummary } from '../../../shared/contract/catalog';
import type { HallType } from '../../../shared/enums';
import type { DB, HallRow } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError, inWords } from '../errors';
import { readerLanguage } from '../reader-language';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from './require-cinema';
import { occupationsOverlap } from '../scheduling/overlap';

type Db = Kysely<DB> | Transaction<DB>;

export interface HallFields {
  name: string;
  type: HallType;
  cleaningMinutes: number;
}

/** A session still to come (or running): it holds its hall, film and seats. */
export const UPCOMING_STATUSES = ['SCHEDULED', 'ON_SALE'] as const;

/** The halls of the terminal's cinema with seat and session counts, active first, by name. */
export async function listHalls(db: Db, ctx: RequestContext, hallId?: string): Promise<HallSummary[]> {
  const cinema = await requireTerminalCinema(db, ctx);
  const now = ctx.clock.now().toISOString();
  let query = db
    .selectFrom('halls as h')
    .where('h.cinema_id', '=', cinema.id)
    .select((eb) => [
      'h.id',
      'h.name',
      'h.type',
      'h.cleaning_minutes',
      'h.active',
      eb.selectFrom('seats').select((e) => e.fn.countAll<number>().as('n')).whereRef('seats.hall_id', '=', 'h.id').where('seats.active', '=', 1).as('seats'),
      eb.selectFrom('sessions').select((e) => e.fn.countAll<number>().as('n')).whereRef('sessions.hall_id', '=', 'h.id').as('sessions'),
      eb
        .selectFrom('sessions')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('sessions.hall_id', '=', 'h.id')
        .where('sessions.status', 'in', UPCOMING_STATUSES)
        .where('sessions.ends_at', '>', now)
        .as('upcoming'),
    ])
    .orderBy('h.active', 'desc')
    .orderBy('h.name');
  if (hallId) query = query.where('h.id', '=', hallId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    cleaningMinutes: r.cleaning_minutes,
    active: r.active === 1,
    seats: Number(r.seats ?? 0),
    sessions: Number(r.sessions ?? 0),
    upcomingSessions: Number(r.upcoming ?? 0),
  }));
}

export async function hallSummary(db: Db, ctx: RequestContext, hallId: string): Promise<HallSummary> {
  const [hall] = await listHalls(db, ctx, hallId);
  if (!hall) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.hallDoesNotExist' });
  return hall;
}

/** A hall of the terminal's cinema, or NOT_FOUND (a hall of another cinema is not this terminal's to edit). */
export async function requireHall(db: Db, ctx: RequestContext, hallId: string): Promise<HallRow> {
  const cinema = await requireTerminalCinema(db, ctx);
  const hall = await db.selectFrom('halls').selectAll().where('id', '=', hallId).where('cinema_id', '=', cinema.id).executeTakeFirst();
  if (!hall) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.hallDoesNotExist' });
  return hall;
}

async function refuseTakenName(trx: Transaction<DB>, cinemaId: string, name: string, exceptId?: string): Promise<void> {
  const same = await trx
    .selectFrom('halls')
    .select(['id', 'name', 'active'])
    .where('cinema_id', '=', cinemaId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  if (same && same.id !== exceptId) {
    throw new DomainError(
      'CONFLICT',
      { key: same.active ? 'refusals:catalog.hallNameTaken' : 'refusals:catalog.hallNameTakenDeactivated', values: { name: same.name } },
      { field: 'name' },
    );
  }
}

export async function createHall(trx: Transaction<DB>, ctx: RequestContext, fields: HallFields): Promise<string> {
  const cinema = await requireTerminalCinema(trx, ctx);
  await refuseTakenName(trx, cinema.id, fields.name);
  const id = newId();
  await trx
    .insertInto('halls')
    .values({ id, cinema_id: cinema.id, name: fields.name, type: fields.type, cleaning_minutes: fields.cleaningMinutes, ...ctx.stamp() })
    .execute();
  await recordAudit(trx, ctx, { action: 'hall.create', entity: 'hall', entityId: id, details: { ...fields } });
  return id;
}

export async function updateHall(trx: Transaction<DB>, ctx: RequestContext, hallId: string, fields: HallFields): Promise<void> {
  const hall = await requireHall(trx, ctx, hallId);
  await refuseTakenName(trx, hall.cinema_id, fields.name, hall.id);
  if (fields.cleaningMinutes > hall.cleaning_minutes) await refuseCleaningOverlap(trx, ctx, hall, fields.cleaningMinutes);
  await trx
    .updateTable('halls')
    .set({ name: fields.name, type: fields.type, cleaning_minutes: fields.cleaningMinutes, ...ctx.stamp() })
    .where('id', '=', hall.id)
    .execute();
  await recordAudit(trx, ctx, {
    action: 'hall.update',
    entity: 'hall',
    entityId: hall.id,
    details: { before: { name: hall.name, type: hall.type, cleaningMinutes: hall.cleaning_minutes }, after: { ...fields } },
  });
}

/** Longer cleaning must still fit between the sessions already planned (rule 1 counts it). */
async function refuseCleaningOverlap(trx: Transaction<DB>, ctx: RequestContext, hall: HallRow, cleaningMinutes: number): Promise<void> {
  const planned = await trx
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .select(['s.starts_at', 's.ends_at', 'f.title'])
    .where('s.hall_id', '=', hall.id)
    .where('s.status', 'in', UPCOMING_STATUSES)
    .where('s.ends_at', '>', ctx.clock.now().toISOString())
    .orderBy('s.starts_at')
    .execute();
  const occupation = (s: (typeof planned)[number]) => ({ start: Date.parse(s.starts_at), end: Date.parse(s.ends_at), cleaningMinutes });
  for (let i = 1; i < planned.length; i++) {
    const before = planned[i - 1]!;
    const after = planned[i]!;
    if (!occupationsOverlap(occupation(before), occupation(after))) continue;
    const tz = (await requireTerminalCinema(trx, ctx)).timezone;
    const at = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    const gap = Math.round((Date.parse(after.starts_at) - Date.parse(before.ends_at)) / 60_000);
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:catalog.cleaningBecomeMinutesOnly', values: { hallName: hall.name, cleaningMinutes, beforeTitle: before.title, at: at(before.starts_at), afterTitle: after.title, at2: at(after.starts_at), gap } },
      { field: 'cleaningMinutes' },
    );
  }
}

/** The hall's sessions still to come, first one first, for refusals that name them. */
async function upcomingSessionsOf(trx: Transaction<DB>, ctx: RequestContext, hallId: string) {
  return trx
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .select(['s.starts_at', 'f.title'])
    .where('s.hall_id', '=', hallId)
    .where('s.status', 'in', UPCOMING_STATUSES)
    .where('s.ends_at', '>', ctx.clock.now().toISOString())
    .orderBy('s.starts_at')
    .execute();
}

async function refuseWithUpcoming(trx: Transaction<DB>, ctx: RequestContext, hall: HallRow, doing: Words): Promise<void> {
  const upcoming = await upcomingSessionsOf(trx, ctx, hall.id);
  if (upcoming.length === 0) return;
  const first = upcoming[0]!;
  const tz = (await requireTerminalCinema(trx, ctx)).timezone;
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(first.starts_at));
  throw new DomainError(
    'CONFLICT',
    { key: 'refusals:catalog.hallHasUpcoming', values: { hallName: hall.name, doing, count: upcoming.length, firstTitle: first.title, when } },
  );
}

export async function setHallActive(trx: Transaction<DB>, ctx: RequestContext, hallId: string, active: boolean): Promise<void> {
  const hall = await requireHall(trx, ctx, hallId);
  if (!active) await refuseWithUpcoming(trx, ctx, hall, { key: 'refusals:catalog.hallDoing.deactivated' });
  if ((hall.active === 1) === active) return;
  await trx.updateTable('halls').set({ active: active ? 1 : 0, ...ctx.stamp() }).where('id', '=', hall.id).execute();
  await recordAudit(trx, ctx, { action: active ? 'hall.activate' : 'hall.deactivate', entity: 'hall', entityId: hall.id, details: { name: hall.name } });
}

/** Deletes a hall that never had a session; a hall with history is deactivated instead (SPEC: never deleted). */
export async function removeHall(trx: Transaction<DB>, ctx: RequestContext, hallId: string): Promise<HallRemoved> {
  const hall = await requireHall(trx, ctx, hallId);
  const { n } = await trx
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hall_id', '=', hall.id)
    .executeTakeFirstOrThrow();
  const sessions = Number(n);
  if (sessions > 0) {
    await refuseWithUpcoming(trx, ctx, hall, { key: 'refusals:catalog.hallDoing.deletedOrDeactivated' });
    if (hall.active === 1) {
      await trx.updateTable('halls').set({ active: 0, ...ctx.stamp() }).where('id', '=', hall.id).execute();
      await recordAudit(trx, ctx, { action: 'hall.deactivate', entity: 'hall', entityId: hall.id, details: { name: hall.name, asked: 'delete', sessions } });
    }
    return {
      outcome: 'DEACTIVATED',
      message: inWords({ key: 'refusals:notices.hallDeactivated', values: { hall: hall.name, count: sessions } }, readerLanguage(ctx)),
    };
  }
  const { seats } = await trx
    .selectFrom('seats')
    .select((eb) => eb.fn.countAll<number>().as('seats'))
    .where('hall_id', '=', hall.id)
    .executeTakeFirstOrThrow();
  // Seats go first, one by one, so each deletion reaches the outbox through its own trigger.
  await trx.deleteFrom('seats').where('hall_id', '=', hall.id).execute();
  await trx.deleteFrom('halls').where('id', '=', hall.id).execute();
  await recordAudit(trx, ctx, { action: 'hall.delete', entity: 'hall', entityId: hall.id, details: { name: hall.name, seats: Number(seats) } });
  return { outcome: 'DELETED', message: inWords({ key: 'refusals:notices.hallDeleted', values: { hall: hall.name, count: Number(seats) } }, readerLanguage(ctx)) };
}
