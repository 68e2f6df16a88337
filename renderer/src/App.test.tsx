// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResult, ProgrammeSession, SessionUser } from '../../shared/contract';
import { App } from './App';
import { useSession } from './stores/session';
import { useStatus } from './stores/status';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cinema = { id: 'c1', name: 'Aurora Cinema', timezone: 'Europe/Berlin', currency: 'EUR' };
const terminal = { id: 't1', name: 'Till 2' };
const users: Record<string, { password: string; user: SessionUser }> = {
  cashier: { password: 'cashier1234', user: { id: 'u-c', username: 'cashier', displayName: 'Lena Hoffmann', role: 'CASHIER', language: null } },
  admin: { password: 'admin1234', user: { id: 'u-a', username: 'admin', displayName: 'Katrin Vogel', role: 'ADMIN', language: null } },
};

function programme(now: number): ProgrammeSession[] {
  const session = (id: string, title: string, startInMin: number, sold: number): ProgrammeSession => ({
    id,
    startsAt: new Date(now + startInMin * 60_000).toISOString(),
    endsAt: new Date(now + (startInMin + 120) * 60_000).toISOString(),
    status: 'ON_SALE',
    basePrice: 950,
    format: '2D',
    language: 'de',
    film: { id: `f-${id}`, title, durationMinutes: 110, ageRating: 'FSK 12' },
    hall: { id: 'h1', name: 'Hall 1', type: 'STANDARD' },
    seatsTotal: 120,
    seatsSold: sold,
    seatsReserved: 0,
  });
  return [session('s1', 'The Glass Orchard', 60, 30), session('s2', 'Ironvale', 180, 118)];
}

/** A fake main process behind window.boxOffice, recording every request. */
function fakeBoxOffice(overrides: Partial<Record<string, (req: ApiRequest) => ApiResult<unknown>>> = {}) {
  const calls: ApiRequest[] = [];
  const fail = (code: string, message: string) => ({ ok: false, error: { code, message } }) as ApiResult<unknown>;
  const handlers: Record<string, (req: ApiRequest) => ApiResult<unknown>> = {
    'setup.status': () => ({ ok: true, value: { needsFirstAdmin: false, terminal, cinema, demo: true } }),
    'auth.login': (req) => {
      const { username, password } = req.input as { username: string; password: string };
      const known = users[username];
      if (!known || known.password !== password) return fail('UNAUTHENTICATED', 'Wrong user name or password.');
      return { ok: true, value: { token: `token-${username}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: known.user } };
    },
    'auth.logout': () => ({ ok: true, value: null }),
    'system.status': (req) =>
      req.token?.startsWith('token-')
        ? { ok: true, value: { terminal, cinema, now: new Date().toISOString(), businessDate: '2026-11-26' } }
        : fail('UNAUTHENTICATED', 'Please sign in again: your session has ended.'),
    'programme.day': () => ({ ok: true, value: { businessDate: '2026-11-26', sessions: programme(Date.now()) } }),
    ...overrides,
  };
  (window as unknown as { boxOffice: unknown }).boxOffice = {
    call: async (req: ApiRequest) => {
      calls.push(req);
      const handler = handlers[req.op];
      return handler ? handler(req) : fail('UNKNOWN_OPERATION', `no ${req.op}`);
    },
  };
  return calls;
}

let root: Root | null = null;
let container: HTMLElement;

async function waitFor<T>(find: () => T | null | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}. Page: ${container.textContent?.slice(0, 400)}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
  }
}

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function type(testId: string, value: string) {
  const input = byTestId(testId) as HTMLInputElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(testId: string) {
  await act(async () => {
    byTestId(testId)!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

async function signIn(username: string, password: string) {
  await waitFor(() => byTestId('login-form'), 'the login form');
  await type('login-username', username);
  await type('login-password', password);
  await submit('login-form');
}

beforeEach(async () => {
  sessionStorage.clear();
  window.location.hash = '';
  useSession.setState({ token: null, expiresAt: null, user: null, notice: null });
  useStatus.setState({ setup: null, system: null, clockOffsetMs: 0 });
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  container.remove();
  delete (window as unknown as { boxOffice?: unknown }).boxOffice;
});

describe('the app over the preload transport', () => {
  it('signs a cashier in, shows the server refusal first, then the counter with today’s sessions', async () => {
    const calls = fakeBoxOffice();
    await act(async () => root!.render(<App />));

    await signIn('cashier', 'wrong');
    const error = await waitFor(() => byTestId('login-error'), 'the login error');
    expect(error.textContent).toContain('Wrong user name or password.');
    expect(byTestId('demo-hint')).not.toBeNull();

    await type('login-password', 'cashier1234');
    await submit('login-form');
    await waitFor(() => byTestId('screen-counter'), 'the counter');
    expect(byTestId('header-user')!.textContent).toContain('Lena Hoffmann');
    expect(byTestId('header-cinema')!.textContent).toBe('Aurora Cinema');
    expect(byTestId('header-terminal')!.textContent).toBe('Till 2');
    expect(container.querySelectorAll('[data-testid="nav-counter"]')).toHaveLength(1);
    expect(byTestId('nav-users')).toBeNull();

    const rows = await waitFor(() => {
      const r = container.querySelectorAll<HTMLButtonElement>('[data-testid="session-row"]');
      return r.length === 2 ? r : null;
    }, 'two session rows');
    expect(rows[0]!.textContent).toContain('The Glass Orchard');
    expect(rows[0]!.textContent).toContain('90');
    expect(rows[1]!.textContent).toContain('Almost full');

    await act(async () => rows[0]!.click());
    const details = await waitFor(() => byTestId('session-details'), 'the session details');
    expect(details.textContent).toContain('€9.50');
    expect(details.textContent).not.toMatch(/sell/i);

    // The token travels with each call; the renderer never sends the user or role.
    const programmeCall = calls.find((c) => c.op === 'programme.day')!;
    expect(programmeCall.token).toBe('token-cashier');
    expect(JSON.stringify(calls.map((c) => c.input))).not.toMatch(/CASHIER|u-c/);
    expect(JSON.parse(sessionStorage.getItem('box-office.session')!).token).toBe('token-cashier');
  });

  it('gives the administrator every area, switches with Alt+digit, and logs out', async () => {
    const calls = fakeBoxOffice();
    await act(async () => root!.render(<App />));
    await signIn('admin', 'admin1234');
    await waitFor(() => byTestId('screen-counter'), 'the counter');
    expect(['nav-counter', 'nav-door', 'nav-programme', 'nav-users'].every((id) => byTestId(id))).toBe(true);

    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '2', code: 'Digit2', altKey: true }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => byTestId('screen-door'), 'the door screen');

    await act(async () => byTestId('logout')!.click());
    await waitFor(() => byTestId('login-form'), 'the login form after logout');
    expect(calls.some((c) => c.op === 'auth.logout' && c.token === 'token-admin')).toBe(true);
    expect(sessionStorage.getItem('box-office.session')).toBeNull();
  });

  it('drops back to the login screen with the server message when the session has ended', async () => {
    fakeBoxOffice();
    useSession.setState({ token: 'expired', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: users.cashier!.user });
    await act(async () => root!.render(<App />));

    const notice = await waitFor(() => byTestId('login-notice'), 'the session-ended notice');
    expect(notice.textContent).toContain('Please sign in again: your session has ended.');
  });

  it('shows the first-run form when the terminal has no administrator, with field messages from the server', async () => {
    fakeBoxOffice({
      'setup.status': () => ({ ok: true, value: { needsFirstAdmin: true, terminal, cinema: null, demo: false } }),
      'setup.createFirstAdmin': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'Please check the form — cinema.name: must not be empty; password: must be at least 8 characters.',
          details: { fields: { 'cinema.name': 'must not be empty', password: 'must be at least 8 characters' } },
        },
      }),
    });
    await act(async () => root!.render(<App />));
    await waitFor(() => byTestId('screen-first-run'), 'the first-run screen');
    await type('first-run-password', 'abc');
    await type('first-run-password-repeat', 'abd');
    await submit('first-run-form');
    expect(byTestId('first-run-error')!.textContent).toContain('The two passwords differ');

    await type('first-run-password-repeat', 'abc');
    await submit('first-run-form');
    await waitFor(() => byTestId('first-run-error')?.textContent?.includes('fields marked below'), 'the field errors');
    expect(container.textContent).toContain('must not be empty');
    expect(container.textContent).toContain('must be at least 8 characters');
  });
});
