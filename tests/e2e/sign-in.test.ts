import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoLogin, screenshot, startE2eApp, type E2eApp, expectText } from './harness';

let app: E2eApp;
afterEach(async () => app?.close());

async function signIn(page: Page, role: 'ADMIN' | 'MANAGER' | 'CASHIER' | 'USHER') {
  const { username, password } = demoLogin(role);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const HOME: Record<'ADMIN' | 'MANAGER' | 'CASHIER' | 'USHER', string> = {
  ADMIN: 'screen-counter',
  MANAGER: 'screen-programme',
  CASHIER: 'screen-counter',
  USHER: 'screen-door',
};

describe('signing in over the browser bridge', () => {
  it('each demo role signs in, sees its own screen and nothing it may not use', async () => {
    app = await startE2eApp();
    const { page } = app;
    for (const role of ['CASHIER', 'USHER', 'MANAGER', 'ADMIN'] as const) {
      await page.goto(app.bridge.url); // a fresh address: no area left over from the previous user
      await page.getByTestId('screen-login').waitFor();
      await signIn(page, role);
      await page.getByTestId(HOME[role]).waitFor();
      expect((await page.getByTestId('header-user').textContent())?.trim().length).toBeGreaterThan(0);
      await expectText(page.getByTestId('header-role'), /Administrator|Manager|Cashier|Usher/);
      const nav = await page.getByTestId('area-nav').textContent();
      if (role === 'CASHIER') expect(nav).not.toMatch(/Users|Programme/);
      if (role === 'USHER') expect(nav).not.toMatch(/Users|Counter|Programme/);
      if (role === 'MANAGER') expect(nav).not.toMatch(/Users/);
      if (role === 'ADMIN') expect(nav).toMatch(/Users/);
      await screenshot(page, `home-${role.toLowerCase()}`);
      await page.getByTestId('logout').click();
    }
    await page.getByTestId('screen-login').waitFor();
  });

  it('a cashier calling a manager operation from the page is refused by the API', async () => {
    app = await startE2eApp();
    const { page } = app;
    await signIn(page, 'CASHIER');
    await page.getByTestId('screen-counter').waitFor();
    const answer = await page.evaluate(async () => {
      const stored = JSON.parse(sessionStorage.getItem('box-office.session') ?? 'null') as { token?: string } | null;
      const token = stored?.token ?? '';
      const res = await fetch('/api/users.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ username: 'mallory', displayName: 'Mallory', role: 'ADMIN', password: 'letmein123' }),
      });
      return { status: res.status, body: await res.json(), hadToken: token.length > 0 };
    });
    expect(answer.hadToken).toBe(true);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a wrong password shows the server message, and a brand-new install starts with the first-run screen', async () => {
    app = await startE2eApp();
    await app.page.getByTestId('login-username').fill('cashier');
    await app.page.getByTestId('login-password').fill('not-the-password1');
    await app.page.getByTestId('login-submit').click();
    await expectText(app.page.getByTestId('login-error'), /Wrong user name or password/);
    await app.close();

    app = await startE2eApp({ demo: false });
    const { page } = app;
    await page.getByTestId('screen-first-run').waitFor();
    await page.getByTestId('first-run-cinema-name').fill('Kino Nord');
    await page.getByTestId('first-run-username').fill('olga');
    await page.getByTestId('first-run-display-name').fill('Olga Petrova');
    await page.getByTestId('first-run-password').fill('cinema-2026');
    await page.getByTestId('first-run-password-repeat').fill('cinema-2026');
    await page.getByTestId('first-run-submit').click();
    await page.getByTestId('app-header').waitFor();
    await expect(page.getByTestId('header-cinema').textContent()).resolves.toContain('Kino Nord');
    await screenshot(page, 'first-run-done');
  });
});
