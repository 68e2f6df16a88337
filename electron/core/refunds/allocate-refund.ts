import type { PaymentMethod } from '../../../shared/enums';

/** A payment of the order and how much of it has not been paid back yet. */
export interface RefundSource {
  paymentId: string;
  method: PaymentMethod;
  remaining: number;
}

export interface RefundShare {
  paymentId: string;
  method: PaymentMethod;
  amount: number;
}

/**
 * Rule 8: money goes back to the original payment methods. An amount is split over the payments
 * that still have something to give back, in proportion to what each has left (largest remainder,
 * so the shares are whole minor units and add up exactly). Refunding everything that is left gives
 * every payment exactly its remainder; a string of partial refunds never pays a method back more
 * than it paid.
 */
export function allocateRefund(amount: number, sources: readonly RefundSource[]): RefundShare[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`A refund is a whole, non-negative number of minor units, got ${amount}`);
  const open = sources.filter((s) => s.remaining > 0);
  const left = open.reduce((s, p) => s + p.remaining, 0);
  if (amount > left) throw new RangeError(`Cannot refund ${amount}: only ${left} is left to give back`);
  if (amount === 0) return [];
  const total = BigInt(left);
  const shares = open.map((s, index) => {
    const exact = BigInt(amount) * BigInt(s.remaining);
    return { s, index, floor: Number(exact / total), rest: exact % total };
  });
  let missing = amount - shares.reduce((s, x) => s + x.floor, 0);
  // Largest remainder first; ties go to the earlier payment.
  for (const x of [...shares].sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1))) {
    if (missing === 0) break;
    if (x.floor < x.s.remaining) {
      x.floor += 1;
      missing -= 1;
    }
  }
  return shares.filter((x) => x.floor > 0).map((x) => ({ paymentId: x.s.paymentId, method: x.s.method, amount: x.floor }));
}
