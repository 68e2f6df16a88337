import { afterEach, describe, expect, it } from 'vitest';
import { contract, mayCall, type OperationName } from '../../shared/contract';
import { ROLES } from '../../shared/enums';
import { startTempCore, type TempCore } from './testing/temp-core';

let t: TempCore;
afterEach(async () => t?.close());

describe('dispatcher', () => {
  it('refuses an unknown operation by name', async () => {
    t = await startTempCore();
    expect(await t.core.call({ op: 'tickets.printMoney', input: {} })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: 'There is no operation called "tickets.printMoney".' },
    });
    expect(await t.core.call({ op: '__proto__', input: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(await t.core.call({ op: 42 as unknown as string, input: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('asks for a sign-in before any non-public operation, even with a forged token', async () => {
    t = await startTempCore();
    expect(await t.core.call({ op: 'programme.day', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.core.call({ op: 'programme.day', input: {}, token: 'eyJhbGciOiJub25lIn0.e30.' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('names every invalid field in the validation message', async () => {
    t = await startTempCore();
    const token = await t.signIn('ADMIN');
    const result = await t.core.call({ op: 'users.create', input: { username: 'a', role: 'KING', password: 'short' }, token });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toMatch(/User name must be at least 3 characters/);
    expect(result.error.message).toMatch(/Display name is missing/);
    expect(result.error.message).toMatch(/Role must be one of Administrator, Manager, Cashier, Usher/);
    expect(result.error.message).toMatch(/Password must be at least 8 characters/);
  });

  it('refuses unknown fields instead of ignoring them (no smuggled prices or roles)', async () => {
    t = await startTempCore();
    const token = await t.signIn('CASHIER');
    const result = await t.core.call({ op: 'programme.day', input: { role: 'ADMIN' }, token });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a cashier calling an admin operation is refused by the API, and nothing changes', async () => {
    t = await startTempCore();
    const token = await t.signIn('CASHIER');
    const before = await t.core.services.db.selectFrom('users').select('id').execute();
    const result = await t.core.call({
      op: 'users.create',
      input: { username: 'mallory', displayName: 'Mallory', role: 'ADMIN', password: 'letmein123' },
      token,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/cashier may not/) } });
    expect(await t.core.services.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('ends the session on logout', async () => {
    t = await startTempCore();
    const token = await t.signIn('MANAGER');
    expect((await t.core.call({ op: 'auth.me', input: {}, token })).ok).toBe(true);
    expect((await t.core.call({ op: 'auth.logout', input: {}, token })).ok).toBe(true);
    expect(await t.core.call({ op: 'auth.me', input: {}, token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('role matrix: every operation as every role and as nobody', () => {
  it('answers exactly as the contract says, nothing more, nothing less', async () => {
    t = await startTempCore();
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await t.signIn(r)] as const)));
    let pairs = 0;
    for (const op of Object.keys(contract) as OperationName[]) {
      if (op === 'auth.logout') continue; // would end the session the next rows use; covered above
      for (const role of [...ROLES, null]) {
        const result = await t.core.call({ op, input: { __probe: true }, token: role ? tokens[role] : null });
        const allowed = mayCall(contract[op].access, role);
        const code = result.ok ? null : result.error.code;
        if (allowed) expect([op, role, code], `${op} as ${role}`).not.toEqual([op, role, role ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
        else expect([op, role, code]).toEqual([op, role, role ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(50);
  });
});

describe('validation details', () => {
  it('gives each invalid field its own message for the form', async () => {
    t = await startTempCore();
    const result = await t.core.call({ op: 'auth.login', input: { username: '', password: 5 } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: { username: 'User name must not be empty.', password: 'Password must be text.' } } },
    });
  });
});
