import { sql, type Kysely, type Transaction } from 'kysely';
import type { ConcessionItemSummary } from '../../../shared/contract';
import type { ConcessionItemRow, DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';

type Db = Kysely<DB> | Transaction<DB>;

export function toItemSummary(r: ConcessionItemRow): ConcessionItemSummary {
  return { id: r.id, name: r.name, category: r.category, price: r.price, vatBp: r.vat_bp, stock: r.stock, active: r.active === 1 };
}

export interface ItemFields {
  name: string;
  category: string;
  price: number;
  vatBp: number;
}

/** The cinema's items by category and name; the counter sees only the active ones. */
export async function listConcessionItems(db: Db, cinemaId: string, includeInactive: boolean): Promise<ConcessionItemSummary[]> {
  let q = db.selectFrom('concession_items').selectAll().where('cinema_id', '=', cinemaId);
  if (!includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy('active', 'desc').orderBy(sql`category COLLATE NOCASE`).orderBy(sql`name COLLATE NOCASE`).execute();
  return rows.map(toItemSummary);
}

async function requireItem(trx: Transaction<DB>, cinemaId: string, itemId: string): Promise<ConcessionItemRow> {
  const row = await trx.selectFrom('concession_items').selectAll().where('id', '=', itemId).where('cinema_id', '=', cinemaId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:concessions.concessionItemDoesNot' });
  return row;
}

/** Two active items with one name would confuse the counter. */
async function refuseDuplicateName(trx: Transaction<DB>, cinemaId: string, name: string, exceptId: string | null): Promise<void> {
  const same = await trx
    .selectFrom('concession_items')
    .select(['id', 'name'])
    .where('cinema_id', '=', cinemaId)
    .where('active', '=', 1)
    .where(sql<boolean>`name = ${name} COLLATE NOCASE`)
    .executeTakeFirst();
  if (same && same.id !== exceptId) {
    throw new DomainError('CONFLICT', { key: 'refusals:concessions.alreadyItemCalledGive', values: { sameName: same.name } });
  }
}

export async function createConcessionItem(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  f: ItemFields & { stock: number | null },
): Promise<ConcessionItemSummary> {
  await refuseDuplicateName(trx, cinemaId, f.name, null);
  const row: ConcessionItemRow = {
    id: newId(),
    cinema_id: cinemaId,
    name: f.name,
    category: f.category,
    price: f.price,
    vat_bp: f.vatBp,
    stock: f.stock,
    active: 1,
    created_at: ctx.clock.now().toISOString(),
    ...ctx.stamp(),
  };
  await trx.insertInto('concession_items').values(row).execute();
  await recordAudit(trx, ctx, { action: 'concession_item.create', entity: 'concession_item', entityId: row.id, details: { ...f } });
  return toItemSummary(row);
}

export async function updateConcessionItem(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  itemId: string,
  f: ItemFields & { trackStock: boolean },
): Promise<ConcessionItemSummary> {
  const before = await requireItem(trx, cinemaId, itemId);
  if (before.active === 1) await refuseDuplicateName(trx, cinemaId, f.name, itemId);
  // Counting starts at 0 (then a delivery is booked as an adjustment); stopping forgets the count.
  const stock = f.trackStock ? (before.stock ?? 0) : null;
  await trx
    .updateTable('concession_items')
    .set({ name: f.name, category: f.category, price: f.price, vat_bp: f.vatBp, stock, ...ctx.stamp() })
    .where('id', '=', itemId)
    .execute();
  await recordAudit(trx, ctx, {
    action: 'concession_item.update',
    entity: 'concession_item',
    entityId: itemId,
    details: { before: toItemSummary(before), after: { ...f, stock } },
  });
  return toItemSummary(await trx.selectFrom('concession_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow());
}

export async function setConcessionItemActive(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  itemId: string,
  active: boolean,
): Promise<ConcessionItemSummary> {
  const row = await requireItem(trx, cinemaId, itemId);
  if ((row.active === 1) === active) return toItemSummary(row);
  if (active) await refuseDuplicateName(trx, cinemaId, row.name, itemId);
  await trx.updateTable('concession_items').set({ active: active ? 1 : 0, ...ctx.stamp() }).where('id', '=', itemId).execute();
  await recordAudit(trx, ctx, {
    action: active ? 'concession_item.activate' : 'concession_item.deactivate',
    entity: 'concession_item',
    entityId: itemId,
    details: { name: row.name },
  });
  return { ...toItemSummary(row), active };
}

/** A delivery (+) or waste/breakage (−) on a counted item; the count never goes below zero. */
export async function adjustStock(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinemaId: string,
  itemId: string,
  change: number,
  reason: string,
): Promise<ConcessionItemSummary> {
  const row = await requireItem(trx, cinemaId, itemId);
  if (row.stock === null) {
    throw new DomainError('VALIDATION', { key: 'refusals:concessions.stockNotCountedTurn', values: { name: row.name } });
  }
  const after = row.stock + change;
  if (after < 0) {
    throw new DomainError('VALIDATION', { key: 'refusals:concessions.onlyStockTakenOut', values: { stock: row.stock, name: row.name, value: -change } }, {
      fields: { change: `at most ${row.stock} can be taken out` },
    });
  }
  if (after > 1_000_000) throw new DomainError('VALIDATION', { key: 'refusals:concessions.wouldMakeStockMore', values: { after, name: row.name } });
  // Relative update: a sale booking stock at the same moment is not overwritten.
  await trx
    .updateTable('concession_items')
    .set((eb) => ({ stock: eb('stock', '+', change), ...ctx.stamp() }))
    .where('id', '=', itemId)
    .execute();
  await recordAudit(trx, ctx, {
    action: 'concession_item.adjust_stock',
    entity: 'concession_item',
    entityId: itemId,
    details: { name: row.name, before: row.stock, change, after, reason },
  });
  return { ...toItemSummary(row), stock: after };
}
