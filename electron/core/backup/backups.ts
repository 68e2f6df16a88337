import { rmSync } from 'node:fs';
import { Migrator, type Kysely, type Migration } from 'kysely';
import type Database from 'better-sqlite3';
import { localMigrations } from '../../../migrations/local';
import type { Clock } from '../clock';
import type { CoreServices, Logger } from '../context';
import { backupDatabase, listBackups, type BackupFile } from './backup-database';
import { DEFAULT_RETENTION, backupsToDelete, type BackupKind, type RetentionPolicy } from './retention';

export interface BackupOptions {
  /** Off for throw-away cores that want no timers at all. Default on. */
  enabled: boolean;
  /** A daily backup is due when the newest one is older than this. Default 24 h. */
  maxAgeMs: number;
  /** How often the timer checks whether one is due. Default 1 h. */
  checkEveryMs: number;
  /** The first check after start, so starting stays fast. Default 1 min. */
  firstCheckAfterMs: number;
  retention: RetentionPolicy;
}

export const DEFAULT_BACKUP_OPTIONS: BackupOptions = {
  enabled: true,
  maxAgeMs: 24 * 3600_000,
  checkEveryMs: 3600_000,
  firstCheckAfterMs: 60_000,
  retention: DEFAULT_RETENTION,
};

/**
 * The terminal's backups: a daily one (checked shortly after start and then every hour), one
 * before each schema migration, and one on an administrator's request; the retention policy is
 * applied after each. One backup at a time.
 */
export class Backups {
  readonly options: BackupOptions;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly sqlite: Database.Database,
    readonly dataDir: string,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<BackupOptions> = {},
  ) {
    this.options = { ...DEFAULT_BACKUP_OPTIONS, ...options, retention: { ...DEFAULT_RETENTION, ...options.retention } };
  }

  list(): BackupFile[] {
    return listBackups(this.dataDir);
  }

  /** Makes a backup now (after any backup already running) and prunes old ones. */
  backUp(kind: BackupKind): Promise<BackupFile> {
    const next = this.running.then(async () => {
      const made = await backupDatabase(this.sqlite, this.dataDir, this.clock.now(), kind);
      this.prune();
      this.log.info(`Database backed up to ${made.file}`);
      return made;
    });
    this.running = next.catch(() => undefined);
    return next;
  }

  prune(): string[] {
    const doomed = backupsToDelete(this.list(), this.options.retention, this.clock.now());
    for (const b of doomed) rmSync(b.path, { force: true });
    return doomed.map((b) => b.file);
  }

  /** True when there is no backup younger than maxAgeMs. */
  isDailyDue(): boolean {
    const newest = this.list()[0];
    return !newest || this.clock.now().getTime() - Date.parse(newest.createdAt) >= this.options.maxAgeMs;
  }

  /** Backs up when one is due; errors are logged, never thrown (the box office keeps selling). */
  async backUpIfDue(): Promise<BackupFile | null> {
    if (this.stopped || !this.isDailyDue()) return null;
    try {
      return await this.backUp('daily');
    } catch (e) {
      this.log.error('The daily database backup failed; it will be tried again within the hour', { error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  start(): void {
    if (!this.options.enabled) return;
    const first = setTimeout(() => void this.backUpIfDue(), this.options.firstCheckAfterMs);
    const every = setInterval(() => void this.backUpIfDue(), this.options.checkEveryMs);
    first.unref();
    every.unref();
    this.timers.push(first, every);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await this.running;
  }
}

const attached = new WeakMap<CoreServices, Backups>();

export function attachBackups(services: CoreServices, backups: Backups): void {
  attached.set(services, backups);
}

/** The backups of a running core. */
export function backupsOf(services: CoreServices): Backups {
  const b = attached.get(services);
  if (!b) throw new Error('backups are not running in this core');
  return b;
}

/**
 * Before a migration changes an existing database's schema, keep a copy of it as it was. Does
 * nothing for a brand-new database (nothing to lose) or when no migration is pending. A failed
 * backup stops the start: better no update than an update without a way back.
 */
export async function backupBeforeMigration(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
  db: Kysely<any>,
  sqlite: Database.Database,
  dataDir: string,
  clock: Clock,
  log: Logger,
  migrations: Record<string, Migration> = localMigrations,
): Promise<BackupFile | null> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const known = await migrator.getMigrations();
  const applied = known.filter((m) => m.executedAt !== undefined).length;
  const pending = known.length - applied;
  if (applied === 0 || pending === 0) return null;
  try {
    const made = await backupDatabase(sqlite, dataDir, clock.now(), 'pre-migration');
    log.info(`Backed up the database to ${made.file} before ${pending} schema update(s)`);
    return made;
  } catch (e) {
    throw new Error(`Could not back up the database before updating it, so it was not updated: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
