import { useCallback, useState } from 'react';
import type { ReportKind } from '../../../../shared/contract';
import { useOperation } from '../../api/use-operation';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useStatus } from '../../stores/status';
import { ReportTable } from './ReportTable';
import { ExportBar } from './ExportBar';
import { GeneratedReports } from './GeneratedReports';
import { PeriodPicker, type Period } from './PeriodPicker';
import { addDays, count, money, percentBp, shortDate } from './report-format';
import './reports.css';

const KINDS: { id: Exclude<ReportKind, 'SETTLEMENTS'>; label: string }[] = [
  { id: 'REVENUE', label: 'Revenue' },
  { id: 'POPULARITY', label: 'Film popularity' },
  { id: 'CONCESSIONS', label: 'Concessions' },
  { id: 'SHIFTS', label: 'Shift Z reports' },
  { id: 'VOUCHERS', label: 'Gift vouchers' },
];
const METHOD_LABEL: Record<string, string> = { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points', VOUCHER: 'Gift voucher' };

/** Rule 15's reports for any period: on screen, and as PDF or Excel files made in the background. */
export function ReportsScreen() {
  const system = useStatus((s) => s.system);
  const today = system?.businessDate ?? new Date().toISOString().slice(0, 10);
  const currency = system?.cinema.currency ?? 'EUR';
  const [kind, setKind] = useState<(typeof KINDS)[number]['id']>('REVENUE');
  const [period, setPeriod] = useState<Period>({ from: addDays(today, -7), to: addDays(today, -1) });
  const [filesRound, setFilesRound] = useState(0);
  const onDone = useCallback(() => setFilesRound((r) => r + 1), []);

  return (
    <div className="screen reports-screen" data-testid="screen-reports">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Reports</h1>
          <p className="screen-subtitle">Any period of business days — a midnight show counts for the evening before. Export to PDF or Excel; files stay listed to open, print or save again.</p>
        </div>
      </div>
      <div className="report-controls">
        <div className="report-tabs" role="tablist" aria-label="Report">
          {KINDS.map((k) => (
            <button key={k.id} type="button" role="tab" aria-selected={kind === k.id} className={kind === k.id ? 'tab is-active' : 'tab'} onClick={() => setKind(k.id)} data-testid={`report-tab-${k.id.toLowerCase()}`}>
              {k.label}
            </button>
          ))}
        </div>
        <PeriodPicker period={period} today={today} onChange={setPeriod} />
        <ExportBar kind={kind} from={period.from} to={period.to} onDone={onDone} />
      </div>
      <div className="reports-layout">
        <div className="report-body">
          {kind === 'REVENUE' && <RevenueView period={period} currency={currency} />}
          {kind === 'POPULARITY' && <PopularityView period={period} currency={currency} />}
          {kind === 'CONCESSIONS' && <ConcessionsView period={period} currency={currency} />}
          {kind === 'SHIFTS' && <ShiftsView period={period} currency={currency} timeZone={system?.cinema.timezone ?? 'UTC'} />}
          {kind === 'VOUCHERS' && <VouchersView period={period} currency={currency} />}
        </div>
        <GeneratedReports round={filesRound} />
      </div>
    </div>
  );
}

function Failed({ error, reload }: { error: unknown; reload(): void }) {
  return <ErrorBanner error={error} title="Could not make this report" action={<Button onClick={reload}>Try again</Button>} />;
}

function RevenueView({ period, currency }: { period: Period; currency: string }) {
  const r = useOperation('reports.revenue', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label="Adding up the revenue…" />;
  const d = r.data;
  // Films and halls earn ticket revenue only; a cashier also sells concessions.
  const lines = (caption: string, first: string, rows: typeof d.byFilm, testId: string, withConcessions = false) => (
    <ReportTable
      caption={caption}
      testId={testId}
      rows={rows}
      rowKey={(x) => x.key}
      columns={[
        { header: first, cell: (x) => x.label },
        { header: 'Tickets', numeric: true, cell: (x) => count(x.tickets), total: count(rows.reduce((s, x) => s + x.tickets, 0)) },
        { header: 'Ticket revenue', numeric: true, cell: (x) => money(x.ticketNet, currency), total: money(rows.reduce((s, x) => s + x.ticketNet, 0), currency) },
        ...(withConcessions
          ? [
              { header: 'Concessions', numeric: true, cell: (x: (typeof rows)[number]) => money(x.concessions, currency), total: money(rows.reduce((s, x) => s + x.concessions, 0), currency) },
              { header: 'Total', numeric: true, cell: (x: (typeof rows)[number]) => money(x.total, currency), total: money(rows.reduce((s, x) => s + x.total, 0), currency) },
            ]
          : []),
      ]}
    />
  );
  return (
    <div className="report-stack" data-testid="revenue-report">
      <div className="kpis">
        <Kpi label="Revenue" value={money(d.totals.total, currency)} testId="revenue-total" />
        <Kpi label="Tickets" value={count(d.totals.tickets)} />
        <Kpi label="Ticket revenue" value={money(d.totals.ticketNet, currency)} note={`after ${money(d.totals.ticketDiscounts, currency)} discounts`} />
        <Kpi label="Concessions" value={money(d.totals.concessions, currency)} />
        <Kpi label="Orders" value={count(d.totals.orders)} />
      </div>
      <ReportTable
        caption="By business day"
        testId="revenue-by-day"
        rows={d.byDay}
        rowKey={(x) => x.date}
        columns={[
          { header: 'Day', cell: (x) => shortDate(x.date) },
          { header: 'Orders', numeric: true, cell: (x) => count(x.orders), total: count(d.totals.orders) },
          { header: 'Tickets', numeric: true, cell: (x) => count(x.tickets), total: count(d.totals.tickets) },
          { header: 'Ticket gross', numeric: true, cell: (x) => money(x.ticketGross, currency), total: money(d.totals.ticketGross, currency) },
          { header: 'Discounts', numeric: true, cell: (x) => money(x.ticketDiscounts, currency), total: money(d.totals.ticketDiscounts, currency) },
          { header: 'Concessions', numeric: true, cell: (x) => money(x.concessions, currency), total: money(d.totals.concessions, currency) },
          { header: 'Total', numeric: true, cell: (x) => money(x.total, currency), total: money(d.totals.total, currency) },
        ]}
      />
      {lines('By film', 'Film', d.byFilm, 'revenue-by-film')}
      {lines('By hall', 'Hall', d.byHall, 'revenue-by-hall')}
      {lines('By cashier', 'Cashier', d.byCashier, 'revenue-by-cashier', true)}
      <ReportTable
        caption="By payment method"
        testId="revenue-by-method"
        rows={d.byMethod}
        rowKey={(x) => x.method}
        columns={[
          { header: 'Method', cell: (x) => METHOD_LABEL[x.method] ?? x.method },
          { header: 'Payments', numeric: true, cell: (x) => count(x.count), total: count(d.byMethod.reduce((s, x) => s + x.count, 0)) },
          { header: 'Taken', numeric: true, cell: (x) => money(x.payments, currency), total: money(d.byMethod.reduce((s, x) => s + x.payments, 0), currency) },
          { header: 'Refunded', numeric: true, cell: (x) => money(x.refunds, currency), total: money(d.byMethod.reduce((s, x) => s + x.refunds, 0), currency) },
          { header: 'Net', numeric: true, cell: (x) => money(x.net, currency), total: money(d.byMethod.reduce((s, x) => s + x.net, 0), currency) },
        ]}
      />
    </div>
  );
}

function PopularityView({ period, currency }: { period: Period; currency: string }) {
  const r = useOperation('reports.popularity', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label="Counting the audience…" />;
  const d = r.data;
  return (
    <ReportTable
      caption="Films by tickets sold (sessions in the period)"
      testId="popularity-report"
      rows={d.films}
      rowKey={(x) => x.filmId}
      columns={[
        { header: 'Film', cell: (x) => x.title },
        { header: 'Sessions', numeric: true, cell: (x) => count(x.sessions), total: count(d.totals.sessions) },
        { header: 'Tickets', numeric: true, cell: (x) => count(x.tickets), total: count(d.totals.tickets) },
        { header: 'Occupancy', numeric: true, cell: (x) => percentBp(x.occupancyBp), total: percentBp(d.totals.occupancyBp) },
        { header: 'Revenue', numeric: true, cell: (x) => money(x.revenue, currency), total: money(d.totals.revenue, currency) },
        { header: 'Per session', numeric: true, cell: (x) => money(x.revenuePerSession, currency), total: money(d.totals.revenuePerSession, currency) },
      ]}
    />
  );
}

function ConcessionsView({ period, currency }: { period: Period; currency: string }) {
  const r = useOperation('reports.concessions', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label="Adding up the concessions…" />;
  const d = r.data;
  return (
    <div className="report-stack">
      <ReportTable
        caption="By item"
        testId="concessions-by-item"
        rows={d.byItem}
        rowKey={(x) => x.itemId}
        columns={[
          { header: 'Item', cell: (x) => x.name },
          { header: 'Category', cell: (x) => x.category },
          { header: 'Quantity', numeric: true, cell: (x) => count(x.quantity), total: count(d.totals.quantity) },
          { header: 'Revenue', numeric: true, cell: (x) => money(x.revenue, currency), total: money(d.totals.revenue, currency) },
        ]}
      />
      <ReportTable
        caption="By business day"
        testId="concessions-by-day"
        rows={d.byDay}
        rowKey={(x) => x.date}
        columns={[
          { header: 'Day', cell: (x) => shortDate(x.date) },
          { header: 'Quantity', numeric: true, cell: (x) => count(x.quantity), total: count(d.totals.quantity) },
          { header: 'Revenue', numeric: true, cell: (x) => money(x.revenue, currency), total: money(d.totals.revenue, currency) },
        ]}
      />
    </div>
  );
}

function ShiftsView({ period, currency, timeZone }: { period: Period; currency: string; timeZone: string }) {
  const r = useOperation('reports.shifts', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label="Collecting the Z reports…" />;
  const d = r.data;
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString(undefined, { timeZone, hour: '2-digit', minute: '2-digit' }) : 'open');
  return (
    <ReportTable
      caption="Shifts opened in the period (Z reports: expected cash = float + cash in − cash out)"
      testId="shifts-report"
      rows={d.shifts}
      rowKey={(x) => x.shiftId}
      columns={[
        { header: 'Day', cell: (x) => shortDate(x.date) },
        { header: 'Cashier', cell: (x) => x.cashier },
        { header: 'Hours', cell: (x) => `${time(x.openedAt)}–${time(x.closedAt)}` },
        { header: 'Tickets', numeric: true, cell: (x) => count(x.tickets), total: count(d.totals.tickets) },
        { header: 'Cash', numeric: true, cell: (x) => money(x.cash, currency), total: money(d.totals.cash, currency) },
        { header: 'Card', numeric: true, cell: (x) => money(x.card, currency), total: money(d.totals.card, currency) },
        { header: 'Refunds', numeric: true, cell: (x) => money(x.refunds, currency), total: money(d.totals.refunds, currency) },
        { header: 'Expected cash', numeric: true, cell: (x) => money(x.expectedCash, currency), total: money(d.totals.expectedCash, currency) },
        { header: 'Counted', numeric: true, cell: (x) => (x.countedCash === null ? '—' : money(x.countedCash, currency)), total: money(d.totals.countedCash, currency) },
        {
          header: 'Difference',
          numeric: true,
          cell: (x) => (x.difference === null ? '—' : x.difference === 0 ? money(0, currency) : <span className={x.difference < 0 ? 'diff-short' : 'diff-over'}>{`${x.difference < 0 ? 'short ' : 'over '}${money(Math.abs(x.difference), currency)}`}</span>),
          total: money(d.totals.difference, currency),
        },
      ]}
    />
  );
}

/** Rule 17: vouchers sold, redeemed and outstanding, and each voucher's balance. */
function VouchersView({ period, currency }: { period: Period; currency: string }) {
  const r = useOperation('vouchers.report', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label="Adding up the vouchers…" />;
  const d = r.data;
  return (
    <div>
      <div className="kpis">
        <Kpi label="Sold" value={money(d.sold.amount, currency)} note={`${count(d.sold.count)} vouchers, outside VAT`} testId="vouchers-sold" />
        <Kpi label="Redeemed" value={money(d.redeemed.amount, currency)} note={`${count(d.redeemed.count)} payments`} testId="vouchers-redeemed" />
        <Kpi label="Outstanding" value={money(d.outstanding.amount, currency)} note={`${count(d.outstanding.count)} vouchers with money left`} testId="vouchers-outstanding" />
      </div>
      <ReportTable
        caption="Vouchers and what is left on them"
        testId="vouchers-report"
        rows={d.vouchers}
        rowKey={(x) => x.code}
        columns={[
          { header: 'Code', cell: (x) => x.code },
          { header: 'Sold', cell: (x) => shortDate(x.soldAt.slice(0, 10)) },
          { header: 'Amount', numeric: true, cell: (x) => money(x.amount, currency) },
          { header: 'Redeemed', numeric: true, cell: (x) => money(x.redeemed, currency) },
          { header: 'Left', numeric: true, cell: (x) => money(x.balance, currency), total: money(d.outstanding.amount, currency) },
        ]}
      />
    </div>
  );
}

export function Kpi({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}
