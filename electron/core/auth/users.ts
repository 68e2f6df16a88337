import type { Kysely, Selectable, Transaction } from 'kysely';
import type { SessionUser, UserSummary } from '../../../shared/contract';
import type { Role } from '../../../shared/enums';
import type { DB } from '../db/tables';
import type { RequestContext } from '../context';
import { DomainError } from '../errors';
import { preparedQuery } from '../db/prepared-query';
import { newId } from '../ids';
import { hashSecret } from './password';
import { recordAudit } from '../audit/record-audit';
import { isLanguage } from '../../../shared/i18n/languages';

type UserRow = Selectable<DB['users']>;

/** A users row as the session knows its person. */
export function toSessionUser(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'language'>): SessionUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, language: isLanguage(row.language) ? row.language : null };
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    active: row.active === 1,
    hasPin: row.pin_hash !== null,
  };
}

/** The signed-in user as the session sees them now: a deactivated account has no session. */
// Every signed-in call reads its user: compiled once (db/prepared-query.ts).
const activeUser = preparedQuery((db, p: { userId: string }) =>
  db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'language']).where('id', '=', p.userId).where('active', '=', 1),
);

export async function loadSessionUser(db: Kysely<DB>, userId: string): Promise<SessionUser | null> {
  const row = await activeUser.first(db, { userId });
  return row ? toSessionUser(row) : null;
}

export async function listUsers(db: Kysely<DB>): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('username').execute();
  return rows.map(toUserSummary);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  /** Hashed before the transaction opens: scrypt takes tens of milliseconds. */
  passwordHash: string;
  cinemaId: string | null;
}

export async function createUser(trx: Transaction<DB>, ctx: RequestContext, user: NewUser): Promise<UserSummary> {
  const taken = await trx.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst();
  if (taken) throw new DomainError('CONFLICT', { key: 'refusals:auth.userNameAlreadyTaken', values: { userUsername: user.username } });
  const now = ctx.clock.now().toISOString();
  const row: UserRow = {
    id: newId(),
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    pin_hash: null,
    cinema_id: user.cinemaId,
    active: 1,
    language: null,
    created_at: now,
    ...ctx.stamp(),
  };
  await trx.insertInto('users').values(row).execute();
  await recordAudit(trx, ctx, {
    action: 'user.create',
    entity: 'user',
    entityId: row.id,
    details: { username: row.username, role: row.role },
    userId: ctx.user?.id ?? row.id,
  });
  return toUserSummary(row);
}

export async function requireUser(db: Kysely<DB> | Transaction<DB>, userId: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { key: 'refusals:auth.userDoesNotExist' });
  return row;
}

/** Password rule beyond the form's: a password naming its user is the first one guessed. */
export async function hashNewPassword(username: string, password: string): Promise<string> {
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new DomainError('VALIDATION', { key: 'refusals:auth.passwordNotContainUser' });
  }
  return hashSecret(password);
}
