import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/tables';
import type { Clock } from '../clock';
import type { RequestContext } from '../context';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { correctAccruedWeeksOnce } from './correct-accrued-weeks';
import { cinemaRule, endedWeeks, settleContractWeek, type ContractTerms, type SettledWeek } from './contract-weeks';

/**
 * Rule 11: when a contract week ends, its accrual (what the distributor is owed for it) is written
 * to payment_history. Runs on start and periodically; idempotent — a week already accrued is
 * skipped, and the partial UNIQUE index (contract, week) WHERE kind = 'ACCRUAL' makes a second
 * writer (another timer, another process) a no-op too. Reads happen outside the write
 * transaction; each contract's new weeks are written in one short transaction with one audit entry.
 * Afterwards, weeks accrued with the old double rounding are corrected by adjustment rows (once per
 * cinema on this terminal; weeks arriving by sync are corrected as they arrive).
 */
export async function accrueEndedWeeks(db: Kysely<DB>, clock: Clock, ctx: RequestContext, options: { cinemaId?: string } = {}): Promise<number> {
  let query = db
    .selectFrom('rental_contracts')
    .select(['id', 'film_id', 'cinema_id', 'start_date', 'end_date', 'deal_type', 'minimum_guarantee', 'house_allowance'])
    .where('status', 'in', ['ACTIVE', 'CLOSED']);
  if (options.cinemaId) query = query.where('cinema_id', '=', options.cinemaId);
  const contracts: ContractTerms[] = await query.orderBy('start_date').execute();
  const rules = new Map<string, Awaited<ReturnType<typeof cinemaRule>>>();
  let written = 0;
  for (const contract of contracts) {
    let rule = rules.get(contract.cinema_id);
    if (!rule) rules.set(contract.cinema_id, (rule = await cinemaRule(db, contract.cinema_id)));
    const ended = endedWeeks(contract, clock, rule);
    if (ended.length === 0) continue;
    const done = new Set(
      (await db.selectFrom('payment_history').select('week_number').where('contract_id', '=', contract.id).where('kind', '=', 'ACCRUAL').execute()).map((r) => r.week_number),
    );
    const todo = ended.filter((w) => !done.has(w.week));
    if (todo.length === 0) continue;
    const settled: SettledWeek[] = [];
    for (const w of todo) settled.push(await settleContractWeek(db, contract, w, rule));
    written += await db.transaction().execute(async (trx) => {
      let n = 0;
      for (const s of settled) {
        const result = await trx
          .insertInto('payment_history')
          .values({
            id: newId(),
            contract_id: contract.id,
            kind: 'ACCRUAL',
            week_number: s.week,
            week_start_date: s.startDate,
            week_end_date: s.endDate,
            percent_bp: s.percentBp,
            gross: s.gross,
            discounts: s.discounts,
            net: s.net,
            amount_due: s.due,
            amount_paid: 0,
            ...ctx.stamp(),
          })
          // The partial index's WHERE must be repeated literally (a bound parameter does not match it).
          .onConflict((oc) => oc.columns(['contract_id', 'week_number']).where(sql<boolean>`kind = 'ACCRUAL'`).doNothing())
          .executeTakeFirst();
        n += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      if (n > 0) {
        await recordAudit(trx, ctx, {
          action: 'settlements.accrue',
          entity: 'rental_contract',
          entityId: contract.id,
          details: { weeks: settled.map((s) => ({ week: s.week, due: s.due })) },
          userId: ctx.user?.id ?? null,
        });
      }
      return n;
    });
  }
  // Weeks accrued before the share was rounded once get their correction (once, audited).
  for (const cinemaId of rules.keys()) await correctAccruedWeeksOnce(db, ctx, cinemaId);
  return written;
}

/** Accrue on start, then every `intervalMs` (default an hour). Returns a stop function. */
export function startAccrualTimer(run: () => Promise<unknown>, onError: (e: unknown) => void, intervalMs = 60 * 60_000): () => void {
  const tick = () => void run().catch(onError);
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
