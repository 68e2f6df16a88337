import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { systemContext } from '../system-context';
import { verifyManagerPin } from './manager-override';

let t: TempCore;
afterEach(async () => t?.close());

async function userId(t: TempCore, admin: string, username: string) {
  return (await t.call('users.list', {}, admin)).find((u) => u.username === username)!.id;
}

const refusal = (t: TempCore, op: string, input: unknown, token: string) => t.refusal(op, input, token);

async function usersSnapshot(t: TempCore) {
  const db = t.core.services.db;
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
  };
}

describe('users: role, display name and manager PIN (admin)', () => {
  it('changes a display name and role; a cashier-to-manager keeps no PIN until one is set, the user is signed out', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const cashier = await t.signIn('CASHIER');
    const id = await userId(t, admin, 'cashier');
    const updated = await t.call('users.update', { userId: id, displayName: 'Lena H.', role: 'MANAGER' }, admin);
    expect(updated).toMatchObject({ displayName: 'Lena H.', role: 'MANAGER', hasPin: false });
    expect((await t.core.call({ op: 'auth.me', input: {}, token: cashier })).ok).toBe(false);
    expect((await t.call('auth.login', { username: 'cashier', password: 'cashier1234' })).user.role).toBe('MANAGER');
    const audit = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').execute();
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ before: { role: 'CASHIER' }, after: { role: 'MANAGER' } });
  });

  it('a manager demoted to cashier loses the PIN; your own role and the last admin are protected', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const managerId = await userId(t, admin, 'manager');
    expect((await t.call('users.list', {}, admin)).find((u) => u.id === managerId)!.hasPin).toBe(true);
    expect(await t.call('users.update', { userId: managerId, displayName: 'Jonas Becker', role: 'CASHIER' }, admin)).toMatchObject({ role: 'CASHIER', hasPin: false });

    const before = await usersSnapshot(t);
    const me = await t.call('auth.me', {}, admin);
    expect(await refusal(t, 'users.update', { userId: me.id, displayName: 'Katrin', role: 'MANAGER' }, admin)).toMatchObject({
      code: 'VALIDATION',
      message: 'You cannot change your own role; ask another administrator.',
    });
    expect(await refusal(t, 'users.update', { userId: me.id, displayName: '', role: 'ADMIN' }, admin)).toMatchObject({ message: expect.stringMatching(/Display name must not be empty/) });
    expect(await refusal(t, 'users.update', { userId: '0190f7a2-0000-7000-8000-000000000000', displayName: 'X', role: 'USHER' }, admin)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(t, 'users.update', { userId: managerId, displayName: 'X', role: 'KING' }, admin)).toMatchObject({ code: 'VALIDATION' });
    expect(await usersSnapshot(t)).toEqual(before);

    // With a second administrator, one may change the other's role (never their own).
    const second = await t.call('users.create', { username: 'admin2', displayName: 'Second Admin', role: 'ADMIN', password: 'second-admin-1' }, admin);
    const token2 = (await t.call('auth.login', { username: 'admin2', password: 'second-admin-1' })).token;
    expect(await t.call('users.update', { userId: me.id, displayName: 'Katrin Vogel', role: 'MANAGER' }, token2)).toMatchObject({ role: 'MANAGER' });
    const token2again = (await t.call('auth.login', { username: 'admin2', password: 'second-admin-1' })).token;
    expect(second.role).toBe('ADMIN');
    expect(await refusal(t, 'users.update', { userId: second.id, displayName: 'Second Admin', role: 'USHER' }, token2again)).toMatchObject({ code: 'VALIDATION' });
  });

  it('sets and resets a manager PIN (hashed), refuses PINs for other roles, bad, obvious or shared PINs', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const managerId = await userId(t, admin, 'manager');
    const adminId = await userId(t, admin, 'admin');
    const cashierId = await userId(t, admin, 'cashier');
    const before = await usersSnapshot(t);
    expect(await refusal(t, 'users.setPin', { userId: cashierId, pin: '5791' }, admin)).toMatchObject({
      code: 'VALIDATION',
      message: 'Lena Hoffmann is a cashier; only managers and administrators have an override PIN.',
    });
    expect(await refusal(t, 'users.setPin', { userId: managerId, pin: '12a4' }, admin)).toMatchObject({ message: expect.stringMatching(/PIN must be 4 to 8 digits/) });
    expect(await refusal(t, 'users.setPin', { userId: managerId, pin: '123' }, admin)).toMatchObject({ code: 'VALIDATION' });
    expect(await refusal(t, 'users.setPin', { userId: managerId, pin: '123456789' }, admin)).toMatchObject({ code: 'VALIDATION' });
    expect(await refusal(t, 'users.setPin', { userId: managerId, pin: '1111' }, admin)).toMatchObject({ message: expect.stringMatching(/too easy to guess/) });
    expect(await refusal(t, 'users.setPin', { userId: managerId, pin: '4321' }, admin)).toMatchObject({ message: expect.stringMatching(/too easy to guess/) });
    expect(await refusal(t, 'users.setPin', { userId: adminId, pin: '2468' }, admin)).toMatchObject({ code: 'CONFLICT', message: 'Another manager already uses this PIN; choose a different one.' });
    const manager = await t.signIn('MANAGER');
    expect(await refusal(t, 'users.setPin', { userId: managerId, pin: '5791' }, manager)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await usersSnapshot(t)).toEqual(before);

    expect(await t.call('users.setPin', { userId: managerId, pin: '579135' }, admin)).toMatchObject({ hasPin: true });
    const row = await t.core.services.db.selectFrom('users').select('pin_hash').where('id', '=', managerId).executeTakeFirstOrThrow();
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain('579135');
    const ctx = systemContext(t.core.services);
    expect(await verifyManagerPin(t.core.services.db, '579135', ctx)).toMatchObject({ username: 'manager', role: 'MANAGER' });
    await expect(verifyManagerPin(t.core.services.db, '2468', ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await t.call('users.clearPin', { userId: managerId }, admin)).toMatchObject({ hasPin: false });
    await expect(verifyManagerPin(t.core.services.db, '579135', ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const actions = (await t.core.services.db.selectFrom('audit_log').select('action').where('entity_id', '=', managerId).where('action', 'like', 'user.%pin').execute()).map((a) => a.action);
    expect(actions).toEqual(['user.reset_pin', 'user.clear_pin']);
  });
});

describe('verifyManagerPin (overrides)', () => {
  it('names the manager; refuses a deactivated manager, a cashier and a non-PIN', async () => {
    t = await startTempCore();
    const ctx = systemContext(t.core.services);
    const db = t.core.services.db;
    expect(await verifyManagerPin(db, '2468', ctx)).toMatchObject({ username: 'manager', displayName: 'Jonas Becker' });
    await expect(verifyManagerPin(db, 'abcd', ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await t.signIn('ADMIN');
    await t.call('users.setActive', { userId: await userId(t, admin, 'manager'), active: false }, admin);
    await expect(verifyManagerPin(db, '2468', ctx)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/does not belong to an active manager/) });
  });

  it('locks the till’s PIN prompt after repeated wrong PINs, even for the right one, until the lockout ends', async () => {
    t = await startTempCore();
    const ctx = systemContext(t.core.services);
    const db = t.core.services.db;
    for (let i = 0; i < 4; i++) await expect(verifyManagerPin(db, `90${i}7`, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(verifyManagerPin(db, '9057', ctx)).rejects.toMatchObject({ code: 'LOCKED_OUT', message: expect.stringMatching(/Try again in 30 seconds/) });
    await expect(verifyManagerPin(db, '2468', ctx)).rejects.toMatchObject({ code: 'LOCKED_OUT' });
    expect(await db.selectFrom('audit_log').select('action').where('action', '=', 'auth.pin_locked_out').execute()).toHaveLength(1);
    t.clock.advance(31_000);
    expect((await verifyManagerPin(db, '2468', ctx)).username).toBe('manager');
    // A success clears the count; the manager's own password sign-in was never affected.
    expect(await db.selectFrom('login_attempts').selectAll().execute()).toEqual([]);
    expect((await t.call('auth.login', { username: 'manager', password: 'manager1234' })).user.role).toBe('MANAGER');
  });
});
