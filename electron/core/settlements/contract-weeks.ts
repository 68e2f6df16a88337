import { sql, type Kysely, type Transaction } from 'kysely';
import { addBusinessDays, businessDateOf, businessDayRange, type BusinessDayRule } from '../../../shared/business-day';
import type { DealType } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { Clock } from '../clock';
import { percentForWeek, settleWeek, type WeekSettlement } from './settle-week';

type Db = Kysely<DB> | Transaction<DB>;

export interface ContractWeek {
  week: number;
  startDate: string;
  endDate: string;
  days: number;
}

/** Rule 2: contract weeks start on the contract's start date; the last one may be short. */
export function contractWeeks(startDate: string, endDate: string): ContractWeek[] {
  const weeks: ContractWeek[] = [];
  for (let week = 1; ; week++) {
    const start = addBusinessDays(startDate, (week - 1) * 7);
    if (start > endDate) break;
    const fullEnd = addBusinessDays(start, 6);
    const end = fullEnd > endDate ? endDate : fullEnd;
    const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
    weeks.push({ week, startDate: start, endDate: end, days });
  }
  return weeks;
}

export interface ContractTerms {
  id: string;
  film_id: string;
  cinema_id: string;
  start_date: string;
  end_date: string;
  deal_type: DealType;
  minimum_guarantee: number | null;
  house_allowance: number | null;
}

export interface SettledWeek extends ContractWeek, WeekSettlement {
  gross: number;
  discounts: number;
  percentBp: number;
  overridden: boolean;
}

export async function cinemaRule(db: Db, cinemaId: string): Promise<BusinessDayRule & { vatBp: number; currency: string; name: string }> {
  const c = await db.selectFrom('cinemas').select(['timezone', 'business_day_start', 'ticket_vat_bp', 'currency', 'name']).where('id', '=', cinemaId).executeTakeFirstOrThrow();
  return { timezone: c.timezone, dayStart: c.business_day_start, vatBp: c.ticket_vat_bp, currency: c.currency, name: c.name };
}

/**
 * Gross and discounts of the tickets (not refunded, not exchanged away) of the film's sessions in
 * the contract's cinema whose business day falls in [startDate, endDate]. One indexed range query
 * on sessions (film_id, starts_at).
 */
export async function weekTicketFigures(db: Db, contract: ContractTerms, startDate: string, endDate: string, rule: BusinessDayRule): Promise<{ gross: number; discounts: number }> {
  const from = businessDayRange(startDate, rule).from.toISOString();
  const to = businessDayRange(endDate, rule).to.toISOString();
  const row = await sql<{ gross: number | null; discounts: number | null }>`
    SELECT sum(t.price) AS gross, sum(t.discount) AS discounts
    FROM sessions s
    JOIN halls h ON h.id = s.hall_id AND h.cinema_id = ${contract.cinema_id}
    JOIN tickets t ON t.session_id = s.id AND t.status = 'SOLD'
    WHERE s.film_id = ${contract.film_id} AND s.starts_at >= ${from} AND s.starts_at < ${to}`.execute(db);
  const r = row.rows[0];
  return { gross: Number(r?.gross ?? 0), discounts: Number(r?.discounts ?? 0) };
}

/** One contract week settled from the current data (splits, override, tickets). */
export async function settleContractWeek(db: Db, contract: ContractTerms, week: ContractWeek, rule: BusinessDayRule & { vatBp: number }): Promise<SettledWeek> {
  const [splits, override] = await Promise.all([
    db.selectFrom('contract_splits').select(['week_number', 'percent_bp']).where('contract_id', '=', contract.id).execute(),
    db.selectFrom('contract_week_overrides').select('percent_bp').where('contract_id', '=', contract.id).where('week_number', '=', week.week).executeTakeFirst(),
  ]);
  const percentBp = percentForWeek(splits, week.week, override?.percent_bp);
  const { gross, discounts } = await weekTicketFigures(db, contract, week.startDate, week.endDate, rule);
  const settled = settleWeek({
    gross,
    discounts,
    vatBp: rule.vatBp,
    percentBp,
    dealType: contract.deal_type,
    minimumGuarantee: contract.minimum_guarantee,
    houseAllowance: contract.house_allowance,
    days: week.days,
  });
  return { ...week, ...settled, gross, discounts, percentBp, overridden: !!override };
}

/** The contract weeks that have ended by `clock`'s current business day of the cinema. */
export function endedWeeks(contract: ContractTerms, clock: Clock, rule: BusinessDayRule): ContractWeek[] {
  const today = businessDateOf(clock.now(), rule);
  return contractWeeks(contract.start_date, contract.end_date).filter((w) => w.endDate < today);
}
