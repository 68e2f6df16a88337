import type { Words } from '../../../shared/i18n/message-key';
import type { Kysely } from 'kysely';
import type { DB } from '../db/tables';

/** Free tries before the first lockout; each lockout after that doubles, up to the cap. */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

export function lockoutAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

/** How long to wait, in words of the reader's language: "2 minutes", "30 Sekunden". */
export function waitWords(ms: number): Words {
  const s = Math.ceil(ms / 1000);
  return s >= 120 ? { key: 'refusals:wait.minutes', values: { count: Math.ceil(s / 60) } } : { key: 'refusals:wait.seconds', values: { count: s } };
}

export type Attempt =
  /** Counted as a failure already; `lockMs` > 0 when counting it locked the key (it stands unless this try succeeds). */
  | { locked: false; failures: number; lockMs: number }
  /** Refused unchecked (yet counted): the key is locked for `retryAfterMs` more. */
  | { locked: true; retryAfterMs: number };

/**
 * Takes one try for a key (a user name, a till's PIN prompt) BEFORE the slow password/PIN check:
 * in one transaction (kysely holds the only connection, so no other call interleaves) it refuses
 * while the key is locked, else counts the try as a failure and sets the lock that count earns.
 * A check that succeeds then clears the key. So N guesses sent side by side are N counted tries
 * in some order — those after the lock are refused unchecked — exactly as if sent one by one;
 * counting after the check let every parallel guess see the same old count. A try refused by the
 * lock counts too (N guesses always count N) but leaves the running lock as it is: pressing again
 * during a lockout does not lengthen it, while the next lock a guesser earns is the longest.
 */
export async function takeAttempt(db: Kysely<DB>, key: string, now: number): Promise<Attempt> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('login_attempts').select(['failures', 'locked_until']).where('username', '=', key).executeTakeFirst();
    const lockedUntil = row?.locked_until ? Date.parse(row.locked_until) : 0;
    const failures = (row?.failures ?? 0) + 1;
    const at = new Date(now).toISOString();
    if (lockedUntil > now) {
      await trx.updateTable('login_attempts').set({ failures, last_failure_at: at }).where('username', '=', key).execute();
      return { locked: true, retryAfterMs: lockedUntil - now };
    }
    const lockMs = lockoutAfter(failures);
    const locked_until = lockMs > 0 ? new Date(now + lockMs).toISOString() : null;
    await trx
      .insertInto('login_attempts')
      .values({ username: key, failures, locked_until, last_failure_at: at })
      .onConflict((oc) => oc.column('username').doUpdateSet({ failures, locked_until, last_failure_at: at }))
      .execute();
    return { locked: false, failures, lockMs };
  });
}

/** The right secret was given: the key starts afresh. */
export async function clearAttempts(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('username', '=', key).execute();
}
