import { afterEach, describe, expect, it } from 'vitest';
import { sqliteOf } from '../../electron/core/db/open';
import { demoLogin, expectText, screenshot, startE2eApp, type E2eApp } from './harness';

let app: E2eApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('money trail screen (issue 14.3/14.4)', () => {
  it('the manager sees the journal intact, exports Z 1 for an audit, and sees the first edited entry named after a raw edit of the file', async () => {
    app = await startE2eApp();
    const { page, t } = app;
    // A cashier's shift: two sales, then the Z report.
    const cashier = await t.signIn('CASHIER');
    await t.call('shifts.open', { openingFloat: 0 }, cashier);
    const water = await t.core.services.db.selectFrom('concession_items').select(['id', 'price']).where('name', '=', 'Still water 0.5 l').executeTakeFirstOrThrow();
    for (const quantity of [1, 2]) {
      await t.call('orders.sell', { concessions: [{ itemId: water.id, quantity }], payments: [{ method: 'CASH', amount: quantity * water.price, tendered: 2000 }] }, cashier);
    }
    await t.call('shifts.close', { countedCash: 3 * water.price }, cashier);

    const { username, password } = demoLogin('MANAGER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-journal').click();
    await page.getByTestId('screen-journal').waitFor();
    await expectText(page.getByTestId('journal-intact'), /Intact: 5 entries, every link and signature checked/);
    expect(await page.getByTestId('journal-row').count()).toBe(5);
    await expectText(page.getByTestId('journal-unsent'), /does not sync: the journal stays here/);
    await expectText(page.getByTestId('journal-table'), /Z report.*Shift closed.*Sale \(receipt\).*Sale \(receipt\).*Shift opened/s);

    await page.getByTestId('export-from').fill('1');
    await page.getByTestId('export-run').click();
    await expectText(page.getByTestId('export-done'), /10 CSV files and a manifest \(5 journal entries\) in .*audit-exports/);
    await screenshot(page, 'money-trail-intact-exported');

    // Someone edits a sale's amount in the SQLite file.
    const db = sqliteOf(t.core.services.db);
    db.exec('DROP TRIGGER journal_entries_no_update');
    db.exec(`UPDATE journal_entries SET content = replace(content, '"amount":', '"amount":7') WHERE counter = 3`);
    await page.getByTestId('journal-check').click();
    await expectText(page.getByTestId('journal-broken'), /does not match from entry 3 on\. Entry 3 \(Sale \(receipt\), .*\d{1,2}:\d\d.*\): its content does not give its hash \(the entry was edited\)\. Entries up to 2 are intact/);
    await screenshot(page, 'money-trail-broken');
  });
});
