import type { Page } from 'playwright-core';

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

/** Opens the seat map of the first session in the named hall. */
export async function openSession(page: Page, hall: string): Promise<void> {
  // A click on the chosen row starts selling it at once; on another row it only chooses it (React
  // renders a click before the next step, so the Choose-seats button tells which happened).
  await page.getByTestId('session-row').filter({ hasText: hall }).first().click();
  if (await page.getByTestId('session-sell').isVisible()) await page.getByTestId('session-sell').click();
  await page.getByTestId('seat-map').waitFor();
}

/** Clicks a seat and waits until the map shows it held by this terminal. */
export async function holdSeat(page: Page, seat: string): Promise<void> {
  await page.locator(`[data-seat="${seat}"]`).click();
  await page.locator(`[data-seat="${seat}"][data-state="MINE"]`).waitFor();
}
