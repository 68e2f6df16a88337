import type { Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { vatBreakdown, type VatLine } from './vat-breakdown';

/**
 * Pure: spreads a slip's signed amount over the VAT rates of the lines it corrects, in proportion
 * to their gross (largest remainder, so the parts add up exactly). A refund that also takes back a
 * promocode discount moves a different amount than the lines' prices; the rates' shares stay.
 */
export function spreadOverRates(amount: number, lines: readonly { rateBp: number; gross: number }[]): VatLine[] {
  const weights = new Map<number, number>();
  for (const l of lines) weights.set(l.rateBp, (weights.get(l.rateBp) ?? 0) + Math.max(l.gross, 0));
  const total = [...weights.values()].reduce((s, w) => s + w, 0);
  if (amount === 0) return [];
  if (total === 0) return vatBreakdown([{ rateBp: lines[0]?.rateBp ?? 0, gross: amount }]);
  const size = Math.abs(amount);
  const parts = [...weights.entries()].map(([rateBp, w]) => ({ rateBp, exact: (size * w) / total }));
  const floors = parts.map((p) => ({ rateBp: p.rateBp, gross: Math.floor(p.exact), rest: p.exact - Math.floor(p.exact) }));
  let left = size - floors.reduce((s, p) => s + p.gross, 0);
  for (const p of [...floors].sort((a, b) => b.rest - a.rest || a.rateBp - b.rateBp)) {
    if (left <= 0) break;
    p.gross += 1;
    left -= 1;
  }
  return vatBreakdown(floors.map((p) => ({ rateBp: p.rateBp, gross: Math.sign(amount) * p.gross })));
}

/** The VAT lines of a refund: tickets at the cinema's ticket rate, items at their own rate. */
export async function refundVat(
  trx: Transaction<DB>,
  input: { amount: number; ticketRateBp: number; tickets: readonly { price: number; discount: number }[]; items: readonly { lineId: string; quantity: number }[] },
): Promise<VatLine[]> {
  const lines = input.items.length
    ? await trx.selectFrom('order_concession_lines').select(['id', 'vat_bp', 'total', 'quantity']).where('id', 'in', input.items.map((i) => i.lineId)).execute()
    : [];
  const byId = new Map(lines.map((l) => [l.id, l]));
  return spreadOverRates(input.amount, [
    ...input.tickets.map((t) => ({ rateBp: input.ticketRateBp, gross: t.price - t.discount })),
    ...input.items.flatMap((i) => {
      const l = byId.get(i.lineId);
      return l ? [{ rateBp: l.vat_bp, gross: Math.round((l.total * i.quantity) / l.quantity) }] : [];
    }),
  ]);
}
