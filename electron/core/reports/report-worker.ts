import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { generateReportFile, type ReportFileRequest } from './generate-report-file';

/**
 * The report worker (ARCHITECTURE: anything over ~50 ms runs off the main thread): its own
 * read-only connection to the terminal's database (WAL lets it read beside the writer), the same
 * generateReportFile as the in-process path, progress and the outcome posted back.
 */
export interface ReportWorkerData {
  databaseFile: string;
  nativeBinding?: string;
  request: ReportFileRequest;
}

export type ReportWorkerMessage = { type: 'progress'; progress: number; step: string } | { type: 'done' } | { type: 'failed'; message: string; code?: string };

async function main(data: ReportWorkerData): Promise<void> {
  const local = openDatabase(data.databaseFile, { readonly: true, nativeBinding: data.nativeBinding });
  try {
    await generateReportFile(local.db, data.request, (progress, step) => parentPort!.postMessage({ type: 'progress', progress, step } satisfies ReportWorkerMessage));
    parentPort!.postMessage({ type: 'done' } satisfies ReportWorkerMessage);
  } catch (e) {
    parentPort!.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code } satisfies ReportWorkerMessage);
  } finally {
    await local.close();
  }
}

// No top-level await: the Electron build bundles this file as CommonJS.
if (parentPort && workerData) void main(workerData as ReportWorkerData);
