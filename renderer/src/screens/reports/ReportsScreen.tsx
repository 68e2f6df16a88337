import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { useFigures } from './report-format';
import { addBusinessDays } from '../../../../shared/business-day';
import './reports.css';

/** The report tabs; each one's name is in the catalogue (reports:kind.<id>). */
const KINDS: readonly Exclude<ReportKind, 'SETTLEMENTS'>[] = ['REVENUE', 'POPULARITY', 'CONCESSIONS', 'SHIFTS', 'VOUCHERS'];

/** Rule 15's reports for any period: on screen, and as PDF or Excel files made in the background. */
export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const system = useStatus((s) => s.system);
  const today = system?.businessDate ?? new Date().toISOString().slice(0, 10);
  const currency = system?.cinema.currency ?? 'EUR';
  const [kind, setKind] = useState<(typeof KINDS)[number]>('REVENUE');
  const [period, setPeriod] = useState<Period>({ from: addBusinessDays(today, -7), to: addBusinessDays(today, -1) });
  const [filesRound, setFilesRound] = useState(0);
  const onDone = useCallback(() => setFilesRound((r) => r + 1), []);

  return (
    <div className="screen reports-screen" data-testid="screen-reports">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('screen.title')}</h1>
          <p className="screen-subtitle">{t('screen.subtitle')}</p>
        </div>
      </div>
      <div className="report-controls">
        <div className="report-tabs" role="tablist" aria-label={t('screen.tabs')}>
          {KINDS.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'tab is-active' : 'tab'} onClick={() => setKind(k)} data-testid={`report-tab-${k.toLowerCase()}`}>
              {t(`kind.${k}`)}
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
  const { t } = useTranslation('reports');
  return <ErrorBanner error={error} title={t('screen.failed')} action={<Button onClick={reload}>{t('screen.tryAgain')}</Button>} />;
}

function RevenueView({ period, currency }: { period: Period; currency: string }) {
  const { t } = useTranslation(['reports', 'enums']);
  const { money, count, shortDate } = useFigures();
  const r = useOperation('reports.revenue', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label={t('revenue.loading')} />;
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
        { header: t('revenue.tickets'), numeric: true, cell: (x) => count(x.tickets), total: count(rows.reduce((s, x) => s + x.tickets, 0)) },
        { header: t('revenue.ticketRevenue'), numeric: true, cell: (x) => money(x.ticketNet, currency), total: money(rows.reduce((s, x) => s + x.ticketNet, 0), currency) },
        ...(withConcessions
          ? [
              { header: t('revenue.concessions'), numeric: true, cell: (x: (typeof rows)[number]) => money(x.concessions, currency), total: money(rows.reduce((s, x) => s + x.concessions, 0), currency) },
              { header: t('revenue.total'), numeric: true, cell: (x: (typeof rows)[number]) => money(x.total, currency), total: money(rows.reduce((s, x) => s + x.total, 0), currency) },
            ]
          : []),
      ]}
    />
  );
  const byFilm = lines(t('revenue.byFilm'), t('revenue.film'), d.byFilm, 'revenue-by-film');
  const byHall = lines(t('revenue.byHall'), t('revenue.hall'), d.byHall, 'revenue-by-hall');
  const byCashier = lines(t('revenue.byCashier'), t('revenue.cashier'), d.byCashier, 'revenue-by-cashier', true);
  return (
    <div className="report-stack" data-testid="revenue-report">
      <div className="kpis">
        <Kpi label={t('revenue.revenue')} value={money(d.totals.total, currency)} testId="revenue-total" />
        <Kpi label={t('revenue.tickets')} value={count(d.totals.tickets)} />
        <Kpi label={t('revenue.ticketRevenue')} value={money(d.totals.ticketNet, currency)} note={t('revenue.afterDiscounts', { amount: money(d.totals.ticketDiscounts, currency) })} />
        <Kpi label={t('revenue.concessions')} value={money(d.totals.concessions, currency)} />
        <Kpi label={t('revenue.orders')} value={count(d.totals.orders)} />
      </div>
      <ReportTable
        caption={t('revenue.byDay')}
        testId="revenue-by-day"
        rows={d.byDay}
        rowKey={(x) => x.date}
        columns={[
          { header: t('revenue.day'), cell: (x) => shortDate(x.date) },
          { header: t('revenue.orders'), numeric: true, cell: (x) => count(x.orders), total: count(d.totals.orders) },
          { header: t('revenue.tickets'), numeric: true, cell: (x) => count(x.tickets), total: count(d.totals.tickets) },
          { header: t('revenue.ticketGross'), numeric: true, cell: (x) => money(x.ticketGross, currency), total: money(d.totals.ticketGross, currency) },
          { header: t('revenue.discounts'), numeric: true, cell: (x) => money(x.ticketDiscounts, currency), total: money(d.totals.ticketDiscounts, currency) },
          { header: t('revenue.concessions'), numeric: true, cell: (x) => money(x.concessions, currency), total: money(d.totals.concessions, currency) },
          { header: t('revenue.total'), numeric: true, cell: (x) => money(x.total, currency), total: money(d.totals.total, currency) },
        ]}
      />
      {byFilm}
      {byHall}
      {byCashier}
      <ReportTable
        caption={t('revenue.byMethod')}
        testId="revenue-by-method"
        rows={d.byMethod}
        rowKey={(x) => x.method}
        columns={[
          { header: t('revenue.method'), cell: (x) => t(`enums:paymentMethod.${x.method}`) },
          { header: t('revenue.payments'), numeric: true, cell: (x) => count(x.count), total: count(d.byMethod.reduce((s, x) => s + x.count, 0)) },
          { header: t('revenue.taken'), numeric: true, cell: (x) => money(x.payments, currency), total: money(d.byMethod.reduce((s, x) => s + x.payments, 0), currency) },
          { header: t('revenue.refunded'), numeric: true, cell: (x) => money(x.refunds, currency), total: money(d.byMethod.reduce((s, x) => s + x.refunds, 0), currency) },
          { header: t('revenue.net'), numeric: true, cell: (x) => money(x.net, currency), total: money(d.byMethod.reduce((s, x) => s + x.net, 0), currency) },
        ]}
      />
    </div>
  );
}

function PopularityView({ period, currency }: { period: Period; currency: string }) {
  const { t } = useTranslation(['reports', 'enums']);
  const { money, count, percentBp } = useFigures();
  const r = useOperation('reports.popularity', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label={t('popularity.loading')} />;
  const d = r.data;
  return (
    <ReportTable
      caption={t('popularity.caption')}
      testId="popularity-report"
      rows={d.films}
      rowKey={(x) => x.filmId}
      columns={[
        { header: t('popularity.film'), cell: (x) => x.title },
        { header: t('popularity.sessions'), numeric: true, cell: (x) => count(x.sessions), total: count(d.totals.sessions) },
        { header: t('popularity.tickets'), numeric: true, cell: (x) => count(x.tickets), total: count(d.totals.tickets) },
        { header: t('popularity.occupancy'), numeric: true, cell: (x) => percentBp(x.occupancyBp), total: percentBp(d.totals.occupancyBp) },
        { header: t('popularity.revenue'), numeric: true, cell: (x) => money(x.revenue, currency), total: money(d.totals.revenue, currency) },
        { header: t('popularity.perSession'), numeric: true, cell: (x) => money(x.revenuePerSession, currency), total: money(d.totals.revenuePerSession, currency) },
      ]}
    />
  );
}

function ConcessionsView({ period, currency }: { period: Period; currency: string }) {
  const { t } = useTranslation(['reports', 'enums']);
  const { money, count, shortDate } = useFigures();
  const r = useOperation('reports.concessions', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label={t('concessions.loading')} />;
  const d = r.data;
  return (
    <div className="report-stack">
      <ReportTable
        caption={t('concessions.byItem')}
        testId="concessions-by-item"
        rows={d.byItem}
        rowKey={(x) => x.itemId}
        columns={[
          { header: t('concessions.item'), cell: (x) => x.name },
          { header: t('concessions.category'), cell: (x) => x.category },
          { header: t('concessions.quantity'), numeric: true, cell: (x) => count(x.quantity), total: count(d.totals.quantity) },
          { header: t('concessions.revenue'), numeric: true, cell: (x) => money(x.revenue, currency), total: money(d.totals.revenue, currency) },
        ]}
      />
      <ReportTable
        caption={t('concessions.byDay')}
        testId="concessions-by-day"
        rows={d.byDay}
        rowKey={(x) => x.date}
        columns={[
          { header: t('concessions.day'), cell: (x) => shortDate(x.date) },
          { header: t('concessions.quantity'), numeric: true, cell: (x) => count(x.quantity), total: count(d.totals.quantity) },
          { header: t('concessions.revenue'), numeric: true, cell: (x) => money(x.revenue, currency), total: money(d.totals.revenue, currency) },
        ]}
      />
    </div>
  );
}

function ShiftsView({ period, currency, timeZone }: { period: Period; currency: string; timeZone: string }) {
  const { t } = useTranslation(['reports', 'enums']);
  const { money, count, shortDate, locale } = useFigures();
  const r = useOperation('reports.shifts', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label={t('shifts.loading')} />;
  const d = r.data;
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit' }) : t('shifts.open'));
  return (
    <ReportTable
      caption={t('shifts.caption')}
      testId="shifts-report"
      rows={d.shifts}
      rowKey={(x) => x.shiftId}
      columns={[
        { header: t('shifts.day'), cell: (x) => shortDate(x.date) },
        { header: t('shifts.cashier'), cell: (x) => x.cashier },
        { header: t('shifts.hours'), cell: (x) => `${time(x.openedAt)}–${time(x.closedAt)}` },
        { header: t('shifts.tickets'), numeric: true, cell: (x) => count(x.tickets), total: count(d.totals.tickets) },
        { header: t('shifts.cash'), numeric: true, cell: (x) => money(x.cash, currency), total: money(d.totals.cash, currency) },
        { header: t('shifts.card'), numeric: true, cell: (x) => money(x.card, currency), total: money(d.totals.card, currency) },
        { header: t('shifts.refunds'), numeric: true, cell: (x) => money(x.refunds, currency), total: money(d.totals.refunds, currency) },
        { header: t('shifts.expectedCash'), numeric: true, cell: (x) => money(x.expectedCash, currency), total: money(d.totals.expectedCash, currency) },
        { header: t('shifts.counted'), numeric: true, cell: (x) => (x.countedCash === null ? '—' : money(x.countedCash, currency)), total: money(d.totals.countedCash, currency) },
        {
          header: t('shifts.difference'),
          numeric: true,
          cell: (x) => (x.difference === null ? '—' : x.difference === 0 ? money(0, currency) : <span className={x.difference < 0 ? 'diff-short' : 'diff-over'}>{t(x.difference < 0 ? 'shifts.short' : 'shifts.over', { amount: money(Math.abs(x.difference), currency) })}</span>),
          total: money(d.totals.difference, currency),
        },
      ]}
    />
  );
}

/** Rule 17: vouchers sold, redeemed and outstanding, and each voucher's balance. */
function VouchersView({ period, currency }: { period: Period; currency: string }) {
  const { t } = useTranslation(['reports', 'enums']);
  const { money, shortDate } = useFigures();
  const r = useOperation('vouchers.report', period);
  if (r.error) return <Failed error={r.error} reload={r.reload} />;
  if (!r.data) return <Loading label={t('vouchers.loading')} />;
  const d = r.data;
  return (
    <div>
      <div className="kpis">
        <Kpi label={t('vouchers.sold')} value={money(d.sold.amount, currency)} note={t('vouchers.soldNote', { count: d.sold.count })} testId="vouchers-sold" />
        <Kpi label={t('vouchers.redeemed')} value={money(d.redeemed.amount, currency)} note={t('vouchers.redeemedNote', { count: d.redeemed.count })} testId="vouchers-redeemed" />
        <Kpi label={t('vouchers.outstanding')} value={money(d.outstanding.amount, currency)} note={t('vouchers.outstandingNote', { count: d.outstanding.count })} testId="vouchers-outstanding" />
      </div>
      <ReportTable
        caption={t('vouchers.caption')}
        testId="vouchers-report"
        rows={d.vouchers}
        rowKey={(x) => x.code}
        columns={[
          { header: t('vouchers.code'), cell: (x) => x.code },
          { header: t('vouchers.sold'), cell: (x) => shortDate(x.soldAt.slice(0, 10)) },
          { header: t('vouchers.amount'), numeric: true, cell: (x) => money(x.amount, currency) },
          { header: t('vouchers.redeemed'), numeric: true, cell: (x) => money(x.redeemed, currency) },
          { header: t('vouchers.left'), numeric: true, cell: (x) => money(x.balance, currency), total: money(d.outstanding.amount, currency) },
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
