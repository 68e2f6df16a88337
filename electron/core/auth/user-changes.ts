import type { Kysely, Transaction } from 'kysely';
import type { UserSummary } from '../../../shared/contract';
import { PIN_ROLES } from '../../../shared/contract/users';
import type { Role } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { hashSecret, verifySecret } from './password';
import { requireUser, toUserSummary } from './users';
import { recordAudit } from '../audit/record-audit';


async function activeAdmins(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'ADMIN')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * A new display name and/or role. You cannot change your own role (nobody locks themselves out),
 * the last active administrator stays one, and a role without overrides loses its PIN.
 */
export async function updateUser(
  trx: Transaction<DB>,
  ctx: SignedInContext,
  input: { userId: string; displayName: string; role: Role },
): Promise<{ summary: UserSummary; roleChanged: boolean }> {
  const row = await requireUser(trx, input.userId);
  const roleChanged = row.role !== input.role;
  if (roleChanged && row.id === ctx.user.id) {
    throw new DomainError('VALIDATION', { key: 'refusals:auth.youChangeYourOwn' }, { fields: { role: 'cannot change your own role' } });
  }
  if (roleChanged && row.role === 'ADMIN' && row.active === 1 && (await activeAdmins(trx)) <= 1) {
    throw new DomainError('VALIDATION', { key: 'refusals:auth.lastActiveAdministratorStay', values: { displayName: row.display_name } }, { fields: { role: 'the last administrator must stay one' } });
  }
  const pinHash = PIN_ROLES.includes(input.role) ? row.pin_hash : null;
  if (!roleChanged && row.display_name === input.displayName) return { summary: toUserSummary(row), roleChanged };
  await trx
    .updateTable('users')
    .set({ display_name: input.displayName, role: input.role, pin_hash: pinHash, ...ctx.stamp() })
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, ctx, {
    action: 'user.update',
    entity: 'user',
    entityId: row.id,
    details: {
      username: row.username,
      before: { displayName: row.display_name, role: row.role },
      after: { displayName: input.displayName, role: input.role },
      ...(row.pin_hash && !pinHash ? { pinRemoved: true } : {}),
    },
  });
  return { summary: toUserSummary({ ...row, display_name: input.displayName, role: input.role, pin_hash: pinHash }), roleChanged };
}

async function requirePinHolder(db: Kysely<DB> | Transaction<DB>, userId: string) {
  const row = await requireUser(db, userId);
  if (!PIN_ROLES.includes(row.role)) {
    throw new DomainError('VALIDATION', { key: 'refusals:auth.onlyManagersAdministratorsOverride', values: { displayName: row.display_name, role: { key: `refusals:auth.aRole.${row.role}` } } });
  }
  if (row.active !== 1) throw new DomainError('VALIDATION', { key: 'refusals:auth.accountDeactivatedReactivateBefore', values: { displayName: row.display_name } });
  return row;
}

/**
 * Checks and hashes a new PIN before any transaction opens (scrypt is slow). A PIN alone says who
 * authorises an override, so two managers may not share one; obvious PINs are refused.
 */
export async function hashNewPin(db: Kysely<DB>, userId: string, pin: string): Promise<string> {
  const row = await requirePinHolder(db, userId);
  if (/^(\d)\1+$/.test(pin) || '0123456789'.includes(pin) || '9876543210'.includes(pin)) {
    throw new DomainError('VALIDATION', { key: 'refusals:auth.pinTooEasyGuess' }, { fields: { pin: 'is too easy to guess' } });
  }
  const others = await db
    .selectFrom('users')
    .select(['id', 'pin_hash'])
    .where('id', '<>', row.id)
    .where('active', '=', 1)
    .where('role', 'in', PIN_ROLES)
    .where('pin_hash', 'is not', null)
    .execute();
  const [hash, ...clashes] = await Promise.all([hashSecret(pin), ...others.map((o) => verifySecret(pin, o.pin_hash!))]);
  if (clashes.some(Boolean)) {
    throw new DomainError('CONFLICT', { key: 'refusals:auth.anotherManagerAlreadyUses' }, { fields: { pin: 'is already in use' } });
  }
  return hash as string;
}

export async function setManagerPin(trx: Transaction<DB>, ctx: SignedInContext, userId: string, pinHash: string): Promise<UserSummary> {
  const row = await requirePinHolder(trx, userId);
  await trx.updateTable('users').set({ pin_hash: pinHash, ...ctx.stamp() }).where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, { action: row.pin_hash ? 'user.reset_pin' : 'user.set_pin', entity: 'user', entityId: row.id, details: { username: row.username } });
  return toUserSummary({ ...row, pin_hash: pinHash });
}

export async function clearManagerPin(trx: Transaction<DB>, ctx: SignedInContext, userId: string): Promise<UserSummary> {
  const row = await requireUser(trx, userId);
  if (!row.pin_hash) return toUserSummary(row);
  await trx.updateTable('users').set({ pin_hash: null, ...ctx.stamp() }).where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, { action: 'user.clear_pin', entity: 'user', entityId: row.id, details: { username: row.username } });
  return toUserSummary({ ...row, pin_hash: null });
}
