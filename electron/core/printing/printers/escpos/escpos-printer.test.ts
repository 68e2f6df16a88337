import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../../../orders/counter-fixture';
import { decodeEscPos, printedLines, type EscPosCommand } from './testing/decode-escpos';
import { startLoopbackPrinter, type LoopbackPrinter } from './testing/loopback-printer';
import { EscPosPrinter, parseEscPosAddress } from './escpos-printer';
import { parseStatus, statusProblem } from './escpos-status';

/** The drawer pulse is sent without a status round trip: give loopback a moment to deliver it. */
async function pulses(printer: LoopbackPrinter, expected: number) {
  for (let i = 0; i < 50 && of(decodeEscPos(printer.received()), 'pulse').length < expected; i++) await new Promise((r) => setTimeout(r, 20));
  return of(decodeEscPos(printer.received()), 'pulse');
}

const of = <C extends EscPosCommand['cmd']>(commands: EscPosCommand[], cmd: C) => commands.filter((c): c is Extract<EscPosCommand, { cmd: C }> => c.cmd === cmd);

/**
 * The ESC/POS driver against two network printers of the test's own on loopback (tickets on one,
 * receipts and the cash drawer on the other): the bytes they received are decoded back into
 * commands — code page and text, native QR, cuts, drawer pulses, status queries.
 */
describe('ESC/POS printers: tickets, receipts, cash drawer, status', () => {
  let f: CounterFixture;
  let manager: string;
  let tickets: LoopbackPrinter;
  let receipts: LoopbackPrinter;

  beforeAll(async () => {
    [tickets, receipts] = await Promise.all([startLoopbackPrinter(), startLoopbackPrinter()]);
    f = await startCounter();
    manager = await f.t.signIn('MANAGER');
    await f.t.call('printing.choosePrinter', { role: 'TICKETS', kind: 'ESCPOS', address: `tcp://${tickets.address}` }, manager);
    await f.t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'ESCPOS', address: receipts.address }, manager);
  }, 60_000);
  afterAll(async () => {
    await f?.close();
    await tickets?.close();
    await receipts?.close();
  });

  const db = () => f.t.core.services.db;
  const drawerAudits = async () => (await db().selectFrom('audit_log').select('details').where('action', '=', 'drawer.open').orderBy('at').execute()).map((r) => JSON.parse(r.details).reason as string);

  /** A cash sale of two adult tickets for a film with an umlaut in its title. */
  async function cashSale(row: string) {
    const s = await f.session('Hall 1');
    const seats = [await f.seat(s.id, row, 3), await f.seat(s.id, row, 4)];
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: seats }, f.cashier);
    const input = { sessionId: s.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'ADULT' as const })) };
    const quote = await f.t.call('orders.quote', input, f.cashier);
    return f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay + 500 }] }, f.cashier);
  }

  it('opens the drawer when the float goes in, and on a cash sale', async () => {
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    expect(await pulses(receipts, 1)).toEqual([{ cmd: 'pulse', pin: 2, onMs: 100, offMs: 500 }]);
    receipts.clear();
    await cashSale('C');
    await pulses(receipts, 1);
    const commands = decodeEscPos(receipts.received());
    // The pulse alone (no status round trips for the sale to wait on).
    expect(commands).toEqual([{ cmd: 'pulse', pin: 2, onMs: 100, offMs: 500 }]);
    expect(tickets.received()).toHaveLength(0);
    expect(await drawerAudits()).toEqual(['SHIFT_OPEN', 'CASH_SALE']);
  });

  it('prints tickets on the ticket printer — printer-native QR with the signed code, a cut after each — and the receipt with € and umlauts on the other', async () => {
    receipts.clear();
    const sale = await cashSale('D');
    await pulses(receipts, 1);
    receipts.clear();
    const result = await f.t.call('printing.printOrder', { orderId: sale.orderId }, f.cashier);
    expect(result.jobs).toEqual([
      { document: 'TICKETS', where: `printed on ${tickets.address}` },
      { document: 'RECEIPT', where: `printed on ${receipts.address}` },
    ]);
    const t = decodeEscPos(tickets.received());
    // Status first (DLE EOT 1, 2, 4: nothing is sent to a printer with its cover open), then ESC @.
    expect(t.slice(0, 4)).toEqual([{ cmd: 'status', n: 1 }, { cmd: 'status', n: 2 }, { cmd: 'status', n: 4 }, { cmd: 'init' }]);
    expect(of(t, 'cut')).toEqual([
      { cmd: 'cut', partial: true },
      { cmd: 'cut', partial: true },
    ]);
    const stored = of(t, 'qr').filter((q) => q.fn === 'store');
    expect(stored.map((q) => q.data)).toEqual(sale.tickets.map((tk) => tk.qrPayload));
    expect(of(t, 'qr').filter((q) => q.fn === 'print')).toHaveLength(2);
    expect(of(t, 'qr').find((q) => q.fn === 'model')).toMatchObject({ value: 50 }); // model 2
    // Each ticket's QR comes before its cut.
    const order = t.filter((c) => c.cmd === 'cut' || (c.cmd === 'qr' && c.fn === 'print')).map((c) => c.cmd);
    expect(order).toEqual(['qr', 'cut', 'qr', 'cut']);
    const ticketText = printedLines(t).join('\n');
    expect(ticketText).toContain(sale.number);
    expect(ticketText).toMatch(/ROW C\s+SEAT [34]|ROW D\s+SEAT [34]/);
    expect(of(t, 'pulse')).toHaveLength(0);

    const r = decodeEscPos(receipts.received());
    const lines = printedLines(r);
    expect(lines.join('\n')).toContain('RECEIPT');
    expect(lines.find((l) => l.startsWith('TOTAL'))).toMatch(/^TOTAL\s+€\d+\.\d\d$/);
    expect(lines.find((l) => l.startsWith('Change'))).toMatch(/^Change\s+€5\.00$/);
    expect(of(r, 'codepage').length).toBeGreaterThan(0);
    expect(of(r, 'cut')).toHaveLength(1);
    expect(of(r, 'pulse')).toHaveLength(0);
    console.log(`decoded: tickets ${JSON.stringify(of(t, 'codepage'))} ${of(t, 'qr').map((q) => q.fn).join(',')} cuts ${of(t, 'cut').length}; receipt code pages ${of(r, 'codepage').map((c) => `${c.n}=${c.name}`).join(' ')}`);
  });

  it('writes umlauts and € in the printer’s code page', async () => {
    const s = await f.session('Hall 1');
    const film = await db().selectFrom('films').select(['id', 'title']).where('id', '=', (await db().selectFrom('sessions').select('film_id').where('id', '=', s.id).executeTakeFirstOrThrow()).film_id).executeTakeFirstOrThrow();
    await db().updateTable('films').set({ title: 'Fähre über Öl: 5 €' }).where('id', '=', film.id).execute();
    try {
      tickets.clear();
      const sale = await cashSale('E');
      await f.t.call('printing.printOrder', { orderId: sale.orderId, documents: 'TICKETS' }, f.cashier);
      const t = decodeEscPos(tickets.received());
      expect(printedLines(t).join('\n')).toContain('Fähre über Öl: 5 €');
      // The bytes are the code page's, not UTF-8: no 0xC3 lead bytes.
      expect(tickets.received().includes(Buffer.from('ä', 'utf8'))).toBe(false);
    } finally {
      await db().updateTable('films').set({ title: film.title }).where('id', '=', film.id).execute();
    }
  });

  it('opens the drawer on a cash refund, at shift close, and by a manager outside a sale (audited); a cashier may not', async () => {
    const sale = await cashSale('F');
    receipts.clear();
    await pulses(receipts, 1);
    receipts.clear();
    const refund = await f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, whole: true }, f.cashier);
    expect(await pulses(receipts, 1)).toHaveLength(1);
    // The numbered refund slip prints on the ESC/POS receipt printer too.
    receipts.clear();
    await f.t.call('orders.printRefundSlip', { orderId: sale.orderId, slipNumber: refund.slipNumber }, f.cashier);
    const slip = decodeEscPos(receipts.received());
    expect(printedLines(slip).join('\n')).toMatch(new RegExp(`REFUND SLIP[\\s\\S]*Slip\\s+${refund.slipNumber}[\\s\\S]*REFUNDED\\s+€`));
    expect(of(slip, 'cut')).toHaveLength(1);
    receipts.clear();
    await expect(f.t.call('printing.openDrawer', {}, f.cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    receipts.clear();
    expect(await f.t.call('printing.openDrawer', { reason: 'change for the stand' }, manager)).toEqual({ printer: `ESC/POS printer ${receipts.address}` });
    expect(await pulses(receipts, 1)).toHaveLength(1);
    const x = await f.t.call('shifts.current', {}, f.cashier);
    await f.t.call('shifts.close', { countedCash: x.open!.expectedCash! }, f.cashier);
    expect(await pulses(receipts, 2)).toHaveLength(2);
    const shift = await db().selectFrom('shifts').select('id').where('status', '=', 'CLOSED').orderBy('closed_at', 'desc').executeTakeFirstOrThrow();
    receipts.clear();
    await f.t.call('printing.printShiftReport', { shiftId: shift.id }, f.cashier);
    const z = printedLines(decodeEscPos(receipts.received())).join('\n');
    expect(z).toMatch(/Z REPORT no\. \d+ [-—] shift closed[\s\S]*Expected cash\s+€[\s\S]*Difference\s+€0\.00/);
    expect((await drawerAudits()).slice(-3)).toEqual(['CASH_REFUND', 'MANAGER', 'SHIFT_CLOSE']);
    const manual = await db().selectFrom('audit_log').select(['details', 'user_id']).where('action', '=', 'drawer.open').orderBy('at', 'desc').offset(1).limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(manual.details)).toMatchObject({ reason: 'MANAGER', note: 'change for the stand' });
  });

  it('reads the status back: cover open, paper end refuse before sending; paper near end warns; a silent or switched-off printer is named', async () => {
    await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
    receipts.clear();
    const sale = await cashSale('G');
    await pulses(receipts, 1);
    const print = () => f.t.core.call({ op: 'printing.printOrder', input: { orderId: sale.orderId, documents: 'RECEIPT' }, token: f.cashier });
    receipts.clear();
    receipts.state.coverOpen = true;
    expect(await print()).toMatchObject({ ok: false, error: { code: 'PRINT_FAILED', details: { cause: 'COVER_OPEN' }, message: expect.stringContaining(`The cover of the printer ${receipts.address} is open`) } });
    receipts.state.coverOpen = false;
    receipts.state.paperEnd = true;
    expect(await print()).toMatchObject({ ok: false, error: { details: { cause: 'OUT_OF_PAPER' }, message: expect.stringContaining('is out of paper (the printer reports paper end). Load a new roll') } });
    // Nothing but status queries reached the printer.
    expect(new Set(decodeEscPos(receipts.received()).map((c) => c.cmd))).toEqual(new Set(['status']));
    receipts.state.paperEnd = false;
    receipts.state.paperNearEnd = true;
    expect(await print()).toMatchObject({ ok: true, value: { jobs: [{ where: `printed on ${receipts.address} — paper is running low: have a new roll ready` }] } });
    receipts.state.paperNearEnd = false;
    receipts.state.answersStatus = false;
    expect(await print()).toMatchObject({ ok: true, value: { jobs: [{ where: `printed on ${receipts.address} (the printer did not report its status)` }] } });
    receipts.state.answersStatus = true;

    const port = receipts.port;
    await receipts.close();
    expect(await print()).toMatchObject({ ok: false, error: { details: { cause: 'OFFLINE' }, message: expect.stringContaining(`The printer 127.0.0.1:${port} does not answer (it refused the connection)`) } });
    // A cash sale with the drawer's printer off still sells; the failure is noted.
    const offSale = await cashSale('H');
    expect(offSale.orderId).toBeTruthy();
    const failed = await db().selectFrom('audit_log').select('details').where('action', '=', 'drawer.failed').execute();
    expect(JSON.parse(failed.at(-1)!.details)).toMatchObject({ reason: 'CASH_SALE', cause: 'OFFLINE' });
    receipts = await startLoopbackPrinter();
  });
});

describe('ESC/POS pieces', () => {
  it('reads addresses: network (default port 9100), device file, raw CUPS queue; refuses the rest', () => {
    expect(parseEscPosAddress('192.168.1.50')).toEqual({ kind: 'TCP', host: '192.168.1.50', port: 9100 });
    expect(parseEscPosAddress('tcp://till-printer:9101')).toEqual({ kind: 'TCP', host: 'till-printer', port: 9101 });
    expect(parseEscPosAddress('/dev/usb/lp0')).toEqual({ kind: 'DEVICE', path: '/dev/usb/lp0' });
    expect(parseEscPosAddress('cups:Receipts')).toEqual({ kind: 'CUPS', queue: 'Receipts' });
    for (const bad of ['', 'http://x/y', '/etc/passwd', '/dev/../etc/passwd', 'host:70000', 'a b']) expect(parseEscPosAddress(bad)).toBeNull();
  });

  it('writes to a device file; a missing device is "not found"', async () => {
    await expect(new EscPosPrinter({ kind: 'DEVICE', path: '/dev/null' }).openDrawer()).resolves.toBeUndefined();
    await expect(new EscPosPrinter({ kind: 'DEVICE', path: '/dev/usb/lp9' }).openDrawer()).rejects.toMatchObject({ kind: 'PRINTER_NOT_FOUND', message: expect.stringContaining('is the printer plugged in?') });
  });

  it('turns DLE EOT answers into the same causes as CUPS', () => {
    expect(statusProblem(parseStatus(0x12, 0x12, 0x12)!)).toBeNull();
    expect(statusProblem(parseStatus(0x1a, 0x16, 0x12)!)).toMatchObject({ cause: 'COVER_OPEN' });
    expect(statusProblem(parseStatus(0x1a, 0x32, 0x72)!)).toMatchObject({ cause: 'OUT_OF_PAPER' });
    expect(parseStatus(0x12, 0x12, 0x1e)).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(parseStatus(0x00, 0x12, 0x12)).toBeNull();
  });
});
