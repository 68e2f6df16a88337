import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';

let t: TempCore;
afterEach(async () => t?.close());

describe('staff accounts (admin)', () => {
  it('creates a user who can then sign in; duplicate names are refused case-insensitively', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const created = await t.call('users.create', { username: 'anna.k', displayName: 'Anna K.', role: 'CASHIER', password: 'popcorn-42' }, admin);
    expect(created).toMatchObject({ username: 'anna.k', role: 'CASHIER', active: true, hasPin: false });
    expect((await t.call('auth.login', { username: 'anna.k', password: 'popcorn-42' })).user.role).toBe('CASHIER');
    const dup = await t.core.call({ op: 'users.create', input: { username: 'ANNA.K', displayName: 'x', role: 'USHER', password: 'popcorn-43' }, token: admin });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/already taken/) } });
    const audit = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('entity_id', '=', created.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('deactivating a user ends their session at once and blocks sign-in', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const cashier = await t.signIn('CASHIER');
    const users = await t.call('users.list', {}, admin);
    const cashierId = users.find((u) => u.username === 'cashier')!.id;
    await t.call('users.setActive', { userId: cashierId, active: false }, admin);
    expect(await t.core.call({ op: 'programme.day', input: {}, token: cashier })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.core.call({ op: 'auth.login', input: { username: 'cashier', password: 'cashier1234' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/deactivated/) },
    });
    await t.call('users.setActive', { userId: cashierId, active: true }, admin);
    expect((await t.call('auth.login', { username: 'cashier', password: 'cashier1234' })).user.username).toBe('cashier');
  });

  it('refuses to deactivate yourself or the last administrator', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const me = await t.call('auth.me', {}, admin);
    expect(await t.core.call({ op: 'users.setActive', input: { userId: me.id, active: false }, token: admin })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/your own account/) },
    });
  });

  it('a password reset ends the old sessions and the new password works', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const usher = await t.signIn('USHER');
    const usherId = (await t.call('users.list', {}, admin)).find((u) => u.username === 'usher')!.id;
    await t.call('users.resetPassword', { userId: usherId, password: 'door-open-9' }, admin);
    expect((await t.core.call({ op: 'auth.me', input: {}, token: usher })).ok).toBe(false);
    expect((await t.core.call({ op: 'auth.login', input: { username: 'usher', password: 'usher1234' } })).ok).toBe(false);
    expect((await t.call('auth.login', { username: 'usher', password: 'door-open-9' })).user.username).toBe('usher');
  });

  it('changing your own password needs the current one', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    expect(await t.core.call({ op: 'auth.changePassword', input: { currentPassword: 'guess', newPassword: 'screen-2026' }, token: manager })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await t.call('auth.changePassword', { currentPassword: 'manager1234', newPassword: 'screen-2026' }, manager);
    expect((await t.call('auth.login', { username: 'manager', password: 'screen-2026' })).user.role).toBe('MANAGER');
  });
});
