import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectText, screenshot, startE2eApp, type E2eApp } from './harness';
import { fitsAtEverySize, signInCashier, SIZES } from './counter-steps';
import { sellByKeyboard, sellByMouse } from './counter-flow';

let app: E2eApp;
afterEach(async () => app?.close());


const printedFiles = (dir: string) => (existsSync(join(dir, 'printed')) ? readdirSync(join(dir, 'printed')).length : 0);

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Issue 13, items 3 and 5, and the measured sale: keyboard first, advance sales. */
describe('keyboard first at the counter', () => {
  it('sells "2 adults for the next session + 1 cola, cash €50, change shown, slip printed" in ≤ 12 keys at 1024, 1366 and 1920 px, and in ≤ 5 clicks', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await signInCashier(page);
    const db = app.t.core.services.db;
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // Focus is on the session list, on the next session, without a click.
      await page.locator('[data-testid="session-row"][aria-pressed="true"]:focus').waitFor();
      const before = printedFiles(app.t.dir);
      const flow = await sellByKeyboard(page);
      expect(flow.keys, `keys at ${size.width}×${size.height}: ${flow.log.join(' ')}`).toBeLessThanOrEqual(12);
      expect(flow.change).toMatch(/€/);
      expect(printedFiles(app.t.dir)).toBeGreaterThan(before);
      if (size.width === 1366) await screenshot(page, 'counter-keyboard-sale-done');
      await page.keyboard.press('F2');
      await page.getByTestId('session-list').waitFor();
    }
    const orders = await db.selectFrom('orders').select(['id', 'total']).execute();
    expect(orders).toHaveLength(3);
    for (const o of orders) {
      expect(await db.selectFrom('tickets').select('ticket_type').where('order_id', '=', o.id).execute()).toEqual([{ ticket_type: 'ADULT' }, { ticket_type: 'ADULT' }]);
      const payment = await db.selectFrom('payments').selectAll().where('order_id', '=', o.id).executeTakeFirstOrThrow();
      expect(payment).toMatchObject({ method: 'CASH', cash_tendered: 5000, change_given: 5000 - o.total });
    }

    await page.setViewportSize(SIZES[1]);
    await page.locator('[data-testid="session-row"][aria-pressed="true"]:focus').waitFor();
    const mouse = await sellByMouse(page);
    expect(mouse.clicks, mouse.log.join(' ')).toBeLessThanOrEqual(5);
    expect(await db.selectFrom('orders').select('id').execute()).toHaveLength(4);
  });

  it('a key pressed while the hold and the price are on their way is not lost; payment methods by key; focus comes back after a lookup', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize(SIZES[1]);
    await signInCashier(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('seat-map').waitFor();

    // F8 right after a seat click, before the hold's answer and the quote: the payment opens once they are there.
    await page.locator('[data-seat="D5"]').click();
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    expect(await page.getByTestId('ticket-line').count()).toBe(1);
    // F7 card, F6 cash: the method by key.
    await page.keyboard.press('F7');
    await page.getByTestId('pay-approval').waitFor();
    expect(await page.getByTestId('pay-mode-card').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('F6');
    await page.getByTestId('pay-tendered').waitFor();
    expect(await page.getByTestId('pay-mode-cash').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
    await page.getByTestId('payment-dialog').waitFor({ state: 'detached' });

    // F4, a card number, Enter: the customer is on the order and the keys are back on the map.
    await page.keyboard.press('F4');
    await page.keyboard.type('2600100001');
    await page.keyboard.press('Enter');
    await page.getByTestId('order-customer').waitFor();
    await expect.poll(() => focusedTestId(page)).toBe('seat');
    // Every action has its key on screen.
    await expectText(page.getByTestId('sale-shortcuts'), /best seats.*snacks.*loyalty card.*pay.*sessions/);
  });

  it('sells on any future day: PgDn / PgUp step through the days, never before today', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize(SIZES[0]);
    await signInCashier(page);
    await page.locator('[data-testid="session-row"]:focus').waitFor();
    expect(await page.getByTestId('day-prev').isDisabled()).toBe(true);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expectText(page.getByTestId('counter-date'), /27 November 2026/);
    await expectText(page.locator('.screen-title').first(), /Advance sale/);
    await page.locator('[data-testid="session-row"][aria-pressed="true"]:focus').waitFor();
    await screenshot(page, 'counter-advance-day');
    await fitsAtEverySize(page, 'day-picker');
    // Sell the first session of that day with the keyboard.
    await page.keyboard.press('Enter');
    await page.getByTestId('seat-map').waitFor();
    await page.keyboard.press('1');
    await page.getByTestId('best-proposal').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    const db = app.t.core.services.db;
    const sold = await db.selectFrom('tickets as t').innerJoin('sessions as s', 's.id', 't.session_id').select('s.starts_at').executeTakeFirstOrThrow();
    expect(sold.starts_at.slice(0, 10)).toBe('2026-11-27');
    await page.keyboard.press('F2');
    await expectText(page.getByTestId('counter-date'), /27 November 2026/);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expectText(page.getByTestId('counter-date'), /25 November 2026/);
  });
});
