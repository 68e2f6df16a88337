import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely, Transaction } from 'kysely';
import type { PreorderSummary } from '../../../shared/contract';
import type { PreorderStatus } from '../../../shared/enums';
import type { ConcessionPreorderRow, DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';

type Db = Kysely<DB> | Transaction<DB>;

const OPEN: PreorderStatus[] = ['PENDING', 'READY'];

function preorderQuery(db: Db) {
  return db
    .selectFrom('concession_preorders as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .leftJoin('sessions as s', 's.id', 'p.session_id')
    .leftJoin('films as f', 'f.id', 's.film_id')
    .leftJoin('halls as h', 'h.id', 's.hall_id')
    .select([
      'p.id',
      'p.pickup_code',
      'p.status',
      'p.created_at',
      'p.ready_at',
      'p.picked_up_at',
      'p.session_id',
      'o.number as order_number',
      's.starts_at',
      'f.title as film_title',
      'h.name as hall_name',
    ]);
}

type PreorderJoined = Awaited<ReturnType<ReturnType<typeof preorderQuery>['execute']>>[number];

async function withItems(db: Db, rows: PreorderJoined[]): Promise<PreorderSummary[]> {
  const ids = rows.map((r) => r.id);
  const lines = ids.length
    ? await db
        .selectFrom('order_concession_lines as l')
        .innerJoin('concession_items as i', 'i.id', 'l.item_id')
        .select(['l.preorder_id', 'i.name', 'l.quantity', 'l.refunded_quantity'])
        .where('l.preorder_id', 'in', ids)
        .orderBy('i.name')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    pickupCode: r.pickup_code,
    status: r.status,
    orderNumber: r.order_number,
    items: lines
      .filter((l) => l.preorder_id === r.id && l.quantity - l.refunded_quantity > 0)
      .map((l) => ({ name: l.name, quantity: l.quantity - l.refunded_quantity })),
    session:
      r.session_id && r.starts_at
        ? { id: r.session_id, startsAt: r.starts_at, filmTitle: r.film_title ?? '', hallName: r.hall_name ?? '' }
        : null,
    createdAt: r.created_at,
    readyAt: r.ready_at,
    pickedUpAt: r.picked_up_at,
  }));
}

/** Open preorders of the cinema: the soonest session first (no session last), then oldest first. */
export async function standQueue(db: Db, cinemaId: string): Promise<PreorderSummary[]> {
  const rows = await preorderQuery(db)
    .where('p.cinema_id', '=', cinemaId)
    .where('p.status', 'in', OPEN)
    .orderBy((eb) => eb.case().when('s.starts_at', 'is', null).then(1).else(0).end())
    .orderBy('s.starts_at')
    .orderBy('p.created_at')
    .execute();
  return withItems(db, rows);
}

/** A preorder by pickup code (already normalised): the open one, else the latest with that code. */
export async function findPreorder(db: Db, cinemaId: string, pickupCode: string): Promise<PreorderSummary> {
  const rows = await preorderQuery(db)
    .where('p.cinema_id', '=', cinemaId)
    .where('p.pickup_code', '=', pickupCode)
    .orderBy((eb) => eb.case().when('p.status', 'in', OPEN).then(0).else(1).end())
    .orderBy('p.created_at', 'desc')
    .limit(1)
    .execute();
  if (rows.length === 0) throw new DomainError('NOT_FOUND', { key: 'refusals:concessions.noPreorderPickupCode', values: { pickupCode } });
  return (await withItems(db, rows))[0]!;
}

async function preorderSummary(db: Db, id: string): Promise<PreorderSummary> {
  const rows = await preorderQuery(db).where('p.id', '=', id).execute();
  return (await withItems(db, rows))[0]!;
}

/** Why a preorder in `row.status` cannot become `target`, in the stand's words (null: it can). */
export function transitionProblemWords(
  row: Pick<ConcessionPreorderRow, 'pickup_code' | 'status' | 'picked_up_at'>,
  target: 'READY' | 'PICKED_UP',
  timeZone: string,
): Words | null {
  const code = row.pickup_code;
  if (row.status === 'CANCELLED') return { key: 'refusals:concessions.preorderCancelled', values: { code } };
  if (row.status === 'PICKED_UP') {
    return row.picked_up_at
      ? { key: 'refusals:concessions.preorderPickedUpAt', values: { code, at: { instant: row.picked_up_at, timeZone } } }
      : { key: 'refusals:concessions.preorderPickedUp', values: { code } };
  }
  if (target === 'READY' && row.status === 'READY') return { key: 'refusals:concessions.preorderAlreadyReady', values: { code } };
  if (target === 'PICKED_UP' && row.status === 'PENDING') return { key: 'refusals:concessions.preorderNotReady', values: { code } };
  return null;
}

const PAID_ORDER = ['PAID', 'PARTIALLY_REFUNDED'] as const;

/** PENDING → READY → PICKED_UP, nothing else; the update re-checks the status so two stands cannot both win. */
export async function movePreorder(
  trx: Transaction<DB>,
  ctx: RequestContext,
  cinema: { id: string; timezone: string },
  preorderId: string,
  target: 'READY' | 'PICKED_UP',
): Promise<PreorderSummary> {
  const row = await trx
    .selectFrom('concession_preorders as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .selectAll('p')
    .select('o.status as order_status')
    .where('p.id', '=', preorderId)
    .where('p.cinema_id', '=', cinema.id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:concessions.preorderDoesNotExist' });
  const problemWords = transitionProblemWords(row, target, cinema.timezone);
  if (problemWords) throw new DomainError('CONFLICT', problemWords, { status: row.status });
  if (!(PAID_ORDER as readonly string[]).includes(row.order_status)) {
    throw new DomainError('CONFLICT', { key: 'refusals:concessions.orderPreorderNotPaid', values: { pickupCode: row.pickup_code, status: row.order_status } });
  }
  const now = ctx.clock.now().toISOString();
  const from: PreorderStatus = target === 'READY' ? 'PENDING' : 'READY';
  const result = await trx
    .updateTable('concession_preorders')
    .set(target === 'READY' ? { status: 'READY', ready_at: now, ...ctx.stamp() } : { status: 'PICKED_UP', picked_up_at: now, ...ctx.stamp() })
    .where('id', '=', preorderId)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', { key: 'refusals:concessions.preorderJustChangedAnother', values: { pickupCode: row.pickup_code } });
  await recordAudit(trx, ctx, {
    action: target === 'READY' ? 'preorder.ready' : 'preorder.picked_up',
    entity: 'concession_preorder',
    entityId: preorderId,
    details: { pickupCode: row.pickup_code, from, to: target },
  });
  return preorderSummary(trx, preorderId);
}
