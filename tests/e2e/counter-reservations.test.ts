import { afterEach, describe, expect, it } from 'vitest';
import { expectText, screenshot, startE2eApp, type E2eApp } from './harness';
import { fitsAtEverySize, holdSeat, signInCashier } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

/** Issue 13, item 8 (rule 18): a phone reservation without payment, shown on the map, found and paid at pickup. */
describe('reservations', () => {
  it('reserves two seats for a caller, shows them reserved, finds the reservation by phone and sells it as a normal sale', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInCashier(page);
    // The second Hall 3 session: the first starts within the release time (too late to reserve).
    await page.getByTestId('session-row').filter({ hasText: 'Hall 3' }).nth(1).click();
    await page.getByTestId('session-sell').click();
    await page.getByTestId('seat-map').waitFor();
    await holdSeat(page, 'K7');
    await holdSeat(page, 'K8');
    await page.locator('[data-testid="order-totals"]:not([aria-busy])').waitFor();
    await page.keyboard.press('F7');
    await page.getByTestId('reserve-dialog').waitFor();
    await fitsAtEverySize(page, 'reserve-dialog');
    await page.getByTestId('reserve-name').fill('Jonas Weber');
    await page.getByTestId('reserve-phone').fill('+49 30 555 0199');
    await page.keyboard.press('Enter');
    await page.getByTestId('reserved-notice').waitFor();
    const code = (await page.getByTestId('reserved-code').textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await page.locator('[data-seat="K7"][data-state="RESERVED"]').waitFor();
    await page.locator('[data-seat="K8"][data-state="RESERVED"]').waitFor();
    expect(await page.getByTestId('ticket-line').count()).toBe(0);
    await screenshot(page, 'counter-reserved');

    // Pickup: F2 to the sessions, F3 to the search, the phone, Enter; Sell.
    await page.keyboard.press('F2');
    await page.getByTestId('session-list').waitFor();
    await page.keyboard.press('F3');
    await page.keyboard.type('5550199');
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('reservation-result'), new RegExp(`${code}.*Jonas Weber.*K7, K8`));
    await screenshot(page, 'counter-reservation-found');
    await page.getByTestId('reservation-sell').click();
    await page.getByTestId('pickup-notice').waitFor();
    await fitsAtEverySize(page, 'pickup-notice');
    await page.locator('[data-seat="K7"][data-state="MINE"]').waitFor();
    await expect.poll(() => page.getByTestId('ticket-line').count()).toBe(2);
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    const db = app.t.core.services.db;
    const r = await db.selectFrom('reservations').select(['status', 'order_id']).executeTakeFirstOrThrow();
    expect(r.status).toBe('PICKED_UP');
    expect(await db.selectFrom('tickets').select('id').where('order_id', '=', r.order_id!).execute()).toHaveLength(2);
  });
});
