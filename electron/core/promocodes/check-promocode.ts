import { businessDateOf, type BusinessDayRule } from '../../../shared/business-day';
import type { PromocodeKind, PromocodeScope } from '../../../shared/enums';
import { percentOf } from '../../../shared/money';
import type { Words } from '../../../shared/i18n/message-key';
import { inWords } from '../errors';

/*
 * Rule 7: does a promocode apply to a proposed order, and how much does it take off each line?
 * Pure: everything it needs (the code's terms, how often it was used, the order's lines, the
 * time and the cinema's business-day rule) comes in as arguments, so the sale can call it inside
 * its transaction and tests can throw thousands of orders at it.
 */

export interface PromocodeTerms {
  code: string;
  kind: PromocodeKind;
  /** Basis points for PERCENT (≤ 10000), minor units for FIXED. */
  value: number;
  /** First and last business day (inclusive); null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
  maxUses: number | null;
  perCustomerLimit: number | null;
  minOrder: number;
  appliesTo: PromocodeScope;
  /** Films a ticket must be for; empty = every film. */
  filmIds: readonly string[];
  active: boolean;
}

export interface ProposedLine {
  /** The caller's name for the line (a seat id, an item id…), handed back with its discount. */
  key: string;
  kind: 'TICKET' | 'CONCESSION';
  /** The line's amount before any discount, minor units (quantity × unit price for concessions). */
  amount: number;
  /** The film of a ticket line. */
  filmId?: string | null;
}

export interface PromocodeUsage {
  /** Orders using the code that are not refunded or cancelled. */
  uses: number;
  /** The same, for this order's customer (0 when there is none). */
  customerUses: number;
}

export interface PromocodeCheck {
  terms: PromocodeTerms;
  usage: PromocodeUsage;
  lines: readonly ProposedLine[];
  /** The customer's loyalty id, when the order has one. */
  customerId: string | null;
  now: Date;
  /** The cinema's time zone and day start: "in date" means the cinema's business day. */
  day: BusinessDayRule;
  /** For amounts in messages. */
  currency: string;
}

export type PromocodeRefusal =
  | 'INACTIVE'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'USED_UP'
  | 'CUSTOMER_REQUIRED'
  | 'CUSTOMER_LIMIT'
  | 'BELOW_MINIMUM'
  | 'NO_ELIGIBLE_LINES';

export type PromocodeDecision =
  | {
      ok: true;
      /** The whole order's discount: always the sum of the line discounts. */
      discount: number;
      /** One entry per line of the order, in its order (0 for lines the code does not cover). */
      lineDiscounts: { key: string; discount: number }[];
    }
  /** `words` for the reader, put into their language where shown; `message`, the English (logs, a refund's note). */
  | { ok: false; reason: PromocodeRefusal; words: Words; message: string };

const SCOPE_WORDS: Record<PromocodeScope, Words> = {
  TICKETS: { key: 'refusals:promocodes.scopeTickets' },
  CONCESSIONS: { key: 'refusals:promocodes.scopeConcessions' },
  ALL: { key: 'refusals:promocodes.scopeAll' },
};

function refuse(reason: PromocodeRefusal, words: Words): PromocodeDecision {
  return { ok: false, reason, words, message: inWords(words, 'en') };
}

/**
 * Which lines the code covers: tickets and/or concessions by its scope; with a film list, only
 * tickets for those films — and concessions only in an order that has such a ticket (a film's
 * promotion does not discount a snack bought without seeing the film).
 */
export function eligibleLines(terms: Pick<PromocodeTerms, 'appliesTo' | 'filmIds'>, lines: readonly ProposedLine[]): boolean[] {
  const films = new Set(terms.filmIds);
  const filmOk = (l: ProposedLine) => films.size === 0 || (l.filmId != null && films.has(l.filmId));
  const hasListedTicket = lines.some((l) => l.kind === 'TICKET' && filmOk(l));
  return lines.map((l) => {
    if (l.amount <= 0) return false;
    if (l.kind === 'TICKET') return terms.appliesTo !== 'CONCESSIONS' && filmOk(l);
    return terms.appliesTo !== 'TICKETS' && (films.size === 0 || hasListedTicket);
  });
}

/**
 * Spreads a fixed discount over amounts in proportion to them. Each line gets the half-up rounded
 * change of the running share (round(D × cumulative / total)), so the last line carries the
 * remainder, the shares add up to D exactly, and no line gets more than its amount (D ≤ total).
 */
export function spreadProportionally(discount: number, amounts: readonly number[]): number[] {
  const total = amounts.reduce((a, b) => a + b, 0);
  if (total <= 0 || discount <= 0) return amounts.map(() => 0);
  const d = BigInt(Math.min(discount, total));
  const t = BigInt(total);
  // half-up of d × c / t, exact in BigInt
  const runningShare = (c: bigint) => (2n * d * c + t) / (2n * t);
  let cumulative = 0n;
  let given = 0n;
  return amounts.map((a) => {
    cumulative += BigInt(a);
    const upTo = runningShare(cumulative);
    const share = upTo - given;
    given = upTo;
    return Number(share);
  });
}

/** Decides whether the code applies to the order and what it takes off each line (rule 7). */
export function checkPromocode(check: PromocodeCheck): PromocodeDecision {
  const { terms, usage, lines } = check;
  const code = terms.code;
  const money = (minor: number) => ({ minor, currency: check.currency });
  if (!terms.active) return refuse('INACTIVE', { key: 'refusals:promocodes.inactive', values: { code } });

  const today = businessDateOf(check.now, check.day);
  if (terms.validFrom && today < terms.validFrom) return refuse('NOT_YET_VALID', { key: 'refusals:promocodes.notYetValid', values: { code, from: terms.validFrom, today } });
  if (terms.validTo && today > terms.validTo) return refuse('EXPIRED', { key: 'refusals:promocodes.expired', values: { code, to: terms.validTo } });

  if (terms.maxUses !== null && usage.uses >= terms.maxUses) {
    return refuse('USED_UP', { key: 'refusals:promocodes.usedUp', values: { code, uses: usage.uses, maxUses: terms.maxUses } });
  }
  if (terms.perCustomerLimit !== null) {
    const limit = { code, count: terms.perCustomerLimit };
    if (!check.customerId) return refuse('CUSTOMER_REQUIRED', { key: 'refusals:promocodes.customerRequired', values: limit });
    if (usage.customerUses >= terms.perCustomerLimit) return refuse('CUSTOMER_LIMIT', { key: 'refusals:promocodes.customerLimit', values: limit });
  }

  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  if (subtotal < terms.minOrder) {
    return refuse('BELOW_MINIMUM', { key: 'refusals:promocodes.belowMinimum', values: { code, minimum: money(terms.minOrder), subtotal: money(subtotal) } });
  }

  const eligible = eligibleLines(terms, lines);
  const covered = lines.filter((_, i) => eligible[i]);
  if (covered.length === 0) {
    const scope = SCOPE_WORDS[terms.appliesTo];
    const films = terms.filmIds.length;
    return refuse(
      'NO_ELIGIBLE_LINES',
      films > 0 ? { key: 'refusals:promocodes.noEligibleLinesFilms', values: { code, scope, count: films } } : { key: 'refusals:promocodes.noEligibleLines', values: { code, scope } },
    );
  }

  let shares: number[];
  if (terms.kind === 'PERCENT') {
    const bp = Math.min(terms.value, 10_000);
    shares = covered.map((l) => Math.min(l.amount, percentOf(l.amount, bp)));
  } else {
    shares = spreadProportionally(terms.value, covered.map((l) => l.amount));
  }
  let next = 0;
  const lineDiscounts = lines.map((l, i) => ({ key: l.key, discount: eligible[i] ? shares[next++]! : 0 }));
  return { ok: true, discount: lineDiscounts.reduce((s, l) => s + l.discount, 0), lineDiscounts };
}
