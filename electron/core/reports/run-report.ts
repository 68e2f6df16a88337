import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { DB } from '../db/tables';
import { DomainError } from '../errors';
import { generateReportFile, loadReportData, type ReportData, type ReportFileRequest, type ReportQuery } from './generate-report-file';
import type { ReportWorkerData, ReportWorkerMessage } from './report-worker';

export type ReportRunner = 'worker' | 'in-process';

/**
 * Where the worker's code is: beside this file as TypeScript when running from source (tsx, vitest),
 * or as dist-electron/report-worker.cjs in the Electron bundle. null: no worker code to start (then
 * the report runs in-process).
 *
 * From source, `execArgv: ['--import', 'tsx']` is not enough on Node 20 (the worker's entry is
 * resolved before the loader is registered: ERR_UNKNOWN_FILE_EXTENSION), so a two-line eval'd
 * entry registers tsx's ESM loader first and then imports the TypeScript worker.
 */
function workerEntry(): { code: string; eval: boolean } | null {
  const here = typeof import.meta?.url === 'string' ? fileURLToPath(import.meta.url) : typeof __filename === 'string' ? __filename : '';
  if (here.endsWith('.ts')) {
    const url = pathToFileURL(join(dirname(here), 'report-worker.ts')).href;
    return { code: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, eval: true };
  }
  const bundled = join(dirname(here), 'report-worker.cjs');
  return existsSync(bundled) ? { code: bundled, eval: false } : null;
}

/** Runs the worker to its end; 'unavailable' when it could not start (then the caller runs in-process). */
function inWorker(data: ReportWorkerData, onProgress: (progress: number, step: string) => void): Promise<{ outcome: 'done'; data?: ReportData } | { outcome: 'unavailable' }> {
  const entry = workerEntry();
  if (!entry) return Promise.resolve({ outcome: 'unavailable' });
  return new Promise((resolve, reject) => {
    let heard = false;
    const worker = new Worker(entry.code, { eval: entry.eval, workerData: data });
    worker.on('message', (m: ReportWorkerMessage) => {
      heard = true;
      if (m.type === 'progress') onProgress(m.progress, m.step);
      else if (m.type === 'done') resolve({ outcome: 'done', data: m.data });
      // SQLite's or the file system's code travels too (SQLITE_FULL, ENOSPC, SQLITE_CORRUPT…): the job names the cause.
      else reject(m.code === 'NOT_FOUND' || m.code === 'VALIDATION' ? new DomainError(m.code, m.words ?? { key: 'refusals:reports.writerRefused', values: { message: m.message } }) : Object.assign(new Error(m.message), { code: m.code }));
    });
    // A worker that dies before saying anything could not load: run in-process instead.
    worker.on('error', (e) => (heard ? reject(e) : resolve({ outcome: 'unavailable' })));
    worker.on('exit', (code) => {
      if (!heard) resolve({ outcome: 'unavailable' });
      else if (code !== 0) reject(new Error(`The report worker stopped (exit code ${code}).`));
    });
  });
}

/**
 * Writes one report file off the main thread: a worker_threads worker with its own read-only
 * connection. If no worker can be started here (no worker code in this build, or the TS loader is
 * missing), the same code runs in-process on `fallbackDb` — slower for the counter, never wrong.
 */
export async function runReport(
  databaseFile: string,
  request: ReportFileRequest,
  onProgress: (progress: number, step: string) => void,
  fallbackDb: Kysely<DB>,
  prefer: ReportRunner = 'worker',
): Promise<ReportRunner> {
  if (prefer === 'worker' && (await inWorker({ databaseFile, request }, onProgress)).outcome === 'done') return 'worker';
  await generateReportFile(fallbackDb, request, onProgress);
  return 'in-process';
}

/** The figures of an on-screen report, from the worker (same fallback as runReport). */
export async function queryReport<T extends ReportData>(databaseFile: string, query: ReportQuery, fallbackDb: Kysely<DB>, prefer: ReportRunner = 'worker'): Promise<T> {
  if (prefer === 'worker') {
    const result = await inWorker({ databaseFile, query }, () => undefined);
    if (result.outcome === 'done') return result.data as T;
  }
  return (await loadReportData(fallbackDb, query)) as T;
}
