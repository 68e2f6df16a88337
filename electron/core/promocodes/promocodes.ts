import { sql, type Kysely, type Transaction } from 'kysely';
import type { PromocodeFilmOption, PromocodeSummary } from '../../../shared/contract';
import type { DB, PromocodeRow } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import type { PromocodeTerms, PromocodeUsage } from './check-promocode';

type Db = Kysely<DB> | Transaction<DB>;

/** Orders that count as a use: every status but refunded and cancelled (rule 7: a refund gives its use back). */
const NOT_USING = ['REFUNDED', 'CANCELLED'] as const;

export interface PromocodeFields {
  code: string;
  kind: PromocodeRow['kind'];
  value: number;
  validFrom: string | null;
  validTo: string | null;
  maxUses: number | null;
  perCustomerLimit: number | null;
  minOrder: number;
  appliesTo: PromocodeRow['applies_to'];
  filmIds: string[];
  active: boolean;
}

async function usesOf(db: Db, promocodeIds: string[]): Promise<Map<string, number>> {
  if (promocodeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orders')
    .select(['promocode_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('promocode_id', 'in', promocodeIds)
    .where('status', 'not in', NOT_USING)
    .groupBy('promocode_id')
    .execute();
  return new Map(rows.map((r) => [r.promocode_id!, Number(r.n)]));
}

async function filmsOf(db: Db, promocodeIds: string[]): Promise<Map<string, { id: string; title: string }[]>> {
  const out = new Map<string, { id: string; title: string }[]>();
  if (promocodeIds.length === 0) return out;
  const rows = await db
    .selectFrom('promocode_films')
    .innerJoin('films', 'films.id', 'promocode_films.film_id')
    .select(['promocode_films.promocode_id', 'films.id', 'films.title'])
    .where('promocode_films.promocode_id', 'in', promocodeIds)
    .orderBy('films.title')
    .execute();
  for (const r of rows) {
    const list = out.get(r.promocode_id) ?? [];
    list.push({ id: r.id, title: r.title });
    out.set(r.promocode_id, list);
  }
  return out;
}

async function summaries(db: Db, rows: PromocodeRow[], cinemaId: string): Promise<PromocodeSummary[]> {
  const ids = rows.map((r) => r.id);
  const [uses, films] = await Promise.all([usesOf(db, ids), filmsOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind,
    value: r.value,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxUses: r.max_uses,
    perCustomerLimit: r.per_customer_limit,
    minOrder: r.min_order,
    appliesTo: r.applies_to,
    films: films.get(r.id) ?? [],
    active: r.active === 1,
    uses: uses.get(r.id) ?? 0,
    editable: r.cinema_id === cinemaId,
  }));
}

/** The cinema's codes and the ones valid everywhere: active first, then by code. */
export async function listPromocodes(db: Db, cinemaId: string): Promise<PromocodeSummary[]> {
  const rows = await db
    .selectFrom('promocodes')
    .selectAll()
    .where((eb) => eb.or([eb('cinema_id', '=', cinemaId), eb('cinema_id', 'is', null)]))
    .orderBy('active', 'desc')
    .orderBy(sql`code COLLATE NOCASE`)
    .execute();
  return summaries(db, rows, cinemaId);
}

export async function promocodeFilmOptions(db: Db): Promise<PromocodeFilmOption[]> {
  const rows = await db.selectFrom('films').select(['id', 'title', 'active']).orderBy('active', 'desc').orderBy('title').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, active: r.active === 1 }));
}

async function requireEditable(trx: Transaction<DB>, promocodeId: string, cinemaId: string): Promise<PromocodeRow> {
  const row = await trx.selectFrom('promocodes').selectAll().where('id', '=', promocodeId).executeTakeFirst();
  if (!row || (row.cinema_id !== null && row.cinema_id !== cinemaId)) throw new DomainError('NOT_FOUND', { key: 'refusals:promocodes.promocodeDoesNotExist' });
  if (row.cinema_id === null) throw new DomainError('FORBIDDEN', { key: 'refusals:promocodes.promocodeValidEveryCinema', values: { code: row.code } });
  return row;
}

async function refuseTakenCode(trx: Transaction<DB>, code: string, exceptId: string | null): Promise<void> {
  const taken = await trx
    .selectFrom('promocodes')
    .select(['id', 'code'])
    .where(sql<boolean>`code = ${code} COLLATE NOCASE`)
    .executeTakeFirst();
  if (taken && taken.id !== exceptId) {
    throw new DomainError('CONFLICT', { key: 'refusals:promocodes.codeAlreadyExistsCodes', values: { takenCode: taken.code } }, {
      fields: { code: 'already exists' },
    });
  }
}

async function refuseUnknownFilms(trx: Transaction<DB>, filmIds: string[]): Promise<void> {
  if (filmIds.length === 0) return;
  const found = await trx.selectFrom('films').select('id').where('id', 'in', filmIds).execute();
  if (found.length !== filmIds.length) throw new DomainError('VALIDATION', { key: 'refusals:promocodes.oneChosenFilmsDoes' }, { fields: { filmIds: 'lists a film that does not exist' } });
}

/** Makes the code's film list exactly `filmIds` (rows added and removed, the rest untouched). */
async function writeFilms(trx: Transaction<DB>, ctx: RequestContext, promocodeId: string, filmIds: string[]): Promise<void> {
  const existing = await trx.selectFrom('promocode_films').select(['id', 'film_id']).where('promocode_id', '=', promocodeId).execute();
  const wanted = new Set(filmIds);
  const gone = existing.filter((r) => !wanted.has(r.film_id)).map((r) => r.id);
  if (gone.length) await trx.deleteFrom('promocode_films').where('id', 'in', gone).execute();
  const have = new Set(existing.map((r) => r.film_id));
  const added = filmIds.filter((f) => !have.has(f));
  if (added.length) {
    await trx
      .insertInto('promocode_films')
      .values(added.map((film_id) => ({ id: newId(), promocode_id: promocodeId, film_id, ...ctx.stamp() })))
      .execute();
  }
}

function columnsOf(f: PromocodeFields) {
  return {
    code: f.code,
    kind: f.kind,
    value: f.value,
    valid_from: f.validFrom,
    valid_to: f.validTo,
    max_uses: f.maxUses,
    per_customer_limit: f.perCustomerLimit,
    min_order: f.minOrder,
    applies_to: f.appliesTo,
    active: f.active ? 1 : 0,
  };
}

async function summaryOf(trx: Db, id: string, cinemaId: string): Promise<PromocodeSummary> {
  const row = await trx.selectFrom('promocodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await summaries(trx, [row], cinemaId))[0]!;
}

/** Codes are stored in capitals (the cashier may type any case; uniqueness ignores case anyway). */
const normalised = (f: PromocodeFields): PromocodeFields => ({ ...f, code: f.code.trim().toUpperCase() });

export async function createPromocode(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, fields: PromocodeFields): Promise<PromocodeSummary> {
  const f = normalised(fields);
  await refuseTakenCode(trx, f.code, null);
  await refuseUnknownFilms(trx, f.filmIds);
  const id = newId();
  await trx
    .insertInto('promocodes')
    .values({ id, cinema_id: cinemaId, ...columnsOf(f), created_at: ctx.clock.now().toISOString(), ...ctx.stamp() })
    .execute();
  await writeFilms(trx, ctx, id, f.filmIds);
  await recordAudit(trx, ctx, { action: 'promocode.create', entity: 'promocode', entityId: id, details: { ...f } });
  return summaryOf(trx, id, cinemaId);
}

export async function updatePromocode(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  promocodeId: string,
  fields: PromocodeFields,
): Promise<PromocodeSummary> {
  const f = normalised(fields);
  const before = await requireEditable(trx, promocodeId, cinemaId);
  await refuseTakenCode(trx, f.code, promocodeId);
  await refuseUnknownFilms(trx, f.filmIds);
  await trx.updateTable('promocodes').set({ ...columnsOf(f), ...ctx.stamp() }).where('id', '=', promocodeId).execute();
  await writeFilms(trx, ctx, promocodeId, f.filmIds);
  await recordAudit(trx, ctx, {
    action: 'promocode.update',
    entity: 'promocode',
    entityId: promocodeId,
    details: { before: toFields(before), after: { ...f } },
  });
  return summaryOf(trx, promocodeId, cinemaId);
}

export async function setPromocodeActive(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, promocodeId: string, active: boolean): Promise<PromocodeSummary> {
  const row = await requireEditable(trx, promocodeId, cinemaId);
  if ((row.active === 1) !== active) {
    await trx.updateTable('promocodes').set({ active: active ? 1 : 0, ...ctx.stamp() }).where('id', '=', promocodeId).execute();
    await recordAudit(trx, ctx, { action: active ? 'promocode.activate' : 'promocode.deactivate', entity: 'promocode', entityId: promocodeId, details: { code: row.code } });
  }
  return summaryOf(trx, promocodeId, cinemaId);
}

function toFields(r: PromocodeRow): Omit<PromocodeFields, 'filmIds'> {
  return {
    code: r.code,
    kind: r.kind,
    value: r.value,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxUses: r.max_uses,
    perCustomerLimit: r.per_customer_limit,
    minOrder: r.min_order,
    appliesTo: r.applies_to,
    active: r.active === 1,
  };
}

/**
 * For the sale: a code as the cashier typed it (any case), with its terms and how often it was
 * used — overall and by this customer — ready for `checkPromocode`. Unknown or other cinema's → NOT_FOUND.
 */
export async function loadPromocodeForOrder(
  db: Db,
  code: string,
  cinemaId: string,
  customerId: string | null,
): Promise<{ id: string; terms: PromocodeTerms; usage: PromocodeUsage }> {
  const row = await db
    .selectFrom('promocodes')
    .selectAll()
    .where(sql<boolean>`code = ${code.trim()} COLLATE NOCASE`)
    .where((eb) => eb.or([eb('cinema_id', '=', cinemaId), eb('cinema_id', 'is', null)]))
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:promocodes.noPromocodeCinemaCheck', values: { slice: code.trim().slice(0, 40) } });
  const films = await db.selectFrom('promocode_films').select('film_id').where('promocode_id', '=', row.id).execute();
  const uses = (await usesOf(db, [row.id])).get(row.id) ?? 0;
  let customerUses = 0;
  if (customerId) {
    const r = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('promocode_id', '=', row.id)
      .where('customer_id', '=', customerId)
      .where('status', 'not in', NOT_USING)
      .executeTakeFirstOrThrow();
    customerUses = Number(r.n);
  }
  return { id: row.id, terms: { ...toFields(row), filmIds: films.map((f) => f.film_id) }, usage: { uses, customerUses } };
}

/** An order's code by its id, with its terms (for re-applying it after a refund or exchange). */
export async function loadPromocodeTerms(db: Db, promocodeId: string): Promise<PromocodeTerms> {
  const row = await db.selectFrom('promocodes').selectAll().where('id', '=', promocodeId).executeTakeFirstOrThrow();
  const films = await db.selectFrom('promocode_films').select('film_id').where('promocode_id', '=', promocodeId).execute();
  return { ...toFields(row), filmIds: films.map((f) => f.film_id) };
}
