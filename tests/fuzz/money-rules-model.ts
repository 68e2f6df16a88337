/**
 * Issue 20: a small model of the money rules, written apart from the app's own code, that the
 * model-based test (money-model.test.ts) holds the real core to after every step.
 *
 * It knows, per order: the lines that stand (tickets and concession units), the code the order
 * still uses, what the order has net paid (all methods, and money without points) and the points
 * it has earned; and, across orders: each customer's balance, each stocked item's stock and waste.
 * Prices of new lines come from the core (rule 3 is not what is modelled here); everything that
 * follows from them — discounts, money back, points, uses, stock — the model computes itself.
 */

export interface ModelTerms {
  id: string;
  code: string;
  kind: 'PERCENT' | 'FIXED';
  value: number;
  minOrder: number;
  appliesTo: 'TICKETS' | 'CONCESSIONS' | 'ALL';
  filmIds: string[];
}

export interface ModelTicket {
  id: string;
  sessionId: string;
  seatId: string;
  filmId: string;
  price: number;
  discount: number;
  qr: string;
  status: 'SOLD' | 'REFUNDED' | 'EXCHANGED';
  /** Let in at the door: a refund or exchange of it then needs a manager. */
  admitted: boolean;
}

export interface ModelLine {
  id: string;
  itemId: string;
  quantity: number;
  refunded: number;
  wasted: number;
  unitPrice: number;
  discount: number;
  preorderId: string | null;
}

export interface ModelOrder {
  id: string;
  number: string;
  customerId: string | null;
  terms: ModelTerms | null;
  tickets: ModelTicket[];
  lines: ModelLine[];
  /** Payments − refunds, all methods. */
  netPaid: number;
  /** The same without points. */
  netMoney: number;
  earned: number;
  preorder: 'NONE' | 'PENDING' | 'READY' | 'PICKED_UP' | 'CANCELLED';
}

export interface Model {
  orders: ModelOrder[];
  balance: Map<string, number>;
  stock: Map<string, number | null>;
  accrualBp: number;
  /** Orders the model started with per code (other orders of the file), to add the sequence's to. */
  baseUses: Map<string, number>;
  steps: number;
}

const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/** Percent of an amount in basis points, half-up (rule 3). */
export function percentOf(amount: number, bp: number): number {
  return Number(halfUp(BigInt(amount) * BigInt(bp), 10_000n));
}

interface PricedLine {
  key: string;
  kind: 'TICKET' | 'CONCESSION';
  amount: number;
  filmId: string | null;
}

/**
 * Rule 7 on the lines that stand: null when the code does not apply (below its minimum or no line
 * it covers), else each line's discount.
 */
export function discountsOf(terms: ModelTerms, lines: readonly PricedLine[]): Map<string, number> | null {
  const gross = lines.reduce((s, l) => s + l.amount, 0);
  if (lines.length === 0 || gross < terms.minOrder) return null;
  const filmOk = (l: PricedLine) => terms.filmIds.length === 0 || (l.filmId !== null && terms.filmIds.includes(l.filmId));
  const anyListedTicket = lines.some((l) => l.kind === 'TICKET' && filmOk(l));
  const covered = lines.filter((l) => {
    if (l.amount <= 0) return false;
    if (l.kind === 'TICKET') return terms.appliesTo !== 'CONCESSIONS' && filmOk(l);
    return terms.appliesTo !== 'TICKETS' && (terms.filmIds.length === 0 || anyListedTicket);
  });
  if (covered.length === 0) return null;
  const out = new Map(lines.map((l) => [l.key, 0]));
  if (terms.kind === 'PERCENT') {
    for (const l of covered) out.set(l.key, Math.min(l.amount, percentOf(l.amount, Math.min(terms.value, 10_000))));
  } else {
    // A fixed amount spread in proportion, each line the change of the half-up running share.
    const total = BigInt(covered.reduce((s, l) => s + l.amount, 0));
    const d = BigInt(Math.min(terms.value, Number(total)));
    let cumulative = 0n;
    let given = 0n;
    for (const l of covered) {
      cumulative += BigInt(l.amount);
      const upTo = halfUp(d * cumulative, total);
      out.set(l.key, Number(upTo - given));
      given = upTo;
    }
  }
  return out;
}

export interface Repriced {
  discounts: Map<string, number>;
  total: number;
  dropped: boolean;
}

/** The order's standing lines (after a change) priced under its code. */
export function reprice(order: Pick<ModelOrder, 'terms'>, tickets: readonly Pick<ModelTicket, 'id' | 'price' | 'filmId'>[], lines: readonly { id: string; units: number; unitPrice: number }[]): Repriced {
  const priced: PricedLine[] = [
    ...tickets.map((t) => ({ key: t.id, kind: 'TICKET' as const, amount: t.price, filmId: t.filmId })),
    ...lines.filter((l) => l.units > 0).map((l) => ({ key: l.id, kind: 'CONCESSION' as const, amount: l.units * l.unitPrice, filmId: null })),
  ];
  const gross = priced.reduce((s, l) => s + l.amount, 0);
  if (!order.terms || priced.length === 0) return { discounts: new Map(priced.map((l) => [l.key, 0])), total: gross, dropped: false };
  const d = discountsOf(order.terms, priced);
  if (!d) return { discounts: new Map(priced.map((l) => [l.key, 0])), total: gross, dropped: true };
  return { discounts: d, total: gross - [...d.values()].reduce((s, x) => s + x, 0), dropped: false };
}

export const standingTickets = (o: ModelOrder) => o.tickets.filter((t) => t.status === 'SOLD');
export const standingUnits = (l: ModelLine) => l.quantity - l.refunded;

/** What the order's standing lines cost with the discounts they carry. */
export function standingValue(o: ModelOrder): number {
  return standingTickets(o).reduce((s, t) => s + t.price - t.discount, 0) + o.lines.reduce((s, l) => s + standingUnits(l) * l.unitPrice - l.discount, 0);
}

/** Applies a re-pricing to the order's lines (and drops the code when it no longer applies). */
export function applyRepriced(o: ModelOrder, r: Repriced): void {
  for (const t of standingTickets(o)) t.discount = r.discounts.get(t.id) ?? 0;
  for (const l of o.lines) l.discount = standingUnits(l) > 0 ? (r.discounts.get(l.id) ?? 0) : 0;
  if (r.dropped) o.terms = null;
}

/**
 * Rule 6 after a change of the order's money: the order comes to ⌊accrual × net money⌋ points,
 * but a reversal never takes the customer below 0 (points already spent stay spent).
 */
export function settlePoints(m: Model, o: ModelOrder): void {
  if (!o.customerId) return;
  const due = Math.floor((o.netMoney * m.accrualBp) / 10_000);
  let delta = due - o.earned;
  const balance = m.balance.get(o.customerId)!;
  if (delta < 0) delta = -Math.min(-delta, Math.max(0, balance));
  m.balance.set(o.customerId, balance + delta);
  o.earned += delta;
}

/** The uses of each code by the model's orders (an order uses its code until fully refunded or the code is dropped). */
export function usesByCode(m: Model): Map<string, number> {
  const out = new Map(m.baseUses);
  for (const o of m.orders) {
    const live = standingTickets(o).length > 0 || o.lines.some((l) => standingUnits(l) > 0);
    if (o.terms && live) out.set(o.terms.id, (out.get(o.terms.id) ?? 0) + 1);
  }
  return out;
}

/** Whether a refund of these lines needs a manager (items handed over: sold at the counter, or a collected preorder). */
export function handedOver(o: ModelOrder, l: ModelLine): boolean {
  return l.preorderId === null || o.preorder === 'PICKED_UP';
}
