import { useMemo } from 'react';
import { addBusinessDays } from '../../../../shared/business-day';
import { formatCount, formatMoney, formatPercentBp } from '../../../../shared/money';
import { useLocale } from '../../i18n/i18n';

/** "Thu 19 Nov" for a business date. */
export function shortDate(date: string, locale: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "29 Oct" for a business date: short enough for a week's range in one table cell. */
export function dayMonth(date: string, locale: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Figures as managers read them on screen, in the window's locale — the same formatters as the PDF. */
export function useFigures() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
      count: (n: number) => formatCount(n, locale),
      percentBp: (bp: number) => formatPercentBp(bp, locale),
      shortDate: (date: string) => shortDate(date, locale),
      dayMonth: (date: string) => dayMonth(date, locale),
    }),
    [locale],
  );
}

export type PeriodPresetId = 'today' | 'yesterday' | 'last7' | 'last30' | 'month' | 'last365';

export interface PeriodPreset {
  /** Its name is in the catalogue: reports:period.<id>. */
  id: PeriodPresetId;
  range(today: string): { from: string; to: string };
}

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  { id: 'today', range: (t) => ({ from: t, to: t }) },
  { id: 'yesterday', range: (t) => ({ from: addBusinessDays(t, -1), to: addBusinessDays(t, -1) }) },
  { id: 'last7', range: (t) => ({ from: addBusinessDays(t, -7), to: addBusinessDays(t, -1) }) },
  { id: 'last30', range: (t) => ({ from: addBusinessDays(t, -30), to: addBusinessDays(t, -1) }) },
  { id: 'month', range: (t) => ({ from: `${t.slice(0, 8)}01`, to: t }) },
  { id: 'last365', range: (t) => ({ from: addBusinessDays(t, -365), to: addBusinessDays(t, -1) }) },
];
