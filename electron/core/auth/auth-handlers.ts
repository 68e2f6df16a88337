import type { Handlers } from '../api';
import { DomainError } from '../errors';
import { checkCredentials, lockedOut } from './login';
import { clearAttempts, takeAttempt } from './attempts';
import { createUser, hashNewPassword, requireUser } from './users';
import { verifySecret } from './password';
import { createCinema } from '../catalog/cinemas';
import { registerTerminal } from '../terminal/register-terminal';
import { recordAudit } from '../audit/record-audit';
import { TERMINAL_LANGUAGE_KEY, writeMeta } from '../terminal/identity';

type AuthHandlers = Pick<
  Handlers,
  'setup.status' | 'setup.createFirstAdmin' | 'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword' | 'auth.setLanguage' | 'terminal.setLanguage'
>;

export const authHandlers: AuthHandlers = {
  'setup.status': async (ctx) => {
    const anyUser = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const cinema = ctx.terminal.cinemaId
      ? await ctx.db
          .selectFrom('cinemas')
          .select(['id', 'name', 'timezone', 'currency'])
          .where('id', '=', ctx.terminal.cinemaId)
          .executeTakeFirst()
      : undefined;
    return {
      needsFirstAdmin: !anyUser,
      terminal: { id: ctx.terminal.id, name: ctx.terminal.name },
      cinema: cinema ?? null,
      demo: ctx.services.demo,
      language: ctx.terminal.language,
    };
  },

  'setup.createFirstAdmin': async (ctx, input) => {
    const passwordHash = await hashNewPassword(input.username, input.password);
    const user = await ctx.db.transaction().execute(async (trx) => {
      const anyUser = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (anyUser) throw new DomainError('SETUP_DONE', { key: 'refusals:auth.terminalAlreadySetUp' });
      const cinemaId = ctx.terminal.cinemaId ?? (await createCinema(trx, ctx, input.cinema, null));
      await registerTerminal(trx, ctx, cinemaId, ctx.services.signing.publicKeyPem);
      return createUser(trx, ctx, {
        username: input.username,
        displayName: input.displayName,
        role: 'ADMIN',
        passwordHash,
        cinemaId,
      });
    });
    const cinemaId = (await ctx.db.selectFrom('users').select('cinema_id').where('id', '=', user.id).executeTakeFirstOrThrow()).cinema_id!;
    ctx.services.terminal.setCinema(cinemaId);
    const session = await ctx.services.sessions.issue(user.id);
    return { ...session, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, language: null } };
  },

  'auth.setLanguage': async (ctx, input) => {
    await ctx.db.updateTable('users').set({ language: input.language, ...ctx.stamp() }).where('id', '=', ctx.user.id).execute();
    return { ...ctx.user, language: input.language };
  },

  'terminal.setLanguage': async (ctx, input) => {
    await ctx.db.transaction().execute(async (trx) => {
      await writeMeta(trx, TERMINAL_LANGUAGE_KEY, input.language);
      await recordAudit(trx, ctx, { action: 'terminal.language', entity: 'terminal', entityId: ctx.terminal.id, details: { from: ctx.terminal.language, to: input.language } });
    });
    ctx.services.terminal.setLanguage(input.language);
    return null;
  },

  'auth.login': async (ctx, input) => {
    const user = await checkCredentials(ctx.db, ctx, input.username, input.password);
    const session = await ctx.services.sessions.issue(user.id);
    return { ...session, user };
  },

  'auth.logout': async (ctx) => {
    ctx.services.sessions.end(ctx.sessionId);
    return null;
  },

  'auth.me': async (ctx) => ctx.user,

  'auth.changePassword': async (ctx, input) => {
    const row = await requireUser(ctx.db, ctx.user.id);
    // Counted like a sign-in before the slow check: a till left signed in is no way to guess the password.
    const key = row.username.trim().toLowerCase();
    const attempt = await takeAttempt(ctx.db, key, ctx.clock.now().getTime());
    if (attempt.locked) throw lockedOut(row.username, attempt.retryAfterMs);
    if (!(await verifySecret(input.currentPassword, row.password_hash))) {
      if (attempt.lockMs > 0) throw lockedOut(row.username, attempt.lockMs);
      throw new DomainError('VALIDATION', { key: 'refusals:auth.currentPasswordNotRight' });
    }
    await clearAttempts(ctx.db, key);
    const password_hash = await hashNewPassword(row.username, input.newPassword);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash, ...ctx.stamp() }).where('id', '=', row.id).execute();
      await recordAudit(trx, ctx, { action: 'user.change_password', entity: 'user', entityId: row.id });
    });
    return null;
  },
};
