import type { AppliedVoucher } from './VoucherPayment';

/**
 * The applied vouchers as they still fit the amount due: when the order gets cheaper after a
 * voucher was applied (bonus points, a promocode), the later vouchers give way first, so no
 * voucher ever pays more than the order and nothing is left to pay below zero.
 */
export function fitVouchers(applied: readonly AppliedVoucher[], due: number): AppliedVoucher[] {
  let left = Math.max(0, due);
  const fitted: AppliedVoucher[] = [];
  for (const v of applied) {
    const amount = Math.min(v.amount, left);
    if (amount > 0) fitted.push(amount === v.amount ? v : { ...v, amount });
    left -= amount;
  }
  return fitted;
}
