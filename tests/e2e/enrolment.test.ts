import { afterAll, describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge } from '../../electron/bridge/server';
import { startTestPostgres } from '../../electron/core/sync/testing/central-postgres';
import { migrateCentral, openCentralAsOwner } from '../../electron/core/sync/central-admin';
import { allowEnrol, makeEnrolmentCode } from '../../electron/core/sync/central-enrolment';
import { connectTerminal, startSyncTerminal, type SyncTerminal } from '../../electron/core/sync/testing/sync-terminal';
import { groupCode } from '../../shared/enrolment-code';
import { chromiumPath, demoLogin, expectText, screenshot } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const closers: (() => Promise<unknown>)[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const close of closers.reverse()) await close();
});

const VIEWPORT = { width: 1366, height: 768 };

async function pageOf(t: SyncTerminal, hash = ''): Promise<Page> {
  const bridge = await startBridge({ core: t.core, staticDir: join(repoRoot, 'dist', 'renderer'), port: 0 });
  closers.push(() => bridge.close());
  browser ??= await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${bridge.url}${hash}`);
  return page;
}

async function freshTerminal(): Promise<SyncTerminal> {
  const t = await startSyncTerminal({ demo: false, now: new Date().toISOString() });
  closers.push(() => t.close());
  return t;
}

/** The first-run screen's "Join a cinema chain": address and code typed, then the answer. */
async function joinWithCode(page: Page, address: string, code: string): Promise<void> {
  await page.getByTestId('enrol-join-address').fill(address);
  await page.getByTestId('enrol-join-code').fill(code);
  await page.getByTestId('enrol-join-submit').click();
}

describe('enrolment codes in the browser (1366×768)', () => {
  it('an administrator issues a code on the Sync screen; a new terminal joins with it from its first-run screen; a new cinema gets its first terminal the same way', async () => {
    const central = await startTestPostgres();
    closers.push(() => central.stop());
    const owner = openCentralAsOwner(central.url);
    closers.push(() => owner.destroy());
    await migrateCentral(owner);

    // A cinema that syncs, whose terminal the centre lets enrol.
    const t1 = await startSyncTerminal({ demo: true, now: new Date().toISOString() });
    closers.push(() => t1.close());
    await connectTerminal(owner, central.url, t1, t1.core.terminal().cinemaId!);
    await t1.sync.syncNow();
    await allowEnrol(owner, t1.core.terminal().id, true);

    const admin = demoLogin('ADMIN');
    const page1 = await pageOf(t1, '#/sync');
    await page1.getByTestId('login-username').fill(admin.username);
    await page1.getByTestId('login-password').fill(admin.password);
    await page1.getByTestId('login-submit').click();
    await page1.getByTestId('screen-sync').waitFor();
    await expectText(page1.getByTestId('sync-terminal-list'), new RegExp(`${t1.core.terminal().name} · this terminal`));
    await page1.getByTestId('enrol-terminal-name').fill('Counter 2');
    await page1.getByTestId('enrol-submit').click();
    const code = await expectText(page1.getByTestId('enrol-code'), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
    const address = (await page1.getByTestId('enrol-address').textContent())!;
    expect(address).toBe(`postgres://${central.host}:${central.port}/${central.database}`);
    await expectText(page1.getByTestId('enrol-expires'), /Works once, until \d/);
    await screenshot(page1, 'enrolment-code-issued');

    // The new terminal: a forged code is refused in words, then the real one lets it in.
    const t2 = await freshTerminal();
    const page2 = await pageOf(t2);
    await page2.getByTestId('screen-first-run').waitFor();
    await page2.getByTestId('join-cinema').locator('summary').click();
    await joinWithCode(page2, address.replace(/^postgres:\/\//, ''), groupCode(makeEnrolmentCode().code));
    await expectText(page2.getByTestId('enrol-join-error'), /does not know this code/);
    expect(t2.sync.savedCredentials()).toBeNull();
    await screenshot(page2, 'enrolment-join-refused');
    await page2.getByTestId('enrol-join-code').fill(code.toLowerCase());
    await page2.getByTestId('enrol-join-submit').click();
    await page2.getByTestId('screen-login').waitFor({ timeout: 30_000 });
    const cashier = demoLogin('CASHIER');
    await page2.getByTestId('login-username').fill(cashier.username);
    await page2.getByTestId('login-password').fill(cashier.password);
    await page2.getByTestId('login-submit').click();
    await page2.getByTestId('screen-counter').waitFor();
    await expectText(page2.getByTestId('sync-state'), /Online/);
    expect(t2.core.terminal().name).toBe('Counter 2');
    await screenshot(page2, 'enrolment-joined-counter');

    // The centre knows it: the first terminal's list shows it after a refresh.
    await page1.reload();
    await page1.getByTestId('screen-sync').waitFor();
    await page1.getByTestId('sync-terminal-row').filter({ hasText: 'Counter 2' }).waitFor({ timeout: 15_000 });

    // A new cinema of the chain, and its first terminal.
    await page1.getByTestId('enrol-mode-cinema').click();
    await page1.getByTestId('enrol-cinema-name').fill('Kino Nord');
    await page1.getByTestId('enrol-cinema-address').fill('Hafenstraße 1, Hamburg');
    await page1.getByTestId('enrol-cinema-timezone').selectOption('Europe/Berlin');
    await page1.getByTestId('enrol-terminal-name').fill('Nord 1');
    await page1.getByTestId('enrol-submit').click();
    await expectText(page1.getByTestId('enrol-issued'), /Kino Nord/);
    const nordCode = (await page1.getByTestId('enrol-code').textContent())!;
    await screenshot(page1, 'enrolment-new-cinema');

    const t3 = await freshTerminal();
    const page3 = await pageOf(t3);
    await page3.getByTestId('screen-first-run').waitFor();
    await page3.getByTestId('join-cinema').locator('summary').click();
    await joinWithCode(page3, address, nordCode);
    await expectText(page3.getByTestId('first-run-joined-cinema'), /^Kino Nord$/, 30_000);
    await page3.getByTestId('first-run-display-name').fill('Nora Nord');
    await page3.getByTestId('first-run-password').fill('hafen2026x');
    await page3.getByTestId('first-run-password-repeat').fill('hafen2026x');
    await screenshot(page3, 'enrolment-first-admin');
    await page3.getByTestId('first-run-submit').click();
    await page3.getByTestId('app-header').waitFor({ timeout: 15_000 });
    expect(t3.core.terminal()).toMatchObject({ name: 'Nord 1' });
    expect((await t3.db.selectFrom('cinemas').select('name').executeTakeFirstOrThrow()).name).toBe('Kino Nord');
  }, 240_000);
});
