import { afterEach, describe, expect, it } from 'vitest';
import { expectText, screenshot, startE2eApp, type E2eApp } from './harness';
import { fitsAtEverySize, openSession, signInCashier } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

/** Issue 13, items 7 and 10: the ID check once per order (audited), and closing a shift with a confirmation and a blind count. */
describe('age check and shift close', () => {
  it('asks once per order for an FSK 16 film, audits it; closing the shift asks again; a blind cash-up hides the expected cash until the count', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    const db = app.t.core.services.db;
    await db.updateTable('cinemas').set({ blind_cash_up: 1, id_check_ratings: '{"FSK 16":16,"FSK 18":18}' }).execute();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInCashier(page);

    // A session of an FSK 16 film, sold by keyboard: F8 asks for the ID check first.
    await openSession(page, 'FSK 16');
    await page.keyboard.press('2');
    await page.getByTestId('best-proposal').waitFor();
    await fitsAtEverySize(page, 'best-proposal');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F8');
    await page.getByTestId('age-check').waitFor();
    await expectText(page.getByTestId('age-check'), /FSK 16.*at least 16/);
    await fitsAtEverySize(page, 'age-check');
    await screenshot(page, 'counter-age-check');
    // Esc goes back to the order; F8 asks again (nothing confirmed yet).
    await page.keyboard.press('Escape');
    await page.getByTestId('age-check').waitFor({ state: 'detached' });
    await page.keyboard.press('F8');
    await page.getByTestId('age-check').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-dialog').waitFor();
    // Once per order: back to the order and to payment again without a second question.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    expect(await page.getByTestId('age-check').count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'order.sell').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details).ageCheck).toEqual({ rating: 'FSK 16', minAge: 16, confirmed: true });

    // Shift: the strip and the X report keep the expected cash hidden (blind cash-up).
    await page.keyboard.press('F2');
    await page.getByTestId('shift-strip').waitFor();
    expect(await page.getByTestId('shift-strip').textContent()).not.toMatch(/expected cash/);
    await page.keyboard.press('F9');
    await page.getByTestId('x-report').waitFor();
    await expectText(page.getByTestId('shift-expected'), /counted at close/);
    await page.getByTestId('shift-counted').fill('120');
    await page.getByTestId('shift-close').click();
    await expectText(page.getByTestId('shift-close-confirm'), /Close .*shift.*€120\.00 counted/);
    await fitsAtEverySize(page, 'shift-close-confirm');
    await screenshot(page, 'shift-close-confirm');
    // "Keep the shift open" changes nothing.
    await page.getByTestId('shift-close-cancel').click();
    expect((await db.selectFrom('shifts').select('status').executeTakeFirstOrThrow()).status).toBe('OPEN');
    await page.getByTestId('shift-close').click();
    await page.getByTestId('shift-close-confirm-yes').click();
    await page.getByTestId('z-report').waitFor();
    const shift = await db.selectFrom('shifts').selectAll().executeTakeFirstOrThrow();
    expect(shift).toMatchObject({ status: 'CLOSED', counted_cash: 12_000 });
    // The Z report shows the expected cash and the difference now.
    await expectText(page.getByTestId('shift-expected'), /€/);
    await page.getByTestId('shift-difference').waitFor();
  });
});
