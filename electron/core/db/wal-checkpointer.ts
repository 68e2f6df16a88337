import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * WAL checkpoints off the counter's thread. By default SQLite copies the write-ahead log back into
 * the database inside whichever commit takes the log past 1000 pages — every few dozen sales one
 * sale waited tens of milliseconds for it (copy + fsync of the database file). Here a worker
 * thread with its own connection checkpoints PASSIVE-ly a few times a second (never blocking the
 * writer; SQLite coordinates the two connections), so commits only append to the log. The main
 * connection keeps an automatic checkpoint as a backstop at a much larger log, for the case the
 * worker stops; when no worker can start, nothing changes.
 */
export interface WalCheckpointer {
  /** The thread doing the checkpoints (tests end it to see the fall-back). */
  readonly worker: Worker;
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints (ms). */
  everyMs?: number;
  /** The main connection's own checkpoint threshold meanwhile (pages), instead of SQLite's 1000. */
  backstopPages?: number;
  nativeBinding?: string;
  /** Told when the worker ends by itself (the main connection then checkpoints as SQLite normally does). */
  onFailure?: (reason: string) => void;
}

// Plain CommonJS, evaluated: no bundling or TypeScript loader needed in the worker.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next round does it */ }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.close(); } finally { parentPort.close(); }
});
parentPort.postMessage('ready');
`;

function driverPath(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return createRequire(here).resolve('better-sqlite3');
}

/** Starts the checkpoint worker for `sqlite`'s file; resolves once it runs (or null if it could not start). */
export async function startWalCheckpointer(sqlite: Database.Database, options: WalCheckpointerOptions = {}): Promise<WalCheckpointer | null> {
  if (sqlite.readonly || sqlite.memory || String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { driver: driverPath(), file: sqlite.name, nativeBinding: options.nativeBinding, everyMs: options.everyMs ?? 100 },
    });
  } catch {
    return null;
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    worker.once('message', (m) => resolve(m === 'ready'));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  if (!ready) {
    await worker.terminate().catch(() => undefined);
    return null;
  }
  // Never let the worker keep the process alive.
  worker.unref();
  const previous = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${Math.max(previous, options.backstopPages ?? 10_000)}`);
  let stopped: Promise<void> | null = null;
  // A worker that dies by itself: the main connection checkpoints at SQLite's usual small log
  // again (no 40 MB catch-up inside some sale's commit later), and the log says so.
  let lastError = '';
  worker.on('error', (e) => (lastError = e instanceof Error ? e.message : String(e)));
  void exited.then(() => {
    if (stopped) return;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${previous}`);
    options.onFailure?.(lastError || 'the checkpoint worker exited');
  });
  return {
    worker,
    stop() {
      stopped ??= (async () => {
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${previous}`);
        // Keep the process alive until the worker has closed its connection.
        worker.ref();
        worker.postMessage('stop');
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 2000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') await worker.terminate();
      })();
      return stopped;
    },
  };
}
