import { DomainError } from '../errors';

/** The most one voucher is sold for, in minor units (1,000.00): beyond it a sale is a typing slip. */
export const MAX_VOUCHER_AMOUNT = 100_000;

/** Rule 17: a voucher is sold for more than nothing and at most MAX_VOUCHER_AMOUNT. */
export function checkVoucherAmount(amount: number, currency: string): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new DomainError('VALIDATION', { key: 'refusals:vouchers.voucherSoldAmountAbove' }, { field: 'amount' });
  if (amount > MAX_VOUCHER_AMOUNT) throw new DomainError('VALIDATION', { key: 'refusals:vouchers.voucherSoldMostMore', values: { amount: { minor: MAX_VOUCHER_AMOUNT, currency: currency }, amount2: { minor: amount, currency: currency } } }, { field: 'amount' });
}
