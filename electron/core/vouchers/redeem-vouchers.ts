import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { appendJournal } from '../journal/append-journal';
import type { MoneyPayment } from '../payments/settle-payments';
import { findVoucher, type KnownVoucher } from './voucher-balance';
import { maskedVoucherCode, normalizeVoucherCode } from './voucher-code';

export interface CheckedRedemption {
  /** The index of the VOUCHER payment among the sale's payments (its payment row has the same index). */
  index: number;
  voucher: KnownVoucher;
  amount: number;
}

/**
 * Rule 17, before anything is written: every VOUCHER payment names a voucher this terminal knows,
 * of the cinema's currency, with enough left on it — the same voucher twice counts together. No
 * voucher payment, no query (the sale of tickets pays nothing for this).
 */
export async function checkRedemptions(trx: Transaction<DB>, cinema: { id: string; currency: string }, payments: readonly MoneyPayment[]): Promise<CheckedRedemption[]> {
  const checked: CheckedRedemption[] = [];
  for (const [index, p] of payments.entries()) {
    if (p.method !== 'VOUCHER') continue;
    const code = normalizeVoucherCode(p.code);
    const voucher = checked.find((c) => c.voucher.code === code)?.voucher ?? (await findVoucher(trx, p.code, cinema.id));
    if (voucher.currency !== cinema.currency) throw new DomainError('VALIDATION', { key: 'refusals:vouchers.voucherCinemaTakes', values: { voucherCode: voucher.code, voucherCurrency: voucher.currency, cinemaCurrency: cinema.currency } }, { field: 'code' });
    checked.push({ index, voucher, amount: p.amount });
  }
  for (const c of checked) {
    const asked = checked.filter((x) => x.voucher.id === c.voucher.id).reduce((s, x) => s + x.amount, 0);
    if (c.voucher.balance <= 0) throw new DomainError('CONFLICT', { key: 'refusals:vouchers.voucherUsedUpNothing', values: { code: c.voucher.code } }, { field: 'code' });
    if (asked > c.voucher.balance) {
      throw new DomainError('CONFLICT', { key: 'refusals:vouchers.voucherLeftPayTake', values: { code: c.voucher.code, amount: { minor: c.voucher.balance, currency: cinema.currency }, amount2: { minor: asked, currency: cinema.currency } } }, { field: 'code' });
    }
  }
  return checked;
}

/**
 * Books the checked redemptions of an order inside the sale's transaction: one REDEMPTION movement
 * per VOUCHER payment (its payment row named) and a VOUCHER_REDEMPTION journal entry with the
 * balance left (rule 16).
 */
export async function recordRedemptions(
  trx: Transaction<DB>,
  ctx: RequestContext,
  args: { cinemaId: string; orderId: string; orderNumber: string; redemptions: readonly (CheckedRedemption & { paymentId: string })[] },
): Promise<void> {
  const left = new Map<string, number>();
  for (const r of args.redemptions) {
    const at = ctx.clock.now().toISOString();
    const balanceAfter = (left.get(r.voucher.id) ?? r.voucher.balance) - r.amount;
    left.set(r.voucher.id, balanceAfter);
    await trx
      .insertInto('gift_voucher_movements')
      .values({
        id: newId(),
        voucher_id: r.voucher.id,
        cinema_id: args.cinemaId,
        kind: 'REDEMPTION',
        amount: -r.amount,
        order_id: args.orderId,
        payment_id: r.paymentId,
        terminal_id: ctx.terminal.id,
        at,
        note: `Order ${args.orderNumber}`,
        created_at: at,
        ...ctx.stamp(),
      })
      .execute();
    await appendJournal(trx, ctx, 'VOUCHER_REDEMPTION', { voucher: maskedVoucherCode(r.voucher.last4), voucherId: r.voucher.id, order: args.orderId, orderNumber: args.orderNumber, payment: r.paymentId, amount: r.amount, balanceAfter });
  }
}

/**
 * A refund's VOUCHER share goes back onto the voucher it came from (rule 8 with rule 17): a REFUND
 * movement naming the refund's payment row.
 */
export async function returnToVoucher(
  trx: Transaction<DB>,
  ctx: RequestContext,
  args: { cinemaId: string; orderId: string; refundedPaymentId: string; refundPaymentId: string; amount: number; why: string },
): Promise<void> {
  const source = await trx.selectFrom('gift_voucher_movements').select('voucher_id').where('payment_id', '=', args.refundedPaymentId).where('kind', '=', 'REDEMPTION').executeTakeFirst();
  if (!source) throw new DomainError('CONFLICT', { key: 'refusals:vouchers.voucherPaymentCameFrom' });
  const at = ctx.clock.now().toISOString();
  await trx
    .insertInto('gift_voucher_movements')
    .values({
      id: newId(),
      voucher_id: source.voucher_id,
      cinema_id: args.cinemaId,
      kind: 'REFUND',
      amount: args.amount,
      order_id: args.orderId,
      payment_id: args.refundPaymentId,
      terminal_id: ctx.terminal.id,
      at,
      note: `Returned: ${args.why}`,
      created_at: at,
      ...ctx.stamp(),
    })
    .execute();
}
