import type { PaymentMethod } from '../../../shared/enums';
import { DomainError } from '../errors';

export type MoneyPayment =
  | { method: 'CASH'; amount: number; tendered: number }
  | { method: 'CARD'; amount: number; approvalCode: string; last4: string }
  /** Rule 17: part or all of the order paid from a gift voucher's balance (checked by vouchers/redeem-vouchers). */
  | { method: 'VOUCHER'; amount: number; code: string };

export interface PaymentToRecord {
  method: PaymentMethod;
  amount: number;
  cash_tendered: number | null;
  change_given: number | null;
  card_approval_code: string | null;
  card_last4: string | null;
}

/**
 * Rule 5: the money payments must add up to what is left after points, exactly; cash tendered
 * covers its part and the change is computed. Points become a BONUS payment beside them. Rows come
 * in the order of `payments` (then the points), so a VOUCHER row is the payment of the same index.
 */
export function settlePayments(args: { toPay: number; bonusPoints: number; payments: readonly MoneyPayment[]; currency: string }): {
  rows: PaymentToRecord[];
  change: number;
} {
  const money = (minor: number) => ({ minor, currency: args.currency });
  const paid = args.payments.reduce((s, p) => s + p.amount, 0);
  if (paid !== args.toPay) {
    const diff = args.toPay - paid;
    throw new DomainError(
      'VALIDATION',
      diff > 0
        ? { key: 'refusals:payments.paymentsShort', values: { paid: money(paid), toPay: money(args.toPay), missing: money(diff) } }
        : { key: 'refusals:payments.paymentsOver', values: { paid: money(paid), toPay: money(args.toPay), over: money(-diff) } },
    );
  }
  let change = 0;
  const rows: PaymentToRecord[] = args.payments.map((p) => {
    if (p.method === 'CASH') {
      if (p.tendered < p.amount) throw new DomainError('VALIDATION', { key: 'refusals:payments.cashTenderedLessThan', values: { amount: { minor: p.tendered, currency: args.currency }, amount2: { minor: p.amount, currency: args.currency } } });
      change += p.tendered - p.amount;
      return { method: 'CASH', amount: p.amount, cash_tendered: p.tendered, change_given: p.tendered - p.amount, card_approval_code: null, card_last4: null };
    }
    if (p.method === 'VOUCHER') return { method: 'VOUCHER', amount: p.amount, cash_tendered: null, change_given: null, card_approval_code: null, card_last4: null };
    return { method: 'CARD', amount: p.amount, cash_tendered: null, change_given: null, card_approval_code: p.approvalCode.toUpperCase(), card_last4: p.last4 };
  });
  if (args.bonusPoints > 0) {
    rows.push({ method: 'BONUS', amount: args.bonusPoints, cash_tendered: null, change_given: null, card_approval_code: null, card_last4: null });
  }
  return { rows, change };
}
