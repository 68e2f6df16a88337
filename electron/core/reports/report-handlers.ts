import type { Handler } from '../api';
import type { OperationName } from '../../../shared/contract';
import type { RequestContext } from '../context';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { loadDashboard } from './dashboard';
import { concessionReport, popularityReport, revenueReport, shiftsReport } from './report-queries';
import { listReports, reportFile, reportJob, startReportJob } from './report-jobs';

type ReportOps = Extract<OperationName, `reports.${string}` | 'dashboard.summary'>;

const scope = async (ctx: RequestContext, input: { from: string; to: string }) => ({ cinemaId: (await requireTerminalCinema(ctx.db, ctx)).id, from: input.from, to: input.to });

export const reportHandlers: { [N in ReportOps]: Handler<N> } = {
  'dashboard.summary': async (ctx) => loadDashboard(ctx.db, ctx.clock, (await requireTerminalCinema(ctx.db, ctx)).id),
  'reports.revenue': async (ctx, input) => revenueReport(ctx.db, await scope(ctx, input)),
  'reports.popularity': async (ctx, input) => popularityReport(ctx.db, await scope(ctx, input)),
  'reports.concessions': async (ctx, input) => concessionReport(ctx.db, await scope(ctx, input)),
  'reports.shifts': async (ctx, input) => shiftsReport(ctx.db, await scope(ctx, input)),
  'reports.export': async (ctx, input) => startReportJob(ctx, input),
  'reports.job': async (ctx, input) => reportJob(ctx, input.jobId),
  'reports.list': async (ctx, input) => listReports(ctx, input.limit),
  'reports.file': async (ctx, input) => reportFile(ctx, input.reportId),
};
