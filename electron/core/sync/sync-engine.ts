import type { CoreServices } from '../context';
import { systemContext } from '../system-context';
import { registerTerminal } from '../terminal/register-terminal';
import { readMeta, writeMeta } from '../terminal/identity';
import { recordAudit } from '../audit/record-audit';
import { CentralClient, type CentralIdentity, type PullPage } from './central-client';
import type { CentralCredentials, SecretStore } from './secret-store';
import { outboxCount, pushOutboxBatch } from './push';
import { applyPulledPage, APPLY_SLICE_MS, CONFLICT_KEY_PREFIX, readCursor } from './pull';
import { rebuildStaleReportSums } from './initial-load';
import { accruedContracts, correctAccruedWeeks } from '../settlements/correct-accrued-weeks';
import { pushJournal } from '../journal/push-journal';
import { RESOLUTION_KEY_PREFIX } from './resolve-conflict';
import { storageFailureAnswer } from '../storage-answer';
import { inWords } from '../errors';
import type { Words } from '../../../shared/i18n/message-key';
import type { Language } from '../../../shared/i18n/languages';

export interface SyncState {
  configured: boolean;
  online: boolean;
  changesWaiting: number;
  lastSyncAt: string | null;
  lastError: string | null;
  openConflicts: number;
  /** Demo data never goes to a central database. */
  demo: boolean;
  /** Since when a transaction at the centre holds back every terminal's pulls (null: it does not). */
  centralHeldBackSince: string | null;
}

/**
 * Rows per pulled page: big enough that a new terminal's initial load is not round trips (the
 * next page is fetched while one is applied). How long applying holds the main process is bounded
 * by the apply slices (pull.ts), not by the page size.
 */
export const DEFAULT_PULL_PAGE = 2000;

/**
 * The centre's pull horizon is "held back" when it has stayed at the same transaction for this
 * long while newer ones exist: changes of other terminals may be waiting behind it (a terminal
 * transaction left open; the centre ends such a one after a limit, central migration 0004).
 */
export const HORIZON_HELD_MS = 3000;

export interface SyncOptions {
  secretStore: SecretStore;
  /** Pause between syncs while online (ms). */
  intervalMs?: number;
  /** Longest pause after failures (exponential backoff up to this). */
  maxBackoffMs?: number;
  /** How often to look for new local writes to push at once (after a sale). */
  watchMs?: number;
  /** Run the background loop (off in tests that drive `syncNow` themselves). */
  background?: boolean;
  pushBatch?: number;
  pullPage?: number;
  /** Tests only: let a demo core sync (demo data must never reach a real central database). */
  allowDemo?: boolean;
}

/**
 * The background loop: push the outbox, pull by the cursor, every few seconds while online;
 * exponential backoff while the central database can't be reached; an immediate push when the
 * outbox grows (a sale). Network I/O never happens inside a SQLite transaction, so a sale never
 * waits for it. Errors only pause the loop; the state says why.
 */
export class SyncEngine {
  private client: CentralClient | null = null;
  private credentials: CentralCredentials | null;
  private online = false;
  private lastSyncAt: string | null = null;
  private lastError: string | null = null;
  /** The last error as words when it was the disk's or the database file's (the Sync screen shows it in its reader's language). */
  private lastErrorWords: Words | null = null;
  private running: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private watcher: NodeJS.Timeout | null = null;
  private failures = 0;
  private lastOutboxSeq = 0;
  private stopped = false;
  /** The horizon the last pull ended at, since when (wall ms), and since when it counts as held back. */
  private horizon: { xid: string; since: number; at: string } | null = null;
  private heldBackSince: string | null = null;
  /** The central registration's name was taken over on this connection. */
  private nameChecked = false;
  /** Rows pushed that lost last-writer-wins: this terminal differs from the centre until its next full pull. */
  private lostToCentre = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly services: CoreServices,
    private readonly options: SyncOptions,
  ) {
    this.credentials = options.secretStore.load();
  }

  /** The stored address and login (the password stays inside). */
  savedCredentials(): { url: string; user: string } | null {
    return this.credentials ? { url: this.credentials.url, user: this.credentials.user } : null;
  }

  get configured(): boolean {
    return this.credentials !== null;
  }

  async start(): Promise<void> {
    this.lastSyncAt = await readMeta(this.services.db, 'sync_last_at');
    if (this.options.background === false) return;
    this.schedule(0);
    this.watcher = setInterval(() => void this.watchOutbox(), this.options.watchMs ?? 1000);
    this.watcher.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watcher) clearInterval(this.watcher);
    await this.followUp?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    await this.client?.close().catch(() => undefined);
    this.client = null;
  }

  /** Called after each finished sync (tests, UI refresh). */
  onSynced(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `language`: the reader's, for an error the terminal itself can put into words (else the centre's or the network's own). */
  async state(language: Language = 'en'): Promise<SyncState> {
    const conflicts = await this.conflicts();
    return {
      configured: this.configured,
      online: this.configured && this.online,
      // Never "all sent" while a row pushed here lost to a newer central version not yet pulled.
      changesWaiting: (await outboxCount(this.services.db)) + this.lostToCentre,
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastErrorWords ? inWords(this.lastErrorWords, language) : this.lastError,
      openConflicts: conflicts.filter((c) => !c.resolved_at).length,
      demo: this.services.demo,
      centralHeldBackSince: this.online ? this.heldBackSince : null,
    };
  }

  /** Conflicts as last pulled (open and resolved). */
  async conflicts(): Promise<StoredConflict[]> {
    const rows = await this.services.db.selectFrom('local_meta').select('value').where('key', 'like', `${CONFLICT_KEY_PREFIX}%`).execute();
    return rows.map((r) => JSON.parse(r.value) as StoredConflict).sort((a, b) => a.detected_at.localeCompare(b.detected_at));
  }

  /** Connects with the given credentials and asks the central database who we are. */
  static async test(credentials: CentralCredentials): Promise<CentralIdentity> {
    const client = new CentralClient(credentials, { connectTimeoutMs: 5000 });
    try {
      return await client.whoami();
    } finally {
      await client.close().catch(() => undefined);
    }
  }

  /** Stores working credentials (already tested by the caller) and syncs at once. */
  async configure(credentials: CentralCredentials): Promise<void> {
    this.options.secretStore.save(credentials);
    this.credentials = credentials;
    await this.client?.close().catch(() => undefined);
    this.client = null;
    this.nameChecked = false;
    this.failures = 0;
    this.schedule(0);
  }

  /** One full sync now (joins a sync already running). Throws when the central database can't be reached. */
  async syncNow(): Promise<void> {
    if (this.running) {
      // Callers arriving during a sync share ONE follow-up sync (which sees their changes), never
      // several running side by side.
      this.followUp ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.followUp = null;
          return this.stopped ? undefined : this.syncNow();
        });
      return this.followUp;
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The connection to use for central seat holds, or null while offline / not configured. */
  centralWhenOnline(): CentralClient | null {
    return this.online ? this.connection() : null;
  }

  /** This terminal has a central database to sync with (the demo cinema never has). */
  get syncsWithCentral(): boolean {
    return this.configured && (!this.services.demo || this.options.allowDemo === true);
  }

  /**
   * A call outside the loop found the centre unreachable (a sale could not confirm its seats): the
   * terminal counts as offline from now on — its sales rely on their local holds and say so — until
   * the next sync gets through (tried at once in the background).
   */
  lostCentral(reason: string): void {
    if (!this.online) return;
    this.online = false;
    this.lastError = reason;
    this.lastErrorWords = null;
    this.failures++;
    this.services.log.error(reason);
    for (const l of this.listeners) l();
    this.schedule(this.options.intervalMs ?? 5000);
  }

  /** The connection for calls beside the sync loop (enrolment codes, the cinema's terminals). */
  central(): CentralClient {
    return this.connection();
  }

  private connection(): CentralClient {
    if (!this.credentials) throw new Error('This terminal is not connected to a central database yet.');
    this.client ??= new CentralClient(this.credentials);
    return this.client;
  }

  private async cycle(): Promise<void> {
    if (!this.credentials) return;
    if (this.services.demo && !this.options.allowDemo) throw new Error('This is the demo cinema: demo data is never sent to a central database.');
    const client = this.connection();
    try {
      const me = { terminalId: this.services.terminal.get().id, hlc: this.services.hlc };
      if (!this.services.terminal.get().cinemaId) await this.pullAll(client);
      await this.joinCinemaIfNew(client);
      await this.takeRegisteredName(client);
      await this.reportResolutions(client);
      for (;;) {
        const pushed = await pushOutboxBatch(this.services.db, client, me, this.options.pushBatch ?? 1000);
        if (!pushed) break;
        this.lostToCentre += pushed.lost ?? 0;
      }
      await pushJournal(this.services.db, client, me.terminalId);
      await this.pullAll(client);
      this.lostToCentre = 0;
      // What the centre shows on every terminal's Sync screen (central 0011); a centre without it still syncs.
      await client.heartbeat(await outboxCount(this.services.db)).catch(() => undefined);
      this.online = true;
      this.lastError = null;
      this.lastErrorWords = null;
      this.failures = 0;
      this.lastSyncAt = this.services.clock.now().toISOString();
      await writeMeta(this.services.db, 'sync_last_at', this.lastSyncAt);
    } catch (e) {
      this.online = false;
      this.failures++;
      // A full disk or a damaged file here says so on the Sync screen, as any operation would.
      const storage = storageFailureAnswer(e, this.services.db);
      this.lastError = storage?.message ?? (e instanceof Error ? e.message : String(e));
      this.lastErrorWords = storage?.words ?? null;
      // A broken connection is rebuilt on the next attempt.
      await client.close().catch(() => undefined);
      if (this.client === client) this.client = null;
      this.nameChecked = false;
      throw e;
    } finally {
      for (const l of this.listeners) l();
    }
  }

  /** Decisions taken here on conflicts: told to the central database once (after the fix itself was pushed). */
  private async reportResolutions(client: CentralClient): Promise<void> {
    const rows = await this.services.db.selectFrom('local_meta').selectAll().where('key', 'like', `${RESOLUTION_KEY_PREFIX}%`).execute();
    for (const r of rows) {
      await client.resolveConflict(r.key.slice(RESOLUTION_KEY_PREFIX.length), r.value);
      await this.services.db.deleteFrom('local_meta').where('key', '=', r.key).execute();
    }
  }

  /** The longest one local transaction of a pull held the database (ms), for the figures. */
  longestApplyMs = 0;

  /**
   * Pages until the centre has nothing more. The next page is fetched while this one is applied
   * (network time overlaps the local write); a page that fails to apply throws and the one
   * fetched ahead is dropped — the cursor in the database still points at the failed page.
   */
  private async pullAll(client: CentralClient): Promise<void> {
    const size = this.options.pullPage ?? DEFAULT_PULL_PAGE;
    // A terminal without a cinema cannot sell yet: its first load skips the per-row triggers that
    // do nothing for pulled rows and rebuilds the report sums at the end (initial-load.ts). Once
    // it has joined a cinema, every pulled row runs all its triggers.
    const initialLoad = !this.services.terminal.get().cinemaId;
    let ahead: Promise<PullPage> | null = client.pull(await readCursor(this.services.db), size);
    const accrued = new Set<string>();
    while (ahead) {
      const page: PullPage = await ahead;
      for (const id of accruedContracts(page.changes)) accrued.add(id);
      if (!page.more) this.noteHorizon(page.next.xid, page.newest);
      ahead = page.more ? client.pull(page.next, size) : null;
      // Awaited below or dropped with the failed page: never an unhandled rejection.
      ahead?.catch(() => undefined);
      const r = await applyPulledPage(this.services.db, page, this.services.hlc, APPLY_SLICE_MS, { initialLoad });
      this.longestApplyMs = Math.max(this.longestApplyMs, r.applyMs);
      // Let the cashier's calls in between pages.
      if (ahead) await new Promise((resolve) => setImmediate(resolve));
    }
    // Also catches up a rebuild a crash interrupted (the marker stays until it has finished).
    this.longestApplyMs = Math.max(this.longestApplyMs, await rebuildStaleReportSums(this.services.db, APPLY_SLICE_MS));
    await this.correctPulledWeeks([...accrued]);
  }

  /** Weeks another (older) terminal accrued with the double rounding get their correction as they arrive (issue 15, item 1). */
  private async correctPulledWeeks(contractIds: string[]): Promise<void> {
    const cinemaId = this.services.terminal.get().cinemaId;
    if (!cinemaId || contractIds.length === 0) return;
    // A failed correction must not stop the sync: it is logged, and the weeks stay as they were accrued.
    await correctAccruedWeeks(this.services.db, systemContext(this.services), cinemaId, { contractIds }).catch((e: unknown) =>
      this.services.log.error('correcting pulled settlement weeks failed', { error: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** Tracks the horizon a pull ended at (see HORIZON_HELD_MS). */
  private noteHorizon(horizon: string, newest: string | undefined): void {
    if (!newest || BigInt(newest) <= BigInt(horizon)) {
      // Nothing running at the centre: every committed change has been pulled.
      this.horizon = null;
      this.heldBackSince = null;
      return;
    }
    if (this.horizon?.xid !== horizon) {
      this.horizon = { xid: horizon, since: Date.now(), at: this.services.clock.now().toISOString() };
      this.heldBackSince = null;
      return;
    }
    if (Date.now() - this.horizon.since >= HORIZON_HELD_MS) this.heldBackSince = this.horizon.at;
  }

  /**
   * Once per start: `register-terminal --name "Counter 2"`: the name the central registration gives
   * this terminal is the one it shows; and the centre gets the hash of this terminal's key, so it may
   * also sync through a shared pool (central 0015; an enrolled terminal has given none yet).
   */
  private async takeRegisteredName(client: CentralClient): Promise<void> {
    if (this.nameChecked) return;
    const who = await client.whoami();
    await client.giveTerminalKey();
    this.nameChecked = true;
    const name = who.name.trim();
    if (!name || name === this.services.terminal.get().name) return;
    await writeMeta(this.services.db, 'terminal_name', name);
    this.services.terminal.setName(name);
    const ctx = systemContext(this.services);
    await this.services.db.updateTable('terminals').set({ name, ...ctx.stamp() }).where('id', '=', ctx.terminal.id).execute();
  }

  /**
   * A fresh terminal registered for an existing cinema: after its first pull it has the cinema,
   * its staff and programme; it binds itself to that cinema and publishes its signing key.
   */
  private async joinCinemaIfNew(client: CentralClient): Promise<void> {
    if (this.services.terminal.get().cinemaId) return;
    const who = await client.whoami();
    const cinema = await this.services.db.selectFrom('cinemas').select('id').where('id', '=', who.cinemaId).executeTakeFirst();
    if (!cinema) return;
    const ctx = systemContext(this.services);
    await this.services.db.transaction().execute(async (trx) => {
      await registerTerminal(trx, ctx, who.cinemaId, this.services.signing.publicKeyPem);
      await recordAudit(trx, ctx, { action: 'terminal.join', entity: 'terminal', entityId: ctx.terminal.id, details: { cinemaId: who.cinemaId } });
    });
    this.services.terminal.setCinema(who.cinemaId);
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.options.background === false) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.syncsWithCentral) await this.syncNow().catch(() => undefined);
    const interval = this.options.intervalMs ?? 5000;
    const backoff = Math.min(this.options.maxBackoffMs ?? 60_000, interval * 2 ** Math.min(this.failures, 10));
    // ±10 %: a chain's terminals started together (or back after an outage) spread their syncs (issue 18).
    this.schedule((this.failures > 0 ? backoff : interval) * (0.9 + Math.random() * 0.2));
  }

  /** A sale (any local write) grows the outbox: push it now rather than at the next tick. */
  private async watchOutbox(): Promise<void> {
    if (!this.syncsWithCentral || this.running || this.failures > 0) return;
    const r = await this.services.db.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const seq = Number(r?.seq ?? 0);
    if (seq > this.lastOutboxSeq) {
      this.lastOutboxSeq = seq;
      this.schedule(0);
    }
  }
}

/** A conflict as the central database reports it (snake_case, as pulled). */
export interface StoredConflict {
  id: string;
  cinema_id: string;
  kind: 'DOUBLE_SALE' | 'BONUS_OVERDRAWN' | 'PROMOCODE_OVER_LIMIT' | 'JOURNAL_BREAK' | 'VOUCHER_OVERDRAWN';
  subject_id: string;
  details: Record<string, unknown>;
  detected_at: string;
  detected_terminal_id: string;
  resolved_at: string | null;
  resolution: string | null;
  resolved_terminal_id: string | null;
}

const engines = new WeakMap<CoreServices, SyncEngine>();

export function attachSync(services: CoreServices, engine: SyncEngine): void {
  engines.set(services, engine);
}

/** The sync engine of a running core. */
export function syncOf(services: CoreServices): SyncEngine {
  const e = engines.get(services);
  if (!e) throw new Error('sync is not running in this core');
  return e;
}
