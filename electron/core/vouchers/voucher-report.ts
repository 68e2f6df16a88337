import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { VoucherReport } from '../../../shared/contract/vouchers';
import { businessDayRange } from '../../../shared/business-day';
import { cinemaInfo } from '../reports/report-queries';
import { knownBalance } from './voucher-balance';
import { maskedVoucherCode } from './voucher-code';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Rule 17 in the reports: this cinema's vouchers sold, redeemed, paid back onto vouchers by refunds
 * and written off in the period (business days of rule 12), and what every voucher this terminal
 * knows still holds at the period's end — money the chain owes its customers. Movements of other
 * cinemas count in a balance as the centre last summed them (their own rows stay in their cinema).
 */
export async function voucherReport(db: Db, scope: { cinemaId: string; from: string; to: string }): Promise<VoucherReport> {
  const info = await cinemaInfo(db, scope.cinemaId);
  const rule = { timezone: info.timezone, dayStart: info.dayStart };
  const start = businessDayRange(scope.from, rule).from.toISOString();
  const end = businessDayRange(scope.to, rule).to.toISOString();
  const moves = await db
    .selectFrom('gift_voucher_movements')
    .select(['voucher_id', 'kind', 'amount', 'at'])
    .where('cinema_id', '=', scope.cinemaId)
    .where('at', '<', end)
    .execute();
  const inPeriod = moves.filter((m) => m.at >= start);
  const of = (kind: string) => {
    const rows = inPeriod.filter((m) => m.kind === kind);
    return { count: rows.length, amount: Math.abs(rows.reduce((s, m) => s + m.amount, 0)) };
  };
  const vouchers = await db
    .selectFrom('gift_vouchers as v')
    .leftJoin('gift_voucher_balances as b', 'b.id', 'v.id')
    .select(['v.id', 'v.code_last4', 'v.sold_at', 'v.amount', 'v.cinema_id', 'b.by_cinema'])
    .where('v.sold_at', '<', end)
    .orderBy('v.sold_at')
    .execute();
  const lines = vouchers
    .map((v) => {
      const own = moves.filter((m) => m.voucher_id === v.id);
      const balance = knownBalance(
        own.reduce((s, m) => s + m.amount, 0),
        v.by_cinema ? (JSON.parse(v.by_cinema) as Record<string, number>) : {},
        scope.cinemaId,
      );
      return { code: maskedVoucherCode(v.code_last4), soldAt: v.sold_at, amount: v.amount, redeemed: v.amount - balance, balance, otherCinema: v.cinema_id !== scope.cinemaId };
    })
    // Vouchers of other cinemas this cinema never touched are theirs to report.
    .filter((l, i) => !l.otherCinema || moves.some((m) => m.voucher_id === vouchers[i]!.id));
  const open = lines.filter((l) => l.balance > 0);
  return {
    cinema: { name: info.name, currency: info.currency, timezone: info.timezone },
    from: scope.from,
    to: scope.to,
    sold: of('SALE'),
    redeemed: of('REDEMPTION'),
    returned: of('REFUND'),
    adjusted: of('ADJUSTMENT'),
    outstanding: { count: open.length, amount: open.reduce((s, l) => s + l.balance, 0) },
    vouchers: lines,
  };
}
