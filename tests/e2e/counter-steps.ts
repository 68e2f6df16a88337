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
