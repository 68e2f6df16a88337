import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import { businessDateOf } from '../../../shared/business-day';
import type { HallType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { businessDayRuleOf, type CinemaRow } from '../catalog/require-cinema';
import { DomainError } from '../errors';
import { localClock, localDate, localDayAndClock } from './cinema-time';
import { firstConflict, freeAt, sessionEnd } from './overlap';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Longer than any session can be: films run at most 600 minutes (films.create) and ads at most
 * 90 (sessions.create), so an overlap search need not look further back than this.
 */
const LONGEST_SESSION_MS = 24 * 3_600_000;

export interface SessionPlan {
  filmId: string;
  hallId: string;
  /** ISO instant. */
  startsAt: string;
  adsMinutes: number;
  /** When moving: the session itself is not a conflict. */
  excludeSessionId?: string;
}

/** Lookups a batch (a day copy) may reuse between plans: films, halls and contracts don't change inside it. */
export interface PlanCache {
  films: Map<string, Awaited<ReturnType<typeof requireFilmForSession>>>;
  halls: Map<string, Awaited<ReturnType<typeof requireHallForSession>>>;
  contracts: Map<string, ContractDates[]>;
}

export function newPlanCache(): PlanCache {
  return { films: new Map(), halls: new Map(), contracts: new Map() };
}

interface ContractDates {
  start_date: string;
  end_date: string;
  status: string;
}

export interface CheckedPlan {
  film: { id: string; title: string; duration_minutes: number };
  hall: { id: string; name: string; type: HallType; cleaning_minutes: number };
  startsAt: string;
  endsAt: string;
  businessDate: string;
}

export async function requireFilmForSession(db: Db, filmId: string) {
  const film = await db.selectFrom('films').select(['id', 'title', 'duration_minutes', 'active']).where('id', '=', filmId).executeTakeFirst();
  if (!film) throw new DomainError('NOT_FOUND', { key: 'refusals:scheduling.filmDoesNotExist' });
  if (!film.active) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.deactivatedScheduled', values: { filmTitle: film.title } });
  return film;
}

export async function requireHallForSession(db: Db, cinemaId: string, hallId: string) {
  const hall = await db
    .selectFrom('halls')
    .select(['id', 'name', 'type', 'cleaning_minutes', 'active'])
    .where('id', '=', hallId)
    .where('cinema_id', '=', cinemaId)
    .executeTakeFirst();
  if (!hall) throw new DomainError('NOT_FOUND', { key: 'refusals:scheduling.hallDoesNotExist' });
  if (!hall.active) throw new DomainError('CONFLICT', { key: 'refusals:scheduling.deactivatedSessionsScheduled', values: { hallName: hall.name } });
  return { ...hall, type: hall.type as HallType };
}

/** Rule 1: an ACTIVE contract of this cinema for the film covers the session's business day. */
async function requireContractCover(db: Db, cinemaId: string, film: { id: string; title: string }, businessDate: string, cache?: PlanCache): Promise<void> {
  let contracts = cache?.contracts.get(film.id);
  if (!contracts) {
    contracts = await db
      .selectFrom('rental_contracts')
      .select(['start_date', 'end_date', 'status'])
      .where('film_id', '=', film.id)
      .where('cinema_id', '=', cinemaId)
      .orderBy('start_date')
      .execute();
    cache?.contracts.set(film.id, contracts);
  }
  const covers = (c: { start_date: string; end_date: string }) => c.start_date <= businessDate && businessDate <= c.end_date;
  if (contracts.some((c) => c.status === 'ACTIVE' && covers(c))) return;
  const draft = contracts.find((c) => c.status === 'DRAFT' && covers(c));
  const active = contracts.filter((c) => c.status === 'ACTIVE');
  let hint: Words = { key: 'refusals:scheduling.contractHintNone' };
  if (draft) hint = { key: 'refusals:scheduling.contractHintDraft', values: { from: draft.start_date, to: draft.end_date } };
  else if (active.length === 1) hint = { key: 'refusals:scheduling.contractHintActive', values: { from: active[0]!.start_date, to: active[0]!.end_date } };
  else if (active.length > 1) hint = { key: 'refusals:scheduling.contractHintActives', values: { runs: active.map((c) => `${c.start_date} – ${c.end_date}`).join(', ') } };
  throw new DomainError('CONFLICT', { key: 'refusals:scheduling.noActiveRentalContract', values: { filmTitle: film.title, businessDate, hint } });
}

/**
 * Rule 1 for a session about to be scheduled or moved: active film and hall of this cinema, a start
 * in the future, an ACTIVE contract on its business day, and a hall free from its start until its end
 * plus cleaning. Throws a DomainError naming what is wrong; returns the computed times otherwise.
 */
export async function checkSessionPlan(db: Db, ctx: RequestContext, cinema: CinemaRow, plan: SessionPlan, cache?: PlanCache): Promise<CheckedPlan> {
  const film = cache?.films.get(plan.filmId) ?? (await requireFilmForSession(db, plan.filmId));
  cache?.films.set(film.id, film);
  const hall = cache?.halls.get(plan.hallId) ?? (await requireHallForSession(db, cinema.id, plan.hallId));
  cache?.halls.set(hall.id, hall);
  const tz = cinema.timezone;
  const start = Date.parse(plan.startsAt);
  const now = ctx.clock.now().getTime();
  if (start <= now) {
    throw new DomainError(
      'VALIDATION',
      { key: 'refusals:scheduling.sessionStartPastAlready', values: { start: { instant: start, timeZone: tz }, now: { instant: now, timeZone: tz } } },
    );
  }
  const end = sessionEnd(start, plan.adsMinutes, film.duration_minutes);
  const startsAt = new Date(start).toISOString();
  const endsAt = new Date(end).toISOString();
  const businessDate = businessDateOf(startsAt, businessDayRuleOf(cinema));
  await requireContractCover(db, cinema.id, film, businessDate, cache);

  const cleaning = hall.cleaning_minutes * 60_000;
  let q = db
    .selectFrom('sessions as s')
    .innerJoin('films as f', 'f.id', 's.film_id')
    .select(['s.id', 's.starts_at', 's.ends_at', 'f.title'])
    .where('s.hall_id', '=', hall.id)
    .where('s.status', '<>', 'CANCELLED')
    .where('s.ends_at', '>', new Date(start - cleaning).toISOString())
    .where('s.starts_at', '<', new Date(end + cleaning).toISOString())
    // Only a bounded stretch of the hall's (hall_id, starts_at) index: no session can be longer.
    .where('s.starts_at', '>', new Date(start - cleaning - LONGEST_SESSION_MS).toISOString());
  if (plan.excludeSessionId) q = q.where('s.id', '<>', plan.excludeSessionId);
  const nearby = await q.execute();
  const candidate = { start, end, cleaningMinutes: hall.cleaning_minutes };
  const clash = firstConflict(
    candidate,
    nearby.map((s) => ({ ...s, start: Date.parse(s.starts_at), end: Date.parse(s.ends_at), cleaningMinutes: hall.cleaning_minutes })),
  );
  if (clash) {
    const sameDay = localDate(clash.start, tz) === localDate(start, tz);
    const when = (t: number) => (sameDay ? localClock(t, tz) : localDayAndClock(t, tz));
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:scheduling.busyThenCleaningUntil', values: { hallName: hall.name, clashTitle: clash.title, when: when(clash.start), at: { instant: clash.end, timeZone: tz }, at2: { instant: freeAt(clash), timeZone: tz }, when2: when(start), at3: { instant: end, timeZone: tz }, at4: { instant: freeAt(candidate), timeZone: tz } } },
      { conflictingSessionId: clash.id },
    );
  }
  return { film, hall, startsAt, endsAt, businessDate };
}
