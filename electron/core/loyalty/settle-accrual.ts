import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { newId } from '../ids';
import { pointsToEarn } from '../orders/price-order';

/**
 * Rule 6 through the whole life of an order: the points an order has earned always come to
 * ⌊accrual % × the money (not points) it has net paid⌋ — after the sale, a top-up paid for an
 * exchange, a refund or an exchange paid back. This books the step from what the order's ledger
 * says it earned so far (ACCRUAL rows and the negative REVERSAL rows that took accrual back) to
 * that figure: an ACCRUAL for more, a REVERSAL for less — never taking the balance below 0 (points
 * already spent are not taken back; the order then simply earned less). Returns the points booked
 * (+ accrued, − reversed) and keeps `orders.bonus_earned` equal to the order's earned points.
 */
export async function settleAccrual(
  trx: Transaction<DB>,
  ctx: SignedInContext,
  args: { orderId: string; customerId: string | null; netMoney: number; accrualBp: number; why: string },
): Promise<number> {
  if (!args.customerId) return 0;
  const account = await trx.selectFrom('bonus_accounts').select('id').where('customer_id', '=', args.customerId).executeTakeFirst();
  if (!account) return 0;
  const ledger = await trx.selectFrom('bonus_transactions').select(['kind', 'amount']).where('order_id', '=', args.orderId).where('account_id', '=', account.id).execute();
  const earned = ledger.filter((r) => r.kind === 'ACCRUAL' || (r.kind === 'REVERSAL' && r.amount < 0)).reduce((s, r) => s + r.amount, 0);
  const due = pointsToEarn(args.netMoney, args.accrualBp);
  let booked = due - earned;
  if (booked < 0) {
    const balance = await trx.selectFrom('bonus_balances').select('balance').where('account_id', '=', account.id).executeTakeFirst();
    booked = -Math.min(-booked, Math.max(0, Number(balance?.balance ?? 0)));
  }
  if (booked !== 0) {
    const short = booked < 0 && earned + booked > due ? ` (${earned + booked - due} points already spent)` : '';
    await trx
      .insertInto('bonus_transactions')
      .values({
        id: newId(),
        account_id: account.id,
        kind: booked > 0 ? 'ACCRUAL' : 'REVERSAL',
        amount: booked,
        order_id: args.orderId,
        note: `${booked > 0 ? 'Accrual' : 'Accrual reversed'}: ${args.why}${short}`,
        created_at: ctx.clock.now().toISOString(),
        ...ctx.stamp(),
      })
      .execute();
  }
  await trx.updateTable('orders').set({ bonus_earned: earned + booked, ...ctx.stamp() }).where('id', '=', args.orderId).where('bonus_earned', '<>', earned + booked).execute();
  return booked;
}
