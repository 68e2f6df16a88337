import { formatMoney } from '../../../shared/money';
import { DomainError } from '../errors';

/** The most one voucher is sold for, in minor units (1,000.00): beyond it a sale is a typing slip. */
export const MAX_VOUCHER_AMOUNT = 100_000;

/** Rule 17: a voucher is sold for more than nothing and at most MAX_VOUCHER_AMOUNT. */
export function checkVoucherAmount(amount: number, currency: string): void {
  const money = (n: number) => formatMoney(n, currency, 'en');
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new DomainError('VALIDATION', 'A voucher must be sold for an amount above zero.', { field: 'amount' });
  if (amount > MAX_VOUCHER_AMOUNT) throw new DomainError('VALIDATION', `A voucher is sold for at most ${money(MAX_VOUCHER_AMOUNT)}; ${money(amount)} is more.`, { field: 'amount' });
}
