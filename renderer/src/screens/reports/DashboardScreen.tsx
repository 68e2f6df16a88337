import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/contract';
import type { OccupancyShare } from '../../../../shared/contract/reports';
import { CINEMA_LOCALE } from '../../../../shared/money';
import { useOperation } from '../../api/use-operation';
import { formatClock } from '../../format/time';
import { useSystem } from '../../hooks/use-system';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { Panel } from '../../components/Panel';
import { Kpi } from './ReportsScreen';
import { count, money, percentBp, shortDate } from './report-format';
import './reports.css';

/** Sales happen while the manager looks: refresh every few seconds. */
const REFRESH_MS = 5_000;

const ACCENT = '#f3b94a';
const INFO = '#8cbcff';
const GRID = '#2d3541';
const AXIS = '#b9c2ce';
const MUTED_BAR = '#5b6677';
const TOOLTIP = { background: '#1c222b', border: `1px solid ${GRID}`, color: '#eef1f5' };

/** Occupancy per hall or part of the day: a labelled bar for each, in percent of the seats offered. */
function OccupancyChart({ shares, axis, fill }: { shares: OccupancyShare[]; axis: string; fill: string }) {
  const shown = shares.filter((s) => s.seats > 0);
  if (shown.length === 0) return <p className="cell-note">No sessions this week yet.</p>;
  return (
    <>
      <p className="chart-axis-title">{axis}</p>
      <div className="chart" role="img" aria-label={`Occupancy by ${axis.toLowerCase()}: ${shown.map((s) => `${s.label} ${percentBp(s.occupancyBp)}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height={Math.max(160, 34 * shown.length + 60)}>
          <BarChart data={shown.map((s) => ({ ...s, percent: s.occupancyBp / 100 }))} layout="vertical" margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid stroke={GRID} horizontal={false} />
            <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} label={{ value: 'Seats sold', position: 'insideBottom', offset: -14, fill: AXIS }} />
            <YAxis type="category" dataKey="label" interval={0} width={120} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} />
            <Tooltip formatter={(_v, _n, item) => `${percentBp((item.payload as OccupancyShare).occupancyBp)} · ${count((item.payload as OccupancyShare).tickets)} of ${count((item.payload as OccupancyShare).seats)} seats`} contentStyle={TOOLTIP} />
            <Bar dataKey="percent" name="Occupancy" fill={fill} radius={[0, 3, 3, 0]} isAnimationActive={false} label={{ position: 'right', fill: AXIS, fontSize: 12, formatter: (v: unknown) => `${Number(v).toFixed(1)} %` }} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}

/** The manager's first screen: today and this reporting week at a glance. */
export function DashboardScreen() {
  const d = useOperation('dashboard.summary', {}, { refreshMs: REFRESH_MS });
  if (d.error && !d.data) return <ErrorBanner error={d.error} title="Could not load the dashboard" action={<Button onClick={d.reload}>Try again</Button>} />;
  if (!d.data) return <Loading label="Adding up today…" />;
  return <DashboardView data={d.data} />;
}

function DashboardView({ data }: { data: Dashboard }) {
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
          <h1 className="screen-title">Dashboard</h1>
          <p className="screen-subtitle">
            Business day {shortDate(data.businessDate)} · week {shortDate(data.week.from)} – {shortDate(data.week.to)} · updated{' '}
            <span data-testid="dash-updated">{formatClock(new Date(data.refreshedAt), timeZone, CINEMA_LOCALE)}</span>
          </p>
        </div>
      </div>

      <section aria-labelledby="today-h" className="dash-section">
        <h2 id="today-h" className="dash-heading">
          Today
        </h2>
        <div className="kpis">
          <Kpi label="Revenue" value={euros(data.today.revenue)} note={`${euros(data.today.concessions)} concessions`} testId="dash-today-revenue" />
          <Kpi label="Tickets" value={count(data.today.tickets)} note={`${count(data.today.orders)} orders`} testId="dash-today-tickets" />
          <Kpi label="Occupancy" value={percentBp(data.today.occupancyBp)} note={`${count(data.today.sessions)} sessions`} testId="dash-today-occupancy" />
        </div>
      </section>
      <section aria-labelledby="week-h" className="dash-section">
        <h2 id="week-h" className="dash-heading">
          This week
        </h2>
        <div className="kpis">
          <Kpi label="Revenue" value={euros(data.week.revenue)} note={`${euros(data.week.concessions)} concessions`} testId="dash-week-revenue" />
          <Kpi label="Tickets" value={count(data.week.tickets)} note={`${count(data.week.orders)} orders`} testId="dash-week-tickets" />
          <Kpi label="Occupancy" value={percentBp(data.week.occupancyBp)} note={`${count(data.week.sessions)} sessions`} testId="dash-week-occupancy" />
        </div>
      </section>

      <div className="dash-charts">
        <Panel title="Sales by hour today" testId="dash-by-hour">
          <p className="chart-axis-title">Revenue ({c})</p>
          <div className="chart" role="img" aria-label={`Revenue by hour today: ${data.byHour.filter((h) => h.revenue > 0).map((h) => `${h.hour}:00 ${euros(h.revenue)}`).join(', ') || 'no sales yet'}`}>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={data.byHour} margin={{ top: 8, right: 8, bottom: 24, left: 16 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="hour" interval={0} tickFormatter={(h: number) => String(h).padStart(2, '0')} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} label={{ value: 'Hour of the sale', position: 'insideBottom', offset: -14, fill: AXIS }} />
                <YAxis tickFormatter={axisMoney} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} width={72} />
                <Tooltip formatter={(v) => euros(Number(v))} labelFormatter={(h) => `${String(h).padStart(2, '0')}:00–${String((Number(h) + 1) % 24).padStart(2, '0')}:00`} contentStyle={TOOLTIP} />
                <Bar dataKey="revenue" name="Revenue" fill={ACCENT} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="This week against last week" testId="dash-by-day">
          <p className="chart-axis-title">Revenue ({c})</p>
          <div className="chart" role="img" aria-label={`Revenue by day, this week against last week: ${weekAgainstLast.map((x) => `${x.label} ${euros(x.thisWeek)} (last week ${euros(x.lastWeek)})`).join(', ')}`}>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={weekAgainstLast} margin={{ top: 8, right: 8, bottom: 24, left: 16 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="label" interval={0} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} label={{ value: 'Day of the reporting week', position: 'insideBottom', offset: -14, fill: AXIS }} />
                <YAxis tickFormatter={axisMoney} stroke={AXIS} tick={{ fill: AXIS, fontSize: 12 }} width={72} />
                <Tooltip formatter={(v) => euros(Number(v))} contentStyle={TOOLTIP} />
                <Legend verticalAlign="top" height={48} wrapperStyle={{ color: AXIS, fontSize: 13 }} />
                <Bar dataKey="lastWeek" name={`Last week (${shortDate(data.lastWeek.from)} – ${shortDate(data.lastWeek.to)})`} fill={MUTED_BAR} radius={[3, 3, 0, 0]} isAnimationActive={false} />
                <Bar dataKey="thisWeek" name={`This week (${shortDate(data.week.from)} – ${shortDate(data.week.to)})`} fill={INFO} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <p className="cell-note" data-testid="dash-week-change">
            {euros(data.week.revenue)} this week so far against {euros(data.lastWeek.revenue)} all last week · {count(data.week.tickets)} tickets against {count(data.lastWeek.tickets)}
          </p>
        </Panel>
        <Panel title="Occupancy by hall this week" testId="dash-occupancy-hall">
          <OccupancyChart shares={data.occupancyByHall} axis="Hall" fill={ACCENT} />
        </Panel>
        <Panel title="Occupancy by time of day this week" testId="dash-occupancy-time">
          <OccupancyChart shares={data.occupancyByTimeOfDay} axis="Sessions starting" fill={INFO} />
        </Panel>
        <Panel title="Top films this week" testId="dash-top-films">
          {data.topFilms.length === 0 ? (
            <p className="cell-note">No tickets sold this week yet.</p>
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
                          {count(f.tickets)} tickets · {euros(f.revenue)}
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
