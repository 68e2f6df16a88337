import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startTempCore, type TempCore } from '../../electron/core/testing/temp-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { DEMO_LOGINS } from '../../electron/core/demo/seed-demo';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots kept as test artifacts (CI keeps this folder). */
export const ARTIFACTS_DIR = join(repoRoot, 'test-results', 'screenshots');

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface E2eApp {
  t: TempCore;
  bridge: Bridge;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A real core on a temp SQLite file, the bridge serving the built renderer, and a headless Chromium page. */
export async function startE2eApp(options: { demo?: boolean; now?: string } = {}): Promise<E2eApp> {
  const t = await startTempCore({ demo: options.demo ?? true, now: options.now ?? new Date().toISOString() });
  const bridge = await startBridge({ core: t.core, staticDir: join(repoRoot, 'dist', 'renderer'), port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(bridge.url);
  return {
    t,
    bridge,
    browser,
    page,
    async close() {
      await browser.close();
      await bridge.close();
      await t.close();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

export function demoLogin(role: 'ADMIN' | 'MANAGER' | 'CASHIER' | 'USHER') {
  return DEMO_LOGINS.find((l) => l.role === role)!;
}

/** Signs in with the demo login of this role and opens an area ("setup" → the screen-setup screen). */
export async function signInTo(page: Page, role: 'ADMIN' | 'MANAGER' | 'CASHIER' | 'USHER', area: string): Promise<void> {
  const { username, password } = demoLogin(role);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`nav-${area}`).click();
  await page.getByTestId(`screen-${area}`).waitFor();
}

/**
 * Waits until the element's text matches: screens reload after an action, so reading the text
 * once can see the old value on a loaded machine. Fails with the last text seen.
 */
export async function expectText(locator: Locator, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = (await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => last)) ?? '';
    if (pattern.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`Expected text matching ${pattern}, last saw: "${last.slice(0, 300)}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
