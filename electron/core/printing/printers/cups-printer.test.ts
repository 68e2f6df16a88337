import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../../testing/temp-core';
import { insertTestOrder, type TestOrder } from '../../tickets/testing/insert-test-order';
import { cupsServer, ipp, first } from './ipp';
import { queueOf, queueProblem } from './cups-printer';
import { causeMessage } from './print-causes';
import { pdfPageSizes } from './page-size';
import { cupsUnavailable, startTestCups, type TestCups } from './testing/cups-server';
import { decodeEscPos, printedLines } from './escpos/testing/decode-escpos';
import { startLoopbackPrinter } from './escpos/testing/loopback-printer';

/** "226.77 x 286.3 pts" from pdfinfo → millimetres, one decimal. */
function pdfinfoSizes(file: string): { widthMm: number; heightMm: number; said: string }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts(.*)/g)].map((m) => ({
    widthMm: Math.round((Number(m[1]) * 254) / 72) / 10,
    heightMm: Math.round((Number(m[2]) * 254) / 72) / 10,
    said: m[0],
  }));
}

const unavailable = cupsUnavailable();
if (unavailable) console.warn(`CUPS tests skipped: ${unavailable}`);

/**
 * Against a real cupsd (started here, its own socket and spool) with cups-pdf queues standing in
 * for printers: what CUPS printed is read back with pdfinfo.
 */
describe.skipIf(unavailable !== null)('printing through a real CUPS scheduler', () => {
  let cups: TestCups;
  let t: TempCore;
  let cashier: string;
  let manager: string;
  let order: TestOrder;
  let deadPort: number;
  const savedServer = process.env.CUPS_SERVER;

  beforeAll(async () => {
    cups = await startTestCups();
    process.env.CUPS_SERVER = cups.socket;
    cups.addPdfQueue('Roll80');
    cups.addPdfQueue('Office');
    cups.addPdfQueue('Boca');
    // A network printer that is switched off: nothing listens on its port.
    const probe: Server = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    deadPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    cups.addSocketQueue('Counter', deadPort);
    t = await startTempCore();
    t.core.services.printing = { followMs: 2500 };
    cashier = await t.signIn('CASHIER');
    manager = await t.signIn('MANAGER');
    order = await insertTestOrder(t, { seats: 2, concession: { name: 'Cola 0.5 l', quantity: 1 } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await cups?.stop();
    if (savedServer === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = savedServer;
  });

  const choose = (role: 'TICKETS' | 'RECEIPTS', name: string, paper: 'THERMAL_80' | 'A4' | 'TICKET_2X5_5' | 'TICKET_3_25X8' = 'THERMAL_80') =>
    t.call('printing.choosePrinter', { role, kind: 'CUPS', name, paper }, manager);
  const fail = async (input: Record<string, unknown> = { orderId: order.orderId, documents: 'RECEIPT' }, op: 'printing.printOrder' | 'printing.reprint' = 'printing.printOrder') => {
    const result = await t.core.call({ op, input, token: cashier });
    if (result.ok) throw new Error('printed, but should not have');
    return result.error as { code: string; message: string; details: { cause: string; reason?: string; pending: { job: string }[] } };
  };
  const jobState = async (ref: string) => {
    const [printer, id] = [ref.replace(/-\d+$/, ''), Number(/-(\d+)$/.exec(ref)![1])];
    return first((await ipp.job(cupsServer(), printer, id)).groups[0]!.attributes, 'job-state');
  };

  it('lists the queues with their state, accepting or rejecting, and the scheduler running', async () => {
    cups.admin('/usr/sbin/cupsreject', '-r', 'Kassenrolle leer', 'Office');
    const state = await t.call('printing.printers', {}, cashier);
    expect(state.scheduler).toBe('RUNNING');
    expect(state.cups.map((p) => p.name).sort()).toEqual(['Boca', 'Counter', 'Office', 'Roll80']);
    expect(state.cups.find((p) => p.name === 'Office')).toMatchObject({ state: 'IDLE', accepting: false, message: 'Kassenrolle leer' });
    expect(state.cups.find((p) => p.name === 'Roll80')).toMatchObject({ state: 'IDLE', accepting: true });
    cups.admin('/usr/sbin/cupsaccept', 'Office');
  });

  it('prints slips at their own size: tickets and receipt on the 80 mm roll, A4 stays A4 (pdfinfo of what CUPS printed)', async () => {
    await choose('TICKETS', 'Roll80');
    await choose('RECEIPTS', 'Roll80');
    const result = await t.call('printing.printOrder', { orderId: order.orderId }, cashier);
    expect(result.jobs.map((j) => j.document)).toEqual(['TICKETS', 'RECEIPT']);
    for (const j of result.jobs) expect(j.where).toMatch(/^printed on Roll80 \(job Roll80-\d+\)$/);
    const [tickets, receipt] = cups.printed('Roll80');
    const ticketPages = pdfinfoSizes(tickets!);
    expect(ticketPages).toHaveLength(2);
    const slip = await t.call('printing.orderPdf', { orderId: order.orderId, document: 'TICKETS', paper: 'THERMAL_80' }, cashier);
    const wanted = pdfPageSizes(Buffer.from(slip.base64, 'base64'))[0]!;
    for (const p of ticketPages) {
      expect(p.widthMm).toBeCloseTo(80, 0);
      expect(p.heightMm).toBeCloseTo((wanted.height * 25.4) / 72, 0);
    }
    const receiptPage = pdfinfoSizes(receipt!);
    expect(receiptPage).toHaveLength(1);
    expect(receiptPage[0]!.widthMm).toBeCloseTo(80, 0);
    expect(receiptPage[0]!.heightMm).toBeLessThan(200);
    console.log(`measured: tickets ${ticketPages.map((p) => p.said).join('; ')} | receipt ${receiptPage[0]!.said}`);

    await choose('RECEIPTS', 'Office', 'A4');
    await t.call('printing.reprint', { orderId: order.orderId, documents: 'RECEIPT' }, cashier);
    const a4 = pdfinfoSizes(cups.printed('Office')[0]!);
    expect(a4[0]!.said).toMatch(/595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);
    console.log(`measured: A4 receipt ${a4[0]!.said}`);
  });

  it('prints tickets on fixed ticket stock (2″ × 5.5″ and 3.25″ × 8″) at that size, receipts on their own printer', async () => {
    await choose('RECEIPTS', 'Roll80');
    const sizes: [string, number, number][] = [
      ['TICKET_2X5_5', 50.8, 139.7],
      ['TICKET_3_25X8', 82.6, 203.2],
    ];
    for (const [paper, w, h] of sizes) {
      await choose('TICKETS', 'Boca', paper as 'TICKET_2X5_5');
      const before = cups.printed('Roll80').length;
      const result = await t.call('printing.reprint', { orderId: order.orderId, documents: 'ALL' }, cashier);
      expect(result.jobs.map((j) => j.where.replace(/ \(job .*/, ''))).toEqual(['printed on Boca', 'printed on Roll80']);
      const pages = pdfinfoSizes(cups.printed('Boca').at(-1)!);
      expect(pages).toHaveLength(2);
      for (const p of pages) {
        expect(p.widthMm).toBeCloseTo(w, 0);
        expect(p.heightMm).toBeCloseTo(h, 0);
      }
      expect(cups.printed('Roll80')).toHaveLength(before + 1);
      console.log(`measured: ${paper} ${pages[0]!.said}`);
    }
  });

  it('sends ESC/POS through a raw CUPS queue to the printer and follows the job until CUPS completes it', async () => {
    const printer = await startLoopbackPrinter();
    try {
      cups.addSocketQueue('RawTM', printer.port);
      await t.call('printing.choosePrinter', { role: 'RECEIPTS', kind: 'ESCPOS', address: 'cups:RawTM' }, manager);
      const result = await t.call('printing.reprint', { orderId: order.orderId, documents: 'RECEIPT' }, cashier);
      expect(result.jobs[0]!.where).toMatch(/^printed on RawTM \(job RawTM-\d+\)$/);
      const commands = decodeEscPos(printer.received());
      expect(commands[0]).toEqual({ cmd: 'init' });
      expect(commands.filter((c) => c.cmd === 'cut')).toHaveLength(1);
      expect(printedLines(commands).join('\n')).toMatch(/COPY — not the original receipt[\s\S]*Receipt no\.\n\s*not numbered \(sold on another terminal\)[\s\S]*TOTAL\s+€\d+\.\d\d/);
    } finally {
      await printer.close();
    }
  });

  it('answers "not printed yet" while the printer is unreachable, cancels that job before a reprint, and Cancel works', async () => {
    await choose('RECEIPTS', 'Counter');
    const first = await fail();
    expect(first.code).toBe('PRINT_FAILED');
    expect(first.details.cause).toBe('NOT_PRINTED_YET');
    expect(first.details.reason).toBe('OFFLINE');
    expect(first.message).toMatch(/^Not printed yet: The printer Counter does not answer \([^)]+\)\. Check that it is switched on and its cable or network is connected\. Job Counter-\d+ is still waiting — cancel it, or it prints by itself once the printer is ready\./);
    const stuck = first.details.pending[0]!.job;
    expect(await jobState(stuck)).toBeLessThan(7);

    // The reprint cancels the stuck job first: when the printer comes back it prints one copy.
    const second = await fail({ orderId: order.orderId, documents: 'RECEIPT' }, 'printing.reprint');
    expect(second.details.cause).toBe('NOT_PRINTED_YET');
    expect(await jobState(stuck)).toBe(7);
    const again = second.details.pending[0]!.job;
    expect(again).not.toBe(stuck);
    expect(await t.call('printing.cancelJob', { job: again }, cashier)).toEqual({ job: again, result: 'CANCELLED' });
    expect(await jobState(again)).toBe(7);
    expect(await t.call('printing.cancelJob', { job: again }, cashier)).toEqual({ job: again, result: 'ALREADY_DONE' });
    const cancelled = await t.core.services.db.selectFrom('audit_log').select('details').where('action', '=', 'print.job_cancelled').execute();
    expect(cancelled.map((r) => [JSON.parse(r.details).job, JSON.parse(r.details).result])).toEqual([
      [stuck, 'CANCELLED'],
      [again, 'CANCELLED'],
      [again, 'ALREADY_DONE'],
    ]);
  });

  it('names each cause in the cashier’s words: rejecting, paused, not found, print service stopped', async () => {
    await choose('RECEIPTS', 'Roll80');
    cups.admin('/usr/sbin/cupsreject', '-r', 'maintenance', 'Roll80');
    expect(await fail()).toMatchObject({ details: { cause: 'REJECTING' }, message: expect.stringContaining('The printer Roll80 is not accepting jobs (maintenance). Ask a manager to let it accept jobs again') });
    cups.admin('/usr/sbin/cupsaccept', 'Roll80');
    cups.admin('/usr/sbin/cupsdisable', '-r', 'changing the roll', 'Roll80');
    expect(await fail()).toMatchObject({ details: { cause: 'PAUSED' }, message: expect.stringContaining('The printer Roll80 is paused (changing the roll). Resume it') });
    cups.admin('/usr/sbin/cupsenable', 'Roll80');
    await choose('RECEIPTS', 'Boca');
    cups.admin('/usr/sbin/lpadmin', '-x', 'Boca');
    expect(await fail()).toMatchObject({ details: { cause: 'PRINTER_NOT_FOUND' }, message: expect.stringContaining('The printer Boca was not found') });

    await cups.stopScheduler();
    try {
      const down = await fail();
      expect(down).toMatchObject({ details: { cause: 'SERVICE_DOWN' }, message: expect.stringContaining('The print service (CUPS) is not running on this computer') });
      const state = await t.call('printing.printers', {}, cashier);
      expect(state).toMatchObject({ scheduler: 'NOT_RUNNING', cups: [], cupsNote: 'NOT_RUNNING' });
    } finally {
      await cups.startScheduler();
    }
    const sale = await t.core.services.db.selectFrom('orders').select('status').where('id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(sale.status).toBe('PAID');
  });
});

describe('what a CUPS queue’s state means for the cashier', () => {
  const queue = (attrs: Record<string, (string | number | boolean)[]>) => queueOf({ 'printer-name': ['Roll80'], 'printer-state': [3], 'printer-is-accepting-jobs': [true], 'printer-state-reasons': ['none'], ...attrs }, null);
  it('names paper out, cover open, offline, paused and rejecting from the IPP state reasons', () => {
    expect(queueProblem(queue({}))).toBeNull();
    expect(queueProblem(queue({ 'printer-state-reasons': ['media-low-warning'] }))).toBeNull();
    const cases: [Record<string, (string | number | boolean)[]>, string, string][] = [
      [{ 'printer-state-reasons': ['media-empty-error'], 'printer-state-message': ['Paper out'] }, 'OUT_OF_PAPER', 'The printer Roll80 is out of paper (Paper out). Load a new roll, then reprint.'],
      [{ 'printer-state-reasons': ['cover-open-report'] }, 'COVER_OPEN', 'The cover of the printer Roll80 is open. Close it, then reprint.'],
      [{ 'printer-state-reasons': ['offline-report'] }, 'OFFLINE', 'The printer Roll80 does not answer. Check that it is switched on and its cable or network is connected, then reprint.'],
      [{ 'printer-state': [5], 'printer-state-reasons': ['paused'] }, 'PAUSED', "The printer Roll80 is paused. Resume it on this computer's printer list, then reprint."],
      [{ 'printer-is-accepting-jobs': [false] }, 'REJECTING', 'The printer Roll80 is not accepting jobs. Ask a manager to let it accept jobs again, then reprint.'],
    ];
    for (const [attrs, cause, text] of cases) {
      const problem = queueProblem(queue(attrs))!;
      expect(problem.cause).toBe(cause);
      expect(causeMessage(problem.cause, 'Roll80', problem.said)).toBe(text);
    }
  });
});
