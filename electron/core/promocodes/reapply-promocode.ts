import type { BusinessDayRule } from '../../../shared/business-day';
import { checkPromocode, type ProposedLine, type PromocodeTerms } from './check-promocode';
import type { Words } from '../../../shared/i18n/message-key';

export type Reapplied =
  | { applies: true; discount: number; lineDiscounts: { key: string; discount: number }[] }
  | { applies: false; message: string; words: Words; lineDiscounts: { key: string; discount: number }[] };

/**
 * Rule 7 after a refund or an exchange (docs: "a code follows the lines that stand"): the order's
 * code is applied again, under its own arithmetic — percent or fixed amount spread, minimum
 * order, scope, film list — to the lines that still stand. Its use is not counted again and its
 * dates and limits are not checked again: the order already holds the use. When the standing
 * lines no longer meet it (below the minimum, no eligible line) every line's discount is 0 and the
 * caller drops the code from the order — the discount is clawed back from the money paid back.
 */
export function reapplyPromocode(args: { terms: PromocodeTerms; lines: readonly ProposedLine[]; now: Date; day: BusinessDayRule; currency: string }): Reapplied {
  const none = args.lines.map((l) => ({ key: l.key, discount: 0 }));
  const decision = checkPromocode({
    terms: { ...args.terms, active: true, validFrom: null, validTo: null, maxUses: null, perCustomerLimit: null },
    usage: { uses: 0, customerUses: 0 },
    lines: args.lines,
    customerId: null,
    now: args.now,
    day: args.day,
    currency: args.currency,
  });
  if (!decision.ok) return { applies: false, message: decision.message, words: decision.words, lineDiscounts: none };
  return { applies: true, discount: decision.discount, lineDiscounts: decision.lineDiscounts };
}
