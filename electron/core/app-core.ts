import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiRequest, ApiResult } from '../../shared/contract';
import { openCheckedDatabase, explainStartFailure, refuseFullDisk } from './backup/database-at-start';
import { migrateToLatest } from './db/migrate';
import { systemClock, type Clock } from './clock';
import { HybridLogicalClock } from './sync/hlc';
import { SessionStore } from './auth/sessions';
import { createDispatcher } from './api';
import { handlers } from './handlers';
import { ensureSigningKey, ensureTerminalIdentity, readMeta, writeMeta } from './terminal/identity';
import { seedDemo } from './demo/seed-demo';
import type { CoreServices, Logger, TerminalIdentity } from './context';
import { SyncEngine, attachSync, type SyncOptions } from './sync/sync-engine';
import { FileSecretStore } from './sync/secret-store';
import { Backups, attachBackups, backupBeforeMigration, type BackupOptions } from './backup/backups';
import { holdDataDirLock, type DataDirLock } from './backup/data-dir-lock';
import { reopenableCore } from './backup/restore-in-place';
import type { JournalSigner } from './journal/journal-signer';
import { startSettlementAccruals } from './settlements/settlement-accruals';

export const DATABASE_FILE = 'box-office.sqlite';

export interface CoreOptions {
  /** The app's data folder (Electron userData, or --data-dir for the bridge and tests). */
  dataDir: string;
  /** Fill an empty database with the demo cinema, films, a week of sessions and one user per role. */
  demo?: boolean;
  clock?: Clock;
  /** better-sqlite3 addon built for Electron's ABI, when it differs from Node's. */
  nativeBinding?: string;
  log?: Logger;
  /** Central sync: where credentials live (Electron: safeStorage; default a 0600 file) and loop settings. */
  sync?: Partial<SyncOptions>;
  /** Database backups: daily, before each schema update, with retention (electron/core/backup). */
  backup?: Partial<BackupOptions>;
  /** The data folder's lock when the caller already holds it for longer than this core (the history generator). */
  dataDirLock?: DataDirLock;
  /** Rule 16: a certified signing device or service for the money journal (a TSE); default: the terminal's own key. */
  journalSigner?: JournalSigner;
  /** Printing through the desktop's printers (Electron) and how long CUPS jobs are followed. */
  printing?: CoreServices['printing'];
}

/** The main process without Electron: database, dispatcher, and everything behind it. */
export interface Core {
  call(request: ApiRequest): Promise<ApiResult<unknown>>;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly terminal: () => TerminalIdentity;
  readonly services: CoreServices;
  close(): Promise<void>;
}

const consoleLogger: Logger = {
  info: (message, extra) => console.log(`[box-office] ${message}`, extra ?? ''),
  error: (message, extra) => console.error(`[box-office] ${message}`, extra ?? ''),
};

/**
 * Takes the data folder (one process per folder, refused at once naming the holder), opens (or
 * creates) the terminal's database, migrates it, and starts answering calls. The core can put a
 * backup in place of its database and reopen itself (backups.restore) without letting go of the folder.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  refuseFullDisk(options.dataDir);
  const lock = options.dataDirLock ?? holdDataDirLock(options.dataDir, { nativeBinding: options.nativeBinding });
  const release = () => {
    if (!options.dataDirLock) lock.release();
  };
  try {
    return reopenableCore(await openCore(options), () => openCore(options), lock, release);
  } catch (e) {
    release();
    // A full disk or a damaged file anywhere in the start says so, not "disk I/O error".
    throw explainStartFailure(e, options.dataDir, join(options.dataDir, DATABASE_FILE));
  }
}

/** The core on the database as it is now (the folder's lock is held by startCore). */
async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLogger;
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  // Refuses a damaged, emptied or unreadable database (naming the backup to restore) and a full disk.
  const local = await openCheckedDatabase(options.dataDir, databaseFile, { nativeBinding: options.nativeBinding, log });
  try {
    await backupBeforeMigration(local.db, local.sqlite, options.dataDir, clock, log);
    await migrateToLatest(local.db);
    // Sales only append to the log; copying it back into the database happens beside them.
    await local.checkpointInBackground((reason) => log.error('WAL checkpoints are back on the main connection', { reason }));
    let identity = await ensureTerminalIdentity(local.db);
    const signing = ensureSigningKey(options.dataDir);
    // The HLC never runs backwards across restarts, even if the wall clock does.
    const hlc = new HybridLogicalClock(identity.id, () => clock.now().getTime(), (await readMeta(local.db, 'hlc_last')) ?? undefined);
    const services: CoreServices = {
      db: local.db,
      clock,
      hlc,
      sessions: new SessionStore(clock),
      terminal: {
        get: () => identity,
        setCinema: (cinemaId) => {
          identity = { ...identity, cinemaId };
        },
        setName: (name) => {
          identity = { ...identity, name };
        },
        setLanguage: (language) => {
          identity = { ...identity, language };
        },
      },
      signing,
      journalSigner: options.journalSigner,
      printing: options.printing,
      demo: options.demo ?? false,
      log,
    };
    if (services.demo) await seedDemo(services);
    const sync = new SyncEngine(services, { secretStore: new FileSecretStore(options.dataDir), ...options.sync });
    attachSync(services, sync);
    await sync.start();
    // Rule 11: distributor accruals for contract weeks that have ended (now, then hourly).
    const stopAccruals = await startSettlementAccruals(services);
    const dispatch = createDispatcher(services, handlers);
    const backups = new Backups(local.sqlite, options.dataDir, clock, log, options.backup);
    attachBackups(services, backups);
    backups.start();
    const persistHlc = () => writeMeta(local.db, 'hlc_last', hlc.lastIssued);
    const hlcTimer = setInterval(() => void persistHlc().catch(() => undefined), 10_000);
    hlcTimer.unref();
    let closed: Promise<void> | null = null;
    return {
      call: dispatch,
      dataDir: options.dataDir,
      databaseFile,
      terminal: () => identity,
      services,
      close() {
        closed ??= (async () => {
          clearInterval(hlcTimer);
          await backups.stop();
          stopAccruals();
          await sync.stop();
          // On a full disk this write fails; closing must still let go of the file.
          await persistHlc().catch((e: unknown) => log.error('Could not save the clock at close', { error: e instanceof Error ? e.message : String(e) }));
          await local.close();
        })();
        return closed;
      },
    };
  } catch (e) {
    await local.close();
    throw e;
  }
}
