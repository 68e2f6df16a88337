import type { Handlers } from '../api';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { programmeSessions } from './programme-day';
import { cancelSession, copyDay, moveSession, putOnSale, scheduleSession, setSessionBasePrice } from './sessions';

type SchedulingHandlers = Pick<
  Handlers,
  'scheduling.options' | 'sessions.create' | 'sessions.move' | 'sessions.cancel' | 'sessions.putOnSale' | 'sessions.setBasePrice' | 'sessions.copyDay'
>;

async function one(db: Parameters<typeof programmeSessions>[0], cinemaId: string, id: string, now: Date) {
  const [session] = await programmeSessions(db, cinemaId, [id], now);
  if (!session) throw new DomainError('NOT_FOUND', { key: 'refusals:scheduling.sessionDoesNotExist2' });
  return session;
}

export const schedulingHandlers: SchedulingHandlers = {
  'scheduling.options': async (ctx) => {
    const cinema = await requireTerminalCinema(ctx.db, ctx);
    const [films, halls, distributors] = await Promise.all([
      ctx.db.selectFrom('films').select(['id', 'title', 'duration_minutes', 'age_rating', 'distributor_id']).where('active', '=', 1).orderBy('title').execute(),
      ctx.db.selectFrom('halls').select(['id', 'name', 'type', 'cleaning_minutes']).where('cinema_id', '=', cinema.id).where('active', '=', 1).orderBy('name').execute(),
      ctx.db.selectFrom('distributors').select(['id', 'legal_name']).where('active', '=', 1).orderBy('legal_name').execute(),
    ]);
    return {
      films: films.map((f) => ({ id: f.id, title: f.title, durationMinutes: f.duration_minutes, ageRating: f.age_rating, distributorId: f.distributor_id })),
      halls: halls
        .map((h) => ({ id: h.id, name: h.name, type: h.type, cleaningMinutes: h.cleaning_minutes }))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
      distributors: distributors.map((d) => ({ id: d.id, legalName: d.legal_name })),
      businessDayStart: cinema.business_day_start,
    };
  },

  'sessions.create': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      return one(trx, cinema.id, await scheduleSession(trx, ctx, cinema, input), ctx.clock.now());
    }),

  'sessions.move': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await moveSession(trx, ctx, cinema, input);
      return one(trx, cinema.id, input.sessionId, ctx.clock.now());
    }),

  'sessions.cancel': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await cancelSession(trx, ctx, cinema, input.sessionId);
      return one(trx, cinema.id, input.sessionId, ctx.clock.now());
    }),

  'sessions.putOnSale': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await putOnSale(trx, ctx, cinema, input.sessionIds);
      return programmeSessions(trx, cinema.id, input.sessionIds, ctx.clock.now());
    }),

  'sessions.setBasePrice': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      await setSessionBasePrice(trx, ctx, cinema, input.sessionId, input.basePrice);
      return one(trx, cinema.id, input.sessionId, ctx.clock.now());
    }),

  'sessions.copyDay': async (ctx, input) =>
    ctx.db.transaction().execute(async (trx) => {
      const cinema = await requireTerminalCinema(trx, ctx);
      const { createdIds, skipped } = await copyDay(trx, ctx, cinema, input.fromDate, input.toDates);
      return { created: await programmeSessions(trx, cinema.id, createdIds, ctx.clock.now()), skipped };
    }),
};
