import type { ApiResult } from '../../../shared/contract';
import type { Core } from '../app-core';
import type { CoreServices } from '../context';
import { DomainError, inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import type { DataDirLock } from './data-dir-lock';
import { restoreBackup, type RestoreResult } from './restore-backup';

/** Puts a backup file (already passed checkRestorable) in place of the running core's database and reopens the core on it. */
export type Restorer = (backupPath: string) => Promise<RestoreResult & { services: CoreServices }>;

const restorers = new WeakMap<CoreServices, Restorer>();

/** The restorer of the core these services belong to (backups.restore). */
export function restorerOf(services: CoreServices): Restorer {
  const restore = restorers.get(services);
  if (!restore) throw new Error('this core cannot restore a backup in place');
  return restore;
}

/** How long a restore waits for calls already running before it closes the database anyway. */
const DRAIN_MS = 15_000;

/**
 * The core as the transports see it, able to restore a backup under itself (issue 12, item 8):
 * new calls wait, calls already running finish, the core closes, the file is swapped under the data
 * folder's lock (held throughout, so no other process can take the folder in between), and a fresh
 * core opens on it — with a fresh session store, so everyone signs in again.
 */
export function reopenableCore(first: Core, open: () => Promise<Core>, lock: DataDirLock, release: () => void): Core {
  let current = first;
  let paused: Promise<unknown> | null = null;
  let running = 0;
  let brokenWords: Words | null = null;
  let closed: Promise<void> | null = null;

  const adopt = (core: Core) => {
    current = core;
    restorers.set(core.services, restore);
  };

  async function swapAndReopen(backupPath: string): Promise<RestoreResult & { services: CoreServices }> {
    // The restoring call itself is one of the running calls.
    const deadline = Date.now() + DRAIN_MS;
    while (running > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await current.close();
    let result: RestoreResult | null = null;
    let refused: unknown = null;
    try {
      result = restoreBackup({ dataDir: current.dataDir, from: backupPath, lock, checked: true });
    } catch (e) {
      refused = e;
    }
    try {
      adopt(await open());
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (!result?.replacedKeptAt) {
        brokenWords = { key: 'refusals:backups.couldNotReopen', values: { why } };
        throw new DomainError('CONFLICT', brokenWords);
      }
      // The restored file does not open here: the database it replaced goes back.
      restoreBackup({ dataDir: current.dataDir, from: result.replacedKeptAt, lock });
      adopt(await open());
      throw new DomainError('CONFLICT', { key: 'refusals:backups.backupPutPlaceBut', values: { why } });
    }
    if (refused) throw refused;
    return { ...result!, services: current.services };
  }

  const restore: Restorer = (backupPath) => {
    if (paused) return Promise.reject(new DomainError('CONFLICT', { key: 'refusals:backups.restoreAlreadyUnderWay' }));
    const done = swapAndReopen(backupPath);
    paused = done.catch(() => undefined).finally(() => (paused = null));
    return done;
  };
  adopt(first);

  return {
    async call(request): Promise<ApiResult<unknown>> {
      while (paused) await paused;
      if (brokenWords) return { ok: false, error: { code: 'INTERNAL', message: inWords(brokenWords, current.terminal().language) } };
      running++;
      try {
        return await current.call(request);
      } finally {
        running--;
      }
    },
    get dataDir() {
      return current.dataDir;
    },
    get databaseFile() {
      return current.databaseFile;
    },
    terminal: () => current.terminal(),
    get services() {
      return current.services;
    },
    close() {
      closed ??= (async () => {
        while (paused) await paused;
        try {
          await current.close();
        } finally {
          release();
        }
      })();
      return closed;
    },
  };
}
