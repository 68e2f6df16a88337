import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { FIRST_LOCKOUT_MS, FREE_ATTEMPTS, lockoutAfter, MAX_LOCKOUT_MS } from './attempts';

let t: TempCore;
afterEach(async () => t?.close());

async function login(username: string, password: string) {
  return t.core.call({ op: 'auth.login', input: { username, password } });
}

describe('login and lockout', () => {
  it('signs in with the right password and refuses a wrong one with a clear message', async () => {
    t = await startTempCore();
    const ok = await login('cashier', 'cashier1234');
    expect(ok).toMatchObject({ ok: true, value: { user: { username: 'cashier', role: 'CASHIER' } } });
    const bad = await login('cashier', 'wrong-1234');
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/Wrong user name or password/) } });
  });

  it('locks a name out after repeated failures, doubling, and lets the right password in afterwards', async () => {
    t = await startTempCore();
    for (let i = 1; i < FREE_ATTEMPTS; i++) expect((await login('cashier', 'nope-1234')).ok).toBe(false);
    const locked = await login('cashier', 'nope-1234');
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringMatching(/Try again in 30 seconds/) } });
    // Even the right password waits out the lockout (and counts as a try: it was not checked).
    expect(await login('cashier', 'cashier1234')).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringMatching(/Try again in 30 seconds/) } });
    t.clock.advance(FIRST_LOCKOUT_MS + 1);
    // One more failure locks for longer: 7 tries counted → 4 × 30 s.
    expect(await login('cashier', 'nope-1234')).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringMatching(/2 minutes|120 seconds/) } });
    t.clock.advance(4 * FIRST_LOCKOUT_MS + 1);
    expect((await login('cashier', 'cashier1234')).ok).toBe(true);
    // Success clears the counter.
    expect(await login('cashier', 'nope-1234')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('records the lockout in the audit log and does not lock other names', async () => {
    t = await startTempCore();
    for (let i = 0; i < FREE_ATTEMPTS; i++) await login('usher', 'nope-1234');
    expect((await login('manager', 'manager1234')).ok).toBe(true);
    const entries = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.locked_out').execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ username: 'usher', failures: FREE_ATTEMPTS });
  });

  it('counts failures for unknown names too, so guessing names is slow as well', async () => {
    t = await startTempCore();
    for (let i = 1; i < FREE_ATTEMPTS; i++) await login('nobody', 'nope-1234');
    expect(await login('nobody', 'nope-1234')).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
  });

  it('caps the lockout', () => {
    expect(lockoutAfter(FREE_ATTEMPTS - 1)).toBe(0);
    expect(lockoutAfter(FREE_ATTEMPTS)).toBe(FIRST_LOCKOUT_MS);
    expect(lockoutAfter(FREE_ATTEMPTS + 50)).toBe(MAX_LOCKOUT_MS);
  });
});
