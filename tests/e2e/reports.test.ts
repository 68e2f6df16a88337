import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateHistory } from '../../electron/core/history/generate-history';
import { demoLogin, screenshot as fullPageShot, startE2eApp, type E2eApp } from './harness';

/** From the top of the page, so the sticky header sits where it belongs in a full-page shot. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}

let app: E2eApp;
afterEach(async () => app?.close());

describe('manager reports', () => {
  it('the manager opens the dashboard and exports a revenue report as PDF and Excel', async () => {
    // Late on 24 November (Berlin): five weeks of generated sales, today's included.
    app = await startE2eApp({ now: '2026-11-24T22:40:00Z' });
    const { page, t } = app;
    const sqlite = new Database(t.core.databaseFile);
    const terminal = t.core.terminal();
    const history = generateHistory(sqlite, { cinemaId: terminal.cinemaId!, terminalId: terminal.id, days: 35, halls: 4, endDate: '2026-11-25', seed: 3 });
    sqlite.close();
    const token = await t.signIn('MANAGER');
    const expected = await t.call('dashboard.summary', {}, token);
    expect(expected.today.tickets).toBeGreaterThan(0);

    const { username, password } = demoLogin('MANAGER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor();

    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('screen-dashboard').waitFor();
    await page.getByTestId('dash-top-film').first().waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    // Issue 15.5: labelled axes, a legend of this week against the last, occupancy by hall and time of day.
    const byDay = page.getByTestId('dash-by-day');
    expect(await byDay.locator('.recharts-legend-item').count()).toBe(2);
    expect(await byDay.textContent()).toContain('Day of the reporting week');
    expect(await byDay.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBe(7);
    await page.getByTestId('dash-occupancy-hall').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('dash-occupancy-hall').textContent()).toContain(expected.occupancyByHall.find((h) => h.seats > 0)!.label);
    expect(await page.getByTestId('dash-occupancy-time').textContent()).toContain('17:00–20:00');
    // The cinema's clock, not the browser's: 22:40 UTC is 23:40 in Berlin.
    expect(await page.getByTestId('dash-updated').textContent()).toMatch(/^23:40/);
    expect(await page.getByTestId('dash-today-revenue').textContent()).toContain(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(expected.today.revenue / 100));
    expect(await page.getByTestId('dash-today-tickets').textContent()).toContain(expected.today.tickets.toLocaleString('en-US'));
    await screenshot(page, 'dashboard');

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('screen-reports').waitFor();
    await page.getByTestId('period-from').fill(history.firstDate);
    await page.getByTestId('period-to').fill(history.lastDate);
    const revenue = await t.call('reports.revenue', { from: history.firstDate, to: history.lastDate }, token);
    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(revenue.totals.total / 100);
    await expect.poll(() => page.getByTestId('revenue-total').textContent()).toContain(total);
    expect(await page.getByTestId('revenue-by-day-totals').textContent()).toContain(total);

    await page.getByTestId('export-pdf').click();
    await page.getByTestId('export-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('export-done').textContent()).toMatch(/revenue-.*\.pdf is ready/);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-save').click();
    expect((await download).suggestedFilename()).toMatch(/^revenue-.*\.pdf$/);

    await page.getByTestId('export-xlsx').click();
    await expect.poll(() => page.getByTestId('export-done').textContent(), { timeout: 60_000 }).toMatch(/\.xlsx is ready/);
    await expect.poll(() => page.getByTestId('generated-report').count()).toBe(2);
    expect(await page.getByTestId('generated-report').first().textContent()).toContain('24 Nov 2026, 23:40 CET');
    await screenshot(page, 'revenue-report');

    const rows = await t.core.services.db.selectFrom('reports').select(['kind', 'format']).orderBy('id').execute();
    expect(rows).toEqual([
      { kind: 'REVENUE', format: 'PDF' },
      { kind: 'REVENUE', format: 'XLSX' },
    ]);

    // Settlements: the weeks of the history accrue, the manager pays a distributor.
    expect((await t.call('settlements.accrue', {}, token)).written).toBeGreaterThan(0);
    await page.getByTestId('nav-settlements').click();
    await page.getByTestId('screen-settlements').waitFor();
    const owed = (await t.call('settlements.balances', {}, token)).find((b) => b.balance > 0)!;
    await page.getByRole('button', { name: owed.distributor.legalName }).click();
    await page.getByTestId('settlement-weeks').waitFor();
    const contract = page.getByTestId('payment-contract');
    await expect.poll(() => contract.locator('option').count()).toBeGreaterThan(1);
    await contract.selectOption({ index: 1 });
    await page.getByTestId('payment-amount').fill('1250.00');
    await page.getByTestId('payment-reference').fill('SEPA 2026-11-24');
    await page.getByTestId('payment-save').click();
    await expect.poll(() => page.getByTestId('settlements-notice').textContent()).toMatch(/Payment of €1,250\.00 to .* recorded/);
    const after = (await t.call('settlements.balances', {}, token)).find((b) => b.distributor.id === owed.distributor.id)!;
    expect(after.balance).toBe(owed.balance - 125_000);
    await screenshot(page, 'settlements');
  });
});
