import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from './harness';
import { AREAS } from '../../renderer/src/shell/areas';

let app: E2eApp;
afterEach(async () => app?.close());

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's critical and serious violations on the page as it stands (Runtime.evaluate is not bound by the page's CSP). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as Violation[];
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`);
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('area-nav').waitFor();
}

/** Issue 13, item 11: axe-core finds no critical or serious violation on any screen. */
describe('accessibility (axe-core)', () => {
  it('the sign-in, every area of the administrator, and the counter while selling have no critical or serious violation', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    const found: Record<string, string[]> = {};
    const check = async (screen: string) => {
      const v = await seriousViolations(page);
      if (v.length) found[screen] = v;
    };
    await page.getByTestId('login-username').waitFor();
    await check('sign-in');

    await signIn(page, 'admin', 'admin1234');
    for (const area of AREAS) {
      await page.getByTestId(`nav-${area.id}`).click();
      await page.waitForFunction((id) => location.hash === `#/${id}`, area.id);
      await page.waitForTimeout(800);
      await check(area.id);
    }

    // The counter while selling: open a shift, the seat map with seats held, the payment dialog.
    await page.getByTestId('nav-counter').click();
    await page.getByTestId('shift-float').fill('100');
    await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-strip').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('seat-map').waitFor();
    await page.keyboard.press('2');
    await page.getByTestId('best-proposal').waitFor();
    await page.locator('[data-testid="concession-add"]').first().click();
    await page.getByTestId('concession-line').waitFor();
    await check('counter: seat map and order');
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await check('counter: payment');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    await page.getByTestId('print-status').waitFor();
    await check('counter: sale done');
    // The day picker of advance sales and the shift panel.
    await page.keyboard.press('F2');
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(500);
    await check('counter: next day');
    await page.keyboard.press('F9');
    await page.getByTestId('x-report').waitFor();
    await check('counter: shift panel');
    expect(found).toEqual({});
  });
});
