import type {
  ConcessionReport,
  PopularityReport,
  ReportKind,
  RevenueReport,
  ShiftsReport,
} from '../../../shared/contract/reports';
import { formatCount, formatMoney, formatPercentBp } from '../../../shared/money';
import { DEFAULT_LANGUAGE, localeOf, type Language } from '../../../shared/i18n/languages';
import { printedIn, type Printed } from '../printing/print-format';
import type { SettlementWeekRow, SettlementPayment } from '../../../shared/contract/settlements';
import type { VoucherReport } from '../../../shared/contract/vouchers';
import { businessDateOf, type BusinessDayRule } from '../../../shared/business-day';

/**
 * A report as tables, independent of the file format: the PDF and the XLSX writers both render
 * this, so the two files always show the same figures with the same headings.
 */
export type CellKind = 'text' | 'date' | 'int' | 'money' | 'percent';
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  kind: CellKind;
  /** Relative width. */
  width: number;
  /** Totals row: sum this column (money/int), or leave it empty. */
  total?: boolean;
}

export interface ReportTable {
  title: string;
  /** Worksheet name (≤ 31 characters). */
  sheet: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** A bar chart of one column against the first (the PDF draws it above the table). */
  chart?: { valueColumn: number; label: string };
  /** Percent cells of the totals row that are not sums (e.g. overall occupancy), by column. */
  totalsOverride?: Record<number, Cell>;
  note?: string;
}

export interface ReportDocument {
  title: string;
  kind: ReportKind;
  cinema: string;
  currency: string;
  /** The cinema's IANA zone: every time the document prints is in it. */
  timezone: string;
  from: string;
  to: string;
  generatedBy: string;
  generatedAt: string;
  /** The reader's language: headings, notes and every figure's format (English when not given). */
  language?: Language;
  tables: ReportTable[];
}

/** A cell as the PDF, the XLSX's column widths and the tests write it: one format per kind. */
export function formatCell(value: Cell, kind: ReportColumn['kind'], currency: string, locale: string = localeOf(DEFAULT_LANGUAGE)): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return formatMoney(value, currency, locale);
    case 'percent':
      return formatPercentBp(value, locale);
    case 'int':
      return formatCount(value, locale);
    default:
      return String(value);
  }
}

export function totalsRow(table: ReportTable, p: Printed = printedIn()): Cell[] {
  return table.columns.map((c, i) => {
    if (i === 0) return p.t('documents:report.total');
    if (table.totalsOverride && i in table.totalsOverride) return table.totalsOverride[i]!;
    if (!c.total) return null;
    return table.rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0);
  });
}

const col = (header: string, kind: CellKind, width = 1, total = false): ReportColumn => ({ header, kind, width, total });

export function revenueDocument(r: RevenueReport, p: Printed = printedIn()): ReportTable[] {
  const { t } = p;
  // Films and halls earn ticket revenue only; cashiers also sell concessions.
  const lineCols = (first: string) => [col(first, 'text', 3), col(t('documents:report.col.tickets'), 'int', 1, true), col(t('documents:report.col.ticketRevenue'), 'money', 1.4, true)];
  const lineRows = (lines: RevenueReport['byFilm']) => lines.map((l) => [l.label, l.tickets, l.ticketNet]);
  return [
    {
      title: t('documents:report.revenue.byDay'),
      sheet: t('documents:report.revenue.byDaySheet'),
      columns: [
        col(t('documents:report.col.businessDay'), 'date', 1.3),
        col(t('documents:report.col.orders'), 'int', 0.9, true),
        col(t('documents:report.col.tickets'), 'int', 0.9, true),
        col(t('documents:report.col.ticketGross'), 'money', 1.3, true),
        col(t('documents:report.col.discounts'), 'money', 1.2, true),
        col(t('documents:report.col.ticketRevenue'), 'money', 1.3, true),
        col(t('documents:report.col.concessions'), 'money', 1.3, true),
        col(t('documents:report.col.total'), 'money', 1.3, true),
      ],
      rows: r.byDay.map((d) => [d.date, d.orders, d.tickets, d.ticketGross, d.ticketDiscounts, d.ticketNet, d.concessions, d.total]),
      chart: { valueColumn: 7, label: t('documents:report.revenue.byDayChart') },
      note: t('documents:report.revenue.byDayNote'),
    },
    { title: t('documents:report.revenue.byFilm'), sheet: t('documents:report.revenue.byFilmSheet'), columns: lineCols(t('documents:report.col.film')), rows: lineRows(r.byFilm), note: t('documents:report.revenue.byFilmNote') },
    { title: t('documents:report.revenue.byHall'), sheet: t('documents:report.revenue.byHallSheet'), columns: lineCols(t('documents:report.col.hall')), rows: lineRows(r.byHall) },
    {
      title: t('documents:report.revenue.byCashier'),
      sheet: t('documents:report.revenue.byCashierSheet'),
      columns: [...lineCols(t('documents:report.col.cashier')), col(t('documents:report.col.concessions'), 'money', 1.4, true), col(t('documents:report.col.total'), 'money', 1.4, true)],
      rows: r.byCashier.map((l) => [l.label, l.tickets, l.ticketNet, l.concessions, l.total]),
    },
    {
      title: t('documents:report.revenue.byMethod'),
      sheet: t('documents:report.revenue.byMethodSheet'),
      columns: [col(t('documents:report.col.method'), 'text', 2), col(t('documents:report.col.payments'), 'int', 1, true), col(t('documents:report.col.taken'), 'money', 1.4, true), col(t('documents:report.col.refunded'), 'money', 1.4, true), col(t('documents:report.col.net'), 'money', 1.4, true)],
      rows: r.byMethod.map((m) => [p.method(m.method), m.count, m.payments, m.refunds, m.net]),
      note: t('documents:report.revenue.byMethodNote'),
    },
  ];
}

export function popularityDocument(r: PopularityReport, p: Printed = printedIn()): ReportTable[] {
  const { t } = p;
  return [
    {
      title: t('documents:report.popularity.title'),
      sheet: t('documents:report.popularity.sheet'),
      columns: [
        col(t('documents:report.col.film'), 'text', 3),
        col(t('documents:report.col.sessions'), 'int', 0.9, true),
        col(t('documents:report.col.seatsOffered'), 'int', 1.1, true),
        col(t('documents:report.col.tickets'), 'int', 0.9, true),
        col(t('documents:report.col.occupancy'), 'percent', 1, false),
        col(t('documents:report.col.revenue'), 'money', 1.3, true),
        col(t('documents:report.col.perSession'), 'money', 1.2, false),
      ],
      rows: r.films.map((f) => [f.title, f.sessions, f.seats, f.tickets, f.occupancyBp, f.revenue, f.revenuePerSession]),
      totalsOverride: { 4: r.totals.occupancyBp, 6: r.totals.revenuePerSession },
      chart: { valueColumn: 3, label: t('documents:report.popularity.chart') },
      note: t('documents:report.popularity.note'),
    },
  ];
}

export function concessionDocument(r: ConcessionReport, p: Printed = printedIn()): ReportTable[] {
  const { t } = p;
  return [
    {
      title: t('documents:report.concessions.byItem'),
      sheet: t('documents:report.concessions.byItemSheet'),
      columns: [col(t('documents:report.col.item'), 'text', 3), col(t('documents:report.col.category'), 'text', 1.3), col(t('documents:report.col.quantity'), 'int', 1, true), col(t('documents:report.col.revenue'), 'money', 1.3, true)],
      rows: r.byItem.map((i) => [i.name, i.category, i.quantity, i.revenue]),
      note: t('documents:report.concessions.byItemNote'),
    },
    {
      title: t('documents:report.concessions.byDay'),
      sheet: t('documents:report.concessions.byDaySheet'),
      columns: [col(t('documents:report.col.businessDay'), 'date', 1.3), col(t('documents:report.col.quantity'), 'int', 1, true), col(t('documents:report.col.revenue'), 'money', 1.3, true)],
      rows: r.byDay.map((d) => [d.date, d.quantity, d.revenue]),
      chart: { valueColumn: 2, label: t('documents:report.concessions.byDayChart') },
    },
  ];
}

export function shiftsDocument(r: ShiftsReport, timezone: string, p: Printed = printedIn()): ReportTable[] {
  const { t } = p;
  const time = (iso: string | null) => (iso ? p.clockTime(iso, timezone) : '—');
  return [
    {
      title: t('documents:report.shifts.title'),
      sheet: t('documents:report.shifts.sheet'),
      columns: [
        col(t('documents:report.col.day'), 'date', 1.2),
        col(t('documents:report.col.cashier'), 'text', 1.6),
        col(t('documents:report.col.open'), 'text', 0.7),
        col(t('documents:report.col.close'), 'text', 0.7),
        col(t('documents:report.col.orders'), 'int', 0.8, true),
        col(t('documents:report.col.tickets'), 'int', 0.8, true),
        col(t('documents:report.col.cash'), 'money', 1.1, true),
        col(t('documents:report.col.card'), 'money', 1.1, true),
        col(t('documents:report.col.bonus'), 'money', 1, true),
        col(t('documents:report.col.refunds'), 'money', 1, true),
        col(t('documents:report.col.float'), 'money', 1, true),
        col(t('documents:report.col.expectedCash'), 'money', 1.2, true),
        col(t('documents:report.col.counted'), 'money', 1.1, true),
        col(t('documents:report.col.difference'), 'money', 1.1, true),
      ],
      rows: r.shifts.map((z) => [z.date, z.cashier, time(z.openedAt), time(z.closedAt), z.orders, z.tickets, z.cash, z.card, z.bonus, z.refunds, z.openingFloat, z.expectedCash, z.countedCash, z.difference]),
      note: t('documents:report.shifts.note'),
    },
  ];
}

/** Rule 17: vouchers sold, redeemed and outstanding, then each voucher with what is left on it. */
export function vouchersDocument(r: VoucherReport, p: Printed = printedIn()): ReportTable[] {
  const { t } = p;
  return [
    {
      title: t('documents:report.vouchers.title'),
      sheet: t('documents:report.vouchers.sheet'),
      columns: [col('', 'text', 2.4), col(t('documents:report.col.count'), 'int', 0.8), col(t('documents:report.col.amount'), 'money', 1.2)],
      rows: [
        [t('documents:report.vouchers.sold'), r.sold.count, r.sold.amount],
        [t('documents:report.vouchers.redeemed'), r.redeemed.count, r.redeemed.amount],
        [t('documents:report.vouchers.returned'), r.returned.count, r.returned.amount],
        [t('documents:report.vouchers.adjusted'), r.adjusted.count, r.adjusted.amount],
        [t('documents:report.vouchers.outstanding'), r.outstanding.count, r.outstanding.amount],
      ],
      note: t('documents:report.vouchers.note'),
    },
    {
      title: t('documents:report.vouchers.balances'),
      sheet: t('documents:report.vouchers.balancesSheet'),
      columns: [col(t('documents:report.col.code'), 'text', 1.6), col(t('documents:report.col.sold'), 'date', 1.1), col(t('documents:report.col.amount'), 'money', 1.1, true), col(t('documents:report.col.redeemed'), 'money', 1.1, true), col(t('documents:report.col.left'), 'money', 1.1, true), col(t('documents:report.col.soldBy'), 'text', 1.3)],
      rows: r.vouchers.map((v) => [v.code, v.soldAt.slice(0, 10), v.amount, v.redeemed, v.balance, t(v.otherCinema ? 'documents:report.vouchers.anotherCinema' : 'documents:report.vouchers.thisCinema')]),
    },
  ];
}

/** Rule 11's statement: ended weeks (owed, with totals), running weeks apart (not owed yet), payments. */
export function settlementsDocument(weeks: SettlementWeekRow[], payments: SettlementPayment[], rule: BusinessDayRule, currency: string, p: Printed = printedIn()): ReportTable[] {
  const { t } = p;
  const columns = [
    col(t('documents:report.col.distributor'), 'text', 2.2),
    col(t('documents:report.col.film'), 'text', 2.2),
    col(t('documents:report.col.week'), 'int', 0.6),
    col(t('documents:report.col.from'), 'date', 1.1),
    col(t('documents:report.col.to'), 'date', 1.1),
    col(t('documents:report.col.gross'), 'money', 1.1, true),
    col(t('documents:report.col.netOfVat'), 'money', 1.1, true),
    col(t('documents:report.col.percent'), 'percent', 0.8),
    col(t('documents:report.col.due'), 'money', 1.1, true),
  ];
  const note = (w: SettlementWeekRow) =>
    [w.overridden ? t('documents:report.settlements.overridden') : '', w.adjustment !== 0 && !w.overridden ? t('documents:report.settlements.corrected', { amount: p.money(w.adjustment, currency) }) : ''].filter(Boolean).join('; ');
  const cells = (w: SettlementWeekRow): Cell[] => [w.distributor.legalName, w.film.title, w.week, w.startDate, w.endDate, w.gross, w.net, w.percentBp, w.due];
  const ended = weeks.filter((w) => w.accrued);
  const running = weeks.filter((w) => !w.accrued);
  const definition = t('documents:report.settlements.definition');
  const settlementMethod = (m: string) => (m in METHOD_KEYS ? t(`documents:report.settlements.method.${m as keyof typeof METHOD_KEYS}`) : m);
  return [
    {
      title: t('documents:report.settlements.weeks'),
      sheet: t('documents:report.settlements.weeksSheet'),
      columns: [...columns, col(t('documents:report.col.paid'), 'money', 1.1, true), col(t('documents:report.col.balance'), 'money', 1.1, true), col(t('documents:report.col.note'), 'text', 1.4)],
      rows: ended.map((w) => [...cells(w), w.paid, w.balance, note(w)]),
      note: t('documents:report.settlements.weeksNote', { definition }),
    },
    ...(running.length
      ? [
          {
            title: t('documents:report.settlements.running'),
            sheet: t('documents:report.settlements.runningSheet'),
            columns: [...columns, col(t('documents:report.col.note'), 'text', 1.4)],
            rows: running.map((w) => [...cells(w), note(w)]),
            note: t('documents:report.settlements.runningNote'),
          },
        ]
      : []),
    {
      title: t('documents:report.settlements.payments'),
      sheet: t('documents:report.settlements.paymentsSheet'),
      columns: [col(t('documents:report.col.paidOn'), 'date', 1.1), col(t('documents:report.col.distributor'), 'text', 2.2), col(t('documents:report.col.film'), 'text', 2.2), col(t('documents:report.col.method'), 'text', 1.1), col(t('documents:report.col.reference'), 'text', 1.6), col(t('documents:report.col.amount'), 'money', 1.2, true)],
      rows: payments.map((x) => [businessDateOf(x.paidAt, rule), x.distributor, x.film, settlementMethod(x.method), x.reference, x.amount]),
      note: t('documents:report.settlements.paymentsNote'),
    },
  ];
}

const METHOD_KEYS = { BANK_TRANSFER: 1, CASH: 1, CHEQUE: 1, OTHER: 1 } as const;

/** A document's title as a manager reads it (the kind's label is not always a noun to add "report" to). */
export function documentTitle(kind: ReportKind, distributor?: string | null, p: Printed = printedIn()): string {
  return kind === 'SETTLEMENTS' && distributor ? p.t('documents:report.statement', { distributor }) : p.t(`documents:report.title.${kind}`);
}
