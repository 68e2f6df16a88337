import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/contract';
import { useOperation } from '../../api/use-operation';
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

/** The manager's first screen: today and this reporting week at a glance. */
export function DashboardScreen() {
  const d = useOperation('dashboard.summary', {}, { refreshMs: REFRESH_MS });
  if (d.error && !d.data) return <ErrorBanner error={d.error} title="Could not load the dashboard" action={<Button onClick={d.reload}>Try again</Button>} />;
  if (!d.data) return <Loading label="Adding up today…" />;
  return <DashboardView data={d.data} />;
}

function DashboardView({ data }: { data: Dashboard }) {
  const c = data.currency;
  const euros = (minor: number) => money(minor, c);
  const axisMoney = (minor: number) => money(Math.round(minor / 100) * 100, c).replace(/[.,]00(?=\D*$)/, '');
  return (
    <div className="screen dashboard-screen" data-testid="screen-dashboard">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Dashboard</h1>
          <p className="screen-subtitle">
            Business day {shortDate(data.businessDate)} · week {shortDate(data.week.from)} – {shortDate(data.week.to)} · updated{' '}
            {new Date(data.refreshedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
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
          <div className="chart" role="img" aria-label={`Revenue by hour today: ${data.byHour.filter((h) => h.revenue > 0).map((h) => `${h.hour}:00 ${euros(h.revenue)}`).join(', ') || 'no sales yet'}`}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data.byHour} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="hour" tickFormatter={(h: number) => `${String(h).padStart(2, '0')}h`} stroke={AXIS} tick={{ fill: AXIS, fontSize: 13 }} />
                <YAxis tickFormatter={axisMoney} stroke={AXIS} tick={{ fill: AXIS, fontSize: 13 }} width={72} />
                <Tooltip formatter={(v) => euros(Number(v))} labelFormatter={(h) => `${String(h).padStart(2, '0')}:00–${String((Number(h) + 1) % 24).padStart(2, '0')}:00`} contentStyle={{ background: '#1c222b', border: `1px solid ${GRID}`, color: '#eef1f5' }} />
                <Bar dataKey="revenue" name="Revenue" fill={ACCENT} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="This week, day by day" testId="dash-by-day">
          <div className="chart" role="img" aria-label={`Revenue by day this week: ${data.byDay.map((x) => `${shortDate(x.date)} ${euros(x.revenue)}`).join(', ')}`}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data.byDay.map((x) => ({ ...x, label: shortDate(x.date) }))} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid stroke={GRID} vertical={false} />
                <XAxis dataKey="label" stroke={AXIS} tick={{ fill: AXIS, fontSize: 13 }} />
                <YAxis tickFormatter={axisMoney} stroke={AXIS} tick={{ fill: AXIS, fontSize: 13 }} width={72} />
                <Tooltip formatter={(v) => euros(Number(v))} contentStyle={{ background: '#1c222b', border: `1px solid ${GRID}`, color: '#eef1f5' }} />
                <Bar dataKey="revenue" name="Revenue" fill={INFO} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
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
