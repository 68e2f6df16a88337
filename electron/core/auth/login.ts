import type { Kysely } from 'kysely';
import type { SessionUser } from '../../../shared/contract';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { hashSecret, verifySecret } from './password';
import { recordAudit } from '../audit/record-audit';
import { clearAttempts, FREE_ATTEMPTS, takeAttempt, waitWords } from './attempts';
import { toSessionUser } from './users';

export function lockedOut(username: string, ms: number): DomainError {
  return new DomainError('LOCKED_OUT', { key: 'refusals:auth.tooManyWrongPasswords', values: { username, wait: waitWords(ms) } }, { retryAfterMs: ms });
}

// Unknown names are checked against a real hash too, so timing does not tell which names exist.
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= hashSecret('decoy-password-never-matches'));

/**
 * Checks a user name and password. Wrong passwords count per name (known or not); from the fifth
 * in a row the name is locked for 30 s, doubling with each further failure, so guessing is slow
 * while a cashier who mistyped waits half a minute at worst.
 */
export async function checkCredentials(
  db: Kysely<DB>,
  ctx: RequestContext,
  username: string,
  password: string,
): Promise<SessionUser> {
  const key = username.trim().toLowerCase();
  const now = ctx.clock.now().getTime();
  // Counted before the (slow) check: parallel guesses cannot all see the same old count.
  const attempt = await takeAttempt(db, key, now);
  if (attempt.locked) throw lockedOut(username, attempt.retryAfterMs);

  const user = await db.selectFrom('users').selectAll().where('username', '=', username.trim()).executeTakeFirst();
  const matches = user ? await verifySecret(password, user.password_hash) : (await verifySecret(password, await decoy()), false);

  if (user && matches) {
    await clearAttempts(db, key);
    if (user.active !== 1) throw new DomainError('FORBIDDEN', { key: 'refusals:auth.accountDeactivatedAskAdministrator' });
    return toSessionUser(user);
  }
  if (attempt.lockMs > 0) {
    await recordAudit(db, ctx, {
      action: 'auth.locked_out',
      entity: 'user',
      entityId: user?.id ?? null,
      details: { username: key, failures: attempt.failures, lockedUntil: new Date(now + attempt.lockMs).toISOString() },
      userId: null,
    });
    throw lockedOut(username, attempt.lockMs);
  }
  const left = FREE_ATTEMPTS - attempt.failures;
  throw new DomainError(
    'UNAUTHENTICATED',
    left <= 2 ? { key: 'refusals:auth.wrongPasswordTriesLeft', values: { count: left } } : { key: 'refusals:auth.wrongPassword' },
  );
}
