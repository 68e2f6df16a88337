import { afterEach, describe, expect, it } from 'vitest';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';

let app: E2eApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('backups screen (issue 8, point 5)', () => {
  it('the administrator sees there is no backup yet, makes one, and sees it listed with the policy', async () => {
    app = await startE2eApp();
    const { page } = app;
    const { username, password } = demoLogin('ADMIN');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('screen-backups').waitFor();
    await page.getByTestId('backups-empty').waitFor();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-notice').waitFor();
    await expect(page.getByTestId('backup-notice').textContent()).resolves.toMatch(/Backed up and checked: box-office-.*-manual\.sqlite/);
    await page.getByTestId('backup-row').first().waitFor();
    expect(await page.getByTestId('backup-row').count()).toBe(1);
    await expect(page.getByTestId('backup-row').first().textContent()).resolves.toMatch(/Made by hand/);
    await expect(page.getByTestId('backups-policy').textContent()).resolves.toMatch(/7 days.*4 weeks/);
    await screenshot(page, 'backups-after-backup-now');
    // The file is really there, in the data folder's backups/.
    const listed = await app.t.call('backups.list', {}, await app.t.signIn('ADMIN'));
    expect(listed.backups).toHaveLength(1);
  });

  it('is not offered to a manager', async () => {
    app = await startE2eApp();
    const { page } = app;
    const { username, password } = demoLogin('MANAGER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('area-nav').waitFor();
    expect(await page.getByTestId('nav-backups').count()).toBe(0);
  });
});
