import type { QuoteLine } from '../../../shared/contract';
import type { SeatKind, TicketType } from '../../../shared/enums';
import { percentOfFloor, vatIncluded } from '../../../shared/money';
import { ticketPrice, type PriceFactors } from '../pricing/ticket-price';
import { cardPrice, type PriceCard } from '../pricing/price-cards';
import { seatLabel } from '../../../shared/seat-map';

/*
 * Rules 3 and 6 as pure arithmetic on integer minor units: the order's lines, their discounts,
 * the bonus points an order may take and gives, and VAT per rate. The sale and the quote both
 * call these, so what the cashier is shown is what is charged.
 */

export interface TicketToPrice {
  seatId: string;
  row: string;
  number: number;
  seatKind: SeatKind;
  ticketType: TicketType;
}

export interface ConcessionToPrice {
  itemId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  vatBp: number;
}

const TYPE_WORDS: Record<TicketType, string> = { ADULT: 'Adult', CHILD: 'Child', STUDENT: 'Student', SENIOR: 'Senior' };
const KIND_WORDS: Record<SeatKind, string> = { STANDARD: '', VIP: ' · VIP', LOVESEAT: ' · loveseat', WHEELCHAIR: ' · wheelchair place', COMPANION: ' · companion seat' };

/** The order's lines before any discount: tickets from the session's base price × factors, concessions at their price. */
export function priceLines(args: {
  basePrice: number;
  factors: PriceFactors;
  /** The session band's price card (rule 19): its cells win over base × factors. */
  card?: PriceCard | null;
  ticketVatBp: number;
  tickets: readonly TicketToPrice[];
  concessions: readonly ConcessionToPrice[];
}): QuoteLine[] {
  const tickets = args.tickets.map((t): QuoteLine => {
    const price = cardPrice(args.card ?? null, t.seatKind, t.ticketType) ?? ticketPrice(args.basePrice, t.seatKind, t.ticketType, args.factors);
    return {
      kind: 'TICKET',
      refId: t.seatId,
      label: seatLabel(t.row, t.number),
      detail: `${TYPE_WORDS[t.ticketType]}${KIND_WORDS[t.seatKind]}`,
      ticketType: t.ticketType,
      quantity: 1,
      unitPrice: price,
      discount: 0,
      total: price,
      vatBp: args.ticketVatBp,
    };
  });
  const concessions = args.concessions.map(
    (c): QuoteLine => ({
      kind: 'CONCESSION',
      refId: c.itemId,
      label: c.name,
      detail: c.quantity > 1 ? `${c.quantity} ×` : '',
      ticketType: null,
      quantity: c.quantity,
      unitPrice: c.unitPrice,
      discount: 0,
      total: c.unitPrice * c.quantity,
      vatBp: c.vatBp,
    }),
  );
  return [...tickets, ...concessions];
}

/** The lines with their discounts (one per line, each ≤ the line's amount); totals follow. */
export function withDiscounts(lines: readonly QuoteLine[], discounts: readonly number[]): QuoteLine[] {
  return lines.map((l, i) => {
    const gross = l.unitPrice * l.quantity;
    const discount = Math.min(gross, Math.max(0, discounts[i] ?? 0));
    return { ...l, discount, total: gross - discount };
  });
}

export function orderTotals(lines: readonly QuoteLine[]): { subtotal: number; discount: number; total: number } {
  const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const discount = lines.reduce((s, l) => s + l.discount, 0);
  return { subtotal, discount, total: subtotal - discount };
}

/** Rule 6: points pay at most the cinema's share of the order (rounded down), and never more than the balance. */
export function redeemablePoints(total: number, balance: number, maxShareBp: number): number {
  return Math.max(0, Math.min(balance, percentOfFloor(total, maxShareBp)));
}

/** Rule 6: accrual on the part paid with money (not points), rounded down to the minor unit. */
export function pointsToEarn(moneyPaid: number, accrualBp: number): number {
  return percentOfFloor(Math.max(0, moneyPaid), accrualBp);
}

/** VAT contained in the lines, per rate (rates with no amount are left out), highest rate first. */
export function vatByRate(lines: readonly QuoteLine[]): { rateBp: number; amount: number }[] {
  const gross = new Map<number, number>();
  for (const l of lines) gross.set(l.vatBp, (gross.get(l.vatBp) ?? 0) + l.total);
  return [...gross.entries()]
    .filter(([rate]) => rate > 0)
    .map(([rateBp, amount]) => ({ rateBp, amount: vatIncluded(amount, rateBp) }))
    .sort((a, b) => b.rateBp - a.rateBp);
}
