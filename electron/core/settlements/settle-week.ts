import type { DealType } from '../../../shared/enums';
import { vatIncluded } from '../../../shared/money';

/** What one contract week sold and on which terms it is settled (rule 11). */
export interface WeekSettlementInput {
  /** Σ ticket prices of the film's sessions in the cinema that week (refunded tickets excluded). */
  gross: number;
  /** Σ discounts on those tickets. */
  discounts: number;
  /** The cinema's VAT rate on tickets, basis points (VAT is included in ticket prices). */
  vatBp: number;
  /** That week's percent (the split, or the manager's override), basis points. */
  percentBp: number;
  dealType: DealType;
  /** Weekly minimum guarantee, minor units (pro-rated for a short last week). */
  minimumGuarantee: number | null;
  /** Weekly house allowance of a 90/10 deal, minor units. */
  houseAllowance: number | null;
  /** Days of the week inside the contract (7, fewer only for a short last week). */
  days: number;
}

export interface WeekSettlement {
  /** Net ticket revenue: gross − discounts, VAT excluded. */
  net: number;
  /** The distributor's share for the week, rounded half-up once. */
  due: number;
  /** Which term decided the amount. */
  basis: 'PERCENT' | 'MINIMUM_GUARANTEE' | 'NINETY_TEN';
}

/**
 * Rule 11: the distributor's share of one contract week. Every candidate — percent × net, the
 * pro-rated minimum guarantee (guarantee × days / 7), and for a 90/10 deal 90 % × (net − house
 * allowance) — is computed from the EXACT net (gross − discounts over 1 + VAT, a fraction of a
 * cent), compared exactly (integers over the common denominator 7 × 10000 × (10000 + VAT)), and
 * only the winner is rounded, half-up, once for the week. The net shown is rounded for people;
 * it never enters the share (that was a second rounding: 166.20 incl. 7 % × 35 % gave 54.37, the
 * week owes 54.36).
 */
export function settleWeek(input: WeekSettlementInput): WeekSettlement {
  const { gross, discounts, vatBp, percentBp, days } = input;
  for (const [k, v] of Object.entries({ gross, discounts, vatBp, percentBp, days })) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} must be a whole, non-negative number, got ${v}`);
  }
  if (discounts > gross) throw new RangeError('discounts cannot exceed gross');
  if (days < 1 || days > 7) throw new RangeError('a contract week has 1 to 7 days');
  const afterDiscounts = gross - discounts;
  const net = afterDiscounts - vatIncluded(afterDiscounts, vatBp);

  // exact net = A × 10000 / (10000 + V); every candidate below is a numerator over DEN.
  const A = BigInt(afterDiscounts);
  const withVat = 10_000n + BigInt(vatBp);
  const DEN = 7n * 10_000n * withVat;
  const candidates: { basis: WeekSettlement['basis']; num: bigint }[] = [{ basis: 'PERCENT', num: BigInt(percentBp) * A * 7n * 10_000n }];
  if (input.minimumGuarantee !== null && input.minimumGuarantee > 0) {
    candidates.push({ basis: 'MINIMUM_GUARANTEE', num: BigInt(input.minimumGuarantee) * BigInt(days) * 10_000n * withVat });
  }
  if (input.dealType === 'NINETY_TEN') {
    // 90 % × (net − allowance) = 9000 × (A × 10000 − allowance × (10000 + V)) / (10000 × (10000 + V))
    const over = A * 10_000n - BigInt(input.houseAllowance ?? 0) * withVat;
    if (over > 0n) candidates.push({ basis: 'NINETY_TEN', num: 9_000n * over * 7n });
  }
  // Ties go to the earlier candidate: the percent is the contract's first term.
  const best = candidates.reduce((a, b) => (b.num > a.num ? b : a));
  const due = Number((best.num * 2n + DEN) / (2n * DEN));
  return { net, due, basis: best.basis };
}

/** The percent of contract week `week`: the manager's override, else its split, else the last split. */
export function percentForWeek(splits: readonly { week_number: number; percent_bp: number }[], week: number, overrideBp?: number | null): number {
  if (overrideBp) return overrideBp;
  const sorted = [...splits].sort((a, b) => a.week_number - b.week_number);
  if (sorted.length === 0) throw new Error('A contract without splits cannot be settled.');
  let percent = sorted[0]!.percent_bp;
  for (const s of sorted) if (s.week_number <= week) percent = s.percent_bp;
  return percent;
}
