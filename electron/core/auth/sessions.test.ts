import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock';
import { SESSION_TTL_MS, SessionStore } from './sessions';

describe('session tokens', () => {
  it('verifies a token it issued and refuses a tampered one', async () => {
    const store = new SessionStore(manualClock('2026-11-25T12:00:00Z'));
    const { token } = await store.issue('user-1');
    expect(await store.verify(token)).toMatchObject({ userId: 'user-1' });
    const [h, p, s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'user-2', jti: 'x' })).toString('base64url')}.${s}`;
    expect(await store.verify(forged)).toBeNull();
    expect(await store.verify(`${h}.${p}.${s!.slice(0, -2)}AA`)).toBeNull();
    expect(await store.verify('not-a-token')).toBeNull();
  });

  it('refuses a token from another store (another process) and after logout', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z');
    const a = new SessionStore(clock);
    const b = new SessionStore(clock);
    const { token } = await a.issue('user-1');
    expect(await b.verify(token)).toBeNull();
    const claims = (await a.verify(token))!;
    a.end(claims.sessionId);
    expect(await a.verify(token)).toBeNull();
  });

  it('expires after the session lifetime and ends every session of a user at once', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z');
    const store = new SessionStore(clock);
    const one = await store.issue('user-1');
    const two = await store.issue('user-1');
    const other = await store.issue('user-2');
    store.endAllOf('user-1');
    expect(await store.verify(one.token)).toBeNull();
    expect(await store.verify(two.token)).toBeNull();
    expect(await store.verify(other.token)).not.toBeNull();
    clock.advance(SESSION_TTL_MS + 1000);
    expect(await store.verify(other.token)).toBeNull();
  });

  it('checks the signature once per token, yet refuses a tampered copy of a token it already knows', async () => {
    const store = new SessionStore(manualClock('2026-11-25T12:00:00Z'));
    const { token } = await store.issue('user-1');
    const first = await store.verify(token);
    expect(await store.verify(token)).toEqual(first);
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'user-2', jti: first!.sessionId, exp: 9_999_999_999 })).toString('base64url')}.${s}`;
    expect(await store.verify(forged)).toBeNull();
    expect(await store.verify(token)).toEqual(first);
  });
});
