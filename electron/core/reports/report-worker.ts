import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { isDomainError } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import { generateReportFile, loadReportData, type ReportData, type ReportFileRequest, type ReportQuery } from './generate-report-file';

/**
 * The report worker (ARCHITECTURE: anything over ~50 ms runs off the main thread): its own
 * read-only connection to the terminal's database (WAL lets it read beside the writer), the same
 * generateReportFile as the in-process path, progress and the outcome posted back.
 */
export interface ReportWorkerData {
  databaseFile: string;
  nativeBinding?: string;
  /** Write a report file… */
  request?: ReportFileRequest;
  /** …or answer an on-screen report's figures. */
  query?: ReportQuery;
}

export type ReportWorkerMessage =
  | { type: 'progress'; progress: number; step: string }
  | { type: 'done'; data?: ReportData }
  /** `words` when the failure is a refusal made of catalogue words, so it reaches its reader in their language. */
  | { type: 'failed'; message: string; code?: string; words?: Words | null };

async function main(data: ReportWorkerData): Promise<void> {
  const local = openDatabase(data.databaseFile, { readonly: true, nativeBinding: data.nativeBinding });
  // A year of tickets is a few hundred MB read at random through indexes: give this reader a
  // 128 MB page cache instead of the default 2 MB (bounded memory; the OS caches the rest).
  local.sqlite.pragma('cache_size = -131072');
  try {
    if (data.query) {
      parentPort!.postMessage({ type: 'done', data: await loadReportData(local.db, data.query) } satisfies ReportWorkerMessage);
    } else {
      await generateReportFile(local.db, data.request!, (progress, step) => parentPort!.postMessage({ type: 'progress', progress, step } satisfies ReportWorkerMessage));
      parentPort!.postMessage({ type: 'done' } satisfies ReportWorkerMessage);
    }
  } catch (e) {
    parentPort!.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code, words: isDomainError(e) ? e.words : null } satisfies ReportWorkerMessage);
  } finally {
    await local.close();
  }
}

// No top-level await: the Electron build bundles this file as CommonJS.
if (parentPort && workerData) void main(workerData as ReportWorkerData);
