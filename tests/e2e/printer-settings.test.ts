import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../electron/core/printing/printers/escpos/testing/decode-escpos';
import { startLoopbackPrinter, type LoopbackPrinter } from '../../electron/core/printing/printers/escpos/testing/loopback-printer';
import { createServer } from 'node:net';
import { cupsUnavailable, startTestCups, type TestCups } from '../../electron/core/printing/printers/testing/cups-server';
import { cupsServer, first, ipp } from '../../electron/core/printing/printers/ipp';
import { insertTestOrder } from '../../electron/core/tickets/testing/insert-test-order';
import { demoLogin, screenshot, startE2eApp, type E2eApp } from './harness';

let app: E2eApp;
let printer: LoopbackPrinter | undefined;
let cups: TestCups | undefined;
const savedServer = process.env.CUPS_SERVER;
afterEach(async () => {
  await app?.close();
  await printer?.close();
  await cups?.stop();
  if (savedServer === undefined) delete process.env.CUPS_SERVER;
  else process.env.CUPS_SERVER = savedServer;
});

describe('printer settings', () => {
  it('a manager sets a ticket printer on ticket stock and an ESC/POS receipt printer, then opens the cash drawer from the screen (audited)', async () => {
    printer = await startLoopbackPrinter();
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page, t } = app;
    const { username, password } = demoLogin('MANAGER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByTestId('printer-settings').waitFor();
    expect(await page.getByTestId('printer-tickets-current').textContent()).toMatch(/^PDF folder .+printed · 80 mm thermal roll$/);

    // Tickets: the PDF folder on 2″ × 5.5″ ticket stock (only the ticket printer offers it).
    await page.getByTestId('printer-tickets-change').click();
    await page.getByTestId('printer-tickets-paper').selectOption('TICKET_2X5_5');
    await page.getByTestId('printer-tickets-save').click();
    await page.locator('[data-testid="printer-tickets-current"]', { hasText: 'Ticket stock 2″ × 5.5″' }).waitFor();

    // Receipts: an ESC/POS printer on the network; a wrong address is refused in words first.
    await page.getByTestId('printer-receipts-change').click();
    expect(await page.locator('[data-testid="printer-receipts-paper"] option[value="TICKET_2X5_5"]').count()).toBe(0);
    await page.getByTestId('printer-receipts-kind').selectOption('ESCPOS');
    await page.getByTestId('printer-receipts-address').fill('not a printer!');
    await page.getByTestId('printer-receipts-save').click();
    await page.getByText('is not a printer address').waitFor();
    await page.getByTestId('printer-receipts-address').fill(printer.address);
    await page.getByTestId('printer-receipts-save').click();
    await page.locator('[data-testid="printer-receipts-current"]', { hasText: `ESC/POS printer ${printer.address}` }).waitFor();
    await screenshot(page, 'printer-settings');

    await page.getByTestId('open-drawer').click();
    await page.getByText(`Drawer opened on ESC/POS printer ${printer.address}.`).waitFor();
    expect(decodeEscPos(printer.received())).toEqual([{ cmd: 'pulse', pin: 2, onMs: 100, offMs: 500 }]);
    const audit = await t.core.services.db.selectFrom('audit_log').select('details').where('action', '=', 'drawer.open').execute();
    expect(audit.map((a) => JSON.parse(a.details).reason)).toEqual(['MANAGER']);
  });

  it.skipIf(cupsUnavailable() !== null)('a reprint to a switched-off CUPS printer says "Not printed yet" with the cause, and Cancel removes the waiting job (real cupsd)', async () => {
    cups = await startTestCups();
    process.env.CUPS_SERVER = cups.socket;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    cups.addSocketQueue('Counter', port);
    app = await startE2eApp({ now: '2026-11-25T12:00:00Z' });
    const { page, t } = app;
    t.core.services.printing = { followMs: 1500 };
    const manager = await t.signIn('MANAGER');
    await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'CUPS', name: 'Counter' }, manager);
    const order = await insertTestOrder(t, { seats: 1 });

    const { username, password } = demoLogin('CASHIER');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByTestId('screen-orders').waitFor();
    await page.locator(`[data-testid="order-row"][data-order-number="${order.number}"]`).click();
    await page.getByTestId('reprint-receipt').click();
    await page.getByTestId('print-error').waitFor();
    const said = await page.getByTestId('print-error').textContent();
    expect(said).toMatch(/Not printed yet: The printer Counter does not answer/);
    const job = /Job (Counter-\d+) is still waiting/.exec(said ?? '')![1]!;
    await screenshot(page, 'not-printed-yet');
    await page.getByTestId('cancel-print-job').click();
    await page.getByText(`Cancelled: ${job}.`).waitFor();
    const state = first((await ipp.job(cupsServer(), 'Counter', Number(job.split('-')[1]))).groups[0]!.attributes, 'job-state');
    expect(state).toBe(7);
  });
});
