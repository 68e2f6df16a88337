import { vatIncluded } from '../../../shared/money';
import type { VatLine } from '../../../shared/contract/money-trail';

export type { VatLine };

/**
 * Rule 16: the VAT per rate of what a receipt or slip covers, from its lines' gross amounts (prices
 * include VAT). Signed: a refund slip's lines are negative and so are its figures. Each rate is
 * rounded once (half-up) over the rate's total, as a receipt prints it; a 0 % rate (vouchers) is kept.
 */
export function vatBreakdown(lines: readonly { rateBp: number; gross: number }[]): VatLine[] {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.rateBp, (byRate.get(l.rateBp) ?? 0) + l.gross);
  return [...byRate.entries()]
    .filter(([, gross]) => gross !== 0)
    .sort(([a], [b]) => a - b)
    .map(([rateBp, gross]) => {
      const vat = Math.sign(gross) * vatIncluded(Math.abs(gross), rateBp);
      return { rateBp, net: gross - vat, vat, gross };
    });
}

/** Adds breakdowns rate by rate (a Z report over its receipts). */
export function sumVat(breakdowns: readonly (readonly VatLine[])[]): VatLine[] {
  const byRate = new Map<number, VatLine>();
  for (const b of breakdowns) {
    for (const l of b) {
      const t = byRate.get(l.rateBp) ?? { rateBp: l.rateBp, net: 0, vat: 0, gross: 0 };
      byRate.set(l.rateBp, { rateBp: l.rateBp, net: t.net + l.net, vat: t.vat + l.vat, gross: t.gross + l.gross });
    }
  }
  return [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp);
}
