import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../../testing/temp-core';
import { insertTestOrder, type TestOrder } from '../../tickets/testing/insert-test-order';
import { chooseDevice, systemFailure, systemPrintOptions, type SystemDevice, type SystemPrintBackend, type SystemPrintOptions } from './system-printer';

/**
 * The system printer's decisions (Windows, macOS): which device, which page size, which words for
 * a failure. Electron's hidden window (electron/system-print.ts) cannot run here; in its place the
 * core gets a backend that keeps what it was asked to print and answers as Electron's callback does.
 */
const DEVICES: SystemDevice[] = [
  { name: 'EPSON_TM_T88V', displayName: 'EPSON TM-T88V Receipt', isDefault: false },
  { name: 'Office_Laser', displayName: 'Office Laser', isDefault: true },
];

class RecordingBackend implements SystemPrintBackend {
  printed: { pdf: Buffer; options: SystemPrintOptions }[] = [];
  answer: { ok: true } | { ok: false; failureReason: string } = { ok: true };
  async listPrinters() {
    return DEVICES;
  }
  async printPdf(pdf: Buffer, options: SystemPrintOptions) {
    this.printed.push({ pdf, options });
    return this.answer;
  }
}

describe('printing through the desktop’s printers (Electron silent print)', () => {
  let t: TempCore;
  let cashier: string;
  let manager: string;
  let order: TestOrder;
  const backend = new RecordingBackend();

  beforeAll(async () => {
    t = await startTempCore();
    cashier = await t.signIn('CASHIER');
    manager = await t.signIn('MANAGER');
    order = await insertTestOrder(t, { seats: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is not offered in the browser, where there is no silent print', async () => {
    expect((await t.call('printing.printers', {}, cashier)).system).toBeNull();
    await expect(t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'SYSTEM', name: 'EPSON_TM_T88V' }, manager)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('only in the desktop app') });
  });

  it('lists the devices, prints silently to the chosen one at the slip’s own size (microns), A4 as A4', async () => {
    t.core.services.printing = { systemPrint: backend };
    expect((await t.call('printing.printers', {}, cashier)).system).toEqual(DEVICES);
    await expect(t.call('printing.choosePrinter', { role: 'TICKETS', kind: 'SYSTEM', name: 'Nope' }, manager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.call('printing.choosePrinter', { role: 'TICKETS', kind: 'SYSTEM', name: 'EPSON_TM_T88V' }, manager);
    await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'SYSTEM', name: 'Office_Laser', paper: 'A4' }, manager);
    const result = await t.call('printing.printOrder', { orderId: order.orderId }, cashier);
    expect(result.jobs).toEqual([
      { document: 'TICKETS', where: 'sent to EPSON TM-T88V Receipt' },
      { document: 'RECEIPT', where: 'sent to Office Laser' },
    ]);
    const [tickets, receipt] = backend.printed;
    expect(tickets!.options).toMatchObject({ silent: true, deviceName: 'EPSON_TM_T88V', margins: { marginType: 'none' }, landscape: false, pageSize: { width: 80_000 } });
    const height = (tickets!.options.pageSize as { height: number }).height;
    expect(height).toBeGreaterThan(100_000);
    expect(height).toBeLessThan(160_000);
    expect(receipt!.options).toMatchObject({ deviceName: 'Office_Laser', pageSize: 'A4' });
    expect(tickets!.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('says why a system print failed, in the cashier’s words, and keeps the sale', async () => {
    const cases: [string, string, RegExp][] = [
      ['Print job canceled', 'FAILED', /was cancelled before it printed/],
      ['Invalid printer settings', 'PRINTER_NOT_FOUND', /The printer Office Laser was not found/],
      ['Print job failed', 'FAILED', /did not print \(Print job failed\)/],
    ];
    for (const [failureReason, cause, message] of cases) {
      backend.answer = { ok: false, failureReason };
      const answer = await t.core.call({ op: 'printing.printOrder', input: { orderId: order.orderId, documents: 'RECEIPT' }, token: cashier });
      expect(answer).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', details: { cause } } });
      if (!answer.ok) expect(answer.error.message).toMatch(message);
    }
    backend.answer = { ok: true };
  });

  it('decides device, size and words as pure functions', () => {
    expect(chooseDevice(DEVICES, 'Office Laser').name).toBe('Office_Laser');
    expect(() => chooseDevice(DEVICES, 'Gone')).toThrow(/The printer Gone was not found \(this computer has EPSON TM-T88V Receipt, Office Laser\)/);
    expect(() => chooseDevice([], 'Gone')).toThrow(/this computer has no printers/);
    const pdf = (w: number, h: number) => Buffer.from(`%PDF-1.3\n1 0 obj << /Type /Page /MediaBox [0 0 ${w} ${h}] >>`);
    expect(systemPrintOptions('X', pdf(841.89, 595.28))).toMatchObject({ pageSize: 'A4', landscape: true });
    expect(systemPrintOptions('X', pdf(144, 396)).pageSize).toEqual({ width: 50_800, height: 139_700 });
    expect(systemFailure('P', 'Printer is offline').kind).toBe('OFFLINE');
  });
});
