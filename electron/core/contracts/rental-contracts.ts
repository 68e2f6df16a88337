import type { Kysely, Transaction } from 'kysely';
import type { ContractSplit, RentalContractSummary } from '../../../shared/contract/contracts';
import type { ContractStatus, DealType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError, inWords } from '../errors';
import { readerLanguage } from '../reader-language';
import type { Language } from '../../../shared/i18n/languages';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { dateRangesOverlap, contractProblemWords, type ContractTerms } from './validate-contract';

type Db = Kysely<DB> | Transaction<DB>;

/** Contracts of a cinema with film, distributor and splits, newest start first. */
export async function listContracts(db: Db, cinemaId: string, filter: { filmId?: string; status?: ContractStatus; ids?: string[] } = {}): Promise<RentalContractSummary[]> {
  let q = db
    .selectFrom('rental_contracts as c')
    .innerJoin('films as f', 'f.id', 'c.film_id')
    .innerJoin('distributors as d', 'd.id', 'c.distributor_id')
    .where('c.cinema_id', '=', cinemaId)
    .select([
      'c.id',
      'c.start_date',
      'c.end_date',
      'c.deal_type',
      'c.minimum_guarantee',
      'c.house_allowance',
      'c.status',
      'f.id as film_id',
      'f.title',
      'd.id as distributor_id',
      'd.legal_name',
    ]);
  if (filter.filmId) q = q.where('c.film_id', '=', filter.filmId);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.ids) q = q.where('c.id', 'in', filter.ids.length ? filter.ids : ['']);
  const rows = await q.orderBy('c.start_date', 'desc').orderBy('f.title').execute();
  const splits = rows.length
    ? await db
        .selectFrom('contract_splits')
        .select(['contract_id', 'week_number', 'percent_bp'])
        .where(
          'contract_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('week_number')
        .execute()
    : [];
  const byContract = new Map<string, ContractSplit[]>();
  for (const s of splits) {
    const list = byContract.get(s.contract_id) ?? [];
    list.push({ week: s.week_number, percentBp: s.percent_bp });
    byContract.set(s.contract_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    film: { id: r.film_id, title: r.title },
    distributor: { id: r.distributor_id, legalName: r.legal_name },
    startDate: r.start_date,
    endDate: r.end_date,
    dealType: r.deal_type as DealType,
    minimumGuarantee: r.minimum_guarantee,
    houseAllowance: r.house_allowance,
    status: r.status as ContractStatus,
    splits: byContract.get(r.id) ?? [],
  }));
}

export async function requireContract(db: Db, cinemaId: string, contractId: string): Promise<RentalContractSummary> {
  const [contract] = await listContracts(db, cinemaId, { ids: [contractId] });
  if (!contract) throw new DomainError('NOT_FOUND', { key: 'refusals:contracts.rentalContractDoesNot' });
  return contract;
}

function refuseTerms(terms: ContractTerms, language: Language): void {
  const problems = contractProblemWords(terms);
  if (problems.length > 0) {
    const text = problems.map((w) => inWords(w, language)).join('; ');
    throw new DomainError('VALIDATION', { key: 'refusals:contracts.contractSaved', values: { text } }, { problems: problems.map((w) => inWords(w, 'en')) });
  }
}

async function requireFilm(db: Db, filmId: string) {
  const film = await db.selectFrom('films').select(['id', 'title', 'distributor_id', 'active']).where('id', '=', filmId).executeTakeFirst();
  if (!film) throw new DomainError('NOT_FOUND', { key: 'refusals:contracts.filmDoesNotExist' });
  return film;
}

async function requireDistributor(db: Db, distributorId: string | null | undefined, filmTitle: string) {
  if (!distributorId) throw new DomainError('VALIDATION', { key: 'refusals:contracts.noDistributorChooseDistributor', values: { filmTitle } });
  const d = await db.selectFrom('distributors').select(['id', 'legal_name', 'active']).where('id', '=', distributorId).executeTakeFirst();
  if (!d) throw new DomainError('NOT_FOUND', { key: 'refusals:contracts.distributorDoesNotExist' });
  return d;
}

async function writeSplits(trx: Transaction<DB>, ctx: RequestContext, contractId: string, splits: ContractTerms['splits']): Promise<void> {
  await trx.deleteFrom('contract_splits').where('contract_id', '=', contractId).execute();
  await trx
    .insertInto('contract_splits')
    .values(
      [...splits]
        .sort((a, b) => a.week - b.week)
        .map((s) => ({ id: newId(), contract_id: contractId, week_number: s.week, percent_bp: s.percentBp, created_at: ctx.clock.now().toISOString(), ...ctx.stamp() })),
    )
    .execute();
}

export interface ContractInput extends ContractTerms {
  distributorId?: string | undefined;
}

/** A new DRAFT contract for a film in this cinema (rule 2's terms checked; overlaps at activation). */
export async function createContract(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, input: ContractInput & { filmId: string }): Promise<RentalContractSummary> {
  refuseTerms(input, readerLanguage(ctx));
  const film = await requireFilm(trx, input.filmId);
  const distributor = await requireDistributor(trx, input.distributorId ?? film.distributor_id, film.title);
  const id = newId();
  await trx
    .insertInto('rental_contracts')
    .values({
      id,
      film_id: film.id,
      distributor_id: distributor.id,
      cinema_id: cinemaId,
      start_date: input.startDate,
      end_date: input.endDate,
      deal_type: input.dealType,
      minimum_guarantee: input.minimumGuarantee,
      house_allowance: input.houseAllowance,
      status: 'DRAFT',
      created_at: ctx.clock.now().toISOString(),
      ...ctx.stamp(),
    })
    .execute();
  await writeSplits(trx, ctx, id, input.splits);
  await recordAudit(trx, ctx, {
    action: 'contract.create',
    entity: 'rental_contract',
    entityId: id,
    details: { film: film.title, startDate: input.startDate, endDate: input.endDate, dealType: input.dealType, splits: input.splits },
  });
  return requireContract(trx, cinemaId, id);
}

/** New terms for a DRAFT contract; an ACTIVE or CLOSED one is settled against and can't change. */
export async function updateContract(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, contractId: string, input: ContractInput): Promise<RentalContractSummary> {
  const current = await requireContract(trx, cinemaId, contractId);
  if (current.status !== 'DRAFT') {
    throw new DomainError('CONFLICT', { key: 'refusals:contracts.contractOnlyDraftContract', values: { title: current.film.title, currentStatus: current.status } });
  }
  refuseTerms(input, readerLanguage(ctx));
  const distributor = input.distributorId ? await requireDistributor(trx, input.distributorId, current.film.title) : { id: current.distributor.id };
  await trx
    .updateTable('rental_contracts')
    .set({
      distributor_id: distributor.id,
      start_date: input.startDate,
      end_date: input.endDate,
      deal_type: input.dealType,
      minimum_guarantee: input.minimumGuarantee,
      house_allowance: input.houseAllowance,
      ...ctx.stamp(),
    })
    .where('id', '=', contractId)
    .execute();
  await writeSplits(trx, ctx, contractId, input.splits);
  await recordAudit(trx, ctx, {
    action: 'contract.update',
    entity: 'rental_contract',
    entityId: contractId,
    details: { film: current.film.title, startDate: input.startDate, endDate: input.endDate, dealType: input.dealType, splits: input.splits },
  });
  return requireContract(trx, cinemaId, contractId);
}

/** DRAFT → ACTIVE: the terms again, an active film and distributor, and no overlapping ACTIVE contract. */
export async function activateContract(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, contractId: string): Promise<RentalContractSummary> {
  const c = await requireContract(trx, cinemaId, contractId);
  if (c.status !== 'DRAFT') throw new DomainError('CONFLICT', { key: 'refusals:contracts.contractAlreadyOnlyDraft', values: { title: c.film.title, status: c.status } });
  refuseTerms({ ...c, splits: c.splits }, readerLanguage(ctx));
  const film = await requireFilm(trx, c.film.id);
  if (!film.active) throw new DomainError('CONFLICT', { key: 'refusals:contracts.deactivatedReactivateFilmBefore', values: { filmTitle: film.title } });
  const distributor = await requireDistributor(trx, c.distributor.id, film.title);
  if (!distributor.active) throw new DomainError('CONFLICT', { key: 'refusals:contracts.distributorDeactivatedReactivateBefore', values: { distributorLegalName: distributor.legal_name } });
  const others = await listContracts(trx, cinemaId, { filmId: c.film.id, status: 'ACTIVE' });
  const clash = others.find((o) => o.id !== c.id && dateRangesOverlap(o, c));
  if (clash) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:contracts.alreadyActiveContractCinema', values: { filmTitle: film.title, clashStartDate: clash.startDate, clashEndDate: clash.endDate, startDate: c.startDate, endDate: c.endDate } },
      { contractId: clash.id },
    );
  }
  await trx.updateTable('rental_contracts').set({ status: 'ACTIVE', ...ctx.stamp() }).where('id', '=', c.id).execute();
  await recordAudit(trx, ctx, { action: 'contract.activate', entity: 'rental_contract', entityId: c.id, details: { film: film.title, startDate: c.startDate, endDate: c.endDate } });
  return { ...c, status: 'ACTIVE' };
}

/** ACTIVE → CLOSED, unless sessions still to come lie inside it (rule 1 would break). */
export async function closeContract(trx: Transaction<DB>, ctx: RequestContext, cinemaId: string, contractId: string, businessDateOf: (instant: string) => string): Promise<RentalContractSummary> {
  const c = await requireContract(trx, cinemaId, contractId);
  if (c.status !== 'ACTIVE') throw new DomainError('CONFLICT', { key: 'refusals:contracts.contractOnlyActiveContract', values: { title: c.film.title, status: c.status } });
  const upcoming = await trx
    .selectFrom('sessions as s')
    .innerJoin('halls as h', 'h.id', 's.hall_id')
    .select(['s.starts_at'])
    .where('h.cinema_id', '=', cinemaId)
    .where('s.film_id', '=', c.film.id)
    .where('s.status', 'in', ['SCHEDULED', 'ON_SALE'])
    .where('s.starts_at', '>', ctx.clock.now().toISOString())
    .orderBy('s.starts_at')
    .execute();
  const inside = upcoming.filter((s) => {
    const d = businessDateOf(s.starts_at);
    return d >= c.startDate && d <= c.endDate;
  });
  if (inside.length > 0) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:contracts.sessionsDependOnContract', values: { count: inside.length, title: c.film.title, from: businessDateOf(inside[0]!.starts_at) } },
    );
  }
  await trx.updateTable('rental_contracts').set({ status: 'CLOSED', ...ctx.stamp() }).where('id', '=', c.id).execute();
  await recordAudit(trx, ctx, { action: 'contract.close', entity: 'rental_contract', entityId: c.id, details: { film: c.film.title } });
  return { ...c, status: 'CLOSED' };
}
