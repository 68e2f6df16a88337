import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, startE2eApp, type E2eApp } from './harness';
import { holdSeat, openSession, signInCashier } from './counter-steps';
import { AREAS } from '../../renderer/src/shell/areas';

let app: E2eApp;
afterEach(async () => app?.close());

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** The element is wholly inside the window, and it is what the window shows at its centre (nothing covers it). */
async function expectInView(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= view.width + 0.5 && box!.y + box!.height <= view.height + 0.5, `${what} in view at ${view.width}×${view.height}: ${JSON.stringify(box)}`).toBe(true);
  const onTop = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (el === hit || el.contains(hit));
  });
  expect(onTop, `${what} is not covered`).toBe(true);
}

/** Issue 13, item 2: the total and Pay are always in view; every area is reachable; tables keep their buttons. */
describe('always in view', () => {
  it('total and Pay stay on screen with 10 order lines in the largest hall at 1024×768, 1366×768 and 1920×1080', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize(SIZES[0]);
    await signInCashier(page);
    // Hall 3 (IMAX, 300 seats) is the demo's largest hall.
    await openSession(page, 'Hall 3');
    for (const seat of ['F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12']) await holdSeat(page, seat);
    await page.locator('[data-testid="concession-add"][data-item="Cola 0.5 l"]').click();
    await page.locator('[data-testid="concession-add"][data-item="Popcorn large"]').click();
    await page.locator('[data-testid="concession-line"]').nth(1).waitFor();
    await page.locator('[data-testid="pay"]:not([disabled])').waitFor();
    expect((await page.getByTestId('ticket-line').count()) + (await page.getByTestId('concession-line').count())).toBe(10);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
      await page.screenshot({ path: `test-results/screenshots/counter-fit-${size.width}x${size.height}.png` });
      await expectInView(page, page.getByTestId('quote-total'), 'the total');
      await expectInView(page, page.getByTestId('pay'), 'Pay');
      // The page itself does not scroll, and the whole hall is on screen (its first and last seats).
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(true);
      await expectInView(page, page.locator('[data-seat="A1"]'), 'seat A1');
      await expectInView(page, page.locator('[data-testid="seat"]').last(), 'the last seat');
    }
  });

  it("every administrator's area is reachable from the navigation at 1024, 1366 and 1920 px, and no table cuts off its buttons", async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('admin1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('area-nav').waitFor();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const area of AREAS) await expectInView(page, page.getByTestId(`nav-${area.id}`), `${area.id} in the navigation`);
      if (size.width === 1366) await screenshot(page, 'admin-nav-1366');
    }

    await page.setViewportSize(SIZES[0]);
    for (const area of AREAS) {
      await page.getByTestId(`nav-${area.id}`).click();
      await page.waitForFunction((id) => location.hash === `#/${id}` && !document.querySelector('.loading, [aria-busy="true"]'), area.id);
      await page.waitForTimeout(300);
      // Each button in a table lies inside the part of the table's scroll box that is shown.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('table button, table a.btn')]
          .filter((b) => {
            const r = b.getBoundingClientRect();
            if (r.width === 0) return false;
            let box: Element | null = b.parentElement;
            while (box && box !== document.body) {
              const style = getComputedStyle(box);
              if (/(auto|scroll|hidden)/.test(style.overflowX)) {
                const c = box.getBoundingClientRect();
                if (r.right > c.right + 1 || r.left < c.left - 1) return true;
              }
              box = box.parentElement;
            }
            return r.right > window.innerWidth + 1;
          })
          .map((b) => b.textContent),
      );
      expect(cut, `buttons cut off on ${area.id} at 1024 px`).toEqual([]);
    }
  });
});
