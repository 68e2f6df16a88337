import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import type { FilmSummary } from '../../../shared/contract/catalog';
import type { DB, FilmRow } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { contains, requireDistributor } from './distributors';
import { UPCOMING_STATUSES } from './halls';

type Db = Kysely<DB> | Transaction<DB>;

export interface FilmFields {
  title: string;
  durationMinutes: number;
  ageRating: string;
  genres: string[];
  releaseDate: string | null;
  distributorId: string | null;
}

function parseGenres(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

/** Films (the catalogue is shared by every cinema), active first, by title. */
export async function listFilms(
  db: Db,
  ctx: RequestContext,
  options: { search?: string | undefined; includeInactive?: boolean; filmId?: string } = {},
): Promise<FilmSummary[]> {
  const now = ctx.clock.now().toISOString();
  let query = db
    .selectFrom('films as f')
    .leftJoin('distributors as d', 'd.id', 'f.distributor_id')
    .selectAll('f')
    .select((eb) => [
      'd.legal_name as distributor_name',
      eb.selectFrom('sessions').select((e) => e.fn.countAll<number>().as('n')).whereRef('sessions.film_id', '=', 'f.id').as('session_count'),
      eb
        .selectFrom('sessions')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('sessions.film_id', '=', 'f.id')
        .where('sessions.status', 'in', UPCOMING_STATUSES)
        .where('sessions.ends_at', '>', now)
        .as('upcoming_count'),
    ])
    .orderBy('f.active', 'desc')
    .orderBy('f.title');
  if (options.filmId) query = query.where('f.id', '=', options.filmId);
  if (options.includeInactive === false) query = query.where('f.active', '=', 1);
  if (options.search) {
    const text = options.search;
    query = query.where((eb) => eb.or((['f.title', 'f.genres', 'd.legal_name'] as const).map((c) => contains(eb, c, text))));
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    durationMinutes: r.duration_minutes,
    ageRating: r.age_rating,
    genres: parseGenres(r.genres),
    releaseDate: r.release_date,
    distributor: r.distributor_id && r.distributor_name ? { id: r.distributor_id, legalName: r.distributor_name } : null,
    active: r.active === 1,
    sessions: Number(r.session_count ?? 0),
    upcomingSessions: Number(r.upcoming_count ?? 0),
  }));
}

export async function filmSummary(db: Db, ctx: RequestContext, filmId: string): Promise<FilmSummary> {
  const [film] = await listFilms(db, ctx, { filmId });
  if (!film) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.filmDoesNotExist' });
  return film;
}

async function requireFilm(db: Db, filmId: string): Promise<FilmRow> {
  const row = await db.selectFrom('films').selectAll().where('id', '=', filmId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.filmDoesNotExist' });
  return row;
}

/** A film's distributor must exist and, when newly chosen, still be active. */
async function checkDistributor(trx: Transaction<DB>, distributorId: string | null, current: string | null): Promise<void> {
  if (!distributorId) return;
  const d = await requireDistributor(trx, distributorId).catch(() => {
    throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.chosenDistributorDoesNot' }, { field: 'distributorId' });
  });
  if (d.active !== 1 && distributorId !== current) {
    throw new DomainError('VALIDATION', { key: 'refusals:catalog.deactivatedReactivateChooseAnother', values: { legalName: d.legal_name } }, { field: 'distributorId' });
  }
}

async function refuseDuplicate(trx: Transaction<DB>, f: FilmFields, exceptId?: string): Promise<void> {
  let q = trx
    .selectFrom('films')
    .select(['id', 'title', 'release_date'])
    .where((eb) => eb(eb.fn('lower', ['title']), '=', f.title.toLowerCase()));
  q = f.releaseDate === null ? q.where('release_date', 'is', null) : q.where('release_date', '=', f.releaseDate);
  const same = await q.executeTakeFirst();
  if (same && same.id !== exceptId) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:catalog.alreadyCatalogueEditFilm', values: { sameTitle: same.title, value: same.release_date ? ` released ${same.release_date}` : '' } },
      { field: 'title' },
    );
  }
}

function columnsOf(f: FilmFields) {
  return {
    title: f.title,
    duration_minutes: f.durationMinutes,
    age_rating: f.ageRating,
    genres: JSON.stringify(f.genres),
    release_date: f.releaseDate,
    distributor_id: f.distributorId,
  };
}

export async function createFilm(trx: Transaction<DB>, ctx: RequestContext, f: FilmFields): Promise<string> {
  await checkDistributor(trx, f.distributorId, null);
  await refuseDuplicate(trx, f);
  const id = newId();
  await trx
    .insertInto('films')
    .values({ id, ...columnsOf(f), ...ctx.stamp() })
    .execute();
  await recordAudit(trx, ctx, { action: 'film.create', entity: 'film', entityId: id, details: { ...f } });
  return id;
}

async function upcomingOf(trx: Transaction<DB>, ctx: RequestContext, filmId: string) {
  return trx
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select(['s.starts_at', 'h.name'])
    .where('s.film_id', '=', filmId)
    .where('s.status', 'in', UPCOMING_STATUSES)
    .where('s.ends_at', '>', ctx.clock.now().toISOString())
    .orderBy('s.starts_at')
    .execute();
}

function upcomingWords(count: number, first: { starts_at: string; name: string }): Words {
  const when = new Date(first.starts_at).toISOString().slice(0, 16).replace('T', ' ');
  return { key: 'refusals:catalog.upcomingSessions', values: { count, hall: first.name, when } };
}

export async function updateFilm(trx: Transaction<DB>, ctx: RequestContext, filmId: string, f: FilmFields): Promise<void> {
  const row = await requireFilm(trx, filmId);
  await checkDistributor(trx, f.distributorId, row.distributor_id);
  await refuseDuplicate(trx, f, row.id);
  if (f.durationMinutes !== row.duration_minutes) {
    // The schedule was checked for overlaps with the old length (rule 1).
    const upcoming = await upcomingOf(trx, ctx, row.id);
    if (upcoming.length > 0) {
      throw new DomainError(
        'CONFLICT',
        { key: 'refusals:catalog.durationStaysMinutesPlanned', values: { title: row.title, durationMinutes: row.duration_minutes, upcoming: upcomingWords(upcoming.length, upcoming[0]!) } },
        { field: 'durationMinutes' },
      );
    }
  }
  const before: FilmFields = {
    title: row.title,
    durationMinutes: row.duration_minutes,
    ageRating: row.age_rating,
    genres: parseGenres(row.genres),
    releaseDate: row.release_date,
    distributorId: row.distributor_id,
  };
  const changes = Object.fromEntries(
    (Object.keys(f) as (keyof FilmFields)[])
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(f[k]))
      .map((k) => [k, { before: before[k], after: f[k] }]),
  );
  if (Object.keys(changes).length === 0) return;
  await trx
    .updateTable('films')
    .set({ ...columnsOf(f), ...ctx.stamp() })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, ctx, { action: 'film.update', entity: 'film', entityId: row.id, details: changes });
}

export async function setFilmActive(trx: Transaction<DB>, ctx: RequestContext, filmId: string, active: boolean): Promise<void> {
  const row = await requireFilm(trx, filmId);
  if (!active) {
    const upcoming = await upcomingOf(trx, ctx, row.id);
    if (upcoming.length > 0) {
      throw new DomainError('CONFLICT', { key: 'refusals:catalog.staysActiveCancelThem', values: { title: row.title, upcoming: upcomingWords(upcoming.length, upcoming[0]!) } });
    }
  }
  if ((row.active === 1) === active) return;
  await trx.updateTable('films').set({ active: active ? 1 : 0, ...ctx.stamp() }).where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, { action: active ? 'film.activate' : 'film.deactivate', entity: 'film', entityId: row.id, details: { title: row.title } });
}
