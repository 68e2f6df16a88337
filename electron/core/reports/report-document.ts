import type {
  ConcessionReport,
  PopularityReport,
  ReportKind,
  RevenueReport,
  ShiftsReport,
} from '../../../shared/contract/reports';
import { formatCount, formatMoney, formatPercentBp } from '../../../shared/money';
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
  tables: ReportTable[];
}

/** A cell as the PDF, the XLSX's column widths and the tests write it: one format per kind. */
export function formatCell(value: Cell, kind: ReportColumn['kind'], currency: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return formatMoney(value, currency);
    case 'percent':
      return formatPercentBp(value);
    case 'int':
      return formatCount(value);
    default:
      return String(value);
  }
}

export function totalsRow(table: ReportTable): Cell[] {
  return table.columns.map((c, i) => {
    if (i === 0) return 'Total';
    if (table.totalsOverride && i in table.totalsOverride) return table.totalsOverride[i]!;
    if (!c.total) return null;
    return table.rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0);
  });
}

/** What the revenue report counts, said once for its footnotes. */
const SALES_COUNTED =
  'Orders: every sale paid on the business day, also one refunded since. Tickets and ticket money: what stands — refunded and exchanged-away tickets are not counted (money paid back shows under Payments by method).';

const col = (header: string, kind: CellKind, width = 1, total = false): ReportColumn => ({ header, kind, width, total });
const METHOD_LABELS: Record<string, string> = { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points' };

export function revenueDocument(r: RevenueReport): ReportTable[] {
  // Films and halls earn ticket revenue only; cashiers also sell concessions.
  const lineCols = (first: string) => [col(first, 'text', 3), col('Tickets', 'int', 1, true), col('Ticket revenue', 'money', 1.4, true)];
  const lineRows = (lines: RevenueReport['byFilm']) => lines.map((l) => [l.label, l.tickets, l.ticketNet]);
  return [
    {
      title: 'Revenue by business day',
      sheet: 'By day',
      columns: [
        col('Business day', 'date', 1.3),
        col('Orders', 'int', 0.9, true),
        col('Tickets', 'int', 0.9, true),
        col('Ticket gross', 'money', 1.3, true),
        col('Discounts', 'money', 1.2, true),
        col('Ticket revenue', 'money', 1.3, true),
        col('Concessions', 'money', 1.3, true),
        col('Total', 'money', 1.3, true),
      ],
      rows: r.byDay.map((d) => [d.date, d.orders, d.tickets, d.ticketGross, d.ticketDiscounts, d.ticketNet, d.concessions, d.total]),
      chart: { valueColumn: 7, label: 'Total revenue per business day' },
      note: `${SALES_COUNTED} Ticket revenue = gross − discounts, VAT included; Total = ticket revenue + concessions.`,
    },
    { title: 'Revenue by film', sheet: 'By film', columns: lineCols('Film'), rows: lineRows(r.byFilm), note: 'Tickets that stand, by the film of their session, on the business day they were paid.' },
    { title: 'Revenue by hall', sheet: 'By hall', columns: lineCols('Hall'), rows: lineRows(r.byHall) },
    {
      title: 'Revenue by cashier',
      sheet: 'By cashier',
      columns: [...lineCols('Cashier'), col('Concessions', 'money', 1.4, true), col('Total', 'money', 1.4, true)],
      rows: r.byCashier.map((l) => [l.label, l.tickets, l.ticketNet, l.concessions, l.total]),
    },
    {
      title: 'Payments by method',
      sheet: 'By payment method',
      columns: [col('Method', 'text', 2), col('Payments', 'int', 1, true), col('Taken', 'money', 1.4, true), col('Refunded', 'money', 1.4, true), col('Net', 'money', 1.4, true)],
      rows: r.byMethod.map((m) => [METHOD_LABELS[m.method] ?? m.method, m.count, m.payments, m.refunds, m.net]),
      note: 'Money taken and refunded on each business day of the period, by payment method.',
    },
  ];
}

export function popularityDocument(r: PopularityReport): ReportTable[] {
  return [
    {
      title: 'Film popularity',
      sheet: 'Films',
      columns: [
        col('Film', 'text', 3),
        col('Sessions', 'int', 0.9, true),
        col('Seats offered', 'int', 1.1, true),
        col('Tickets', 'int', 0.9, true),
        col('Occupancy', 'percent', 1, false),
        col('Revenue', 'money', 1.3, true),
        col('Per session', 'money', 1.2, false),
      ],
      rows: r.films.map((f) => [f.title, f.sessions, f.seats, f.tickets, f.occupancyBp, f.revenue, f.revenuePerSession]),
      totalsOverride: { 4: r.totals.occupancyBp, 6: r.totals.revenuePerSession },
      chart: { valueColumn: 3, label: 'Tickets per film' },
      note: 'Sessions that start in the period. Tickets: those that stand (refunded and exchanged-away tickets are not counted). Occupancy = tickets ÷ seats offered; revenue after discounts, VAT included; per session = revenue ÷ sessions.',
    },
  ];
}

export function concessionDocument(r: ConcessionReport): ReportTable[] {
  return [
    {
      title: 'Concession sales by item',
      sheet: 'By item',
      columns: [col('Item', 'text', 3), col('Category', 'text', 1.3), col('Quantity', 'int', 1, true), col('Revenue', 'money', 1.3, true)],
      rows: r.byItem.map((i) => [i.name, i.category, i.quantity, i.revenue]),
      note: 'Items that stand: refunded units are not counted. Revenue after discounts, VAT included, on the business day of the order’s payment.',
    },
    {
      title: 'Concession sales by business day',
      sheet: 'By day',
      columns: [col('Business day', 'date', 1.3), col('Quantity', 'int', 1, true), col('Revenue', 'money', 1.3, true)],
      rows: r.byDay.map((d) => [d.date, d.quantity, d.revenue]),
      chart: { valueColumn: 2, label: 'Concession revenue per business day' },
    },
  ];
}

export function shiftsDocument(r: ShiftsReport, timezone: string): ReportTable[] {
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }) : '—');
  return [
    {
      title: 'Shift Z reports',
      sheet: 'Shifts',
      columns: [
        col('Day', 'date', 1.2),
        col('Cashier', 'text', 1.6),
        col('Open', 'text', 0.7),
        col('Close', 'text', 0.7),
        col('Orders', 'int', 0.8, true),
        col('Tickets', 'int', 0.8, true),
        col('Cash', 'money', 1.1, true),
        col('Card', 'money', 1.1, true),
        col('Bonus', 'money', 1, true),
        col('Refunds', 'money', 1, true),
        col('Float', 'money', 1, true),
        col('Expected cash', 'money', 1.2, true),
        col('Counted', 'money', 1.1, true),
        col('Difference', 'money', 1.1, true),
      ],
      rows: r.shifts.map((z) => [z.date, z.cashier, time(z.openedAt), time(z.closedAt), z.orders, z.tickets, z.cash, z.card, z.bonus, z.refunds, z.openingFloat, z.expectedCash, z.countedCash, z.difference]),
      note: 'Each shift as its Z report shows it. Orders: every sale rung up in the shift, also one refunded since; Tickets: those that stand (refunded and exchanged-away tickets are not counted), as in the revenue report; Refunds: money paid back in the shift. Expected cash = float + cash in − cash out; difference = counted − expected.',
    },
  ];
}

/** Rule 17: vouchers sold, redeemed and outstanding, then each voucher with what is left on it. */
export function vouchersDocument(r: VoucherReport): ReportTable[] {
  return [
    {
      title: 'Gift vouchers in the period',
      sheet: 'Vouchers',
      columns: [col('', 'text', 2.4), col('Count', 'int', 0.8), col('Amount', 'money', 1.2)],
      rows: [
        ['Sold (outside VAT)', r.sold.count, r.sold.amount],
        ['Redeemed (paid for sales)', r.redeemed.count, r.redeemed.amount],
        ['Put back by refunds', r.returned.count, r.returned.amount],
        ['Overdrafts written off', r.adjusted.count, r.adjusted.amount],
        ['Outstanding at the end (owed to customers)', r.outstanding.count, r.outstanding.amount],
      ],
      note: 'A voucher is not revenue when sold: the tickets and snacks it pays for are, with their VAT. Outstanding: what every voucher of this cinema (and every voucher of the chain it took) still holds, as this terminal last knew it.',
    },
    {
      title: 'Vouchers and their balances',
      sheet: 'Balances',
      columns: [col('Code', 'text', 1.6), col('Sold', 'date', 1.1), col('Amount', 'money', 1.1, true), col('Redeemed', 'money', 1.1, true), col('Left', 'money', 1.1, true), col('Sold by', 'text', 1.3)],
      rows: r.vouchers.map((v) => [v.code, v.soldAt.slice(0, 10), v.amount, v.redeemed, v.balance, v.otherCinema ? 'another cinema' : 'this cinema']),
    },
  ];
}

/** Rule 11's statement: ended weeks (owed, with totals), running weeks apart (not owed yet), payments. */
export function settlementsDocument(weeks: SettlementWeekRow[], payments: SettlementPayment[], rule: BusinessDayRule, currency: string): ReportTable[] {
  const columns = [
    col('Distributor', 'text', 2.2),
    col('Film', 'text', 2.2),
    col('Week', 'int', 0.6),
    col('From', 'date', 1.1),
    col('To', 'date', 1.1),
    col('Gross', 'money', 1.1, true),
    col('Net of VAT', 'money', 1.1, true),
    col('Percent', 'percent', 0.8),
    col('Due', 'money', 1.1, true),
  ];
  const note = (w: SettlementWeekRow) =>
    [w.overridden ? 'percent set by a manager' : '', w.adjustment !== 0 && !w.overridden ? `corrected by ${formatMoney(w.adjustment, currency)}` : ''].filter(Boolean).join('; ');
  const cells = (w: SettlementWeekRow): Cell[] => [w.distributor.legalName, w.film.title, w.week, w.startDate, w.endDate, w.gross, w.net, w.percentBp, w.due];
  const ended = weeks.filter((w) => w.accrued);
  const running = weeks.filter((w) => !w.accrued);
  const definition =
    'Due = the week’s percent × net ticket revenue (after discounts, VAT excluded, not rounded), at least the pro-rated minimum guarantee; 90/10 deals: the greater of that and 90 % of net over the house allowance; rounded once per week. Paid: payments on the contract, oldest weeks first. Balance = due − paid.';
  return [
    {
      title: 'Distributor settlements per contract week',
      sheet: 'Contract weeks',
      columns: [...columns, col('Paid', 'money', 1.1, true), col('Balance', 'money', 1.1, true), col('Note', 'text', 1.4)],
      rows: ended.map((w) => [...cells(w), w.paid, w.balance, note(w)]),
      note: `Weeks that have ended, each accrued once and owed. ${definition} A correction or a manager’s percent is an adjustment of the week, named in Note.`,
    },
    ...(running.length
      ? [
          {
            title: 'Running weeks (not owed yet)',
            sheet: 'Running weeks',
            columns: [...columns, col('Note', 'text', 1.4)],
            rows: running.map((w) => [...cells(w), note(w)]),
            note: 'Weeks still running: their figures so far, settled by the same rule. They are owed once they end, and are not in the totals above nor in any balance.',
          },
        ]
      : []),
    {
      title: 'Payments to distributors',
      sheet: 'Payments',
      columns: [col('Paid on', 'date', 1.1), col('Distributor', 'text', 2.2), col('Film', 'text', 2.2), col('Method', 'text', 1.1), col('Reference', 'text', 1.6), col('Amount', 'money', 1.2, true)],
      rows: payments.map((p) => [businessDateOf(p.paidAt, rule), p.distributor, p.film, PAYMENT_METHOD_LABELS[p.method] ?? p.method, p.reference, p.amount]),
      note: 'Paid on: the business day the payment was recorded for.',
    },
  ];
}

const PAYMENT_METHOD_LABELS: Record<string, string> = { BANK_TRANSFER: 'Bank transfer', CASH: 'Cash', CHEQUE: 'Cheque', OTHER: 'Other' };

/** A document's title as a manager reads it (the kind's label is not always a noun to add "report" to). */
const DOCUMENT_TITLES: Record<ReportKind, string> = {
  REVENUE: 'Revenue report',
  POPULARITY: 'Film popularity report',
  CONCESSIONS: 'Concession sales report',
  SHIFTS: 'Shift Z reports',
  SETTLEMENTS: 'Distributor settlements',
  VOUCHERS: 'Gift voucher report',
};

export function documentTitle(kind: ReportKind, distributor?: string | null): string {
  return kind === 'SETTLEMENTS' && distributor ? `Settlement statement — ${distributor}` : DOCUMENT_TITLES[kind];
}
