import type { Kysely, Transaction } from 'kysely';
import { businessDateOf, businessDayRange } from '../../../shared/business-day';
import type { DistributorBalance, SettlementPayment, SettlementWeekRow } from '../../../shared/contract/settlements';
import type { DB } from '../db/tables';
import type { Clock } from '../clock';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { cinemaRule, contractWeeks, settleContractWeek, type ContractTerms, type SettledWeek } from './contract-weeks';
import { settleWeek } from './settle-week';

type Db = Kysely<DB> | Transaction<DB>;

/** Payments on a contract pay its weeks oldest first; returns what each week has been paid. */
export function allocatePayments(dues: readonly number[], totalPaid: number): number[] {
  let left = totalPaid;
  return dues.map((due) => {
    const paid = Math.min(due, Math.max(0, left));
    left -= paid;
    return paid;
  });
}

interface ContractRow extends ContractTerms {
  title: string;
  distributor_id: string;
  legal_name: string;
}

/** A week's row as just settled from the sales (the running week, or one whose percent was overridden). */
function settledWeekRow(c: ContractRow, s: SettledWeek): Omit<SettlementWeekRow, 'paid' | 'balance' | 'accrued' | 'overridden' | 'adjustment'> {
  return {
    contractId: c.id,
    film: { id: c.film_id, title: c.title },
    distributor: { id: c.distributor_id, legalName: c.legal_name },
    week: s.week,
    startDate: s.startDate,
    endDate: s.endDate,
    gross: s.gross,
    discounts: s.discounts,
    net: s.net,
    percentBp: s.percentBp,
    due: s.due,
  };
}

async function cinemaContracts(db: Db, cinemaId: string, distributorId?: string): Promise<ContractRow[]> {
  let q = db
    .selectFrom('rental_contracts as c')
    .innerJoin('films as f', 'f.id', 'c.film_id')
    .innerJoin('distributors as d', 'd.id', 'c.distributor_id')
    .select(['c.id', 'c.film_id', 'c.cinema_id', 'c.start_date', 'c.end_date', 'c.deal_type', 'c.minimum_guarantee', 'c.house_allowance', 'f.title', 'c.distributor_id', 'd.legal_name'])
    .where('c.cinema_id', '=', cinemaId)
    .where('c.status', 'in', ['ACTIVE', 'CLOSED']);
  if (distributorId) q = q.where('c.distributor_id', '=', distributorId);
  return q.orderBy('d.legal_name').orderBy('c.start_date').orderBy('f.title').execute();
}

/**
 * Contract weeks starting in [from, to] for the cinema: the accrued weeks as written, plus the
 * running week (not yet ended) computed from the current sales. Payments are allocated to each
 * contract's weeks oldest first, so paid and balance add up per contract and per distributor.
 */
export async function loadSettlementWeeks(
  db: Db,
  clock: Clock,
  cinemaId: string,
  range: { from: string; to: string; distributorId?: string },
): Promise<{ weeks: SettlementWeekRow[]; payments: SettlementPayment[] }> {
  if (range.to < range.from) throw new DomainError('VALIDATION', { key: 'refusals:settlements.periodEndsBeforeStarts' });
  const rule = await cinemaRule(db, cinemaId);
  const today = businessDateOf(clock.now(), rule);
  const contracts = await cinemaContracts(db, cinemaId, range.distributorId);
  const weeks: SettlementWeekRow[] = [];
  const payments: SettlementPayment[] = [];
  for (const c of contracts) {
    const rows = await db.selectFrom('payment_history').selectAll().where('contract_id', '=', c.id).orderBy('kind').orderBy('week_number').orderBy('paid_at').execute();
    const accruals = rows.filter((r) => r.kind === 'ACCRUAL');
    const paidRows = rows.filter((r) => r.kind === 'PAYMENT');
    // Corrections of an accrued week add to (or take from) what it owes; the accrual stays as written.
    const adjustments = new Map<number, number>();
    for (const r of rows) if (r.kind === 'ADJUSTMENT') adjustments.set(r.week_number!, (adjustments.get(r.week_number!) ?? 0) + r.amount_due);
    const overrides = new Map(
      (await db.selectFrom('contract_week_overrides').select(['week_number', 'percent_bp']).where('contract_id', '=', c.id).execute()).map((o) => [o.week_number, o.percent_bp]),
    );
    const all: Omit<SettlementWeekRow, 'paid' | 'balance'>[] = accruals.map((a) => ({
      contractId: c.id,
      film: { id: c.film_id, title: c.title },
      distributor: { id: c.distributor_id, legalName: c.legal_name },
      week: a.week_number!,
      startDate: a.week_start_date!,
      endDate: a.week_end_date!,
      gross: a.gross!,
      discounts: a.discounts!,
      net: a.net!,
      percentBp: overrides.get(a.week_number!) ?? a.percent_bp ?? 0,
      due: a.amount_due + (adjustments.get(a.week_number!) ?? 0),
      adjustment: adjustments.get(a.week_number!) ?? 0,
      accrued: true,
      overridden: overrides.has(a.week_number!),
    }));
    const running = contractWeeks(c.start_date, c.end_date).find((w) => w.startDate <= today && today <= w.endDate);
    if (running && !accruals.some((a) => a.week_number === running.week)) {
      const s = await settleContractWeek(db, c, running, rule);
      all.push({ ...settledWeekRow(c, s), adjustment: 0, accrued: false, overridden: s.overridden });
    }
    // Only accrued weeks are owed; a running week shows its figures but takes no payment yet.
    const owed = all.filter((w) => w.accrued);
    const paidTotal = paidRows.reduce((s, p) => s + p.amount_paid, 0);
    const allocation = allocatePayments(
      owed.map((w) => w.due),
      paidTotal,
    );
    const paidByWeek = new Map(owed.map((w, i) => [w.week, allocation[i]!]));
    for (const w of all) {
      if (w.startDate < range.from || w.startDate > range.to) continue;
      const paid = paidByWeek.get(w.week) ?? 0;
      weeks.push({ ...w, paid, balance: w.accrued ? w.due - paid : 0 });
    }
    const fromInstant = businessDayRange(range.from, rule).from.toISOString();
    const toInstant = businessDayRange(range.to, rule).to.toISOString();
    for (const p of paidRows) {
      if (p.paid_at! < fromInstant || p.paid_at! >= toInstant) continue;
      payments.push({ id: p.id, contractId: c.id, film: c.title, distributor: c.legal_name, amount: p.amount_paid, paidAt: p.paid_at!, method: p.method ?? '', reference: p.reference ?? '' });
    }
  }
  weeks.sort((a, b) => a.distributor.legalName.localeCompare(b.distributor.legalName) || a.startDate.localeCompare(b.startDate) || a.film.title.localeCompare(b.film.title));
  payments.sort((a, b) => a.paidAt.localeCompare(b.paidAt));
  return { weeks, payments };
}

/** What the cinema owes each distributor: Σ accrued due − Σ paid over its contracts with this cinema. */
export async function distributorBalances(db: Db, cinemaId: string): Promise<DistributorBalance[]> {
  const rows = await db
    .selectFrom('rental_contracts as c')
    .innerJoin('distributors as d', 'd.id', 'c.distributor_id')
    .leftJoin('payment_history as p', 'p.contract_id', 'c.id')
    .select((eb) => [
      'd.id',
      'd.legal_name',
      eb.fn.count<number>('c.id').distinct().as('contracts'),
      eb.fn.coalesce(eb.fn.sum<number>('p.amount_due'), eb.lit(0)).as('due'),
      eb.fn.coalesce(eb.fn.sum<number>('p.amount_paid'), eb.lit(0)).as('paid'),
      eb.fn.max('p.paid_at').as('last_paid_at'),
    ])
    .where('c.cinema_id', '=', cinemaId)
    .where('c.status', 'in', ['ACTIVE', 'CLOSED'])
    .groupBy(['d.id', 'd.legal_name'])
    .orderBy('d.legal_name')
    .execute();
  return rows.map((r) => ({
    distributor: { id: r.id, legalName: r.legal_name },
    contracts: Number(r.contracts),
    due: Number(r.due),
    paid: Number(r.paid),
    balance: Number(r.due) - Number(r.paid),
    lastPaidAt: (r.last_paid_at as string | null) ?? null,
  }));
}

async function contractOfCinema(db: Db, contractId: string, cinemaId: string): Promise<ContractRow> {
  const c = (await cinemaContracts(db, cinemaId)).find((x) => x.id === contractId);
  if (!c) throw new DomainError('NOT_FOUND', { key: 'refusals:settlements.noActiveClosedRental' });
  return c;
}

export async function recordSettlementPayment(
  ctx: RequestContext,
  cinemaId: string,
  input: { contractId: string; amount: number; paidOn: string; method: string; reference: string },
): Promise<SettlementPayment> {
  const c = await contractOfCinema(ctx.db, input.contractId, cinemaId);
  const rule = await cinemaRule(ctx.db, cinemaId);
  const today = businessDateOf(ctx.clock.now(), rule);
  if (input.paidOn > today) throw new DomainError('VALIDATION', { key: 'refusals:settlements.paymentDatedFutureToday', values: { paidOn: input.paidOn, today } }, { fields: { paidOn: 'must not be in the future' } });
  const paidAt = input.paidOn === today ? ctx.clock.now().toISOString() : businessDayRange(input.paidOn, rule).from.toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payment_history')
      .values({ id, contract_id: c.id, kind: 'PAYMENT', amount_due: 0, amount_paid: input.amount, paid_at: paidAt, method: input.method, reference: input.reference, ...ctx.stamp() })
      .execute();
    await recordAudit(trx, ctx, { action: 'settlements.payment', entity: 'rental_contract', entityId: c.id, details: { paymentId: id, amount: input.amount, paidOn: input.paidOn, method: input.method, reference: input.reference } });
  });
  return { id, contractId: c.id, film: c.title, distributor: c.legal_name, amount: input.amount, paidAt, method: input.method, reference: input.reference };
}

/**
 * A manager's percent for one week, with a reason. An accrued week is settled again from its
 * accrued figures at the new percent, and the difference to what it owed is written as an
 * ADJUSTMENT row (the accrual stays as written); a running week simply settles at the new percent.
 */
export async function overrideWeekPercent(
  ctx: RequestContext,
  cinemaId: string,
  input: { contractId: string; week: number; percentBp: number; reason: string },
): Promise<SettlementWeekRow> {
  const c = await contractOfCinema(ctx.db, input.contractId, cinemaId);
  const week = contractWeeks(c.start_date, c.end_date).find((w) => w.week === input.week);
  if (!week) throw new DomainError('VALIDATION', { key: 'refusals:settlements.noWeekContractRuns', values: { title: c.title, week: input.week, startDate: c.start_date, endDate: c.end_date } }, { fields: { week: 'is outside the contract' } });
  const rule = await cinemaRule(ctx.db, cinemaId);
  const userId = ctx.user!.id;
  return ctx.db.transaction().execute(async (trx) => {
    const previous = await trx.selectFrom('contract_week_overrides').select(['id', 'percent_bp']).where('contract_id', '=', c.id).where('week_number', '=', input.week).executeTakeFirst();
    if (previous) {
      await trx.updateTable('contract_week_overrides').set({ percent_bp: input.percentBp, reason: input.reason, user_id: userId, ...ctx.stamp() }).where('id', '=', previous.id).execute();
    } else {
      await trx.insertInto('contract_week_overrides').values({ id: newId(), contract_id: c.id, week_number: input.week, percent_bp: input.percentBp, reason: input.reason, user_id: userId, ...ctx.stamp() }).execute();
    }
    const weekRows = await trx
      .selectFrom('payment_history')
      .select(['kind', 'gross', 'discounts', 'amount_due'])
      .where('contract_id', '=', c.id)
      .where('week_number', '=', input.week)
      .where('kind', 'in', ['ACCRUAL', 'ADJUSTMENT'])
      .execute();
    const accrual = weekRows.find((r) => r.kind === 'ACCRUAL');
    const owedBefore = accrual ? weekRows.reduce((sum, r) => sum + r.amount_due, 0) : null;
    let s: SettledWeek;
    if (accrual) {
      const settled = settleWeek({
        gross: accrual.gross!,
        discounts: accrual.discounts!,
        vatBp: rule.vatBp,
        percentBp: input.percentBp,
        dealType: c.deal_type,
        minimumGuarantee: c.minimum_guarantee,
        houseAllowance: c.house_allowance,
        days: week.days,
      });
      s = { ...week, ...settled, gross: accrual.gross!, discounts: accrual.discounts!, percentBp: input.percentBp, overridden: true };
      if (s.due !== owedBefore) {
        await trx
          .insertInto('payment_history')
          .values({
            id: newId(),
            contract_id: c.id,
            kind: 'ADJUSTMENT',
            week_number: week.week,
            week_start_date: week.startDate,
            week_end_date: week.endDate,
            percent_bp: input.percentBp,
            amount_due: s.due - owedBefore!,
            amount_paid: 0,
            reference: `Percent set to ${(input.percentBp / 100).toFixed(2)} % by a manager: ${input.reason}`,
            ...ctx.stamp(),
          })
          .execute();
      }
    } else {
      s = await settleContractWeek(trx, c, week, rule);
    }
    await recordAudit(trx, ctx, {
      action: 'settlements.override',
      entity: 'rental_contract',
      entityId: c.id,
      details: { week: input.week, percentBp: input.percentBp, previousPercentBp: previous?.percent_bp ?? null, reason: input.reason, due: s.due, previousDue: owedBefore },
    });
    return {
      ...settledWeekRow(c, s),
      adjustment: accrual ? s.due - accrual.amount_due : 0,
      paid: 0,
      balance: s.due,
      accrued: !!accrual,
      overridden: true,
    };
  });
}
