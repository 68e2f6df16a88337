import type { Handlers } from '../api';
import { DomainError } from '../errors';
import { createUser, hashNewPassword, listUsers, requireUser, toUserSummary } from './users';
import { clearManagerPin, hashNewPin, setManagerPin, updateUser } from './user-changes';
import { recordAudit } from '../audit/record-audit';

type UserHandlers = Pick<
  Handlers,
  'users.list' | 'users.create' | 'users.setActive' | 'users.resetPassword' | 'users.update' | 'users.setPin' | 'users.clearPin'
>;

export const userHandlers: UserHandlers = {
  'users.list': async (ctx) => listUsers(ctx.db),

  'users.create': async (ctx, input) => {
    const passwordHash = await hashNewPassword(input.username, input.password);
    return ctx.db.transaction().execute((trx) =>
      createUser(trx, ctx, { ...input, passwordHash, cinemaId: ctx.terminal.cinemaId }),
    );
  },

  'users.setActive': async (ctx, input) => {
    if (input.userId === ctx.user.id && !input.active) {
      throw new DomainError('VALIDATION', { key: 'refusals:auth.youDeactivateYourOwn' });
    }
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const row = await requireUser(trx, input.userId);
      if (!input.active && row.role === 'ADMIN') {
        const admins = await trx
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role', '=', 'ADMIN')
          .where('active', '=', 1)
          .executeTakeFirstOrThrow();
        if (Number(admins.n) <= 1) throw new DomainError('VALIDATION', { key: 'refusals:auth.lastActiveAdministratorDeactivated' });
      }
      await trx.updateTable('users').set({ active: input.active ? 1 : 0, ...ctx.stamp() }).where('id', '=', row.id).execute();
      await recordAudit(trx, ctx, {
        action: input.active ? 'user.activate' : 'user.deactivate',
        entity: 'user',
        entityId: row.id,
        details: { username: row.username },
      });
      return { ...row, active: input.active ? 1 : 0 };
    });
    if (!input.active) ctx.services.sessions.endAllOf(updated.id);
    return toUserSummary(updated);
  },

  'users.resetPassword': async (ctx, input) => {
    const row = await requireUser(ctx.db, input.userId);
    const password_hash = await hashNewPassword(row.username, input.password);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash, ...ctx.stamp() }).where('id', '=', row.id).execute();
      await trx.deleteFrom('login_attempts').where('username', '=', row.username.toLowerCase()).execute();
      await recordAudit(trx, ctx, { action: 'user.reset_password', entity: 'user', entityId: row.id, details: { username: row.username } });
    });
    ctx.services.sessions.endAllOf(row.id);
    return null;
  },

  'users.update': async (ctx, input) => {
    const { summary, roleChanged } = await ctx.db.transaction().execute((trx) => updateUser(trx, ctx, input));
    // A new role takes effect on the next call anyway; ending the sessions makes the screen follow.
    if (roleChanged) ctx.services.sessions.endAllOf(summary.id);
    return summary;
  },

  'users.setPin': async (ctx, input) => {
    const pinHash = await hashNewPin(ctx.db, input.userId, input.pin);
    return ctx.db.transaction().execute((trx) => setManagerPin(trx, ctx, input.userId, pinHash));
  },

  'users.clearPin': async (ctx, input) => ctx.db.transaction().execute((trx) => clearManagerPin(trx, ctx, input.userId)),
};
