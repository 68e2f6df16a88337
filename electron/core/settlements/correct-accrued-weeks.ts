import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { percentOf, vatIncluded } from '../../../shared/money';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { recordAudit } from '../audit/record-audit';
import { readMeta, writeMeta } from '../terminal/identity';
import { cinemaRule, contractWeeks, type ContractTerms } from './contract-weeks';
import { settleWeek, type WeekSettlementInput } from './settle-week';

/** What the adjustment says to the manager and the distributor. */
export const ROUNDED_ONCE_REASON = 'Correction: the week’s share is rounded once (the net of VAT had been rounded first)';

/**
 * What versions before the fix wrote: the net rounded to the minor unit, then each term rounded
 * again. Kept only to recognise an accrual that was written that way.
 */
export function dueRoundedTwice(w: WeekSettlementInput): number {
  const net = w.gross - w.discounts - vatIncluded(w.gross - w.discounts, w.vatBp);
  const terms = [percentOf(net, w.percentBp)];
  if (w.minimumGuarantee) terms.push(Number((BigInt(w.minimumGuarantee * w.days) * 2n + 7n) / 14n));
  if (w.dealType === 'NINETY_TEN' && net > (w.houseAllowance ?? 0)) terms.push(percentOf(net - (w.houseAllowance ?? 0), 9000));
  return Math.max(...terms);
}

/**
 * The adjustment's id follows from the accrual's (its time part, then a hash): two terminals that
 * correct the same week offline write the same row, which sync merges instead of doubling.
 */
export function roundingAdjustmentId(accrualId: string): string {
  const h = createHash('sha256').update(`${accrualId}:rounded-once`).digest('hex');
  const time = accrualId.replace(/-/g, '').slice(0, 12);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${h.slice(0, 3)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Weeks accrued with the double rounding are corrected by an ADJUSTMENT row (the difference, with
 * its reason) and an audit entry per contract; the accrual stays as it was written. A week is
 * corrected only when its stored figures reproduce the old amount exactly under the contract's
 * terms and the cinema's VAT (so a changed rate or changed terms are never "corrected"), and only
 * once (a week with any adjustment is left alone). Returns the number of weeks corrected.
 */
export async function correctAccruedWeeks(db: Kysely<DB>, ctx: RequestContext, cinemaId: string, only: { contractIds?: readonly string[] } = {}): Promise<number> {
  if (only.contractIds?.length === 0) return 0;
  const rule = await cinemaRule(db, cinemaId);
  let query = db
    .selectFrom('rental_contracts')
    .select(['id', 'film_id', 'cinema_id', 'start_date', 'end_date', 'deal_type', 'minimum_guarantee', 'house_allowance'])
    .where('cinema_id', '=', cinemaId)
    .where('status', 'in', ['ACTIVE', 'CLOSED']);
  if (only.contractIds) query = query.where('id', 'in', [...only.contractIds]);
  const contracts: ContractTerms[] = await query.execute();
  let corrected = 0;
  for (const contract of contracts) {
    const rows = await db
      .selectFrom('payment_history')
      .select(['id', 'kind', 'week_number', 'week_start_date', 'week_end_date', 'percent_bp', 'gross', 'discounts', 'net', 'amount_due'])
      .where('contract_id', '=', contract.id)
      .where('kind', 'in', ['ACCRUAL', 'ADJUSTMENT'])
      .execute();
    // A week with any adjustment already (this correction, or a manager's override) is left alone.
    const adjusted = new Set(rows.filter((r) => r.kind === 'ADJUSTMENT').map((r) => r.week_number));
    const weeks = new Map(contractWeeks(contract.start_date, contract.end_date).map((w) => [w.week, w]));
    const fixes: { accrualId: string; week: number; startDate: string; endDate: string; accrued: number; due: number }[] = [];
    for (const a of rows) {
      if (a.kind !== 'ACCRUAL' || a.percent_bp === null || adjusted.has(a.week_number)) continue;
      const week = weeks.get(a.week_number!);
      if (!week || week.startDate !== a.week_start_date || week.endDate !== a.week_end_date) continue;
      const terms: WeekSettlementInput = {
        gross: a.gross!,
        discounts: a.discounts!,
        vatBp: rule.vatBp,
        percentBp: a.percent_bp,
        dealType: contract.deal_type,
        minimumGuarantee: contract.minimum_guarantee,
        houseAllowance: contract.house_allowance,
        days: week.days,
      };
      const now = settleWeek(terms);
      if (now.net !== a.net || dueRoundedTwice(terms) !== a.amount_due || now.due === a.amount_due) continue;
      fixes.push({ accrualId: a.id, week: week.week, startDate: week.startDate, endDate: week.endDate, accrued: a.amount_due, due: now.due });
    }
    if (fixes.length === 0) continue;
    corrected += await db.transaction().execute(async (trx) => {
      let n = 0;
      for (const f of fixes) {
        const result = await trx
          .insertInto('payment_history')
          .values({
            id: roundingAdjustmentId(f.accrualId),
            contract_id: contract.id,
            kind: 'ADJUSTMENT',
            week_number: f.week,
            week_start_date: f.startDate,
            week_end_date: f.endDate,
            amount_due: f.due - f.accrued,
            amount_paid: 0,
            reference: ROUNDED_ONCE_REASON,
            ...ctx.stamp(),
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        n += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      if (n > 0) {
        await recordAudit(trx, ctx, {
          action: 'settlements.adjust',
          entity: 'rental_contract',
          entityId: contract.id,
          details: { reason: ROUNDED_ONCE_REASON, weeks: fixes.map((f) => ({ week: f.week, accrued: f.accrued, due: f.due, adjustment: f.due - f.accrued })) },
          userId: ctx.user?.id ?? null,
        });
      }
      return n;
    });
  }
  return corrected;
}

/** local_meta key per cinema: when this terminal ran the correction over every accrued week. */
export const ROUNDED_ONCE_KEY = 'settlements_rounded_once:';

/**
 * The correction of the weeks this terminal accrued before the fix runs once per cinema: a
 * local_meta marker records it, and later passes read that one row and nothing else. Weeks that
 * arrive later by sync are corrected on arrival (the pull calls correctAccruedWeeks for their contracts).
 */
export async function correctAccruedWeeksOnce(db: Kysely<DB>, ctx: RequestContext, cinemaId: string): Promise<number> {
  const key = ROUNDED_ONCE_KEY + cinemaId;
  if ((await readMeta(db, key)) !== null) return 0;
  const corrected = await correctAccruedWeeks(db, ctx, cinemaId);
  await writeMeta(db, key, ctx.clock.now().toISOString());
  return corrected;
}

/** Contracts of the accruals in a set of pulled changes (whose weeks may have been accrued by an older terminal). */
export function accruedContracts(changes: readonly { t: string; deleted: boolean; row: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const c of changes) if (c.t === 'payment_history' && !c.deleted && c.row.kind === 'ACCRUAL' && typeof c.row.contract_id === 'string') ids.add(c.row.contract_id);
  return [...ids];
}
