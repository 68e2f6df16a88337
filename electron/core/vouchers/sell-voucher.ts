import type { SignedInContext } from '../context';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireMyOpenShift } from '../shifts/shifts';
import { settlePayments, type MoneyPayment } from '../payments/settle-payments';
import { nextOrderNumber } from '../orders/order-number';
import { issueReceipt } from '../receipts/issue-receipt';
import type { VoucherSale } from '../../../shared/contract/vouchers';
import { checkVoucherAmount } from './voucher-rules';
import { maskedVoucherCode, newVoucherCode, voucherCodeHash, voucherCodeLast4 } from './voucher-code';

/**
 * Rule 17: sells a gift voucher in ONE transaction — an order of the voucher's amount paid by cash
 * or card (so the till and the shift count the money), the voucher with its new code, its SALE
 * movement, and the numbered VOUCHER_SALE receipt: outside VAT (a 0 % line), since only what the
 * voucher later pays for is taxed. The receipt's journal entry records the sale (rule 16).
 */
export async function sellVoucher(ctx: SignedInContext, input: { amount: number; payments: MoneyPayment[] }): Promise<VoucherSale> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  checkVoucherAmount(input.amount, cinema.currency);
  // The code leaves this function once, for the slip; only its hash and last 4 characters are kept.
  const code = newVoucherCode();
  const codeHash = await voucherCodeHash(code);
  const last4 = voucherCodeLast4(code);
  return ctx.db.transaction().execute(async (trx) => {
    const nowIso = ctx.clock.now().toISOString();
    const born = () => ({ created_at: nowIso, ...ctx.stamp() });
    const shift = await requireMyOpenShift(trx, ctx);
    const { rows, change } = settlePayments({ toPay: input.amount, bonusPoints: 0, payments: input.payments, currency: cinema.currency });

    const orderId = newId();
    const number = await nextOrderNumber(trx, ctx.terminal.id);
    await trx
      .insertInto('orders')
      .values({
        id: orderId,
        number,
        cinema_id: cinema.id,
        terminal_id: ctx.terminal.id,
        cashier_id: ctx.user.id,
        shift_id: shift.id,
        customer_id: null,
        promocode_id: null,
        subtotal: input.amount,
        discount: 0,
        total: input.amount,
        status: 'PAID',
        paid_at: nowIso,
        ...born(),
      })
      .execute();
    await trx
      .insertInto('payments')
      .values(rows.map((p) => ({ id: newId(), order_id: orderId, shift_id: shift.id, kind: 'PAYMENT' as const, ...p, ...born() })))
      .execute();

    const voucherId = newId();
    await trx.insertInto('gift_vouchers').values({ id: voucherId, code_hash: codeHash, code_last4: last4, cinema_id: cinema.id, amount: input.amount, currency: cinema.currency, sold_at: nowIso, ...born() }).execute();
    await trx
      .insertInto('gift_voucher_movements')
      .values({ id: newId(), voucher_id: voucherId, cinema_id: cinema.id, kind: 'SALE', amount: input.amount, order_id: orderId, payment_id: null, terminal_id: ctx.terminal.id, at: nowIso, note: `Order ${number}`, ...born() })
      .execute();

    const receipt = await issueReceipt(trx, ctx, {
      kind: 'VOUCHER_SALE',
      orderId,
      shiftId: shift.id,
      amount: input.amount,
      // Outside VAT when sold: one 0 % line, so the receipt and the Z show it apart from taxed sales.
      vat: [{ rateBp: 0, net: input.amount, vat: 0, gross: input.amount }],
      payments: rows.map((p) => ({ method: p.method, amount: p.amount })),
      details: { orderNumber: number, cashier: ctx.user.id, voucher: maskedVoucherCode(last4), voucherId },
    });
    await recordAudit(trx, ctx, {
      action: 'voucher.sell',
      entity: 'gift_voucher',
      entityId: voucherId,
      details: { code: maskedVoucherCode(last4), amount: input.amount, orderNumber: number, receipt: receipt.number, payments: rows.map((p) => ({ method: p.method, amount: p.amount })) },
    });
    return {
      voucherId,
      code,
      amount: input.amount,
      currency: cinema.currency,
      soldAt: nowIso,
      orderId,
      orderNumber: number,
      receiptNumber: receipt.number,
      change,
    };
  });
}
