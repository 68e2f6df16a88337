import { afterAll, describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startBridge, type Bridge } from '../../electron/bridge/server';
import { startTestPostgres, type TestPostgres } from '../../electron/core/sync/testing/central-postgres';
import { migrateCentral, openCentralAsOwner, registerCentralTerminal, type CentralDb } from '../../electron/core/sync/central-admin';
import { connectTerminal, freeSeats, sellSeats, startSyncTerminal, type SyncTerminal } from '../../electron/core/sync/testing/sync-terminal';
import { chromiumPath, demoLogin, screenshot, expectText } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const closers: (() => Promise<unknown>)[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  // The pages first: they poll the bridges and keep the terminals busy.
  await browser?.close();
  for (const close of closers.reverse()) await close();
});

describe('sync in the browser: header, settings, conflicts', () => {
  it('an admin tests the connection, syncs, sees a seat sold twice offline, and re-seats the customer', async () => {
    const central: TestPostgres = await startTestPostgres();
    closers.push(() => central.stop());
    const owner: CentralDb = openCentralAsOwner(central.url);
    closers.push(() => owner.destroy());
    await migrateCentral(owner);

    // Terminal 1 carries the cinema; terminal 2 joins it through the central database.
    const t1: SyncTerminal = await startSyncTerminal({ demo: true, now: new Date().toISOString() });
    closers.push(() => t1.close());
    const cinemaId = t1.core.terminal().cinemaId!;
    await connectTerminal(owner, central.url, t1, cinemaId);
    await t1.sync.syncNow();
    const t2 = await startSyncTerminal({ demo: false, now: new Date().toISOString() });
    closers.push(() => t2.close());
    const reg2 = await connectTerminal(owner, central.url, t2, cinemaId);
    await t2.sync.syncNow();
    await t2.sync.syncNow();

    const bridge: Bridge = await startBridge({ core: t2.core, staticDir: join(repoRoot, 'dist', 'renderer'), port: 0 });
    closers.push(() => bridge.close());
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${bridge.url}#/sync`);

    const admin = demoLogin('ADMIN');
    await page.getByTestId('login-username').fill(admin.username);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('screen-sync').waitFor();
    await expectText(page.getByTestId('sync-state'), /Online/);
    await expectText(page.getByTestId('sync-waiting'), /all sent/);
    await expect(page.getByTestId('sync-terminal-id').textContent()).resolves.toBe(t2.core.terminal().id);
    await page.getByTestId('conflicts-empty').waitFor();

    // A wrong password: the database's answer, shown as it is; nothing stored.
    const address = `postgres://${central.host}:${central.port}/${central.database}`;
    await expect(page.getByTestId('sync-url').inputValue()).resolves.toBe(address);
    await page.getByTestId('sync-password').fill('wrong-password');
    await page.getByTestId('sync-test').click();
    await expectText(page.getByTestId('sync-error'), /did not accept the connection: password authentication failed/);
    await page.getByTestId('sync-password').fill(reg2.password);
    await page.getByTestId('sync-test').click();
    await expectText(page.getByTestId('sync-notice'), /Connected\. The central database knows this login as this terminal/);
    await screenshot(page, 'sync-settings-online');

    // Both terminals sell the same seat while apart; terminal 1 reaches the centre first.
    const session = await t1.db.selectFrom('sessions').select('id').where('starts_at', '>', new Date(Date.now() + 2 * 3600_000).toISOString()).orderBy('starts_at').executeTakeFirstOrThrow();
    const [seat] = await freeSeats(t1.db, session.id, 1);
    await sellSeats(t1, session.id, [seat!]);
    const second = await sellSeats(t2, session.id, [seat!]);
    await t1.sync.syncNow();
    await page.getByTestId('sync-waiting').filter({ hasText: /\d+ waiting/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-notice').filter({ hasText: 'Synced' }).waitFor();
    await page.getByTestId('sync-conflicts').filter({ hasText: '1 conflict' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('conflict').waitFor({ timeout: 15_000 });
    await expectText(page.getByTestId('conflict'), /Seat sold twice while offline: Row .+, seat \d+/);
    await screenshot(page, 'sync-conflict-open');

    // Re-seat the second customer on the seat chosen in the list.
    const options = await page.getByTestId('conflict-seat').locator('option').allTextContents();
    await page.getByTestId('conflict-seat').selectOption({ label: options[1]! });
    await page.getByTestId('conflict-reseat').click();
    await expect(page.getByTestId('conflict-notice').textContent()).resolves.toContain(`moved to ${options[1]}`);
    await page.getByTestId('conflicts-empty').waitFor();
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-waiting').filter({ hasText: 'all sent' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('sync-conflicts').waitFor({ state: 'detached', timeout: 15_000 });
    await screenshot(page, 'sync-conflict-settled');

    // The other terminal sees the decision.
    await t1.sync.syncNow();
    expect((await t1.sync.conflicts()).map((c) => c.resolution)).toEqual(['RESEATED']);
    const old = await t1.db.selectFrom('tickets').select('status').where('id', '=', second.ticketIds[0]!).executeTakeFirstOrThrow();
    expect(old.status).toBe('EXCHANGED');

    // A brand-new third terminal joins the cinema from its first-run screen.
    const t3 = await startSyncTerminal({ demo: false, now: new Date().toISOString() });
    closers.push(() => t3.close());
    const reg3 = await registerCentralTerminal(owner, { terminalId: t3.core.terminal().id, cinemaId });
    const bridge3 = await startBridge({ core: t3.core, staticDir: join(repoRoot, 'dist', 'renderer'), port: 0 });
    closers.push(() => bridge3.close());
    const page3 = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page3.goto(bridge3.url);
    await page3.getByTestId('screen-first-run').waitFor();
    await page3.getByTestId('join-cinema').locator('summary').click();
    await page3.getByTestId('join-url').fill(address);
    await page3.getByTestId('join-user').fill(reg3.user);
    await page3.getByTestId('join-password').fill('not-it');
    await page3.getByTestId('join-submit').click();
    await expect(page3.getByTestId('join-error').textContent()).resolves.toMatch(/password authentication failed/);
    await page3.getByTestId('join-password').fill(reg3.password);
    await screenshot(page3, 'sync-join-first-run');
    await page3.getByTestId('join-submit').click();
    await page3.getByTestId('screen-login').waitFor({ timeout: 30_000 });
    const cashier = demoLogin('CASHIER');
    await page3.getByTestId('login-username').fill(cashier.username);
    await page3.getByTestId('login-password').fill(cashier.password);
    await page3.getByTestId('login-submit').click();
    await page3.getByTestId('screen-counter').waitFor();
    await expect(page3.getByTestId('sync-state').textContent()).resolves.toMatch(/Online/);
    await screenshot(page3, 'sync-joined-counter');
  }, 240_000);
});
