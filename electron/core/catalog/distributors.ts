import type { ExpressionBuilder, Kysely, StringReference, Transaction } from 'kysely';
import type { DistributorSummary } from '../../../shared/contract/catalog';
import type { DB, DistributorRow } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';

type Db = Kysely<DB> | Transaction<DB>;

export type DistributorFields = Omit<DistributorSummary, 'id' | 'active' | 'films' | 'contracts'>;

/** A search condition: the text anywhere in the column, ignoring case (no wildcards, so `%` is a letter). */
export function contains<D, T extends keyof D>(eb: ExpressionBuilder<D, T>, column: StringReference<D, T>, text: string) {
  return eb(eb.fn<number>('instr', [eb.fn('lower', [eb.ref(column)]), eb.val(text.toLowerCase())]), '>', 0);
}

/** Distributors (the catalogue is shared by every cinema), active first, by name. */
export async function listDistributors(db: Db, search?: string, distributorId?: string): Promise<DistributorSummary[]> {
  let query = db
    .selectFrom('distributors as d')
    .selectAll('d')
    .select((eb) => [
      eb.selectFrom('films').select((e) => e.fn.countAll<number>().as('n')).whereRef('films.distributor_id', '=', 'd.id').as('film_count'),
      eb
        .selectFrom('rental_contracts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('rental_contracts.distributor_id', '=', 'd.id')
        .as('contract_count'),
    ])
    .orderBy('d.active', 'desc')
    .orderBy('d.legal_name');
  if (distributorId) query = query.where('d.id', '=', distributorId);
  if (search) {
    query = query.where((eb) => eb.or((['d.legal_name', 'd.tax_id', 'd.contact_name', 'd.email'] as const).map((c) => contains(eb, c, search))));
  }
  const rows = await query.execute();
  return rows.map((r) => toSummary(r, Number(r.film_count ?? 0), Number(r.contract_count ?? 0)));
}

function toSummary(r: DistributorRow, films: number, contracts: number): DistributorSummary {
  return {
    id: r.id,
    legalName: r.legal_name,
    taxId: r.tax_id ?? '',
    contactName: r.contact_name ?? '',
    email: r.email ?? '',
    phone: r.phone ?? '',
    address: r.address ?? '',
    bankName: r.bank_name ?? '',
    bankAccount: r.bank_account ?? '',
    bankCode: r.bank_code ?? '',
    active: r.active === 1,
    films,
    contracts,
  };
}

export async function distributorSummary(db: Db, distributorId: string): Promise<DistributorSummary> {
  const [d] = await listDistributors(db, undefined, distributorId);
  if (!d) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.distributorDoesNotExist' });
  return d;
}

const orNull = (s: string) => (s === '' ? null : s);

function columnsOf(f: DistributorFields) {
  return {
    legal_name: f.legalName,
    tax_id: orNull(f.taxId),
    contact_name: orNull(f.contactName),
    email: orNull(f.email),
    phone: orNull(f.phone),
    address: orNull(f.address),
    bank_name: orNull(f.bankName),
    bank_account: orNull(f.bankAccount),
    bank_code: orNull(f.bankCode),
  };
}

/** Two distributors with one legal name or one tax id would split one company's settlements. */
async function refuseDuplicate(trx: Transaction<DB>, f: DistributorFields, exceptId?: string): Promise<void> {
  const sameName = await trx
    .selectFrom('distributors')
    .select(['id', 'legal_name'])
    .where((eb) => eb(eb.fn('lower', ['legal_name']), '=', f.legalName.toLowerCase()))
    .executeTakeFirst();
  if (sameName && sameName.id !== exceptId) {
    throw new DomainError('CONFLICT', { key: 'refusals:catalog.alreadyDistributorCalled', values: { sameNameLegalName: sameName.legal_name } }, { field: 'legalName' });
  }
  if (f.taxId) {
    const sameTax = await trx
      .selectFrom('distributors')
      .select(['id', 'legal_name'])
      .where((eb) => eb(eb.fn('upper', [eb.fn('replace', ['tax_id', eb.val(' '), eb.val('')])]), '=', f.taxId.replace(/ /g, '').toUpperCase()))
      .executeTakeFirst();
    if (sameTax && sameTax.id !== exceptId) {
      throw new DomainError('CONFLICT', { key: 'refusals:catalog.taxIdAlreadyBelongs', values: { taxId: f.taxId, sameTaxLegalName: sameTax.legal_name } }, { field: 'taxId' });
    }
  }
}

export async function createDistributor(trx: Transaction<DB>, ctx: RequestContext, f: DistributorFields): Promise<string> {
  await refuseDuplicate(trx, f);
  const id = newId();
  await trx
    .insertInto('distributors')
    .values({ id, ...columnsOf(f), ...ctx.stamp() })
    .execute();
  await recordAudit(trx, ctx, { action: 'distributor.create', entity: 'distributor', entityId: id, details: { legalName: f.legalName, taxId: f.taxId } });
  return id;
}

export async function requireDistributor(db: Db, distributorId: string): Promise<DistributorRow> {
  const row = await db.selectFrom('distributors').selectAll().where('id', '=', distributorId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:catalog.distributorDoesNotExist' });
  return row;
}

export async function updateDistributor(trx: Transaction<DB>, ctx: RequestContext, distributorId: string, f: DistributorFields): Promise<void> {
  const row = await requireDistributor(trx, distributorId);
  await refuseDuplicate(trx, f, row.id);
  const before = toSummary(row, 0, 0);
  const changes = Object.fromEntries(
    (Object.keys(f) as (keyof DistributorFields)[]).filter((k) => before[k] !== f[k]).map((k) => [k, { before: before[k], after: f[k] }]),
  );
  if (Object.keys(changes).length === 0) return;
  await trx
    .updateTable('distributors')
    .set({ ...columnsOf(f), ...ctx.stamp() })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, ctx, { action: 'distributor.update', entity: 'distributor', entityId: row.id, details: changes });
}

export async function setDistributorActive(trx: Transaction<DB>, ctx: RequestContext, distributorId: string, active: boolean): Promise<void> {
  const row = await requireDistributor(trx, distributorId);
  if (!active) {
    const live = await trx
      .selectFrom('rental_contracts as c')
      .innerJoin('films as f', 'f.id', 'c.film_id')
      .select(['f.title'])
      .where('c.distributor_id', '=', row.id)
      .where('c.status', '=', 'ACTIVE')
      .orderBy('c.start_date')
      .execute();
    if (live.length > 0) {
      const titles = [...new Set(live.map((l) => `"${l.title}"`))];
      throw new DomainError(
        'CONFLICT',
        { key: 'refusals:catalog.distributorHasContracts', values: { legalName: row.legal_name, count: live.length, titles: `${titles.slice(0, 3).join(', ')}${titles.length > 3 ? ', …' : ''}` } },
      );
    }
  }
  if ((row.active === 1) === active) return;
  await trx.updateTable('distributors').set({ active: active ? 1 : 0, ...ctx.stamp() }).where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, {
    action: active ? 'distributor.activate' : 'distributor.deactivate',
    entity: 'distributor',
    entityId: row.id,
    details: { legalName: row.legal_name },
  });
}
