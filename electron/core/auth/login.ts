import type { Kysely } from 'kysely';
import type { SessionUser } from '../../../shared/contract';
import type { Role } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { hashSecret, verifySecret } from './password';
import { recordAudit } from '../audit/record-audit';

/** Free tries before the first lockout; each lockout after that doubles, up to the cap. */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

export function lockoutAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

function secondsText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 120 ? `${Math.ceil(s / 60)} minutes` : `${s} seconds`;
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
  const attempts = await db.selectFrom('login_attempts').selectAll().where('username', '=', key).executeTakeFirst();
  if (attempts?.locked_until && Date.parse(attempts.locked_until) > now) {
    throw new DomainError(
      'LOCKED_OUT',
      `Too many wrong passwords for "${username}". Try again in ${secondsText(Date.parse(attempts.locked_until) - now)}, or ask an administrator.`,
      { retryAfterMs: Date.parse(attempts.locked_until) - now },
    );
  }

  const user = await db.selectFrom('users').selectAll().where('username', '=', username.trim()).executeTakeFirst();
  const matches = user ? await verifySecret(password, user.password_hash) : (await verifySecret(password, await decoy()), false);

  if (!user || !matches || user.active !== 1) {
    if (user && matches && user.active !== 1) {
      throw new DomainError('FORBIDDEN', 'This account is deactivated. Ask an administrator.');
    }
    const failures = (attempts?.failures ?? 0) + 1;
    const lockMs = lockoutAfter(failures);
    const lockedUntil = lockMs > 0 ? new Date(now + lockMs).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_attempts')
        .values({ username: key, failures, locked_until: lockedUntil, last_failure_at: new Date(now).toISOString() })
        .onConflict((oc) => oc.column('username').doUpdateSet({ failures, locked_until: lockedUntil, last_failure_at: new Date(now).toISOString() }))
        .execute();
      if (lockedUntil) {
        await recordAudit(trx, ctx, {
          action: 'auth.locked_out',
          entity: 'user',
          entityId: user?.id ?? null,
          details: { username: key, failures, lockedUntil },
          userId: null,
        });
      }
    });
    if (lockedUntil) {
      throw new DomainError('LOCKED_OUT', `Too many wrong passwords for "${username}". Try again in ${secondsText(lockMs)}, or ask an administrator.`, {
        retryAfterMs: lockMs,
      });
    }
    const left = FREE_ATTEMPTS - failures;
    throw new DomainError(
      'UNAUTHENTICATED',
      `Wrong user name or password.${left <= 2 ? ` ${left} more ${left === 1 ? 'try' : 'tries'} before a short lockout.` : ''}`,
    );
  }

  if (attempts) await db.deleteFrom('login_attempts').where('username', '=', key).execute();
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role as Role };
}
