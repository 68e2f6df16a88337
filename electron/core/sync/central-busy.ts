/**
 * A central PostgreSQL answering "too many connections" (SQLSTATE 53300: `max_connections`, or the
 * terminal role's CONNECTION LIMIT) has refused the connection before any statement ran, so
 * connecting again is always safe. A chain's terminals connect per sync (issue 18): when a burst
 * fills the server, each terminal waits a random, growing pause and tries again, instead of
 * failing the sync — the cashier never sees a full server, only a slower sync.
 */

/** SQLSTATEs of a connection refused before anything ran: too_many_connections, cannot_connect_now. */
const BUSY = new Set(['53300', '57P03']);

export interface BusyRetryOptions {
  /** First pause (ms); doubled per attempt up to `maxDelayMs`, each drawn at random between half and all of it. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this long (ms) of refusals the last refusal is thrown as CentralBusyError. */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each pause (the bench counts the refusals). */
  onRefused?: () => void;
}

export class CentralBusyError extends Error {
  constructor(readonly refusals: number) {
    super('The central database is busy (all its connections are in use). This terminal keeps trying; sales go on meanwhile.');
    this.name = 'CentralBusyError';
  }
}

export function isBusyRefusal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && BUSY.has(String((e as { code?: unknown }).code));
}

/** Runs `connect` until it is not refused as busy, with exponential backoff and jitter. */
export async function connectWithBackoff<T>(connect: () => Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const base = options.baseDelayMs ?? 50;
  // Up to about a poll interval between tries, for two minutes: a chain's burst (1,000 terminals
  // back after an outage) drains at what the server takes; only a server full for longer is reported.
  const max = options.maxDelayMs ?? 5000;
  const budget = options.budgetMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await connect();
    } catch (e) {
      if (!isBusyRefusal(e)) throw e;
      if (Date.now() - started >= budget) throw new CentralBusyError(attempt + 1);
      options.onRefused?.();
      const cap = Math.min(max, base * 2 ** Math.min(attempt, 16));
      await sleep(cap / 2 + random() * (cap / 2));
    }
  }
}
