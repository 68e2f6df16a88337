import { useTranslation } from 'react-i18next';
import type { PromocodeSummary } from '../../../../shared/contract';
import { percentText } from '../../format/amount-input';
import { useLocale } from '../../i18n/i18n';

export type PromocodeTone = 'ok' | 'muted' | 'warn';
type StateWord = 'deactivated' | 'expired' | 'usedUp' | 'later' | 'active';

/** Where a code stands today (business date): the badge says it in words and repeats it with a symbol. */
export function promocodeState(p: PromocodeSummary, today: string | null): { word: StateWord; tone: PromocodeTone } {
  if (!p.active) return { word: 'deactivated', tone: 'muted' };
  if (today && p.validTo && today > p.validTo) return { word: 'expired', tone: 'muted' };
  if (p.maxUses !== null && p.uses >= p.maxUses) return { word: 'usedUp', tone: 'muted' };
  if (today && p.validFrom && today < p.validFrom) return { word: 'later', tone: 'warn' };
  return { word: 'active', tone: 'ok' };
}

/** A promocode's discount, validity and state in the window's language. */
export function usePromocodeText() {
  const { t } = useTranslation('promocodes');
  const locale = useLocale();
  const day = (s: string) => new Date(`${s}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    /** "10 % off" or "€5.00 off". */
    discount: (p: Pick<PromocodeSummary, 'kind' | 'value'>, currency: string) =>
      p.kind === 'PERCENT' ? t('discount.percent', { percent: percentText(p.value) }) : t('discount.fixed', { amount: { minor: p.value, currency } }),
    /** "1 Dec 2026 – 31 Dec 2026", "from 1 Dec 2026", "until …", "No end date". */
    validity: (p: Pick<PromocodeSummary, 'validFrom' | 'validTo'>) => {
      if (p.validFrom && p.validTo) return t('validity.between', { from: day(p.validFrom), to: day(p.validTo) });
      if (p.validFrom) return t('validity.from', { from: day(p.validFrom) });
      if (p.validTo) return t('validity.until', { to: day(p.validTo) });
      return t('validity.always');
    },
    state: (word: StateWord) => t(`state.${word}`),
  };
}
