import { afterEach, describe, expect, it } from 'vitest';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';
import { fitsAtEverySize } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

describe('order history', () => {
  it('a cashier finds today’s order, reprints its receipt, exchanges a ticket and refunds the rest after a confirmation (a ticket let in needs a manager); the slip prints; the door refuses the old code', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page, t } = app;
    const db = t.core.services.db;

    // A sale made at this counter earlier (through the API): two IMAX seats, cash.
    const token = await t.signIn('CASHIER');
    await t.call('shifts.open', { openingFloat: 10_000 }, token);
    const session = await db
      .selectFrom('sessions as s')
      .innerJoin('halls as h', 'h.id', 's.hall_id')
      .select(['s.id', 's.hall_id', 's.starts_at'])
      .where('h.name', '=', 'Hall 3 IMAX')
      .where('s.starts_at', '>', '2026-11-25T14:00:00.000Z')
      .orderBy('s.starts_at')
      .executeTakeFirstOrThrow();
    const seat = async (row: string, n: number) =>
      (await db.selectFrom('seats').select('id').where('hall_id', '=', session.hall_id).where('row_label', '=', row).where('number', '=', n).executeTakeFirstOrThrow()).id;
    const seats = [await seat('G', 5), await seat('G', 6)];
    await t.call('booking.hold', { sessionId: session.id, seatIds: seats }, token);
    const draft = { sessionId: session.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'ADULT' as const })), ageConfirmed: true };
    const quote = await t.call('orders.quote', draft, token);
    const sale = await t.call('orders.sell', { ...draft, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay }] }, token);

    const { username, password } = demoLogin('CASHIER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('screen-counter').waitFor();
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByTestId('screen-orders').waitFor();
    await page.locator(`[data-testid="order-row"][data-order-number="${sale.number}"]`).click();
    await page.getByTestId('order-panel').waitFor();
    expect(await page.getByTestId('order-ticket').count()).toBe(2);

    // Reprint the receipt (to this terminal's PDF folder).
    await page.getByTestId('reprint-receipt').click();
    await page.getByTestId('print-status').waitFor();
    expect(await page.getByTestId('print-status').textContent()).toMatch(/Receipt saved to .+receipt\.pdf/);

    // Exchange G6 for G9 in the same session: same price, new code.
    await page.getByTestId('order-exchange').nth(1).click();
    await page.getByTestId('exchange-form').waitFor();
    const g9 = await seat('G', 9);
    await page.locator(`[data-testid="exchange-seat"] option[value="${g9}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('exchange-seat').selectOption(g9);
    await page.getByTestId('exchange-submit').click();
    await page.locator('[data-testid="order-notice"]', { hasText: 'Exchanged: now row G, seat 9' }).waitFor();

    // The usher lets G5 in a few minutes before the start.
    t.clock.set(new Date(Date.parse(session.starts_at) - 5 * 60_000));
    const usher = await t.signIn('USHER');
    expect((await t.call('tickets.scan', { sessionId: session.id, code: sale.tickets[0]!.qrPayload }, usher)).result).toBe('VALID');
    const usherName = (await db.selectFrom('users').select('display_name').where('role', '=', 'USHER').executeTakeFirstOrThrow()).display_name;

    // Refund the whole order: a reason from the list, then a confirmation with amount and method.
    await page.getByTestId('order-refund').click();
    await page.getByTestId('refund-form').waitFor();
    expect(await page.getByTestId('refund-ticket').count()).toBe(2);
    await page.getByTestId('refund-review').click();
    await page.locator('[data-testid="refund-error"]', { hasText: 'Choose the reason' }).waitFor();
    await page.getByTestId('refund-reason').selectOption('CUSTOMER_CHANGED_MIND');
    await page.getByTestId('refund-review').click();
    await page.getByTestId('refund-confirmation').waitFor();
    await fitsAtEverySize(page, 'refund-confirmation');
    const total = sale.tickets.reduce((s, x) => s + x.price - x.discount, 0);
    const amount = await page.getByTestId('refund-amount').textContent();
    expect(amount?.replace(/\D/g, '')).toBe(String(total));
    expect(await page.getByTestId('refund-methods').textContent()).toContain('in cash');
    expect(await page.getByTestId('refund-needs-manager').textContent()).toMatch(new RegExp(`Row G, seat 5 was let in at \\d\\d:\\d\\d by ${usherName}`));
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'orders-refund-form');
    // Without the manager's PIN nothing happens.
    await page.getByTestId('refund-confirm').click();
    await page.locator('[data-testid="refund-error"]', { hasText: 'needs a manager' }).waitFor();
    expect((await db.selectFrom('orders').select('status').where('id', '=', sale.orderId).executeTakeFirstOrThrow()).status).toBe('PAID');
    await page.getByTestId('refund-pin').fill('2468');
    await page.getByTestId('refund-confirm').click();
    await page.locator('[data-testid="order-notice"]', { hasText: 'Refunded' }).waitFor();
    expect(await page.getByTestId('order-notice').textContent()).toMatch(/Refund slip R[0-9A-F]{4}-000001 saved to .+refund\.pdf/);
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('Refunded');
    // The slip can be printed again from the order.
    await page.getByTestId('refund-slip-print').click();
    await page.locator('[data-testid="refund-slips"]', { hasText: /Refund slip R[0-9A-F]{4}-000001 saved to/ }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'orders-refunded');

    const order = await db.selectFrom('orders').select('status').where('id', '=', sale.orderId).executeTakeFirstOrThrow();
    expect(order.status).toBe('REFUNDED');
    const statuses = await db.selectFrom('tickets').select('status').where('order_id', '=', sale.orderId).orderBy('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['EXCHANGED', 'REFUNDED', 'REFUNDED']);

    // At the door the refunded code is refused.
    const scan = await t.call('tickets.scan', { sessionId: session.id, code: sale.tickets[0]!.qrPayload }, usher);
    expect(scan.result).toBe('REFUNDED');
  });
});
