import type { Page } from 'playwright-core';

export interface FlowResult {
  keys: number;
  clicks: number;
  /** ms from the first key (or click) until the slip is printed. */
  ms: number;
  change: string;
  log: string[];
}

/** The key of the Cola on the menu buttons ("⇧2" → Shift+Digit2). */
async function colaKey(page: Page): Promise<string> {
  const hint = (await page.locator('[data-testid="concession-add"][data-item="Cola 0.5 l"] kbd').textContent()) ?? '';
  const n = /⇧(\d)/.exec(hint)?.[1];
  if (!n) throw new Error(`The Cola has no key on its button ("${hint}").`);
  return `Shift+Digit${n}`;
}

async function printed(page: Page): Promise<string> {
  await page.getByTestId('sale-done').waitFor();
  await page.getByTestId('print-status').waitFor();
  return (await page.getByTestId('sale-change').textContent()) ?? '';
}

/**
 * The measured sale of issue 13 with the keyboard only, from the counter with its session list
 * focused: "2 adult tickets for the next session + 1 cola, cash €50, change shown, slip printed".
 * Each press (a chord such as Shift+2 is one press) is counted; the flow waits only for what the
 * cashier would see before the next key.
 */
export async function sellByKeyboard(page: Page): Promise<FlowResult> {
  const log: string[] = [];
  const press = async (key: string) => {
    log.push(key);
    await page.keyboard.press(key);
  };
  const t0 = Date.now();
  await press('Enter'); // the next session (focused and chosen) → its seat map
  await page.getByTestId('seat-map').waitFor();
  await press('2'); // the two best seats together
  await page.getByTestId('best-proposal').waitFor();
  await press('Enter'); // keep them
  await press(await colaKey(page)); // + Cola
  await press('F8'); // pay (waits for the price if it is still on its way)
  await page.getByTestId('payment-dialog').waitFor();
  await press('5');
  await press('0');
  await press('Enter'); // complete: change shown, tickets and receipt printed
  const change = await printed(page);
  return { keys: log.length, clicks: 0, ms: Date.now() - t0, change, log };
}

/** The same sale with the mouse: each click counted. */
export async function sellByMouse(page: Page): Promise<FlowResult> {
  const log: string[] = [];
  const click = async (what: string, selector: string) => {
    log.push(what);
    await page.locator(selector).first().click();
  };
  const t0 = Date.now();
  await click('next session', '[data-testid="session-row"][aria-pressed="true"]');
  await page.getByTestId('seat-map').waitFor();
  await click('2 best seats', '[data-testid="best-2"]');
  await page.getByTestId('best-proposal').waitFor();
  await click('cola', '[data-testid="concession-add"][data-item="Cola 0.5 l"]');
  await click('pay', '[data-testid="pay"]');
  await page.getByTestId('payment-dialog').waitFor();
  await click('€50', '[data-testid="pay-quick"]:has-text("50.00")');
  const change = await printed(page);
  return { keys: 0, clicks: log.length, ms: Date.now() - t0, change, log };
}
