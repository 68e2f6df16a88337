/**
 * `npm run bench:reports [-- --data-dir DIR] [--days 365] [--halls 10]`: time and peak memory to
 * produce the revenue report (PDF and XLSX) for a year of one cinema (~1 million tickets), the way
 * the app does it — aggregated in SQL and written in the report worker with its own read-only
 * connection. Without --data-dir (or with an empty one) the history is generated first.
 *
 * Peak memory: the process's resident set size sampled every 10 ms (the worker is a thread of
 * this process, so its memory is included), reported above the baseline before each run.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/core/db/open';
import { DATABASE_FILE } from '../electron/core/app-core';
import { loadHistory } from '../electron/core/history/load-history';
import { revenueReport } from '../electron/core/reports/report-queries';
import { queryReport, runReport } from '../electron/core/reports/run-report';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, days: { type: 'string', default: '365' }, halls: { type: 'string', default: '10' } } });
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'box-office-bench-'));
const databaseFile = join(dataDir, DATABASE_FILE);
if (!existsSync(databaseFile)) {
  console.log(`Generating ${values.days} days × ${values.halls} halls of history into ${dataDir} …`);
  const h = await loadHistory({ dataDir, days: Number(values.days), halls: Number(values.halls) });
  console.log(`  ${h.tickets.toLocaleString('en')} tickets, ${h.orders.toLocaleString('en')} orders in ${(h.ms / 1000).toFixed(1)} s`);
}

const local = openDatabase(databaseFile, { readonly: true });
const cinema = await local.db.selectFrom('cinemas').select('id').orderBy('created_at').executeTakeFirstOrThrow();
const span = await local.db
  .selectFrom('orders')
  .select((eb) => [eb.fn.min('paid_at').as('first'), eb.fn.max('paid_at').as('last'), eb.fn.countAll<number>().as('orders')])
  .where('cinema_id', '=', cinema.id)
  .executeTakeFirstOrThrow();
const tickets = await local.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
const from = String(span.first).slice(0, 10);
const to = String(span.last).slice(0, 10);
console.log(`Cinema data: ${Number(tickets.n).toLocaleString('en')} tickets, ${Number(span.orders).toLocaleString('en')} orders, ${from} … ${to}`);

async function measure<T>(label: string, work: () => Promise<T>): Promise<T> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak RSS ${(peak / 2 ** 20).toFixed(0).padStart(5)} MiB (+${((peak - base) / 2 ** 20).toFixed(0)} MiB over ${(base / 2 ** 20).toFixed(0)})`);
  return value;
}

await measure('revenue figures on screen (worker)', () => queryReport(databaseFile, { kind: 'REVENUE', cinemaId: cinema.id, from, to }, local.db));
await measure('revenue figures (SQL aggregates, in-process)', () => revenueReport(local.db, { cinemaId: cinema.id, from, to }));
for (const format of ['PDF', 'XLSX'] as const) {
  const file = join(dataDir, `bench-revenue-year.${format.toLowerCase()}`);
  const runner = await measure(`revenue report ${format} (worker)`, () =>
    runReport(databaseFile, { kind: 'REVENUE', format, cinemaId: cinema.id, from, to, generatedBy: 'bench', generatedAt: new Date().toISOString(), file }, () => undefined, local.db),
  );
  console.log(`  ${runner}, ${(statSync(file).size / 1024).toFixed(0)} KiB → ${file}`);
}
for (const format of ['PDF', 'XLSX'] as const) {
  const file = join(dataDir, `bench-revenue-year-inprocess.${format.toLowerCase()}`);
  await measure(`revenue report ${format} (in-process, for comparison)`, () =>
    runReport(databaseFile, { kind: 'REVENUE', format, cinemaId: cinema.id, from, to, generatedBy: 'bench', generatedAt: new Date().toISOString(), file }, () => undefined, local.db, 'in-process'),
  );
}
await local.close();
