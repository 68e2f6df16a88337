import type { Kysely, Transaction } from 'kysely';
import type { OrderDraft, Quote, QuoteLine } from '../../../shared/contract';
import type { ConcessionItemRow, DB } from '../db/tables';
import type { CinemaRow } from '../catalog/require-cinema';
import { businessDayRuleOf } from '../catalog/require-cinema';
import { DomainError, inWords, isDomainError } from '../errors';
import { loadPriceFactors } from '../pricing/ticket-price';
import { priceCardForSession } from '../pricing/price-cards';
import { ageCheckFor, idCheckRatingsOf } from './age-check';
import { assertOnSale, loadSession, type SaleSession } from '../booking/session-for-sale';
import { seatStates, type SeatStateRow } from '../booking/seat-states';
import { seatWords } from '../../../shared/seat-map';
import { accessibleRefusalWords, accessibleSeatsRefused } from '../booking/wheelchair-rule';
import { loadCustomer, type LoyaltyCustomer } from '../loyalty/customers';
import { loadPromocodeForOrder } from '../promocodes/promocodes';
import { checkPromocode } from '../promocodes/check-promocode';
import { orderTotals, pointsToEarn, priceLines, redeemablePoints, vatByRate, withDiscounts } from './price-order';
import type { Words } from '../../../shared/i18n/message-key';
import type { Language } from '../../../shared/i18n/languages';

/** The steps of a sale, in the order rule 5 takes them; a test hook may fail the sale after any. */
export const SALE_STEPS = ['shift', 'holds', 'seats', 'prices', 'promocode', 'bonus', 'payments', 'order', 'tickets', 'concessions', 'accrual', 'release', 'receipt', 'audit'] as const;
export type SaleStep = (typeof SALE_STEPS)[number];

export interface PreparedOrder {
  quote: Quote;
  session: SaleSession | null;
  /** The ticket seats, in the order of the draft's ticket lines. */
  seats: SeatStateRow[];
  items: Map<string, ConcessionItemRow>;
  promocodeId: string | null;
  customer: LoyaltyCustomer | null;
}

/**
 * Reads and prices a draft order. For a quote (`sale: false`) problems the cashier can fix —
 * a promocode that does not apply, too many points, too little stock — are listed in
 * `quote.problems`, written in `language` (the reader's; English by default); for a sale
 * (`sale: true`) they refuse it with the same words, each at its step of rule 5, and the seats
 * must be held by this terminal.
 */
export async function prepareOrder(
  db: Kysely<DB> | Transaction<DB>,
  args: { cinema: CinemaRow; terminalId: string; now: Date; draft: OrderDraft; sale: boolean; language?: Language; step?: (step: SaleStep) => void },
): Promise<PreparedOrder> {
  const { cinema, draft, now, sale } = args;
  const step = args.step ?? (() => undefined);
  const language = args.language ?? 'en';
  const problems: string[] = [];
  const problem = (code: 'CONFLICT' | 'VALIDATION' | 'NOT_FOUND', problemWords: Words) => {
    if (sale) throw new DomainError(code, problemWords);
    problems.push(inWords(problemWords, language));
  };

  // Holds and seats (rule 4, rule 13).
  let session: SaleSession | null = null;
  let seats: SeatStateRow[] = [];
  if (draft.sessionId) {
    session = await loadSession(db, cinema, draft.sessionId);
    if (draft.tickets.length > 0 || sale) assertOnSale(session, cinema, now);
  }
  if (session && draft.tickets.length > 0) {
    const where = { sessionId: session.id, hallId: session.hall_id, terminalId: args.terminalId, now };
    const rows = await seatStates(db, { ...where, seatIds: draft.tickets.map((t) => t.seatId) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    seats = draft.tickets.map((t) => {
      const seat = byId.get(t.seatId);
      if (!seat) throw new DomainError('NOT_FOUND', { key: 'refusals:orders.seatOrderNotReload', values: { hallName: session!.hall_name } }, { seatId: t.seatId });
      if (seen.has(seat.id)) throw new DomainError('VALIDATION', { key: 'refusals:orders.orderTwice', values: { seat: seatWords(seat.row_label, seat.number) } }, { seatId: seat.id });
      seen.add(seat.id);
      if (seat.active !== 1) throw new DomainError('CONFLICT', { key: 'refusals:orders.outServiceSold', values: { seat: seatWords(seat.row_label, seat.number) } }, { seatId: seat.id });
      return seat;
    });
    if (sale) {
      for (const seat of seats) {
        if (seat.state === 'HELD') throw new DomainError('SEAT_TAKEN', { key: 'refusals:orders.heldAnotherCounterNow', values: { seat: seatWords(seat.row_label, seat.number) } }, { seatId: seat.id });
        if (seat.state === 'FREE') throw new DomainError('HOLD_EXPIRED', { key: 'refusals:orders.holdRanOutSelect', values: { seat: seatWords(seat.row_label, seat.number) } }, { seatId: seat.id });
      }
    }
    step('holds');
    for (const seat of seats) {
      if (seat.state === 'SOLD') throw new DomainError('SEAT_TAKEN', { key: 'refusals:orders.alreadySoldChooseAnother', values: { seat: seatWords(seat.row_label, seat.number) } }, { seatId: seat.id });
    }
    // Rule 13 looks at the rest of the hall only when a wheelchair place or companion seat is in the order.
    const refused = seats.some((s) => s.kind === 'WHEELCHAIR' || s.kind === 'COMPANION')
      ? accessibleSeatsRefused({ holdBack: cinema.hold_wheelchair_until_full === 1, hall: await seatStates(db, where), together: [...seen], atSale: true })
      : [];
    // A quote lists it (the cashier may be adding the partner seat next); a sale refuses it.
    for (const r of refused) problem('CONFLICT', accessibleRefusalWords(r));
    step('seats');
  } else {
    step('holds');
    step('seats');
  }

  // Prices (rule 3): from the session's base price and the cinema's factors, never from the caller.
  const itemIds = [...new Set(draft.concessions.map((c) => c.itemId))];
  const itemRows = itemIds.length
    ? await db.selectFrom('concession_items').selectAll().where('cinema_id', '=', cinema.id).where('id', 'in', itemIds).execute()
    : [];
  const items = new Map(itemRows.map((r) => [r.id, r]));
  for (const c of draft.concessions) {
    const item = items.get(c.itemId);
    if (!item) throw new DomainError('NOT_FOUND', { key: 'refusals:orders.concessionItemOrderDoes' }, { itemId: c.itemId });
    if (item.active !== 1) throw new DomainError('CONFLICT', { key: 'refusals:orders.noLongerSoldRemove', values: { itemName: item.name } }, { itemId: item.id });
  }
  if (!sale) {
    const wanted = new Map<string, number>();
    for (const c of draft.concessions) wanted.set(c.itemId, (wanted.get(c.itemId) ?? 0) + c.quantity);
    for (const [itemId, quantity] of wanted) {
      const item = items.get(itemId)!;
      if (item.stock !== null && item.stock < quantity) {
        problem('CONFLICT', item.stock === 0 ? { key: 'refusals:orders.outOfStock', values: { name: item.name } } : { key: 'refusals:orders.lowStock', values: { left: item.stock, name: item.name } });
      }
    }
  }
  const factors = await loadPriceFactors(db, cinema.id);
  const card = session && draft.tickets.length > 0 ? await priceCardForSession(db, cinema, session) : null;
  let lines: QuoteLine[] = priceLines({
    basePrice: session?.base_price ?? 0,
    factors,
    card,
    ticketVatBp: cinema.ticket_vat_bp,
    tickets: draft.tickets.map((t, i) => ({ seatId: seats[i]!.id, row: seats[i]!.row_label, number: seats[i]!.number, seatKind: seats[i]!.kind, ticketType: t.ticketType })),
    concessions: draft.concessions.map((c) => {
      const item = items.get(c.itemId)!;
      return { itemId: item.id, name: item.name, unitPrice: item.price, quantity: c.quantity, vatBp: item.vat_bp };
    }),
  });
  step('prices');

  const customer = draft.customerId ? await loadCustomer(db, draft.customerId) : null;

  // Promocode (rule 7).
  let promocodeId: string | null = null;
  let promo: Quote['promocode'] = null;
  const code = draft.promocode?.trim() ?? '';
  if (code) {
    try {
      const found = await loadPromocodeForOrder(db, code, cinema.id, customer?.id ?? null);
      const decision = checkPromocode({
        terms: found.terms,
        usage: found.usage,
        lines: lines.map((l, i) => ({ key: String(i), kind: l.kind, amount: l.unitPrice * l.quantity, filmId: l.kind === 'TICKET' ? (session?.film_id ?? null) : null })),
        customerId: customer?.id ?? null,
        now,
        day: businessDayRuleOf(cinema),
        currency: cinema.currency,
      });
      if (decision.ok) {
        lines = withDiscounts(lines, decision.lineDiscounts.map((d) => d.discount));
        promocodeId = found.id;
        promo = { code: found.terms.code, applied: true, message: null };
      } else {
        problem('CONFLICT', decision.words);
        promo = { code, applied: false, message: inWords(decision.words, language) };
      }
    } catch (e) {
      if (!isDomainError(e) || sale) throw e;
      problems.push(e.messageIn(language));
      promo = { code, applied: false, message: e.messageIn(language) };
    }
  }
  step('promocode');

  // Bonus (rule 6): points pay up to the cinema's share of the order, never beyond the balance.
  const totals = orderTotals(lines);
  const redeemable = customer ? redeemablePoints(totals.total, customer.bonusBalance, cinema.bonus_max_share_bp) : 0;
  let used = draft.bonusPoints;
  if (used > redeemable) {
    problem(
      'VALIDATION',
      customer
        ? { key: 'refusals:orders.pointsAtMost', values: { redeemable, name: customer.name, balance: customer.bonusBalance, share: cinema.bonus_max_share_bp / 100 } }
        : { key: 'refusals:orders.pointsNeedCustomer' },
    );
    used = redeemable;
  }
  const toPay = totals.total - used;
  step('bonus');

  // Rule 20: a film whose rating needs an ID check is sold only once the cashier confirmed it.
  const ageCheck = session && draft.tickets.length > 0 ? ageCheckFor(session.age_rating, idCheckRatingsOf(cinema)) : null;
  if (ageCheck && sale && !draft.ageConfirmed) {
    throw new DomainError('VALIDATION', { key: 'refusals:orders.ratedCheckEveryTicket', values: { filmTitle: session!.film_title, ageCheckRating: ageCheck.rating, ageCheckMinAge: ageCheck.minAge } }, {
      field: 'ageConfirmed',
    });
  }

  return {
    session,
    seats,
    items,
    promocodeId,
    customer,
    quote: {
      currency: cinema.currency,
      lines,
      ...totals,
      promocode: promo,
      customer: customer ? { id: customer.id, name: customer.name, cardNumber: customer.cardNumber, balance: customer.bonusBalance } : null,
      bonus: { redeemable, used, toEarn: customer ? pointsToEarn(toPay, cinema.bonus_accrual_bp) : 0 },
      toPay,
      vat: vatByRate(lines),
      problems,
      ageCheck,
    },
  };
}
