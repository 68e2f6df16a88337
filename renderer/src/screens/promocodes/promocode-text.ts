import type { PromocodeSummary } from '../../../../shared/contract';
import type { PromocodeScope } from '../../../../shared/enums';
import { formatMoney } from '../../../../shared/money';
import { percentText } from '../../format/amount-input';

export const SCOPE_LABEL: Record<PromocodeScope, string> = {
  ALL: 'Tickets and concessions',
  TICKETS: 'Tickets only',
  CONCESSIONS: 'Concessions only',
};

/** "10 % off" or "€5.00 off". */
export function discountText(p: Pick<PromocodeSummary, 'kind' | 'value'>, currency: string): string {
  return p.kind === 'PERCENT' ? `${percentText(p.value)} % off` : `${formatMoney(p.value, currency)} off`;
}

/** "1 Dec 2026 – 31 Dec 2026", "from 1 Dec 2026", "until …", "always". */
export function validityText(p: Pick<PromocodeSummary, 'validFrom' | 'validTo'>): string {
  const d = (s: string) => new Date(`${s}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  if (p.validFrom && p.validTo) return `${d(p.validFrom)} – ${d(p.validTo)}`;
  if (p.validFrom) return `from ${d(p.validFrom)}`;
  if (p.validTo) return `until ${d(p.validTo)}`;
  return 'No end date';
}

/** Where a code stands today (business date), in words: the badge repeats it with a symbol. */
export function promocodeState(p: PromocodeSummary, today: string | null): { text: string; tone: 'ok' | 'muted' | 'warn' } {
  if (!p.active) return { text: 'Deactivated', tone: 'muted' };
  if (today && p.validTo && today > p.validTo) return { text: 'Expired', tone: 'muted' };
  if (p.maxUses !== null && p.uses >= p.maxUses) return { text: 'Used up', tone: 'muted' };
  if (today && p.validFrom && today < p.validFrom) return { text: 'Starts later', tone: 'warn' };
  return { text: 'Active', tone: 'ok' };
}
