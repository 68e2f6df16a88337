import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectText, screenshot, startE2eApp, type E2eApp } from './harness';
import { fitsAtEverySize, holdSeat, openSession, signInCashier } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

const euros = (text: string | null) => Number((text ?? '').replace(/[^\d.,-]/g, '').replace(',', '.'));

/** The order on screen: its ticket lines and the total the Pay button states. */
async function orderOf(page: Page): Promise<{ lines: number; total: number }> {
  await page.locator('[data-testid="order-totals"]:not([aria-busy]) [data-testid="pay"]:not([disabled])').waitFor();
  return { lines: await page.getByTestId('ticket-line').count(), total: euros(await page.getByTestId('quote-total').textContent()) };
}

/**
 * Issue 13, item 1: holds left by an abandoned sale (reload, sign-out, F2 with a hold on its way)
 * were charged with the next order — €66 for 4 seats when 2 were clicked. The order is only what
 * this sale chose; the earlier holds are named with an explicit add / release.
 */
describe('the order is exactly what this sale chose', () => {
  it('after a reload, a sign-out and an F2 with a hold still on its way, two clicked seats charge two tickets', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInCashier(page);

    // An abandoned sale: two seats held, then the window is reloaded.
    await openSession(page, 'Hall 3');
    await holdSeat(page, 'H10');
    await holdSeat(page, 'H11');
    const two = await orderOf(page);
    expect(two.lines).toBe(2);
    await page.reload();
    // The stored sign-in outlives a reload unless its expiry passed on the browser's real clock (the core runs on the test's day).
    await page.locator('[data-testid="screen-counter"], [data-testid="login-username"]').first().waitFor();
    if (await page.getByTestId('login-username').isVisible()) await signInCashier(page);

    // The next sale at this terminal: the same session, two other seats.
    await openSession(page, 'Hall 3');
    await expectText(page.getByTestId('earlier-holds'), /2 seats still held from an earlier sale.*H10, H11/);
    expect(await page.getByTestId('ticket-line').count()).toBe(0);
    await holdSeat(page, 'J5');
    await holdSeat(page, 'J6');
    const next = await orderOf(page);
    expect(next).toEqual({ lines: 2, total: two.total });
    await screenshot(page, 'counter-earlier-holds');

    // Paid: two tickets, the price of two; the earlier seats are still held, not sold.
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    const db = app.t.core.services.db;
    const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow();
    expect(order.total).toBe(Math.round(two.total * 100));
    const sold = await db.selectFrom('tickets as t').innerJoin('seats as s', 's.id', 't.seat_id').select(['s.row_label', 's.number']).where('t.order_id', '=', order.id).execute();
    expect(sold.map((s) => `${s.row_label}${s.number}`).sort()).toEqual(['J5', 'J6']);
    await page.keyboard.press('Enter');

    // Released from the notice: the seats are free again.
    await page.getByTestId('earlier-holds-release').click();
    await page.locator('[data-seat="H10"][data-state="FREE"]').waitFor();
    await page.locator('[data-seat="H11"][data-state="FREE"]').waitFor();
    expect(await page.getByTestId('earlier-holds').count()).toBe(0);

    // A sign-out with two seats held, then the next sign-in: again nothing is charged for them.
    await holdSeat(page, 'K1');
    await holdSeat(page, 'K2');
    await page.getByTestId('logout').click();
    await signInCashier(page);
    await openSession(page, 'Hall 3');
    await expectText(page.getByTestId('earlier-holds'), /2 seats still held/);
    await fitsAtEverySize(page, 'earlier-holds');
    expect(await page.getByTestId('ticket-line').count()).toBe(0);
    // "Add" takes them into this order on purpose.
    await page.getByTestId('earlier-holds-add').click();
    expect((await orderOf(page)).lines).toBe(2);
    await page.getByTestId('earlier-holds').waitFor({ state: 'detached' });

    // F2 pressed right after a click, before the hold's answer: no seat of that sale comes along.
    await page.locator('[data-seat="L3"]').click();
    await page.keyboard.press('F2');
    await page.getByTestId('session-list').waitFor();
    await openSession(page, 'Hall 3');
    await page.getByTestId('order-no-seats').waitFor();
    const stillMine = await page.locator('[data-testid="seat"][data-state="MINE"]').count();
    if (stillMine > 0) await expectText(page.getByTestId('earlier-holds'), /still held from an earlier sale/);
    expect(await page.getByTestId('ticket-line').count()).toBe(0);
  });
});
