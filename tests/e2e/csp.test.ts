/**
 * Issue 8, point 4: the Content-Security-Policy is not only sent, it is enforced. Every HTML
 * answer of the bridge carries it; in Chromium an injected inline script does not run and the page
 * cannot talk to another origin (even another port on this machine). (eval cannot be probed from
 * here: DevTools-protocol evaluation is exempt from CSP; the policy's lack of 'unsafe-eval' is
 * checked in electron/security.test.ts.)
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';
import { openSession, signInCashier } from './counter-steps';

let app: E2eApp | undefined;
let other: Server | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await new Promise<void>((r) => (other ? other.close(() => r()) : r()));
  other = undefined;
});

describe('content security policy', () => {
  it('is on every HTML answer and Chromium enforces it: no inline script, no other origin', async () => {
    app = await startE2eApp();
    const { page, bridge } = app;
    for (const [method, path] of [['GET', '/'], ['GET', '/index.html'], ['GET', '/counter/deep/link'], ['HEAD', '/']] as const) {
      const res = await fetch(new URL(path, bridge.url), { method });
      expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy'), `${method} ${path}`).toBe(CONTENT_SECURITY_POLICY);
    }

    // A server on another loopback port: a different origin the page must not reach.
    other = createServer((_req, res) => res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{"leak":true}'));
    await new Promise<void>((r) => other!.listen(0, '127.0.0.1', () => r()));
    const address = other.address();
    const otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

    await page.getByTestId('screen-login').waitFor();
    const outcome = await page.evaluate(async (url) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(script);
      let fetched = false;
      try {
        await fetch(url);
        fetched = true;
      } catch {
        fetched = false;
      }
      await new Promise((r) => setTimeout(r, 200));
      return { inlineRan: w.__inlineRan === true, fetched, violations };
    }, otherUrl);
    expect(outcome).toMatchObject({ inlineRan: false, fetched: false });
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
    await screenshot(page, 'csp-login-still-works');
    // The app itself still works under the policy.
    await expect(page.getByTestId('login-username').isVisible()).resolves.toBe(true);
  });

  it("refuses inline styles ('unsafe-inline' is gone) while every styled screen still draws, with no violation", async () => {
    app = await startE2eApp();
    const { page } = app;
    // Violations raised while React draws, from the first script on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
    });
    await page.reload();
    const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

    // The counter's seat map is placed by React style props (grid rows, columns, seat size).
    await signInCashier(page);
    await openSession(page, 'Hall 3');
    const placed = await page.evaluate(() => {
      const map = document.querySelector<HTMLElement>('[data-testid="seat-map"] [data-seat]')!;
      return { column: getComputedStyle(map).gridColumnStart, row: getComputedStyle(map).gridRowStart, inlineColumn: map.style.gridColumn };
    });
    expect(placed.inlineColumn).not.toBe('');
    expect(placed.column).toBe(placed.inlineColumn.split(' ')[0]);

    const probe = await page.evaluate(async () => {
      const target = document.createElement('div');
      document.body.append(target);
      const style = document.createElement('style');
      style.textContent = '#csp-probe-target { color: rgb(1, 2, 3); }';
      target.id = 'csp-probe-target';
      document.head.append(style);
      const viaStyleElement = getComputedStyle(target).color;
      const attributed = document.createElement('span');
      attributed.setAttribute('style', 'color: rgb(4, 5, 6)');
      document.body.append(attributed);
      const viaAttribute = getComputedStyle(attributed).color;
      const cssom = document.createElement('span');
      cssom.style.color = 'rgb(7, 8, 9)';
      document.body.append(cssom);
      const viaCssom = getComputedStyle(cssom).color;
      await new Promise((r) => setTimeout(r, 200));
      for (const el of [target, style, attributed, cssom]) el.remove();
      return { viaStyleElement, viaAttribute, viaCssom };
    });
    expect(probe.viaStyleElement).not.toBe('rgb(1, 2, 3)');
    expect(probe.viaAttribute).not.toBe('rgb(4, 5, 6)');
    expect(probe.viaCssom).toBe('rgb(7, 8, 9)'); // what React's style props use
    const probed = await violations();
    // (Each is reported once per policy: the header's and the page's <meta>.)
    expect([...new Set(probed.map((v) => v.split(' ')[0]))].sort()).toEqual(['style-src-attr', 'style-src-elem']);

    // The manager's screens with style props and a chart: programme timeline, dashboard.
    await page.getByTestId('logout').click();
    const manager = demoLogin('MANAGER');
    await page.getByTestId('login-username').fill(manager.username);
    await page.getByTestId('login-password').fill(manager.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();
    await page.getByTestId('nav-programme').click();
    await page.getByTestId('screen-programme').waitFor();
    await page.getByTestId('timeline-block').first().waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('screen-dashboard').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'csp-no-inline-styles-dashboard');
    // Only the probe's own violations: nothing the app itself does is refused (zod runs jitless, no eval probe).
    expect(await violations()).toEqual(probed);
  });
});
