import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { GeneratedReport, ReportJob, ReportKind } from '../../../shared/contract/reports';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { diskFailureError } from '../db/storage-failure';
import { storageFailureAnswer } from '../storage-answer';
import { newId } from '../ids';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { runReport, type ReportRunner } from './run-report';
import { printedIn } from '../printing/print-format';
import { readerLanguage } from '../reader-language';

/** Report jobs of this process: started by reports.export, polled by reports.job. */
interface Job extends ReportJob {
  cinemaId: string;
  finishedAt: number | null;
  runner: ReportRunner | null;
}
const jobs = new Map<string, Job>();
const KEEP_FINISHED_MS = 60 * 60_000;

function snapshot(job: Job): ReportJob {
  return { jobId: job.jobId, status: job.status, progress: job.progress, step: job.step, report: job.report, error: job.error, errorCode: job.errorCode };
}

/** The terminal's database file (for the worker's own connection) and the data folder around it. */
export async function databaseFileOf(ctx: SignedInContext): Promise<string> {
  const row = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(ctx.db);
  const file = row.rows[0]?.file;
  if (!file) throw new DomainError('INTERNAL', { key: 'refusals:reports.reportsNeedDatabaseDisk' });
  return file;
}

export function reportsFolder(databaseFile: string): string {
  return join(dirname(databaseFile), 'reports');
}

const EXT = { PDF: 'pdf', XLSX: 'xlsx' } as const;

export interface ExportInput {
  kind: ReportKind;
  format: 'PDF' | 'XLSX';
  from: string;
  to: string;
  distributorId?: string;
}

/**
 * Starts writing a report file and returns at once with a job to poll. The file goes to the data
 * folder's reports/ directory; when it is complete, a `reports` row (kind, parameters, format,
 * file, generated at/by) is written with an audit entry, in one transaction.
 */
export async function startReportJob(ctx: SignedInContext, input: ExportInput, options: { prefer?: ReportRunner } = {}): Promise<ReportJob> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  if (input.kind !== 'SETTLEMENTS' && input.distributorId) throw new DomainError('VALIDATION', { key: 'refusals:reports.onlySettlementStatementMade' }, { fields: { distributorId: 'only for settlements' } });
  if (input.distributorId) {
    const d = await ctx.db.selectFrom('distributors').select('id').where('id', '=', input.distributorId).executeTakeFirst();
    if (!d) throw new DomainError('NOT_FOUND', { key: 'refusals:reports.noDistributorId' });
  }
  const databaseFile = await databaseFileOf(ctx);
  const folder = reportsFolder(databaseFile);
  mkdirSync(folder, { recursive: true });
  const reportId = newId();
  const generatedAt = ctx.clock.now().toISOString();
  const fileName = `${input.kind.toLowerCase()}-${input.from}_${input.to}-${reportId.slice(-8)}.${EXT[input.format]}`;
  const file = join(folder, fileName);
  const job: Job = { jobId: newId(), status: 'RUNNING', progress: 0, step: printedIn(readerLanguage(ctx)).t('documents:report.step.starting'), report: null, error: null, errorCode: null, cinemaId: cinema.id, finishedAt: null, runner: null };
  const now = Date.now();
  for (const [id, j] of jobs) if (j.finishedAt !== null && now - j.finishedAt > KEEP_FINISHED_MS) jobs.delete(id);
  jobs.set(job.jobId, job);

  const run = async () => {
    job.runner = await runReport(
      databaseFile,
      { kind: input.kind, format: input.format, cinemaId: cinema.id, from: input.from, to: input.to, distributorId: input.distributorId, generatedBy: ctx.user.displayName, generatedAt, file, language: readerLanguage(ctx) },
      (progress, step) => {
        job.progress = Math.min(99, progress);
        job.step = step;
      },
      ctx.db,
      options.prefer,
    );
    const parameters = { from: input.from, to: input.to, ...(input.distributorId ? { distributorId: input.distributorId } : {}) };
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('reports')
        .values({ id: reportId, cinema_id: cinema.id, kind: input.kind, parameters: JSON.stringify(parameters), format: input.format, file_path: join('reports', fileName), generated_at: generatedAt, generated_by: ctx.user.id, ...ctx.stamp() })
        .execute();
      await recordAudit(trx, ctx, { action: 'reports.generate', entity: 'report', entityId: reportId, details: { kind: input.kind, format: input.format, ...parameters, runner: job.runner } });
    });
    job.report = { id: reportId, kind: input.kind, format: input.format, from: input.from, to: input.to, fileName, generatedAt, generatedBy: ctx.user.displayName };
    job.status = 'DONE';
    job.progress = 100;
    job.step = printedIn(readerLanguage(ctx)).t('documents:report.step.done');
  };
  run()
    .catch((e: unknown) => {
      // Nothing of a failed report stays behind: no row (its transaction rolled back), no half file.
      rmSync(file, { force: true });
      // SQLite's failures concern the database (the data folder); the file system's, the report file.
      const fromSqlite = String((e as { code?: unknown })?.code ?? '').startsWith('SQLITE_');
      const named = e instanceof DomainError ? e : fromSqlite ? storageFailureAnswer(e, ctx.db) : diskFailureError(e, folder);
      job.status = 'FAILED';
      job.error = named ? named.messageIn(readerLanguage(ctx)) : printedIn(readerLanguage(ctx)).t('documents:report.failed');
      job.errorCode = named ? named.code : 'INTERNAL';
      job.step = printedIn(readerLanguage(ctx)).t('documents:report.step.failed');
      if (!(e instanceof DomainError)) ctx.services.log.error('Report generation failed', { error: e instanceof Error ? e.stack : String(e) });
    })
    .finally(() => {
      job.finishedAt = Date.now();
    });
  return snapshot(job);
}

export function reportJob(ctx: SignedInContext, jobId: string): ReportJob {
  const job = jobs.get(jobId);
  if (!job || job.cinemaId !== ctx.terminal.cinemaId) throw new DomainError('NOT_FOUND', { key: 'refusals:reports.noReportBeingWritten' });
  return snapshot(job);
}

/** Test hook: wait until a job has finished. */
export async function waitForReportJob(ctx: SignedInContext, jobId: string, timeoutMs = 60_000): Promise<ReportJob> {
  const started = Date.now();
  for (;;) {
    const job = reportJob(ctx, jobId);
    if (job.status !== 'RUNNING') return job;
    if (Date.now() - started > timeoutMs) throw new Error('The report took too long.');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function listReports(ctx: SignedInContext, limit: number): Promise<GeneratedReport[]> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const rows = await ctx.db
    .selectFrom('reports as r')
    .innerJoin('users as u', 'u.id', 'r.generated_by')
    .select(['r.id', 'r.kind', 'r.format', 'r.parameters', 'r.file_path', 'r.generated_at', 'u.display_name'])
    .where('r.cinema_id', '=', cinema.id)
    .orderBy('r.generated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const p = JSON.parse(r.parameters) as { from?: string; to?: string };
    return { id: r.id, kind: r.kind as ReportKind, format: r.format, from: p.from ?? '', to: p.to ?? '', fileName: basename(r.file_path), generatedAt: r.generated_at, generatedBy: r.display_name };
  });
}

export async function reportFile(ctx: SignedInContext, reportId: string): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const r = await ctx.db.selectFrom('reports').select(['file_path', 'format']).where('id', '=', reportId).where('cinema_id', '=', cinema.id).executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', { key: 'refusals:reports.noReportIdCinema' });
  const folder = reportsFolder(await databaseFileOf(ctx));
  // Only files inside the reports folder are ever read (the path is ours, but rows sync).
  const file = join(folder, basename(r.file_path));
  if (!existsSync(file)) throw new DomainError('NOT_FOUND', { key: 'refusals:reports.fileNoLongerTerminal', values: { basename: basename(r.file_path) } });
  return {
    fileName: basename(file),
    mimeType: r.format === 'PDF' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: readFileSync(file).toString('base64'),
  };
}
