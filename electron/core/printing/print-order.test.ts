import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { insertTestOrder, type TestOrder } from '../tickets/testing/insert-test-order';
import { pdfQrCodes, pdfText, renderPdf } from './testing/read-pdf';

describe('printing tickets and receipts', () => {
  let t: TempCore;
  let cashier: string;
  let manager: string;
  let order: TestOrder;

  beforeAll(async () => {
    t = await startTempCore();
    cashier = await t.signIn('CASHIER');
    manager = await t.signIn('MANAGER');
    // A film with an umlaut, so the PDF must carry "ä" as well as "€".
    const fähre = await t.core.services.db
      .selectFrom('sessions as s')
      .innerJoin('films as f', 'f.id', 's.film_id')
      .select('s.id')
      .where('f.title', '=', 'Die letzte Fähre')
      .where('s.starts_at', '>', t.clock.now().toISOString())
      .orderBy('s.starts_at')
      .executeTakeFirstOrThrow();
    order = await insertTestOrder(t, { sessionId: fähre.id, seats: 2, concession: { name: 'Cola 0.5 l', quantity: 1 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const orderRow = () => t.core.services.db.selectFrom('orders').selectAll().where('id', '=', order.orderId).executeTakeFirstOrThrow();
  const audit = (action: string) => t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', order.orderId).execute();

  it('saves ticket slips and the receipt as PDFs in the default folder, with every printed fact, € and umlauts', async () => {
    const result = await t.call('printing.printOrder', { orderId: order.orderId }, cashier);
    expect(result.printer).toBe(`PDF folder ${join(t.dir, 'printed')}`);
    expect(result.jobs.map((j) => j.document)).toEqual(['TICKETS', 'RECEIPT']);
    const files = readdirSync(join(t.dir, 'printed')).sort();
    expect(files).toEqual([expect.stringMatching(/ receipt\.pdf$/), expect.stringMatching(/ tickets\.pdf$/)]);

    const tickets = readFileSync(join(t.dir, 'printed', files[1]!));
    const pages = await pdfText(tickets);
    expect(pages).toHaveLength(2);
    const doc = await t.core.services.db
      .selectFrom('tickets as tk')
      .innerJoin('seats as s', 's.id', 'tk.seat_id')
      .innerJoin('sessions as ss', 'ss.id', 'tk.session_id')
      .innerJoin('halls as h', 'h.id', 'ss.hall_id')
      .select(['tk.id', 's.row_label', 's.number', 'h.name'])
      .where('tk.order_id', '=', order.orderId)
      .orderBy('s.grid_y')
      .orderBy('s.grid_x')
      .execute();
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Aurora Cinema');
      expect(page).toContain('Die letzte Fähre');
      expect(page).toContain('FSK 6');
      expect(page).toContain(doc[i]!.name);
      expect(page).toMatch(new RegExp(`ROW ${doc[i]!.row_label} SEAT ${doc[i]!.number}`));
      expect(page).toContain('Adult ticket €12.00');
      expect(page).toContain(`Order ${order.number}`);
      expect(page).toMatch(/\d{1,2} \w+ 2026 \d\d:\d\d/);
    }
    // The QR on each slip is the ticket's signed code, and the door admits it.
    const codes = await pdfQrCodes(tickets);
    expect(codes).toEqual(order.tickets.map((tk) => tk.qr));
    const rendered = await renderPdf(tickets, 72);
    expect(Math.round((rendered[0]!.points.width * 25.4) / 72)).toBe(80);

    const receipt = (await pdfText(readFileSync(join(t.dir, 'printed', files[0]!)))).join(' ');
    expect(receipt).toContain('RECEIPT');
    expect(receipt).toContain(`Order ${order.number}`);
    expect(receipt).toContain('Cashier Lena Hoffmann');
    expect(receipt).toContain(`Terminal ${t.core.terminal().name}`);
    expect(receipt).toContain('1 × Cola 0.5 l €3.90');
    expect(receipt).toContain('TOTAL €27.90');
    expect(receipt).toMatch(/Cash €27\.90 Tendered €32\.90 Change €5\.00/);
    expect(receipt).toContain('VAT 7 % €22.43 €1.57 €24.00');
    expect(receipt).toContain('VAT 19 % €3.28 €0.62 €3.90');
    expect(await audit('order.print')).toHaveLength(1);
  });

  it('gives the renderer a PDF to open (base64), on A4 or the roll', async () => {
    const pdf = await t.call('printing.orderPdf', { orderId: order.orderId, document: 'TICKETS' }, cashier);
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes).toBe(bytes.length);
    expect(pdf.fileName).toMatch(new RegExp(`${order.number} tickets\\.pdf$`));
    const [a4] = await renderPdf(bytes, 36);
    expect(Math.round(a4!.points.width)).toBe(595);
    expect(await pdfQrCodes(bytes)).toEqual(order.tickets.map((tk) => tk.qr));
    const receipt = await t.call('printing.orderPdf', { orderId: order.orderId, document: 'RECEIPT', paper: 'THERMAL_80' }, cashier);
    expect((await pdfText(Buffer.from(receipt.base64, 'base64'))).join(' ')).toContain('TOTAL €27.90');
  });

  it('reprints chosen tickets from the history and audits it as a reprint', async () => {
    const before = readdirSync(join(t.dir, 'printed')).length;
    const result = await t.call('printing.reprint', { orderId: order.orderId, documents: 'TICKETS', ticketIds: [order.tickets[1]!.id] }, cashier);
    expect(result.jobs).toHaveLength(1);
    const file = result.jobs[0]!.where.replace(/^saved to /, '');
    expect(file).toMatch(/tickets \(2\)\.pdf$/);
    expect(await pdfQrCodes(readFileSync(file))).toEqual([order.tickets[1]!.qr]);
    expect(readdirSync(join(t.dir, 'printed'))).toHaveLength(before + 1);
    expect(await audit('order.reprint')).toHaveLength(1);
  });

  it('says when no printer is set up, and keeps the sale', async () => {
    const saleBefore = await orderRow();
    await t.call('printing.choosePrinter', { role: 'TICKETS', kind: 'NONE' }, manager);
    await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'NONE' }, manager);
    const none = await t.core.call({ op: 'printing.printOrder', input: { orderId: order.orderId }, token: cashier });
    expect(none).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', details: { cause: 'NO_PRINTER' } } });
    expect(await orderRow()).toEqual(saleBefore);
    expect(await audit('order.print_failed')).toHaveLength(1);
    await t.call('printing.choosePrinter', { role: 'TICKETS', kind: 'FOLDER' }, manager);
  });

  it('says so when the PDF folder cannot be written', async () => {
    const folder = join(t.dir, 'pdfs');
    await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'FOLDER', folder }, manager);
    rmSync(folder, { recursive: true });
    writeFileSync(folder, 'not a folder');
    const result = await t.core.call({ op: 'printing.printOrder', input: { orderId: order.orderId }, token: cashier });
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', details: { cause: 'FAILED' } } });
    if (!result.ok) expect(result.error.message).toContain(`Could not save the PDF in ${folder}`);
    rmSync(folder);
  });

  it('writes where a print went and why it failed in the reader’s language', async () => {
    const folder = join(t.dir, 'pdfs-de');
    await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'FOLDER', folder }, manager);
    await t.call('auth.setLanguage', { language: 'de' }, cashier);
    try {
      const printed = await t.call('printing.reprint', { orderId: order.orderId, documents: 'RECEIPT' }, cashier);
      expect(printed.jobs[0]!.where).toMatch(new RegExp(`^gespeichert unter ${folder}/`));
      expect(printed.printer).toBe(`PDF-Ordner ${folder}`);

      rmSync(folder, { recursive: true });
      writeFileSync(folder, 'not a folder');
      const result = await t.core.call({ op: 'printing.printOrder', input: { orderId: order.orderId, documents: 'RECEIPT' }, token: cashier });
      if (result.ok) throw new Error('printed into a file');
      expect(result.error.message).toBe(
        `Drucken fehlgeschlagen: Das PDF konnte nicht in ${folder} gespeichert werden: ein Teil des Pfades ist eine Datei, kein Ordner. Der Verkauf der Bestellung ${order.number} ist gespeichert — drucken Sie sie unter „Bestellungen“ erneut.`,
      );
      rmSync(folder);
    } finally {
      await t.call('auth.setLanguage', { language: null }, cashier);
    }
  });

  it('refuses bad printer choices and changes nothing', async () => {
    await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'FOLDER' }, manager);
    const before = await t.call('printing.printers', {}, cashier);
    const refused = [
      [{ role: 'RECEIPTS', kind: 'CUPS', name: 'Nowhere' }, 'NOT_FOUND'],
      [{ role: 'RECEIPTS', kind: 'CUPS' }, 'VALIDATION'],
      [{ kind: 'FOLDER' }, 'VALIDATION'],
      [{ role: 'RECEIPTS', kind: 'FOLDER', folder: 'relative/path' }, 'VALIDATION'],
      [{ role: 'RECEIPTS', kind: 'ESCPOS' }, 'VALIDATION'],
      [{ role: 'RECEIPTS', kind: 'ESCPOS', address: 'not an address!' }, 'VALIDATION'],
      [{ role: 'RECEIPTS', kind: 'ESCPOS', address: 'cups:NoSuchQueue' }, 'NOT_FOUND'],
      [{ role: 'RECEIPTS', kind: 'FOLDER', paper: 'TICKET_2X5_5' }, 'VALIDATION'],
      [{ role: 'TICKETS', kind: 'SYSTEM', name: 'EPSON' }, 'VALIDATION'],
    ] as const;
    for (const [input, code] of refused) {
      await expect(t.core.call({ op: 'printing.choosePrinter', input, token: manager })).resolves.toMatchObject({ ok: false, error: { code } });
    }
    const file = join(t.dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'FOLDER', folder: join(file, 'sub') }, manager)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'FOLDER', folder: '/tmp' }, cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('printing.openDrawer', {}, cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const after = await t.call('printing.printers', {}, cashier);
    expect([after.tickets, after.receipts]).toEqual([before.tickets, before.receipts]);
    expect(before.receipts).toMatchObject({ kind: 'FOLDER', folder: join(t.dir, 'printed'), paper: 'THERMAL_80' });
  });

  it('refuses unknown orders and orders without valid tickets', async () => {
    await expect(t.call('printing.printOrder', { orderId: '0190a0b0-0000-7000-8000-000000000000' }, cashier)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.core.services.db.updateTable('tickets').set({ status: 'REFUNDED' }).where('order_id', '=', order.orderId).execute();
    await expect(t.call('printing.printOrder', { orderId: order.orderId, documents: 'TICKETS' }, cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    // The receipt still prints (and says which tickets were refunded).
    const result = await t.call('printing.printOrder', { orderId: order.orderId }, cashier);
    expect(result.jobs.map((j) => j.document)).toEqual(['RECEIPT']);
    const text = (await pdfText(readFileSync(result.jobs[0]!.where.replace(/^saved to /, '')))).join(' ');
    expect(text).toContain('Die letzte Fähre — refunded');
  });

  it('prints the X report of an open shift and the Z report once closed; a cashier only their own', async () => {
    const shift = await t.core.services.db.selectFrom('shifts').select('id').where('status', '=', 'OPEN').executeTakeFirstOrThrow();
    const x = await t.call('printing.printShiftReport', { shiftId: shift.id }, cashier);
    const xText = (await pdfText(readFileSync(x.jobs[0]!.where.replace(/^saved to /, '')))).join(' ');
    expect(xText).toContain('X REPORT — shift still open');
    expect(xText).toContain('Cashier Lena Hoffmann');
    expect(xText).toMatch(/Expected cash €\d+\.\d\d/);
    await t.call('shifts.close', { countedCash: 12_000 }, cashier);
    const z = await t.call('printing.printShiftReport', { shiftId: shift.id }, cashier);
    const zText = (await pdfText(readFileSync(z.jobs[0]!.where.replace(/^saved to /, '')))).join(' ');
    expect(zText).toContain('Z REPORT no. 1 — shift closed');
    expect(zText).toContain('Counted cash €120.00');
    expect(zText).toMatch(/Difference [+−]?€\d+\.\d\d/);
    await t.core.services.db.updateTable('users').set({ role: 'CASHIER' }).where('username', '=', 'usher').execute();
    const other = await t.signIn('USHER');
    await expect(t.call('printing.printShiftReport', { shiftId: shift.id }, other)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
