/**
 * Issue 8, point 4: the Content-Security-Policy is not only sent, it is enforced. Every HTML
 * answer of the bridge carries it; in Chromium an injected inline script does not run and the page
 * cannot talk to another origin (even another port on this machine). (eval cannot be probed from
 * here: DevTools-protocol evaluation is exempt from CSP; the policy's lack of 'unsafe-eval' is
 * checked in electron/security.test.ts.)
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/bridge/server';
import { screenshot, startE2eApp, type E2eApp } from './harness';

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
});
