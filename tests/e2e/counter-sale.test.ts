import { afterEach, describe, expect, it } from 'vitest';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';
import { addCardPromocodeAndDrink } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

describe('selling at the counter', () => {
  it('a cashier opens a shift, sells two tickets with WELCOME10 and a drink, pays cash with change', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    const { username, password } = demoLogin('CASHIER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('screen-counter').waitFor();

    // Rule 14: no selling before the shift is open.
    await page.getByTestId('shift-float').fill('100');
    await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-strip').waitFor();

    // A session in the IMAX hall, then its seat map.
    const row = page.getByTestId('session-row').filter({ hasText: 'Hall 3' }).first();
    await row.click();
    await page.getByTestId('session-sell').click();
    await page.getByTestId('seat-map').waitFor();

    // One seat by mouse, the next by keyboard (arrow + Space).
    await page.locator('[data-seat="H10"]').click();
    await page.locator('[data-seat="H10"][data-state="MINE"]').waitFor();
    await page.locator('[data-seat="H10"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await page.locator('[data-seat="H11"][data-state="MINE"]').waitFor();
    await page.getByTestId('hold-countdown').waitFor();
    expect(await page.getByTestId('ticket-line').count()).toBe(2);

    // Loyalty card (F4), the promocode and a drink.
    await addCardPromocodeAndDrink(page);
    await page.getByTestId('quote-discount').waitFor();
    await page.locator('[data-testid="pay"]:not([disabled])').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'seat-map');

    // F8: the payment dialog; 50 in cash, change shown.
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.getByTestId('pay-tendered').fill('50');
    const due = (await page.getByTestId('pay-due').textContent())!;
    await expect.poll(() => page.getByTestId('pay-change').textContent()).not.toBe('—');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'payment-dialog');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();

    const db = app.t.core.services.db;
    const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow();
    expect(order.promocode_id).not.toBeNull();
    expect(order.discount).toBeGreaterThan(0);
    expect(await db.selectFrom('tickets').select('id').where('order_id', '=', order.id).execute()).toHaveLength(2);
    expect(await db.selectFrom('order_concession_lines').select('id').where('order_id', '=', order.id).execute()).toHaveLength(1);
    const payment = await db.selectFrom('payments').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ method: 'CASH', amount: order.total, cash_tendered: 5000, change_given: 5000 - order.total });
    expect(due.replace(/\s/g, '')).toContain((order.total / 100).toFixed(2));
    expect(await page.getByTestId('sale-number').textContent()).toBe(order.number);
    expect((await page.getByTestId('sale-change').textContent())!.replace(/\s/g, '')).toContain(((5000 - order.total) / 100).toFixed(2));
    await screenshot(page, 'sale-done');

    // Enter: next customer; the seats are sold on the map.
    await page.keyboard.press('Enter');
    await page.locator('[data-seat="H10"][data-state="SOLD"]').waitFor();

    // A whole sale without the mouse: the map has the focus — Space holds, F8 pays, Enter takes exact cash.
    await page.locator('[data-testid="seat"][tabindex="0"]:focus').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.getByTestId('ticket-line').waitFor();
    await page.locator('[data-testid="pay"]:not([disabled])').waitFor();
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    expect(await db.selectFrom('orders').select('id').execute()).toHaveLength(2);
    expect((await page.getByTestId('sale-change').textContent())!.replace(/\s/g, '')).toContain('0.00');

    // Back to the sessions (F2), the X report (F9), and closing the shift with the counted cash → Z report.
    await page.keyboard.press('F2');
    await page.getByTestId('shift-strip').waitFor();
    await page.keyboard.press('F9');
    await page.getByTestId('x-report').waitFor();
    const cashIn = (await db.selectFrom('payments').select((eb) => eb.fn.sum<number>('amount').as('s')).where('method', '=', 'CASH').executeTakeFirstOrThrow()).s;
    await page.getByTestId('shift-counted').fill(((10_000 + Number(cashIn) - 100) / 100).toFixed(2));
    await page.getByTestId('shift-close').click();
    // Closing asks once more, naming the counted amount.
    await page.getByTestId('shift-close-confirm').waitFor();
    await page.getByTestId('shift-close-confirm-yes').click();
    await page.getByTestId('z-report').waitFor();
    expect((await page.getByTestId('shift-difference').textContent())!.replace(/\s/g, '')).toContain('−€1.00');
    await screenshot(page, 'z-report');
    const shift = await db.selectFrom('shifts').selectAll().executeTakeFirstOrThrow();
    expect(shift).toMatchObject({ status: 'CLOSED', difference: -100, expected_cash: 10_000 + Number(cashIn) });
  });
});
