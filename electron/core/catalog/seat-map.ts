import { sql, type Kysely, type Transaction } from 'kysely';
import type { HallSeat, HallSeatMapSaved } from '../../../shared/contract/catalog';
import { seatMapProblems, seatName, type SeatPlace } from '../../../shared/seat-map';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { readerLanguage } from '../reader-language';
import { wordsIn } from '../../../shared/i18n/create-i18n';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireHall } from './halls';

type Db = Kysely<DB> | Transaction<DB>;

/** One seat as the editor asks it to be after the save: a place of the map, with its id when it exists already. */
export type SeatWanted = SeatPlace & { id?: string | undefined };

/** The hall's seats front to back, left to right, each with whether it has history and is in use now. */
export async function loadHallSeats(db: Db, ctx: RequestContext, hallId: string): Promise<HallSeat[]> {
  const now = ctx.clock.now().toISOString();
  const rows = await db
    .selectFrom('seats as s')
    .where('s.hall_id', '=', hallId)
    .select((eb) => [
      's.id',
      's.row_label',
      's.number',
      's.grid_x',
      's.grid_y',
      's.kind',
      's.active',
      eb.or([
        eb.exists(eb.selectFrom('tickets as t').select('t.id').whereRef('t.seat_id', '=', 's.id')),
        eb.exists(eb.selectFrom('seat_holds as h').select('h.id').whereRef('h.seat_id', '=', 's.id')),
      ]).as('has_history'),
      eb.or([
        eb.exists(
          eb
            .selectFrom('tickets as t')
            .innerJoin('sessions as x', 'x.id', 't.session_id')
            .select('t.id')
            .whereRef('t.seat_id', '=', 's.id')
            .where('t.status', '=', 'SOLD')
            .where('x.status', '<>', 'CANCELLED')
            .where('x.ends_at', '>', now),
        ),
        eb.exists(eb.selectFrom('seat_holds as h').select('h.id').whereRef('h.seat_id', '=', 's.id').where('h.expires_at', '>', now)),
      ]).as('in_use'),
    ])
    .orderBy('s.grid_y')
    .orderBy('s.grid_x')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    rowLabel: r.row_label,
    number: r.number,
    gridX: r.grid_x,
    gridY: r.grid_y,
    kind: r.kind,
    active: r.active === 1,
    hasHistory: Boolean(r.has_history),
    inUse: Boolean(r.in_use),
  }));
}

type Saved = Omit<HallSeatMapSaved, 'hall' | 'seats'>;

/**
 * Saves a hall's whole seat map in the caller's transaction. Seats left out are deleted, or kept
 * deactivated when they have tickets or holds (SPEC: a seat with history is never deleted). A seat
 * with a sold ticket for a session still to come, or a live hold, may not be removed, renamed or
 * moved. The result is refused as a whole when the map breaks a rule (rule 13, loveseat pairs,
 * unique names and places), naming the seats.
 */
export async function saveSeatMap(trx: Transaction<DB>, ctx: RequestContext, hallId: string, wanted: readonly SeatWanted[]): Promise<Saved> {
  const hall = await requireHall(trx, ctx, hallId);
  const existing = await loadHallSeats(trx, ctx, hall.id);
  const byId = new Map(existing.map((s) => [s.id, s]));

  const listed = new Set<string>();
  for (const w of wanted) {
    if (!w.id) continue;
    if (!byId.has(w.id)) throw new DomainError('VALIDATION', { key: 'refusals:catalog.seatNotSeatReload', values: { seatName: seatName(w), hallName: hall.name } });
    if (listed.has(w.id)) throw new DomainError('VALIDATION', { key: 'refusals:catalog.seatListedTwiceReload', values: { seatName: seatName(w) } });
    listed.add(w.id);
  }

  // A new seat named like a seat that was left out takes that seat's place in the records (same id),
  // so regenerating a layout keeps the history of "A5" with A5.
  const unlistedByName = new Map(existing.filter((s) => !listed.has(s.id)).map((s) => [seatName(s), s]));
  const plan = wanted.map((w) => {
    if (w.id) return { ...w, id: w.id };
    const reuse = unlistedByName.get(seatName(w));
    if (reuse) {
      unlistedByName.delete(seatName(w));
      listed.add(reuse.id);
      return { ...w, id: reuse.id };
    }
    return { ...w, id: undefined };
  });

  const removed = existing.filter((s) => !listed.has(s.id));
  const toDelete = removed.filter((s) => !s.hasHistory);
  const keptInactive = removed.filter((s) => s.hasHistory);

  // Seats in use by a sale to come stay exactly as they are printed on the ticket.
  const inUseProblems: string[] = [];
  for (const s of removed) if (s.inUse) inUseProblems.push(`${seatName(s)} cannot be removed`);
  for (const p of plan) {
    const before = p.id ? byId.get(p.id) : undefined;
    if (!before?.inUse) continue;
    if (before.rowLabel !== p.rowLabel || before.number !== p.number) inUseProblems.push(`${seatName(before)} cannot be renamed to ${seatName(p)}`);
    else if (before.gridX !== p.gridX || before.gridY !== p.gridY) inUseProblems.push(`${seatName(before)} cannot be moved`);
    else if (before.active && !p.active) inUseProblems.push(`${seatName(before)} cannot be removed`);
  }
  if (inUseProblems.length) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:catalog.seatsInUse', values: { seats: inUseProblems.join('; '), count: inUseProblems.length } },
    );
  }

  const final: SeatPlace[] = [...plan, ...keptInactive.map((s) => ({ ...s, active: false }))];
  const problems = seatMapProblems(final);
  if (problems.length) {
    throw new DomainError('VALIDATION', { key: 'refusals:catalog.seatMapNotSaved', values: { join: problems.slice(0, 6).join(' '), value: problems.length > 6 ? ` (and ${problems.length - 6} more)` : '' } }, {
      problems,
    });
  }

  // Write in a few set-based statements (the transaction holds the writer lock the counter needs):
  // deletions, then seats whose name or place changes move aside (names and places are unique,
  // and two seats may swap), then the final values, then the new seats.
  for (const ids of chunks(toDelete.map((s) => s.id))) await trx.deleteFrom('seats').where('id', 'in', ids).execute();
  const changed = plan.filter((p): p is SeatWanted & { id: string } => {
    if (!p.id) return false;
    const b = byId.get(p.id)!;
    return b.rowLabel !== p.rowLabel || b.number !== p.number || b.gridX !== p.gridX || b.gridY !== p.gridY || b.kind !== p.kind || b.active !== p.active;
  });
  const moving = changed.filter((p) => {
    const b = byId.get(p.id)!;
    return b.rowLabel !== p.rowLabel || b.number !== p.number || b.gridX !== p.gridX || b.gridY !== p.gridY;
  });
  for (const ids of chunks(moving.map((p) => p.id))) {
    await trx
      .updateTable('seats')
      .set((eb) => ({ row_label: sql<string>`'~' || ${eb.ref('id')}`, grid_x: sql<number>`${eb.ref('grid_x')} + ${MOVE_ASIDE}` }))
      .where('id', 'in', ids)
      .execute();
  }
  const finalRows = [
    ...changed.map((p) => ({ ...p, active: p.active })),
    ...keptInactive.filter((s) => s.active).map((s) => ({ ...s, active: false })),
  ];
  for (const rows of chunks(finalRows)) {
    const values = sql.join(
      rows.map((p) => {
        const st = ctx.stamp();
        return sql`(${p.id}, ${p.rowLabel}, ${p.number}, ${p.gridX}, ${p.gridY}, ${p.kind}, ${p.active ? 1 : 0}, ${st.updated_at}, ${st.origin})`;
      }),
    );
    await sql`WITH v (id, row_label, number, grid_x, grid_y, kind, active, updated_at, origin) AS (VALUES ${values})
      UPDATE seats SET row_label = v.row_label, number = v.number, grid_x = v.grid_x, grid_y = v.grid_y, kind = v.kind,
        active = v.active, updated_at = v.updated_at, origin = v.origin
      FROM v WHERE seats.id = v.id`.execute(trx);
  }
  const created = plan.filter((p) => !p.id);
  for (const rows of chunks(created)) {
    await trx
      .insertInto('seats')
      .values(
        rows.map((p) => ({
          id: newId(),
          hall_id: hall.id,
          row_label: p.rowLabel,
          number: p.number,
          grid_x: p.gridX,
          grid_y: p.gridY,
          kind: p.kind,
          active: p.active ? 1 : 0,
          ...ctx.stamp(),
        })),
      )
      .execute();
  }

  const deactivated = [
    ...keptInactive.filter((s) => s.active).map(seatName),
    ...changed.filter((p) => byId.get(p.id)!.active && byId.get(p.id)!.hasHistory && !p.active).map(seatName),
  ];
  const t = wordsIn(readerLanguage(ctx));
  const parts: string[] = [];
  if (created.length) parts.push(t('refusals:notices.seatsAdded', { count: created.length }));
  if (changed.length) parts.push(t('refusals:notices.seatsChanged', { count: changed.length }));
  if (toDelete.length) parts.push(t('refusals:notices.seatsDeleted', { count: toDelete.length }));
  let message = parts.length ? t('refusals:notices.seatMapSaved', { hall: hall.name, parts: parts.join(', ') }) : t('refusals:notices.seatMapUnchanged', { hall: hall.name });
  if (deactivated.length) {
    const names = deactivated.length <= 8 ? deactivated.join(', ') : t('refusals:notices.namesAndMore', { names: deactivated.slice(0, 8).join(', '), count: deactivated.length - 8 });
    message += ` ${t('refusals:notices.seatsDeactivated', { names, count: deactivated.length })}`;
  }
  await recordAudit(trx, ctx, {
    action: 'seatmap.save',
    entity: 'hall',
    entityId: hall.id,
    details: { hall: hall.name, added: created.length, changed: changed.length, deleted: toDelete.map((s) => seatName(s)), deactivated },
  });
  return { created: created.length, updated: changed.length, deleted: toDelete.length, deactivated, message };
}

/** Seats moved aside during a save sit this far right of the map for a moment (grid_x is unique per line). */
const MOVE_ASIDE = 1_000_000;

/** Rows per statement: well under SQLite's limit on bound parameters. */
function chunks<T>(items: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
