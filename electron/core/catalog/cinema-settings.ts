import type { Kysely, Transaction } from 'kysely';
import type { CinemaSettings } from '../../../shared/contract/catalog';
import type { CinemaRow, DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from './require-cinema';
import { idCheckRatingsOf } from '../orders/age-check';

type Db = Kysely<DB> | Transaction<DB>;

export type CinemaSettingsInput = Omit<CinemaSettings, 'id' | 'currencyEditable' | 'legalName' | 'taxNumber' | 'reservationReleaseMinutes' | 'blindCashUp' | 'idCheckRatings'> &
  Partial<Pick<CinemaSettings, 'legalName' | 'taxNumber' | 'reservationReleaseMinutes' | 'blindCashUp' | 'idCheckRatings'>>;

async function hasSales(db: Db, cinemaId: string): Promise<boolean> {
  const order = await db.selectFrom('orders').select('id').where('cinema_id', '=', cinemaId).limit(1).executeTakeFirst();
  return order !== undefined;
}

function toSettings(row: CinemaRow, currencyEditable: boolean): CinemaSettings {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    legalName: row.legal_name,
    taxNumber: row.tax_number,
    timezone: row.timezone,
    currency: row.currency,
    currencyEditable,
    ticketVatBp: row.ticket_vat_bp,
    businessDayStart: row.business_day_start,
    weekStartDay: row.week_start_day,
    salesCloseMinutes: row.sales_close_minutes,
    holdMinutes: row.hold_minutes,
    bonusAccrualBp: row.bonus_accrual_bp,
    bonusMaxShareBp: row.bonus_max_share_bp,
    holdWheelchairUntilFull: row.hold_wheelchair_until_full === 1,
    reservationReleaseMinutes: row.reservation_release_minutes,
    blindCashUp: row.blind_cash_up === 1,
    idCheckRatings: idCheckRatingsOf(row),
  };
}

export async function getCinemaSettings(db: Db, ctx: RequestContext): Promise<CinemaSettings> {
  const cinema = await requireTerminalCinema(db, ctx);
  return toSettings(cinema, !(await hasSales(db, cinema.id)));
}

/** Saves the terminal cinema's settings; the currency stays as it is once money was taken in it. */
export async function updateCinemaSettings(trx: Transaction<DB>, ctx: RequestContext, input: CinemaSettingsInput): Promise<CinemaSettings> {
  const cinema = await requireTerminalCinema(trx, ctx);
  const before = toSettings(cinema, true);
  if (input.currency !== cinema.currency && (await hasSales(trx, cinema.id))) {
    throw new DomainError(
      'CONFLICT',
      { key: 'refusals:catalog.currencyStaysCinemaAlready', values: { cinemaCurrency: cinema.currency } },
      { field: 'currency' },
    );
  }
  const values = {
    name: input.name,
    address: input.address,
    legal_name: input.legalName ?? cinema.legal_name,
    tax_number: input.taxNumber ?? cinema.tax_number,
    timezone: input.timezone,
    currency: input.currency,
    ticket_vat_bp: input.ticketVatBp,
    business_day_start: input.businessDayStart,
    week_start_day: input.weekStartDay,
    sales_close_minutes: input.salesCloseMinutes,
    hold_minutes: input.holdMinutes,
    bonus_accrual_bp: input.bonusAccrualBp,
    bonus_max_share_bp: input.bonusMaxShareBp,
    hold_wheelchair_until_full: input.holdWheelchairUntilFull ? 1 : 0,
    reservation_release_minutes: input.reservationReleaseMinutes ?? cinema.reservation_release_minutes,
    blind_cash_up: input.blindCashUp === undefined ? cinema.blind_cash_up : input.blindCashUp ? 1 : 0,
    id_check_ratings: input.idCheckRatings ? JSON.stringify(input.idCheckRatings) : cinema.id_check_ratings,
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changes = Object.fromEntries(
    (Object.keys(input) as (keyof CinemaSettingsInput)[])
      .filter((k) => input[k] !== undefined && !same(before[k], input[k]))
      .map((k) => [k, { before: before[k], after: input[k] }]),
  );
  if (Object.keys(changes).length > 0) {
    await trx.updateTable('cinemas').set({ ...values, ...ctx.stamp() }).where('id', '=', cinema.id).execute();
    await recordAudit(trx, ctx, { action: 'cinema.update', entity: 'cinema', entityId: cinema.id, details: changes });
  }
  return getCinemaSettings(trx, ctx);
}
