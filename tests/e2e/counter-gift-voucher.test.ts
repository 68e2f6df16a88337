import { afterEach, describe, expect, it } from 'vitest';
import { expectText, screenshot, startE2eApp, type E2eApp } from './harness';
import { holdSeat, openSession, signInCashier } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

/** Issue 14.6 (rule 17): a gift voucher sold at the counter pays part of a later order. */
describe('gift vouchers at the counter', () => {
  it('sells a €10 voucher for cash, then a ticket is paid €10 from it and the rest in cash (1366×768)', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInCashier(page);

    await page.getByTestId('voucher-open').click();
    await page.getByTestId('voucher-dialog').waitFor();
    // A slip of the finger is refused in words.
    await page.getByTestId('voucher-amount').fill('2000');
    await page.getByTestId('voucher-sell').click();
    await expectText(page.getByTestId('voucher-error'), /at most €1,000\.00/);
    await page.getByTestId('voucher-amount').fill('10');
    await page.getByTestId('voucher-tendered').fill('20');
    await page.getByTestId('voucher-sell').click();
    const code = (await expectText(page.getByTestId('voucher-code'), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)).trim();
    await expectText(page.getByTestId('voucher-change'), /€10\.00/);
    await screenshot(page, 'voucher-sold');
    await page.getByTestId('voucher-done-close').click();
    await page.getByTestId('voucher-done').waitFor({ state: 'detached' });

    await openSession(page, 'Hall 3');
    await holdSeat(page, 'G7');
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    // An unknown code first: refused, nothing applied.
    await page.getByTestId('pay-voucher-code').fill('ZZZZ-ZZZZ-ZZZZ');
    await page.getByTestId('pay-voucher-check').click();
    await expectText(page.getByTestId('pay-voucher-error'), /No voucher has the code ZZZZ-ZZZZ-ZZZZ/);
    await page.getByTestId('pay-voucher-code').fill(code.toLowerCase());
    await page.getByTestId('pay-voucher-check').click();
    await expectText(page.getByTestId('pay-voucher-balance'), new RegExp(`${code}: €10\\.00 left`));
    await page.getByTestId('pay-voucher-apply').click();
    await page.getByTestId('pay-voucher-applied').waitFor();
    const due = await page.getByTestId('pay-due').textContent();
    const dueMinor = Math.round(Number((due ?? '').replace(/[^0-9.]/g, '')) * 100);
    await expectText(page.getByTestId('pay-rest'), new RegExp(`€${((dueMinor - 1000) / 100).toFixed(2).replace('.', '\\.')}`));
    await screenshot(page, 'voucher-payment');
    await page.getByTestId('pay-confirm').click();
    await page.getByTestId('sale-done').waitFor();

    const db = app.t.core.services.db;
    const order = await db.selectFrom('orders').innerJoin('tickets', 'tickets.order_id', 'orders.id').select('orders.id').executeTakeFirstOrThrow();
    const payments = await db.selectFrom('payments').select(['method', 'amount']).where('order_id', '=', order.id).orderBy('method').execute();
    expect(payments).toEqual([
      { method: 'CASH', amount: dueMinor - 1000 },
      { method: 'VOUCHER', amount: 1000 },
    ]);
    const moves = await db.selectFrom('gift_voucher_movements').select(['kind', 'amount']).orderBy('kind').execute();
    expect(moves).toEqual([
      { kind: 'REDEMPTION', amount: -1000 },
      { kind: 'SALE', amount: 1000 },
    ]);
  });
});
