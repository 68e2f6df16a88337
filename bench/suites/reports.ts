/**
 * Rule 15's revenue report over the generated year (≈1 million tickets), the way the Reports
 * screen asks for it: through the dispatcher (`core.call` with a manager's token) on a private copy
 * of the year (the core migrates it, which fills migration 0002's sums when the year was generated
 * before them):
 *
 * - on screen: `reports.revenue` for the whole year — median of several calls, against the raw
 *   engine's single best aggregate over the same rows (tickets joined to their orders, grouped by
 *   business day with the days' UTC bounds, as one prepared better-sqlite3 statement); and how long
 *   the calls held the main thread's event loop at most;
 * - files: `reports.export` as PDF and as XLSX, polled with `reports.job` until done — wall time
 *   from the export call to DONE, and the process's peak resident memory meanwhile (the report
 *   worker is a thread of this process, so its memory is included).
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { ApiResult, InputOf, OperationName, ResultOf } from '../../shared/contract';
import { businessDateOf, type BusinessDayRule } from '../../shared/business-day';
import { DATABASE_FILE, startCore, type Core } from '../../electron/core/app-core';
import { DEMO_LOGINS } from '../../electron/core/demo/seed-demo';
import { businessDays } from '../../electron/core/reports/report-queries';
import { reportsFolder } from '../../electron/core/reports/report-jobs';
import { median, type Figure } from '../figures';
import { copyHistory } from '../history-copy';
import type { BenchContext, Suite } from '../suite';

const quiet = { info: () => undefined, error: () => undefined };
const MiB = 2 ** 20;

async function call<N extends OperationName>(core: Core, op: N, input: InputOf<N>, token: string | null): Promise<ResultOf<N>> {
  const r = (await core.call({ op, input, token })) as ApiResult<ResultOf<N>>;
  if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** The cinema, its business-day rule and the first and last business day with paid orders. */
function periodOf(file: string): { cinemaId: string; rule: BusinessDayRule; from: string; to: string; tickets: number } {
  const db = new Database(file, { readonly: true });
  try {
    const c = db.prepare(`SELECT id, timezone, business_day_start FROM cinemas ORDER BY created_at LIMIT 1`).get() as { id: string; timezone: string; business_day_start: string };
    const span = db.prepare(`SELECT min(paid_at) AS first, max(paid_at) AS last FROM orders WHERE cinema_id = ? AND paid_at IS NOT NULL`).get(c.id) as { first: string; last: string };
    const tickets = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    const rule = { timezone: c.timezone, dayStart: c.business_day_start };
    return { cinemaId: c.id, rule, from: businessDateOf(span.first, rule), to: businessDateOf(span.last, rule), tickets };
  } finally {
    db.close();
  }
}

/**
 * The raw engine's revenue by business day: one prepared statement over the detail rows (the
 * days' UTC bounds joined to orders by their (cinema_id, paid_at) index, then each order's tickets).
 */
function rawRevenue(file: string, cinemaId: string, days: { date: string; from: string; to: string }[]) {
  const db = new Database(file, { readonly: true });
  db.pragma('cache_size = -131072');
  const stmt = db.prepare(
    `WITH days(d, f, t) AS (VALUES ${days.map(() => '(?, ?, ?)').join(', ')})
     SELECT days.d, count(DISTINCT o.id) AS orders, count(t.id) AS tickets, coalesce(sum(t.price), 0) AS gross, coalesce(sum(t.discount), 0) AS discount
     FROM days JOIN orders o ON o.cinema_id = ? AND o.paid_at >= days.f AND o.paid_at < days.t AND o.status <> 'CANCELLED'
     LEFT JOIN tickets t ON t.order_id = o.id AND t.status = 'SOLD'
     GROUP BY days.d`,
  );
  const params = [...days.flatMap((d) => [d.date, d.from, d.to]), cinemaId];
  return { run: () => stmt.all(...params) as { tickets: number }[], close: () => db.close() };
}

/** Runs `work`, sampling the process's resident memory every 10 ms; returns its time and the peak. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms, peakMiB: peak / MiB };
  } finally {
    clearInterval(timer);
  }
}

export default {
  title: 'reports: revenue over the generated year — on screen, PDF, XLSX',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const rounds = ctx.quick ? 3 : 10;
    ctx.log('copying the year …');
    const dir = copyHistory(ctx);
    const file = join(dir, DATABASE_FILE);
    const p = periodOf(file);
    const days = businessDays(p.from, p.to, p.rule);
    ctx.log(`${p.tickets.toLocaleString('en')} tickets, ${days.length} business days ${p.from} … ${p.to}`);

    const t0 = performance.now();
    const core = await startCore({ dataDir: dir, log: quiet, sync: { background: false } });
    ctx.log(`core started (and migrated) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const figures: Figure[] = [];
    try {
      const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
      const token = (await call(core, 'auth.login', { username: manager.username, password: manager.password }, null)).token;

      // --- On screen.
      const first = await call(core, 'reports.revenue', { from: p.from, to: p.to }, token);
      const loop = monitorEventLoopDelay({ resolution: 1 });
      const times: number[] = [];
      loop.enable();
      for (let i = 0; i < rounds; i++) {
        const s = performance.now();
        const r = await call(core, 'reports.revenue', { from: p.from, to: p.to }, token);
        times.push(performance.now() - s);
        if (r.totals.tickets !== first.totals.tickets) throw new Error('The revenue report changed between calls.');
        // Let the loop turn (and the delay histogram see a free loop) between calls.
        await new Promise((r2) => setTimeout(r2, 20));
      }
      loop.disable();
      const raw = rawRevenue(file, p.cinemaId, days);
      const rawTimes: number[] = [];
      let rawTickets = 0;
      raw.run();
      for (let i = 0; i < rounds; i++) {
        const s = performance.now();
        rawTickets = raw.run().reduce((sum, d) => sum + d.tickets, 0);
        rawTimes.push(performance.now() - s);
      }
      raw.close();
      if (rawTickets !== first.totals.tickets) throw new Error(`The raw aggregate counts ${rawTickets} tickets, the report ${first.totals.tickets}.`);
      ctx.log(`on screen: median ${median(times).toFixed(0)} ms (first call ${(times[0] ?? 0).toFixed(0)} ms), raw SQL median ${median(rawTimes).toFixed(0)} ms`);
      figures.push(
        {
          figure: `revenue report, a year (${days.length} days, ${first.totals.tickets.toLocaleString('en')} tickets), on screen, median`,
          value: median(times),
          raw: median(rawTimes),
          unit: 'ms',
          better: 'lower',
          target: { max: 300 },
          note: 'reports.revenue via core.call with a manager token on a copy of the year; raw = one prepared better-sqlite3 GROUP BY over the same tickets and orders (by business day).',
        },
        {
          figure: 'revenue report, a year, on screen: longest event-loop block',
          value: loop.max / 1e6,
          unit: 'ms',
          better: 'lower',
          target: {},
          note: 'The longest the main thread could not turn its event loop during those calls (perf_hooks.monitorEventLoopDelay).',
        },
      );

      // --- Files.
      for (const format of ['PDF', 'XLSX'] as const) {
        const m = await measured(async () => {
          let job = await call(core, 'reports.export', { kind: 'REVENUE', format, from: p.from, to: p.to }, token);
          while (job.status === 'RUNNING') {
            await new Promise((r) => setTimeout(r, 20));
            job = await call(core, 'reports.job', { jobId: job.jobId }, token);
          }
          if (job.status !== 'DONE' || !job.report) throw new Error(`The ${format} report failed: ${job.error}`);
          return job.report;
        });
        const size = statSync(join(reportsFolder(file), m.value.fileName)).size;
        ctx.log(`${format}: ${(m.ms / 1000).toFixed(2)} s, peak RSS ${m.peakMiB.toFixed(0)} MiB, ${(size / 1024).toFixed(0)} KiB`);
        figures.push(
          {
            figure: `revenue report ${format}, a year`,
            value: m.ms / 1000,
            unit: 's',
            better: 'lower',
            target: { max: 10 },
            note: `reports.export → reports.job until DONE (written in the report worker), ${(size / 1024).toFixed(0)} KiB.`,
          },
          {
            figure: `revenue report ${format}, a year: peak memory`,
            value: m.peakMiB,
            unit: 'MiB',
            better: 'lower',
            target: { max: 400 },
            note: 'Peak resident set size of the whole process (core, its SQLite cache, the report worker thread) while the file was written, sampled every 10 ms.',
          },
        );
      }
    } finally {
      await core.close();
    }
    return figures;
  },
} satisfies Suite;
