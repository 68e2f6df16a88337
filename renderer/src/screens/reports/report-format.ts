import { formatCount, formatMoney, formatPercentBp } from '../../../../shared/money';

/** Figures as managers read them on screen — the same formatters, and so the same text, as the PDF. */
export const money = (minor: number, currency: string) => formatMoney(minor, currency);
export const count = (n: number) => formatCount(n);
export const percentBp = (bp: number) => formatPercentBp(bp);

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** "Thu 19 Nov" for a business date. */
export function shortDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "29 Oct" for a business date: short enough for a week's range in one table cell. */
export function dayMonth(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export interface PeriodPreset {
  id: string;
  label: string;
  range(today: string): { from: string; to: string };
}

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  { id: 'today', label: 'Today', range: (t) => ({ from: t, to: t }) },
  { id: 'yesterday', label: 'Yesterday', range: (t) => ({ from: addDays(t, -1), to: addDays(t, -1) }) },
  { id: 'last7', label: 'Last 7 days', range: (t) => ({ from: addDays(t, -7), to: addDays(t, -1) }) },
  { id: 'last30', label: 'Last 30 days', range: (t) => ({ from: addDays(t, -30), to: addDays(t, -1) }) },
  { id: 'month', label: 'This month', range: (t) => ({ from: `${t.slice(0, 8)}01`, to: t }) },
  { id: 'last365', label: 'Last 12 months', range: (t) => ({ from: addDays(t, -365), to: addDays(t, -1) }) },
];
