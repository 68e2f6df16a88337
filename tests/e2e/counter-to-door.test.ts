import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';
import { pdfQrCodes, pdfText, renderPdf } from '../../electron/core/printing/testing/read-pdf';
import { addCardPromocodeAndDrink } from './counter-steps';

let app: E2eApp;
afterEach(async () => app?.close());

describe('from the counter to the door', () => {
  it('a sold ticket is printed as a PDF whose QR the usher scans: admitted once, then "already used"', async () => {
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page, t } = app;
    const cashier = demoLogin('CASHIER');
    await page.getByTestId('login-username').fill(cashier.username);
    await page.getByTestId('login-password').fill(cashier.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('screen-counter').waitFor();

    // Open the shift, sell two IMAX seats with WELCOME10 and a cola, cash with change.
    await page.getByTestId('shift-float').fill('100');
    await page.getByTestId('shift-open').click();
    await page.getByTestId('shift-strip').waitFor();
    await page.getByTestId('session-row').filter({ hasText: 'Hall 3' }).first().click();
    await page.getByTestId('session-sell').click();
    await page.getByTestId('seat-map').waitFor();
    await page.locator('[data-seat="F7"]').click();
    await page.locator('[data-seat="F7"][data-state="MINE"]').waitFor();
    await page.locator('[data-seat="F8"]').click();
    await page.locator('[data-seat="F8"][data-state="MINE"]').waitFor();
    await addCardPromocodeAndDrink(page);
    await page.locator('[data-testid="pay"]:not([disabled])').waitFor();
    await page.keyboard.press('F8');
    await page.getByTestId('payment-dialog').waitFor();
    await page.getByTestId('pay-tendered').fill('50');
    await expect.poll(() => page.getByTestId('pay-change').textContent()).not.toBe('—');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-done').waitFor();

    // The tickets and the receipt print at once (to the PDF folder of this terminal).
    const status = page.getByTestId('print-status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Tickets saved to .+tickets\.pdf; Receipt saved to .+receipt\.pdf/);
    await screenshot(page, 'sale-printed');

    const db = t.core.services.db;
    const order = await db.selectFrom('orders').selectAll().executeTakeFirstOrThrow();
    const tickets = await db
      .selectFrom('tickets as tk')
      .innerJoin('seats as s', 's.id', 'tk.seat_id')
      .select(['tk.id', 'tk.qr_payload', 'tk.session_id', 's.row_label', 's.number'])
      .where('tk.order_id', '=', order.id)
      .orderBy('s.number')
      .execute();
    expect(tickets).toHaveLength(2);
    const folder = join(t.dir, 'printed');
    const file = readdirSync(folder).find((f) => f.endsWith('tickets.pdf'))!;
    const pdf = readFileSync(join(folder, file));

    // Read the PDF as a person and as a scanner would: its text, and the QR in its pixels.
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Aurora Cinema');
    expect(pages[0]).toContain(`Order ${order.number}`);
    expect(pages[0]).toMatch(/ROW F SEAT 7/);
    const codes = await pdfQrCodes(pdf);
    expect(codes).toEqual(tickets.map((tk) => tk.qr_payload));
    const [slip] = await renderPdf(pdf, 150);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, 'ticket-slip.png'), slip!.png);

    // The usher, at the door of that session once the doors are open.
    const session = await db.selectFrom('sessions').select(['id', 'starts_at']).where('id', '=', tickets[0]!.session_id).executeTakeFirstOrThrow();
    t.clock.set(new Date(Date.parse(session.starts_at) - 10 * 60_000));
    const door = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await door.goto(app.bridge.url);
    const usher = demoLogin('USHER');
    await door.getByTestId('login-username').fill(usher.username);
    await door.getByTestId('login-password').fill(usher.password);
    await door.getByTestId('login-submit').click();
    await door.getByTestId('screen-door').waitFor();
    await door.locator(`[data-testid="door-session-option"][data-session-id="${session.id}"]`).click();
    await door.getByTestId('door-scanner').waitFor();

    // A keyboard-wedge scanner types the code into the focused field and presses Enter.
    await expect.poll(() => door.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('door-scan-input');
    await door.keyboard.type(codes[0]!);
    await door.keyboard.press('Enter');
    await door.locator('[data-testid="door-result"][data-result="VALID"]').waitFor();
    expect(await door.getByTestId('door-result-title').textContent()).toContain('Let in · Row F, seat 7');
    await expect.poll(() => door.getByTestId('door-admitted').textContent()).toMatch(/^1 let in/);
    await door.evaluate(() => window.scrollTo(0, 0));
    await screenshot(door, 'door-valid');

    // The same ticket again: refused, with when and where it was first let in.
    await expect.poll(() => door.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('door-scan-input');
    await door.keyboard.type(codes[0]!);
    await door.keyboard.press('Enter');
    await door.locator('[data-testid="door-result"][data-result="ALREADY_USED"]').waitFor();
    expect(await door.getByTestId('door-result-message').textContent()).toMatch(/Already used: row F, seat 7 was let in at \d\d:\d\d by Mehmet Yılmaz/);
    await door.evaluate(() => window.scrollTo(0, 0));
    await screenshot(door, 'door-already-used');

    const scans = await db.selectFrom('ticket_scans').select('result').orderBy('scanned_at').execute();
    expect(scans.map((s) => s.result)).toEqual(['VALID', 'ALREADY_USED']);
  });
});
