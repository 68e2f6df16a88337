import type { Kysely } from 'kysely';
import type { SessionUser } from '../../../shared/contract';
import { PIN_ROLES } from '../../../shared/contract/users';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { verifySecret } from './password';
import { toSessionUser } from './users';
import { clearAttempts, takeAttempt, waitWords } from './attempts';
import { recordAudit } from '../audit/record-audit';

/**
 * PIN failures are counted per terminal in `login_attempts` under a key no user name can have
 * (user names have no '@', and sign-in takes at most 40 characters), so guessing a PIN at one till locks that till's prompt the way wrong
 * passwords lock a name.
 */
export function pinAttemptKey(terminalId: string): string {
  return `manager-pin@${terminalId.toLowerCase()}`;
}

function lockedOut(ms: number): DomainError {
  return new DomainError('LOCKED_OUT', { key: 'refusals:auth.tooManyWrongManager', values: { wait: waitWords(ms) } }, { retryAfterMs: ms });
}

/**
 * A manager override (SPEC: a PIN prompt on the cashier's screen): which active manager or
 * administrator the PIN belongs to. Wrong PINs count towards a lockout of this terminal's prompt.
 * Call it BEFORE opening the transaction of the overridden action (scrypt is slow), then pass the
 * manager's id to `recordAudit(…, { overrideUserId })`.
 */
export async function verifyManagerPin(db: Kysely<DB>, pin: string, ctx: RequestContext): Promise<SessionUser> {
  const key = pinAttemptKey(ctx.terminal.id);
  const now = ctx.clock.now().getTime();
  // Counted before the (slow) check, so a 4-digit PIN cannot be guessed by sending guesses side by side.
  const attempt = await takeAttempt(db, key, now);
  if (attempt.locked) throw lockedOut(attempt.retryAfterMs);

  const candidates = /^\d{4,8}$/.test(pin)
    ? await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'role', 'pin_hash', 'language'])
        .where('active', '=', 1)
        .where('role', 'in', PIN_ROLES)
        .where('pin_hash', 'is not', null)
        .execute()
    : [];
  // Every candidate is checked (in parallel), so timing does not tell how early a match came.
  const matches = await Promise.all(candidates.map((c) => verifySecret(pin, c.pin_hash!)));
  const manager = candidates.find((_, i) => matches[i]);

  if (manager) {
    await clearAttempts(db, key);
    return toSessionUser(manager);
  }
  if (attempt.lockMs > 0) {
    const lockedUntil = new Date(now + attempt.lockMs).toISOString();
    await recordAudit(db, ctx, { action: 'auth.pin_locked_out', entity: 'terminal', entityId: ctx.terminal.id, details: { failures: attempt.failures, lockedUntil } });
    throw lockedOut(attempt.lockMs);
  }
  throw new DomainError('FORBIDDEN', { key: 'refusals:auth.pinDoesNotBelong' });
}
