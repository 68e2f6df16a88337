import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { storageFailureOf } from './storage-failure';

/**
 * SQLite's `PRAGMA quick_check` — every page, cell and record of every b-tree is read and checked
 * (what integrity_check does, less matching each index to its table) — with a bound on the time
 * start-up waits for it. A small file is checked on the spot (≈ 400 MB/s here: 64 MB is ~0.2 s).
 * A larger one is checked by a worker thread with its own read-only connection; start-up waits at
 * most `boundMs`, and if the check has not finished by then it goes on beside the running app and
 * its outcome arrives in `later` (measured on the generated year, 1.38 GB: 3.1–3.8 s on this VM).
 */
export type QuickCheck =
  | { status: 'ok'; ms: number }
  | { status: 'damaged'; found: string; ms: number }
  /** The worker could not run the check (not a finding about the file). */
  | { status: 'not-run'; reason: string; ms: number }
  | { status: 'unfinished'; ms: number; later: Promise<QuickCheckOutcome> };
export type QuickCheckOutcome = Exclude<QuickCheck, { status: 'unfinished' }>;

export interface QuickCheckOptions {
  /** How long start-up waits for the worker's check. Default 5 s. */
  boundMs?: number;
  /** Files up to this size are checked on the calling thread. Default 64 MiB. */
  inlineUpToBytes?: number;
  nativeBinding?: string;
}

/** At most this many problems are listed (quick_check(N) stops after N). */
const MAX_PROBLEMS = 10;

const outcome = (answer: string, started: number): QuickCheckOutcome =>
  answer === 'ok' ? { status: 'ok', ms: performance.now() - started } : { status: 'damaged', found: answer, ms: performance.now() - started };

/** SQLite refusing to read the file is a finding (damaged); any other error means the check did not run. */
function failed(e: unknown, started: number): QuickCheckOutcome {
  const message = e instanceof Error ? e.message : String(e);
  if (storageFailureOf(e, '.') === 'DAMAGED') return { status: 'damaged', found: message, ms: performance.now() - started };
  return { status: 'not-run', reason: message, ms: performance.now() - started };
}

/** quick_check's rows as one line: 'ok' or the problems found. Throws what SQLite throws (NOTADB, CORRUPT). */
export function quickCheckAnswer(sqlite: Database.Database): string {
  const rows = sqlite.pragma(`quick_check(${MAX_PROBLEMS})`, { simple: false }) as Record<string, string>[];
  return rows.map((r) => Object.values(r)[0]).join('; ') || 'no answer';
}

// Plain CommonJS, evaluated (as the WAL checkpointer): no bundling or TypeScript loader in the worker.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let answer;
try {
  const db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  try {
    answer = db.pragma('quick_check(' + workerData.maxProblems + ')', { simple: false }).map((r) => Object.values(r)[0]).join('; ') || 'no answer';
  } finally {
    db.close();
  }
} catch (e) {
  parentPort.postMessage({ error: (e && e.message) || String(e), code: e && e.code });
}
if (answer !== undefined) parentPort.postMessage({ answer });
`;

function driverPath(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return createRequire(here).resolve('better-sqlite3');
}

function inWorker(file: string, nativeBinding: string | undefined, started: number): Promise<QuickCheckOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { driver: driverPath(), file, nativeBinding, maxProblems: MAX_PROBLEMS } });
    // A check still running never keeps the process alive (it only reads).
    worker.unref();
    worker.once('message', (m: { answer: string } | { error: string; code?: string }) =>
      resolve('answer' in m ? outcome(m.answer, started) : failed(Object.assign(new Error(m.error), { code: m.code }), started)),
    );
    const notRun = (reason: string) => resolve({ status: 'not-run', reason, ms: performance.now() - started });
    worker.once('error', (e) => notRun(e.message));
    worker.once('exit', () => notRun('the check stopped without an answer'));
  });
}

/** Checks the open database `sqlite` (its file, for the worker), waiting at most the bound. */
export async function quickCheck(sqlite: Database.Database, options: QuickCheckOptions = {}): Promise<QuickCheck> {
  const started = performance.now();
  if (sqlite.memory || statSync(sqlite.name).size <= (options.inlineUpToBytes ?? 64 * 1024 * 1024)) {
    try {
      return outcome(quickCheckAnswer(sqlite), started);
    } catch (e) {
      return failed(e, started);
    }
  }
  const later = inWorker(sqlite.name, options.nativeBinding, started);
  const bound = new Promise<'bound'>((resolve) => setTimeout(() => resolve('bound'), options.boundMs ?? 5000).unref());
  const first = await Promise.race([later, bound]);
  return first === 'bound' ? { status: 'unfinished', ms: performance.now() - started, later } : first;
}
