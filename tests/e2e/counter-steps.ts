import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';

/** Issue 13's resolutions. */
export const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * Issue 13's resolutions, cheaply: the state a test has reached is looked at in 1024×768, 1366×768
 * and 1920×1080 — the element (a dialog, a form, a prompt) fits in the window once scrolled to, and
 * none of its buttons is cut off — then the test goes on at the size it had.
 */
export async function fitsAtEverySize(page: Page, testId: string): Promise<void> {
  const before = page.viewportSize();
  const element = page.getByTestId(testId);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await element.scrollIntoViewIfNeeded();
    const box = (await element.boundingBox())!;
    const where = `${testId} at ${size.width}×${size.height}`;
    expect(box.x, where).toBeGreaterThanOrEqual(-0.5);
    expect(box.x + box.width, where).toBeLessThanOrEqual(size.width + 0.5);
    expect(box.height, `${where}: taller than the window`).toBeLessThanOrEqual(size.height);
    const cut = await element.locator('button').evaluateAll((buttons) =>
      buttons
        .filter((b) => b.getClientRects().length > 0)
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.left < -0.5 || r.right > window.innerWidth + 0.5 || b.scrollWidth > b.clientWidth + 1;
        })
        .map((b) => b.textContent?.trim()),
    );
    expect(cut, `${where}: buttons cut off`).toEqual([]);
    await screenshot(page, `${testId}-${size.width}`);
  }
  if (before) await page.setViewportSize(before);
}

/** At the counter with seats held: the demo loyalty card (F4), the WELCOME10 promocode and a Cola, each waited for. */
export async function addCardPromocodeAndDrink(page: Page): Promise<void> {
  await page.keyboard.press('F4');
  await page.keyboard.type('2600100001');
  await page.keyboard.press('Enter');
  await page.getByTestId('order-customer').waitFor();
  await page.getByTestId('promocode-input').fill('WELCOME10');
  await page.getByTestId('promocode-apply').click();
  await page.locator('[data-testid="promocode-status"]', { hasText: 'applied' }).waitFor();
  await page.locator('[data-testid="concession-add"][data-item="Cola 0.5 l"]').click();
  await page.getByTestId('concession-line').waitFor();
}

/** Signs the demo cashier in (from the login screen) and, unless one is open already, opens a shift with a €100 float. */
export async function signInCashier(page: Page): Promise<void> {
  await page.getByTestId('login-username').fill('cashier');
  await page.getByTestId('login-password').fill('cashier1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('screen-counter').waitFor();
  await page.locator('[data-testid="shift-strip"], [data-testid="shift-float"]').first().waitFor();
  if (await page.getByTestId('shift-float').isVisible()) {
    await page.getByTestId('shift-float').fill('100');
    await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-strip').waitFor();
  }
}

/** Opens the seat map of the first session whose row shows `text` (a hall, a rating). */
export async function openSession(page: Page, text: string): Promise<void> {
  // A click on the chosen row starts selling it at once; on another row it only chooses it (React
  // renders a click before the next step, so the Choose-seats button tells which happened).
  await page.getByTestId('session-row').filter({ hasText: text }).first().click();
  if (await page.getByTestId('session-sell').isVisible()) await page.getByTestId('session-sell').click();
  await page.getByTestId('seat-map').waitFor();
}

/** Clicks a seat and waits until the map shows it held by this terminal. */
export async function holdSeat(page: Page, seat: string): Promise<void> {
  await page.locator(`[data-seat="${seat}"]`).click();
  await page.locator(`[data-seat="${seat}"][data-state="MINE"]`).waitFor();
}
