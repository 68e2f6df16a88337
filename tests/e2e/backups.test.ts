import { afterEach, describe, expect, it } from 'vitest';
import { demoLogin, expectText, screenshot, startE2eApp, type E2eApp } from './harness';

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

  it('the administrator restores a backup at 1366×768: refused while a shift is open, then confirmed — the core reopens on it and everyone signs in again', async () => {
    app = await startE2eApp();
    const { page, t } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    const { username, password } = demoLogin('ADMIN');
    const signIn = async () => {
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
    };
    await signIn();
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-notice').waitFor();
    const admin = await t.signIn('ADMIN');
    // After the backup: a new member of staff, and a cashier's shift open on this terminal.
    await t.call('users.create', { username: 'after-backup', displayName: 'After Backup', role: 'USHER', password: 'after12345' }, admin);
    const cashier = await t.signIn('CASHIER');
    await t.call('shifts.open', { openingFloat: 10_000 }, cashier);
    await expectText(page.getByTestId('backups-retention'), /every backup of the last 24 hours.*7 days.*4 weeks.*last 3/);

    await page.getByTestId('backup-restore').first().click();
    await page.getByTestId('restore-confirm').waitFor();
    await expectText(page.getByTestId('restore-confirm'), /Restore the backup of .*\?.*will not be in it.*kept in the folder “replaced”.*signs in again/);
    await screenshot(page, 'backups-restore-confirm-1366');
    await page.getByTestId('restore-confirm-go').click();
    await expectText(page.getByTestId('restore-error'), /Nothing was restored.*shift is open on this terminal\. It must be closed before a backup is restored/);
    await screenshot(page, 'backups-restore-refused-shift-open-1366');
    expect((await t.core.services.db.selectFrom('users').select('username').where('username', '=', 'after-backup').execute()).length).toBe(1);

    // The cashier closes the shift; the restore goes through.
    const shift = await t.call('shifts.current', {}, cashier);
    await t.call('shifts.close', { countedCash: shift.open!.expectedCash! }, cashier);
    await page.getByTestId('restore-confirm-go').click();
    await expectText(page.getByTestId('login-notice'), /The backup of .* is back in place and the box office reopened on it\. The database it replaced is kept at .*replaced.*Everyone signs in again\./);
    await screenshot(page, 'backups-restored-sign-in-again-1366');
    // Every session ended: the cashier's too.
    expect(await t.core.call({ op: 'shifts.current', input: {}, token: cashier })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await t.core.services.db.selectFrom('users').select('username').where('username', '=', 'after-backup').execute()).length).toBe(0);

    await signIn();
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backup-row').first().waitFor();
    expect(await page.getByTestId('backup-row').count()).toBe(1);
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
