/**
 * Issue 12, item 4: guesses sent side by side. Each try is counted before its (slow) scrypt check,
 * so N parallel guesses meet the lock exactly as N guesses one after another would: the first
 * FREE_ATTEMPTS are checked, the rest are refused unchecked — even the right password or PIN —
 * and all N are counted.
 * (Before: 40 parallel wrong passwords were all checked and stored as 1 failure, and a correct PIN
 * among 40 parallel guesses was accepted.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/contract';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { FIRST_LOCKOUT_MS, FREE_ATTEMPTS } from './attempts';
import { pinAttemptKey } from './manager-override';

let t: TempCore;
afterEach(async () => t?.close());

const codes = (answers: ApiResult<unknown>[]) =>
  answers.reduce<Record<string, number>>((n, a) => {
    const code = a.ok ? 'OK' : a.error.code;
    n[code] = (n[code] ?? 0) + 1;
    return n;
  }, {});

async function attemptsRow(key: string) {
  return t.core.services.db.selectFrom('login_attempts').selectAll().where('username', '=', key).executeTakeFirst();
}

/** A refund by a cashier with a manager's PIN: the PIN is checked first, so any order id will do. */
const refundWithPin = (token: string, pin: string) =>
  t.core.call({ op: 'orders.refund', input: { orderId: '0190f7a2-0000-7000-8000-000000000000', whole: true, reason: 'OTHER', managerPin: pin }, token });

describe('parallel guesses meet the lockout (issue 12, item 4)', () => {
  it('40 wrong passwords at once: 40 counted, 5 checked, 35 refused by the lock they made; then the right one waits too', async () => {
    t = await startTempCore();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => t.core.call({ op: 'auth.login', input: { username: 'admin', password: `guess-${i}-x` } })));
    expect(codes(answers)).toEqual({ UNAUTHENTICATED: FREE_ATTEMPTS - 1, LOCKED_OUT: 40 - (FREE_ATTEMPTS - 1) });
    expect(await attemptsRow('admin')).toMatchObject({ failures: 40 });
    const audit = await t.core.services.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.locked_out').execute();
    expect(audit).toHaveLength(1);
    expect(await t.core.call({ op: 'auth.login', input: { username: 'admin', password: 'admin1234' } })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    t.clock.advance(FIRST_LOCKOUT_MS + 1);
    expect(await t.core.call({ op: 'auth.login', input: { username: 'admin', password: 'admin1234' } })).toMatchObject({ ok: true });
    expect(await attemptsRow('admin')).toBeUndefined();
  });

  it('the right password sent last among 40 parallel guesses is refused: the lock was taken before it', async () => {
    t = await startTempCore();
    const guesses = [...Array.from({ length: 39 }, (_, i) => `guess-${i}-x`), 'admin1234'];
    const answers = await Promise.all(guesses.map((password) => t.core.call({ op: 'auth.login', input: { username: 'admin', password } })));
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    expect(codes(answers).OK).toBeUndefined();
  });

  it('a correct PIN among 40 parallel guesses is refused once the till is locked', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const pins = [...Array.from({ length: 39 }, (_, i) => String(9000 + i)), '2468'];
    const answers = await Promise.all(pins.map((pin) => refundWithPin(cashier, pin)));
    // FORBIDDEN: a wrong PIN checked; NOT_FOUND would be the right PIN accepted (then the order is unknown).
    expect(codes(answers)).toEqual({ FORBIDDEN: FREE_ATTEMPTS - 1, LOCKED_OUT: 40 - (FREE_ATTEMPTS - 1) });
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', message: expect.stringMatching(/Too many wrong manager PINs at this till/) } });
    expect(await attemptsRow(pinAttemptKey(t.core.terminal().id))).toMatchObject({ failures: 40 });
    // When the lock ends, the next wave gets one check (it takes the next, longer, lock at once).
    t.clock.advance(FIRST_LOCKOUT_MS + 1);
    const wave = await Promise.all(pins.map((pin) => refundWithPin(cashier, pin)));
    expect(codes(wave)).toEqual({ LOCKED_OUT: 40 });
    expect(await attemptsRow(pinAttemptKey(t.core.terminal().id))).toMatchObject({ failures: 80 });
  });

  it('a till left signed in: 40 parallel guesses of the current password (to change it) meet the same lock, the right one last is refused', async () => {
    t = await startTempCore();
    const usher = await t.signIn('USHER');
    const guesses = [...Array.from({ length: 39 }, (_, i) => `guess-${i}-x`), 'usher1234'];
    const answers = await Promise.all(guesses.map((currentPassword) => t.core.call({ op: 'auth.changePassword', input: { currentPassword, newPassword: 'Kinoabend-2026' }, token: usher })));
    // Before: all 40 were checked, none counted, and the right one changed the password.
    expect(codes(answers)).toEqual({ VALIDATION: FREE_ATTEMPTS - 1, LOCKED_OUT: 40 - (FREE_ATTEMPTS - 1) });
    expect(await attemptsRow('usher')).toMatchObject({ failures: 40 });
    expect(await t.core.call({ op: 'auth.login', input: { username: 'usher', password: 'usher1234' } })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    t.clock.advance(FIRST_LOCKOUT_MS + 1);
    expect(await t.core.call({ op: 'auth.changePassword', input: { currentPassword: 'usher1234', newPassword: 'Kinoabend-2026' }, token: usher })).toMatchObject({ ok: true });
    expect(await attemptsRow('usher')).toBeUndefined();
  });

  it('every 4-digit PIN sent at once: 5 are checked, the manager’s is never accepted', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const pins = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
    const started = Date.now();
    const answers = await Promise.all(pins.map((pin) => refundWithPin(cashier, pin)));
    const counted = codes(answers);
    console.log(`10,000 parallel PIN guesses answered in ${Date.now() - started} ms: ${JSON.stringify(counted)}`);
    expect(counted.NOT_FOUND).toBeUndefined();
    expect(counted.FORBIDDEN).toBe(FREE_ATTEMPTS - 1);
    expect(counted.LOCKED_OUT).toBe(10_000 - (FREE_ATTEMPTS - 1));
    expect(await attemptsRow(pinAttemptKey(t.core.terminal().id))).toMatchObject({ failures: 10_000 });
  }, 120_000);
});
