import type { Handler } from '../api';
import type { OperationName } from '../../../shared/contract';
import type { RequestContext } from '../context';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { loadDashboard } from './dashboard';
import type { ReportQuery } from './generate-report-file';
import { concessionReport, popularityReport, revenueReport, shiftsReport } from './report-queries';
import { databaseFileOf, listReports, reportFile, reportJob, startReportJob } from './report-jobs';
import { queryReport } from './run-report';
import type { SignedInContext } from '../context';

type ReportOps = Extract<OperationName, `reports.${string}` | 'dashboard.summary'>;

const scope = async (ctx: RequestContext, input: { from: string; to: string }) => ({ cinemaId: (await requireTerminalCinema(ctx.db, ctx)).id, from: input.from, to: input.to });

/**
 * A week or less is quick on the main thread; longer periods are added up in the report worker —
 * except revenue, which reads the sums of migration 0002 (a year in ~60 ms, less than starting a
 * worker and opening a connection in it).
 */
const WORKER_AFTER_DAYS = 7;
async function onScreen<T>(ctx: SignedInContext, kind: ReportQuery['kind'], input: { from: string; to: string }, inProcess: (s: Awaited<ReturnType<typeof scope>>) => Promise<T>): Promise<T> {
  const s = await scope(ctx, input);
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
  if (days <= WORKER_AFTER_DAYS) return inProcess(s);
  return queryReport(await databaseFileOf(ctx), { kind, ...s }, ctx.db) as Promise<T>;
}

export const reportHandlers: { [N in ReportOps]: Handler<N> } = {
  'dashboard.summary': async (ctx) => loadDashboard(ctx.db, ctx.clock, (await requireTerminalCinema(ctx.db, ctx)).id),
  'reports.revenue': async (ctx, input) => revenueReport(ctx.db, await scope(ctx, input)),
  'reports.popularity': async (ctx, input) => onScreen(ctx, 'POPULARITY', input, (s) => popularityReport(ctx.db, s)),
  'reports.concessions': async (ctx, input) => onScreen(ctx, 'CONCESSIONS', input, (s) => concessionReport(ctx.db, s)),
  'reports.shifts': async (ctx, input) => onScreen(ctx, 'SHIFTS', input, (s) => shiftsReport(ctx.db, s)),
  'reports.export': async (ctx, input) => startReportJob(ctx, input),
  'reports.job': async (ctx, input) => reportJob(ctx, input.jobId),
  'reports.list': async (ctx, input) => listReports(ctx, input.limit),
  'reports.file': async (ctx, input) => reportFile(ctx, input.reportId),
};
