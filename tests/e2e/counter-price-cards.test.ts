import { afterEach, describe, expect, it } from 'vitest';
import { expectText, screenshot, startE2eApp, type E2eApp } from './harness';
import { fitsAtEverySize, holdSeat, openSession, signInCashier, SIZES } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

/** Issue 13, item 6 (rule 19): a manager's price card; the cashier picks ticket types with buttons on each line. */
describe('price cards', () => {
  it('a manager sets €12.00 adult / €8.50 child for the IMAX bands; the counter sells at those prices, types chosen on the line', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('login-username').fill('manager');
    await page.getByTestId('login-password').fill('manager1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-prices').click();
    const imaxRows = page.getByTestId('price-default-row').filter({ hasText: 'IMAX' });
    await imaxRows.first().waitFor();
    const n = await imaxRows.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await imaxRows.nth(i).getByTestId('price-card-edit').click();
      await page.getByTestId('price-card-ADULT-ANY').fill('12.00');
      await page.getByTestId('price-card-CHILD-ANY').fill('8,50');
      if (i === 0) {
        // Every seat kind the IMAX hall has is a column (not only VIP and loveseat): a wheelchair place's own price.
        const cells = await page.locator('[data-testid^="price-card-ADULT-"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')));
        expect(cells).toEqual(['price-card-ADULT-ANY', 'price-card-ADULT-STANDARD', 'price-card-ADULT-WHEELCHAIR', 'price-card-ADULT-COMPANION']);
        expect(await page.locator('[data-testid="price-card-table"] thead th').count()).toBe(5);
        await page.getByTestId('price-card-ADULT-WHEELCHAIR').fill('6.00');
        await fitsAtEverySize(page, 'price-card-form');
        await screenshot(page, 'price-card-form');
      }
      await page.getByTestId('price-card-save').click();
      await page.getByTestId('price-card-form').waitFor({ state: 'detached' });
    }
    await expectText(imaxRows.first().getByTestId('price-card-edit'), /Card \(3\)/);
    // A typo is refused in the manager's words, nothing saved.
    await imaxRows.first().getByTestId('price-card-edit').click();
    await page.getByTestId('price-card-SENIOR-ANY').fill('9,999');
    await page.getByTestId('price-card-save').click();
    await expectText(page.getByTestId('price-card-error'), /Senior · Any seat/);
    // Signing out asks before the refused draft is dropped (unsaved changes): leave it.
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('logout').click();

    await signInCashier(page);
    await openSession(page, 'Hall 3');
    await holdSeat(page, 'G7');
    await holdSeat(page, 'G8');
    await page.getByTestId('ticket-line').nth(1).getByTestId('ticket-type-child').click();
    await expectText(page.getByTestId('quote-total'), /20\.50/);
    const prices = await page.locator('[data-testid="ticket-line"] .order-line-price').allTextContents();
    expect(prices.map((p) => p.replace(/\s/g, ''))).toEqual(['€12.00', '€8.50']);
    expect(await page.getByTestId('ticket-line').nth(1).getByTestId('ticket-type-child').getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'counter-price-card');
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    const tickets = await app.t.core.services.db.selectFrom('tickets').select(['ticket_type', 'price']).orderBy('price', 'desc').execute();
    expect(tickets).toEqual([
      { ticket_type: 'ADULT', price: 1200 },
      { ticket_type: 'CHILD', price: 850 },
    ]);
  });

  it('ticket types by key on a focused line (F6, then 1–4, ↑/↓ to the next line), the keys shown on the buttons at 1024, 1366 and 1920 px', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page } = app;
    await page.setViewportSize(SIZES[0]);
    await signInCashier(page);
    await openSession(page, 'Hall 3');
    await page.keyboard.press('3');
    await page.getByTestId('best-proposal').waitFor();
    await page.keyboard.press('Enter');
    const lines = page.getByTestId('ticket-line');
    await lines.nth(2).waitFor();
    await expectText(page.getByTestId('ticket-type-keys'), /F6 ticket types: 1–4 pick/);
    const chosen = (line: number, type: string) => lines.nth(line).locator(`[data-testid="ticket-type-${type}"][aria-checked="true"]`).waitFor();

    await page.keyboard.press('F6');
    await page.keyboard.press('2');
    await chosen(0, 'child');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('4');
    await chosen(1, 'senior');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('3');
    await chosen(2, 'student');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('1');
    await chosen(1, 'adult');
    // The digits went to the lines, not to "best seats": still the same three seats.
    expect(await lines.count()).toBe(3);

    // Every type's button and its key fit on the line at each size.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const group = (await lines.nth(2).getByTestId('ticket-type').boundingBox())!;
      for (const type of ['adult', 'child', 'student', 'senior']) {
        const button = lines.nth(2).getByTestId(`ticket-type-${type}`);
        const box = (await button.boundingBox())!;
        expect(box.x + box.width, `${type} inside its line at ${size.width} px`).toBeLessThanOrEqual(group.x + group.width + 0.5);
        expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth + 1), `${type} is not cut at ${size.width} px`).toBe(true);
        await expectText(button.locator('kbd'), /^[1-4]$/);
      }
      await screenshot(page, `counter-ticket-type-keys-${size.width}`);
    }

    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();
    const tickets = await app.t.core.services.db.selectFrom('tickets').select('ticket_type').orderBy('ticket_type').execute();
    expect(tickets.map((t) => t.ticket_type)).toEqual(['ADULT', 'CHILD', 'STUDENT']);
  });
});
