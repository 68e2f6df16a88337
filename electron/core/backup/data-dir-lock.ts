import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written by a running core into its data folder; `npm run restore` refuses while it names a live process. */
export const LOCK_FILE = 'box-office.lock';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks the data folder as in use by this process until released. */
export function holdDataDirLock(dataDir: string, now: Date): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: now.toISOString() }) + '\n');
  return {
    release() {
      if (runningCoreIn(dataDir)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

/** The live process holding the data folder, or null when none does (no lock, or a stale one after a crash). */
export function runningCoreIn(dataDir: string): { pid: number; startedAt: string } | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const lock = JSON.parse(text) as { pid?: unknown; startedAt?: unknown };
    if (typeof lock.pid !== 'number' || !Number.isInteger(lock.pid) || lock.pid <= 0) return null;
    return isAlive(lock.pid) ? { pid: lock.pid, startedAt: String(lock.startedAt ?? '') } : null;
  } catch {
    return null;
  }
}
