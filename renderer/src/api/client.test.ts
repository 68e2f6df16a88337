import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiRequest, ApiResult, SignedIn } from '../../../shared/contract';
import { useSession } from '../stores/session';
import { ApiCallError, call } from './client';

const signedIn: SignedIn = {
  token: 'tok-123',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  user: { id: '0190a000-0000-7000-8000-000000000001', username: 'cashier', displayName: 'Casey Cashier', role: 'CASHIER', language: null },
};

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function rejection(p: Promise<unknown>): Promise<ApiCallError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiCallError);
    return e as ApiCallError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  useSession.setState({ token: null, expiresAt: null, user: null, notice: null });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('transport choice', () => {
  it('uses window.boxOffice when the preload provides it, with the session token', async () => {
    const bridgeCall = vi.fn(async (_req: ApiRequest): Promise<ApiResult<unknown>> => ({ ok: true, value: { ok: 'yes' } }));
    const fetchSpy = vi.fn();
    vi.stubGlobal('window', { boxOffice: { call: bridgeCall } });
    vi.stubGlobal('fetch', fetchSpy);
    useSession.getState().signIn(signedIn);

    const value = await call('programme.day', { date: '2026-11-26' });

    expect(value).toEqual({ ok: 'yes' });
    expect(bridgeCall).toHaveBeenCalledWith({ op: 'programme.day', input: { date: '2026-11-26' }, token: 'tok-123' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('falls back to POST /api/<op> with a bearer token when there is no preload', async () => {
    const fetchSpy = vi.fn(async () => jsonResponse(200, { ok: true, value: { businessDate: '2026-11-26', sessions: [] } }));
    vi.stubGlobal('window', {});
    vi.stubGlobal('fetch', fetchSpy);
    useSession.getState().signIn(signedIn);

    const value = await call('programme.day');

    expect(value).toEqual({ businessDate: '2026-11-26', sessions: [] });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/programme.day');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer tok-123' });
    expect(JSON.parse(init.body as string)).toEqual({});
  });

  it('sends no authorization header before signing in', async () => {
    const fetchSpy = vi.fn(async () =>
      jsonResponse(200, { ok: true, value: { needsFirstAdmin: false, terminal: { id: 't', name: 'Till 1' }, cinema: null, demo: true } }),
    );
    vi.stubGlobal('fetch', fetchSpy);

    await call('setup.status', {});

    const [, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).not.toHaveProperty('authorization');
  });
});

describe('error mapping', () => {
  it('reads the error body whatever the HTTP status and keeps the server message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(400, { ok: false, error: { code: 'VALIDATION', message: 'Please check the form — username: must be at least 3 characters.' } }),
      ),
    );

    const error = await rejection(call('auth.login', { username: 'x', password: 'y' }));

    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Please check the form — username: must be at least 3 characters.');
    expect(error.op).toBe('auth.login');
  });

  it('keeps the details of a lockout', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(429, {
          ok: false,
          error: { code: 'LOCKED_OUT', message: 'Too many wrong passwords. Try again in 30 seconds.', details: { retryAfterMs: 30000 } },
        }),
      ),
    );

    const error = await rejection(call('auth.login', { username: 'cashier', password: 'nope' }));

    expect(error.code).toBe('LOCKED_OUT');
    expect(error.details).toEqual({ retryAfterMs: 30000 });
  });

  it('maps the same error the same way over the preload', async () => {
    vi.stubGlobal('window', {
      boxOffice: { call: async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'A cashier may not do this (users.list). Ask a manager.' } }) },
    });

    const error = await rejection(call('users.list'));

    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('A cashier may not do this (users.list). Ask a manager.');
  });

  it('reports an unreachable box office when fetch fails or the body is not a result', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect((await rejection(call('setup.status'))).code).toBe('UNREACHABLE');

    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })));
    const error = await rejection(call('setup.status'));
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toMatch(/not answering/);

    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { hello: 'world' })));
    expect((await rejection(call('setup.status'))).code).toBe('UNREACHABLE');
  });

  it('reports an unreachable main process when the preload call rejects', async () => {
    vi.stubGlobal('window', { boxOffice: { call: async () => Promise.reject(new Error('IPC closed')) } });
    const error = await rejection(call('system.status'));
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toMatch(/IPC closed/);
  });
});

describe('session ending', () => {
  it('signs the window out with the server message when a signed-in call is UNAUTHENTICATED', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please sign in again: your session has ended.' } })),
    );
    useSession.getState().signIn(signedIn);

    const error = await rejection(call('system.status'));

    expect(error.code).toBe('UNAUTHENTICATED');
    expect(useSession.getState().token).toBeNull();
    expect(useSession.getState().user).toBeNull();
    expect(useSession.getState().notice).toBe('Please sign in again: your session has ended.');
  });

  it('leaves the session alone for a wrong password at the login screen', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong user name or password.' } })),
    );

    const error = await rejection(call('auth.login', { username: 'cashier', password: 'wrong' }));

    expect(error.message).toBe('Wrong user name or password.');
    expect(useSession.getState().notice).toBeNull();
  });

  it('does not sign out for other refusals', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(403, { ok: false, error: { code: 'FORBIDDEN', message: 'No.' } })));
    useSession.getState().signIn(signedIn);

    await rejection(call('users.list'));

    expect(useSession.getState().token).toBe('tok-123');
  });
});
