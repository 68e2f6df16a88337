import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { pdfToLine } from '../printing/testing/pdf-to-text';
import { verifyJournal } from '../journal/verify-journal';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(async () => {
  await f.close();
});

const db = () => f.t.core.services.db;
/** The newest PDF in the print folder whose name matches (a second print of a document is saved as "… (2).pdf"). */
const printed = (match: RegExp) => {
  const dir = join(f.t.dir, 'printed');
  const copyNo = (n: string) => Number(/\((\d+)\)\.pdf$/.exec(n)?.[1] ?? 1);
  const file = readdirSync(dir)
    .filter((n) => match.test(n))
    .sort((a, b) => statSync(join(dir, a)).mtimeMs - statSync(join(dir, b)).mtimeMs || copyNo(a) - copyNo(b))
    .at(-1);
  if (!file) throw new Error(`no printed file like ${match}`);
  return readFileSync(join(dir, file));
};

async function sellTicketAndDrink(row: string, seat: number) {
  const s = await f.session();
  const seatId = await f.seat(s.id, row, seat);
  await f.t.call('booking.hold', { sessionId: s.id, seatIds: [seatId] }, f.cashier);
  const cola = await f.item('Cola 0.5 l');
  const draft = { sessionId: s.id, tickets: [{ seatId, ticketType: 'ADULT' as const }], concessions: [{ itemId: cola.id, quantity: 1 }], ageConfirmed: true };
  const q = await f.t.call('orders.quote', draft, f.cashier);
  return f.t.call('orders.sell', { ...draft, payments: [{ method: 'CASH', amount: q.toPay, tendered: q.toPay + 500 }] }, f.cashier);
}

describe('numbered receipts, slips and Z reports (rule 16)', () => {
  it('numbers receipts per terminal without gaps (a failed sale takes no number) and prints every required field', async () => {
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    const first = await sellTicketAndDrink('F', 5);
    expect(first.receiptNumber).toBe(1);
    // A refused sale (cash short) rolls back with its number.
    const water = await f.item('Still water 0.5 l');
    await expect(
      f.t.call('orders.sell', { concessions: [{ itemId: water.id, quantity: 1 }], payments: [{ method: 'CASH', amount: water.price, tendered: 1 }] }, f.cashier),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const second = await f.t.call('orders.sell', { concessions: [{ itemId: water.id, quantity: 2 }], payments: [{ method: 'CARD', amount: 2 * water.price, approvalCode: 'A1B2', last4: '4242' }] }, f.cashier);
    expect(second.receiptNumber).toBe(2);
    const numbers = await db().selectFrom('fiscal_receipts').select('number').orderBy('number').execute();
    expect(numbers.map((r) => r.number)).toEqual([1, 2]);

    await f.t.call('printing.printOrder', { orderId: first.orderId, documents: 'RECEIPT' }, f.cashier);
    const receipt = pdfToLine(printed(/receipt( \(\d+\))?\.pdf$/));
    expect(receipt).toContain('Aurora Cinema');
    expect(receipt).toContain('Aurora Lichtspiele GmbH');
    expect(receipt).toContain('Karl-Marx-Allee 93, 10243 Berlin, Germany');
    expect(receipt).toContain('VAT/tax no. DE298765432');
    expect(receipt).toMatch(/Receipt no\. 1\b/);
    expect(receipt).toContain(`Terminal ${f.t.core.terminal().name}`);
    // 12:00 UTC is 13:00 in Berlin in November.
    expect(receipt).toMatch(/Date 25 Nov 2026, 13:00/);
    expect(receipt).not.toContain('COPY');
    // Ticket at 7 %, the cola at 19 %: net · VAT · gross per rate, adding up.
    const vat = [...receipt.matchAll(/VAT (\d+) % €([\d.]+) €([\d.]+) €([\d.]+)/g)].map((m) => ({ rate: Number(m[1]), net: m[2], vat: m[3], gross: m[4] }));
    expect(vat.map((v) => v.rate)).toEqual([7, 19]);
    for (const v of vat) expect(Math.round(Number(v.net) * 100) + Math.round(Number(v.vat) * 100)).toBe(Math.round(Number(v.gross) * 100));
    expect(vat[1]).toMatchObject({ gross: '3.90', vat: '0.62', net: '3.28' });

    // Every later print is a copy, and says so.
    await f.t.call('printing.printOrder', { orderId: first.orderId, documents: 'RECEIPT' }, f.cashier);
    expect(pdfToLine(printed(/receipt( \(\d+\))?\.pdf$/))).toContain('COPY');
    const pdf = await f.t.call('printing.orderPdf', { orderId: first.orderId, document: 'RECEIPT', paper: 'A4' }, f.cashier);
    expect(pdfToLine(Buffer.from(pdf.base64, 'base64'))).toContain('COPY');
  });

  it('gives a refund its own numbered slip that refers to the receipt, and closes the shift with a numbered Z whose grand total only grows', async () => {
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    const sale = await sellTicketAndDrink('G', 7);
    const refund = await f.t.call('orders.refund', { orderId: sale.orderId, ticketIds: [sale.tickets[0]!.id], reason: 'CUSTOMER_CHANGED_MIND' }, f.cashier);
    const slips = await db().selectFrom('fiscal_receipts').selectAll().where('kind', '=', 'REFUND').execute();
    expect(slips).toHaveLength(1);
    const saleReceipt = await db().selectFrom('fiscal_receipts').selectAll().where('kind', '=', 'SALE').executeTakeFirstOrThrow();
    expect(slips[0]).toMatchObject({ number: 2, refers_to_id: saleReceipt.id, order_id: sale.orderId, amount: -refund.amount });
    const slipVat = JSON.parse(slips[0]!.vat) as { gross: number }[];
    expect(slipVat.reduce((s, v) => s + v.gross, 0)).toBe(-refund.amount);

    // The refund's own slip: its number, the receipt it refers to, who issued it.
    await f.t.call('orders.printRefundSlip', { orderId: sale.orderId, slipNumber: refund.slipNumber }, f.cashier);
    const slip = pdfToLine(printed(/refund( \(\d+\))?\.pdf$/));
    expect(slip).toContain('REFUND SLIP');
    expect(slip).toContain('Aurora Lichtspiele GmbH');
    expect(slip).toContain('VAT/tax no. DE298765432');
    expect(slip).toMatch(/Receipt no\. 2\b/);
    expect(slip).toMatch(/Refers to receipt no\. 1\b/);
    expect(slip).toContain(`Terminal ${f.t.core.terminal().name}`);
    expect(slip).toMatch(/Date 25 Nov 2026, 13:00/);

    // The receipt reprinted lists the slip.
    await f.t.call('printing.reprint', { orderId: sale.orderId, documents: 'RECEIPT' }, f.cashier);
    const copy = pdfToLine(printed(/receipt( \(\d+\))?\.pdf$/));
    expect(copy).toContain('COPY');
    expect(copy).toMatch(/Refund slip no\. 2/);

    const z1 = await f.t.call('shifts.close', { countedCash: 10_000 }, f.cashier);
    expect(z1.fiscal).toMatchObject({ zNumber: 1, receipts: 2, firstReceipt: 1, lastReceipt: 2, sales: { count: 1, amount: sale.total }, refunds: { count: 1, amount: -refund.amount }, grandTotal: sale.total, grandTotalRefunds: refund.amount });
    expect(z1.fiscal.vat.map((v) => v.rateBp)).toEqual([700, 1900]);

    const zPdf = async () => {
      await f.t.call('printing.printShiftReport', { shiftId: z1.shiftId }, f.cashier);
      return pdfToLine(printed(/Z-report/));
    };
    const zText = await zPdf();
    expect(zText).toContain('Z REPORT no. 1');
    expect(zText).toContain('Aurora Lichtspiele GmbH');
    expect(zText).toContain('VAT/tax no. DE298765432');
    expect(zText).toMatch(/Receipts 2 \(no\. 1 – 2\)/);
    expect(zText).toMatch(/Refunds \(1\) −€/);
    expect(zText).toMatch(/VAT 7 % €[\d.]+ €[\d.]+ €[\d.]+/);
    expect(zText).toMatch(/Grand total \(sales, ever\) €[\d.]+/);
    expect(zText).toMatch(/Cash/);

    // A second shift: Z no. 2, receipts continue at 3, the grand total grows by the new sale only.
    await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
    const x = (await f.t.call('shifts.current', {}, f.cashier)).open!;
    expect(x.fiscal).toMatchObject({ zNumber: null, receipts: 0, grandTotal: sale.total });
    const next = await sellTicketAndDrink('H', 2);
    expect(next.receiptNumber).toBe(3);
    const z2 = await f.t.call('shifts.close', { countedCash: next.total }, f.cashier);
    expect(z2.fiscal).toMatchObject({ zNumber: 2, firstReceipt: 3, lastReceipt: 3, grandTotal: sale.total + next.total, grandTotalRefunds: refund.amount });

    // Every money-moving step is in the journal, chained and signed.
    const [check] = await verifyJournal(db());
    expect(check!.firstBreak).toBeNull();
    const kinds = await db().selectFrom('journal_entries').select('kind').orderBy('counter').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['SHIFT_OPEN', 'SALE', 'REFUND', 'SHIFT_CLOSE', 'Z_REPORT', 'SHIFT_OPEN', 'SALE', 'SHIFT_CLOSE', 'Z_REPORT']);
  });

  it('gives an exchange its numbered slip that refers to the receipt, with the difference, VAT and COPY on a reprint', async () => {
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    const sale = await sellTicketAndDrink('K', 3);
    const s = await f.session();
    const seatId = await f.seat(s.id, 'K', 4);
    const exchange = await f.t.call('orders.exchange', { ticketId: sale.tickets[0]!.id, sessionId: s.id, seatId, ticketType: 'CHILD' }, f.cashier);
    expect(exchange.difference).toBeLessThan(0);
    expect(exchange.slipNumber).toBe(2);
    const row = await db().selectFrom('fiscal_receipts').selectAll().where('number', '=', 2).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'EXCHANGE', amount: exchange.difference });

    await f.t.call('receipts.printSlip', { orderId: sale.orderId, number: exchange.slipNumber }, f.cashier);
    // One line per fact, whatever the roll's width wrapped.
    const slip = pdfToLine(printed(/exchange( \(\d+\))?\.pdf$/)).replace(/\s+/g, ' ');
    expect(slip).toContain('EXCHANGE SLIP');
    expect(slip).toContain('Aurora Lichtspiele GmbH');
    expect(slip).toContain('Karl-Marx-Allee 93, 10243 Berlin, Germany');
    expect(slip).toContain('VAT/tax no. DE298765432');
    expect(slip).toMatch(/Receipt no\. 2\b/);
    expect(slip).toMatch(/Refers to receipt no\. 1 of 25 Nov 2026, 13:00/);
    expect(slip).toContain(`Terminal ${f.t.core.terminal().name}`);
    expect(slip).toMatch(/Returned: Ironvale, .*row K seat 3/);
    expect(slip).toMatch(/New: Ironvale, .*row K seat 4/);
    expect(slip).toMatch(new RegExp(`PAID BACK −€${(-exchange.difference / 100).toFixed(2).replace('.', '\\.')}`));
    expect(slip).toMatch(/VAT 7 % −€[\d.]+ −€[\d.]+ −€[\d.]+/);
    expect(slip).not.toContain('COPY');
    await f.t.call('receipts.printSlip', { orderId: sale.orderId, number: exchange.slipNumber }, f.cashier);
    expect(pdfToLine(printed(/exchange( \(\d+\))?\.pdf$/))).toContain('COPY');
    await expect(f.t.call('receipts.printSlip', { orderId: sale.orderId, number: 1 }, f.cashier)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
