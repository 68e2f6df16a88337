import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/contract';
import type { OccupancyShare } from '../../../../shared/contract/reports';
import { useOperation } from '../../api/use-operation';
import { formatClock } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Panel } from '../../components/Panel';
import { Kpi } from './ReportsScreen';
import { useFigures } from './report-format';
import './reports.css';

/** Sales happen while the manager looks: refresh every few seconds. */
const REFRESH_MS = 5_000;

const ACCENT = '#f3b94a';
const INFO = '#8cbcff';
const GRID = '#2d3541';
const AXIS = '#b9c2ce';
const MUTED_BAR = '#5b6677';
/** Where an axis title and a bar's figure sit (recharts positions, not words). */
const AXIS_TITLE = { position: 'insideBottom', offset: -14, fill: AXIS } as const;
const BAR_FIGURE = { position: 'right', fill: AXIS, fontSize: 12 } as const;
const TOOLTIP = { background: '#1c222b', border: `1px solid ${GRID}`, color: '#eef1f5' };

/** Occupancy per hall or part of the day: a labelled bar for each, in percent of the seats offered. */
function OccupancyChart({ shares, axis, fill }: { shares: OccupancyShare[]; axis: string; fill: string }) {
  const { t } = useTranslation('reports');
  const { count, percentBp, locale } = useFigures();
  // A part of the day is worded here from its hours ("Vor 14:00"); a hall keeps its name.
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const partOfDay = ({ from, until }: { from: number | null; until: number | null }) =>
    from === null ? t('dashboard.before', { time: hour(until ?? 24) }) : until === null ? t('dashboard.fromTime', { time: hour(from) }) : `${hour(from)}–${hour(until)}`;
  const shown = shares.filter((s) => s.seats > 0).map((s) => (s.hours ? { ...s, label: partOfDay(s.hours) } : s));
  if (shown.length === 0) return <p className="cell-note">{t('dashboard.noSessionsYet')}</p>;
  return (
    <>
      <p className="chart-axis-title">{axis}</p>
      <div className="chart" role="img" aria-label={t('dashboard.occupancyLabel', { axis, list: shown.map((s) => `${s.label} ${percentBp(s.occupancyBp)}`).join(', ') })}>
        <ResponsiveContainer width="100%" height={Math.max(160, 34 * shown.length + 60)}>
          <BarChart data={shown.map((s) => ({ ...s, percent: s.occupancyBp / 100 }))} layout="vertical" margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid stroke={GRID} horizontal={false} />
            <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${count(v)} %`} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} label={{ ...AXIS_TITLE, value: t('dashboard.seatsSold') }} />
            <YAxis type="category" dataKey="label" interval={0} width={120} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} />
            <Tooltip formatter={(_v, _n, item) => { const s = item.payload as OccupancyShare; return t('dashboard.seatsOf', { percent: percentBp(s.occupancyBp), tickets: count(s.tickets), seats: count(s.seats) }); }} contentStyle={TOOLTIP} />
            <Bar dataKey="percent" name={t('dashboard.occupancy')} fill={fill} radius={[0, 3, 3, 0]} isAnimationActive={false} label={{ ...BAR_FIGURE, formatter: (v: unknown) => `${Number(v).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %` }} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}

/** The manager's first screen: today and this reporting week at a glance. */
export function DashboardScreen() {
  const { t } = useTranslation(['reports', 'common']);
  const d = useOperation('dashboard.summary', {}, { refreshMs: REFRESH_MS });
  if (d.error && !d.data) return <ErrorBanner error={d.error} title={t('dashboard.loadFailed')} action={<Button onClick={d.reload}>{t('common:app.tryAgain')}</Button>} />;
  if (!d.data) return <Loading label={t('dashboard.adding')} />;
  return <DashboardView data={d.data} />;
}

function DashboardView({ data }: { data: Dashboard }) {
  const { t } = useTranslation('reports');
  const { money, count, percentBp, shortDate, locale } = useFigures();
  const timeZone = useSystem().cinema.timezone;
  const c = data.currency;
  const euros = (minor: number) => money(minor, c);
  const axisMoney = (minor: number) => money(Math.round(minor / 100) * 100, c).replace(/[.,]00(?=\D*$)/, '');
  // Day n of this reporting week beside day n of the last one (same weekday).
  const weekAgainstLast = data.lastWeekByDay.map((last, i) => ({
    label: shortDate(data.byDay[i]?.date ?? last.date).split(/[\s,]+/)[0]!,
    thisWeek: data.byDay[i]?.revenue ?? 0,
    lastWeek: last.revenue,
  }));
  return (
    <div className="screen dashboard-screen" data-testid="screen-dashboard">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">{t('dashboard.title')}</h1>
          <p className="screen-subtitle">
            {t('dashboard.subtitle', { day: shortDate(data.businessDate), from: shortDate(data.week.from), to: shortDate(data.week.to) })}{' '}
            <span data-testid="dash-updated">{formatClock(new Date(data.refreshedAt), timeZone, locale)}</span>
          </p>
        </div>
      </div>

      <section aria-labelledby="today-h" className="dash-section">
        <h2 id="today-h" className="dash-heading">
          {t('dashboard.today')}
        </h2>
        <div className="kpis">
          <Kpi label={t('dashboard.revenue')} value={euros(data.today.revenue)} note={t('dashboard.concessionsNote', { amount: euros(data.today.concessions) })} testId="dash-today-revenue" />
          <Kpi label={t('dashboard.tickets')} value={count(data.today.tickets)} note={t('dashboard.ordersNote', { count: data.today.orders })} testId="dash-today-tickets" />
          <Kpi label={t('dashboard.occupancy')} value={percentBp(data.today.occupancyBp)} note={t('dashboard.sessionsNote', { count: data.today.sessions })} testId="dash-today-occupancy" />
        </div>
      </section>
      <section aria-labelledby="week-h" className="dash-section">
        <h2 id="week-h" className="dash-heading">
          {t('dashboard.thisWeek')}
        </h2>
        <div className="kpis">
          <Kpi label={t('dashboard.revenue')} value={euros(data.week.revenue)} note={t('dashboard.concessionsNote', { amount: euros(data.week.concessions) })} testId="dash-week-revenue" />
          <Kpi label={t('dashboard.tickets')} value={count(data.week.tickets)} note={t('dashboard.ordersNote', { count: data.week.orders })} testId="dash-week-tickets" />
          <Kpi label={t('dashboard.occupancy')} value={percentBp(data.week.occupancyBp)} note={t('dashboard.sessionsNote', { count: data.week.sessions })} testId="dash-week-occupancy" />
        </div>
      </section>

      <div className="dash-charts">
        <Panel title={t('dashboard.byHour')} testId="dash-by-hour">
          <p className="chart-axis-title">{t('dashboard.revenueAxis', { currency: c })}</p>
          <div className="chart" role="img" aria-label={t('dashboard.byHourLabel', { list: data.byHour.filter((h) => h.revenue > 0).map((h) => `${h.hour}:00 ${euros(h.revenue)}`).join(', ') || t('dashboard.noSalesYet') })}>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={data.byHour} margin={{ top: 8, right: 8, bottom: 24, left: 16 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="hour" interval={0} tickFormatter={(h: number) => String(h).padStart(2, '0')} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} label={{ ...AXIS_TITLE, value: t('dashboard.hourAxis') }} />
                <YAxis tickFormatter={axisMoney} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} width={72} />
                <Tooltip formatter={(v) => euros(Number(v))} labelFormatter={(h) => `${String(h).padStart(2, '0')}:00–${String((Number(h) + 1) % 24).padStart(2, '0')}:00`} contentStyle={TOOLTIP} />
                <Bar dataKey="revenue" name={t('dashboard.revenue')} fill={ACCENT} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title={t('dashboard.weekAgainstLast')} testId="dash-by-day">
          <p className="chart-axis-title">{t('dashboard.revenueAxis', { currency: c })}</p>
          <div className="chart" role="img" aria-label={t('dashboard.weekAgainstLastLabel', { list: weekAgainstLast.map((x) => t('dashboard.dayAgainstLast', { day: x.label, amount: euros(x.thisWeek), last: euros(x.lastWeek) })).join(', ') })}>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={weekAgainstLast} margin={{ top: 8, right: 8, bottom: 24, left: 16 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="label" interval={0} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} label={{ ...AXIS_TITLE, value: t('dashboard.dayAxis') }} />
                <YAxis tickFormatter={axisMoney} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} width={72} />
                <Tooltip formatter={(v) => euros(Number(v))} contentStyle={TOOLTIP} />
                <Legend verticalAlign="top" height={48} wrapperStyle={{ color: AXIS, fontSize: 13 }} />
                <Bar dataKey="lastWeek" name={t('dashboard.lastWeekLegend', { from: shortDate(data.lastWeek.from), to: shortDate(data.lastWeek.to) })} fill={MUTED_BAR} radius={[3, 3, 0, 0]} isAnimationActive={false} />
                <Bar dataKey="thisWeek" name={t('dashboard.thisWeekLegend', { from: shortDate(data.week.from), to: shortDate(data.week.to) })} fill={INFO} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <p className="cell-note" data-testid="dash-week-change">
            {t('dashboard.weekChange', { week: euros(data.week.revenue), last: euros(data.lastWeek.revenue), tickets: count(data.week.tickets), lastTickets: count(data.lastWeek.tickets) })}
          </p>
        </Panel>
        <Panel title={t('dashboard.occupancyByHall')} testId="dash-occupancy-hall">
          <OccupancyChart shares={data.occupancyByHall} axis={t('dashboard.hallAxis')} fill={ACCENT} />
        </Panel>
        <Panel title={t('dashboard.occupancyByTime')} testId="dash-occupancy-time">
          <OccupancyChart shares={data.occupancyByTimeOfDay} axis={t('dashboard.timeAxis')} fill={INFO} />
        </Panel>
        <Panel title={t('dashboard.topFilms')} testId="dash-top-films">
          {data.topFilms.length === 0 ? (
            <p className="cell-note">{t('dashboard.noTicketsYet')}</p>
          ) : (
            <ol className="top-films">
              {data.topFilms.map((f, i) => {
                const max = data.topFilms[0]!.tickets;
                return (
                  <li key={f.title} className="top-film" data-testid="dash-top-film">
                    <span className="top-rank" aria-hidden="true">
                      {i + 1}
                    </span>
                    <div className="top-body">
                      <div className="top-line">
                        <span className="top-title">{f.title}</span>
                        <span className="top-figures">
                          {t('dashboard.filmFigures', { tickets: count(f.tickets), revenue: euros(f.revenue) })}
                        </span>
                      </div>
                      <div className="top-bar" aria-hidden="true">
                        <div className="top-bar-fill" style={{ width: `${Math.max(2, (f.tickets / max) * 100)}%` }} />
                      </div>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </Panel>
      </div>
    </div>
  );
}
