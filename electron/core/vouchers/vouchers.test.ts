import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { knownBalance } from './voucher-balance';
import { newVoucherCode, normalizeVoucherCode } from './voucher-code';
import { verifyJournal } from '../journal/verify-journal';
import { generateReportFile } from '../reports/generate-report-file';
import * as giftVouchers from '../../../migrations/local/0010-gift-vouchers';
import { sqliteOf } from '../db/open';
import type { ShiftReport } from '../../../shared/contract';

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
  await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
});
afterEach(async () => {
  await f.close();
});

const db = () => f.t.core.services.db;
const cash = (amount: number) => ({ method: 'CASH' as const, amount, tendered: amount });

/** The open shift's X report (the demo cinema does not count blind). */
async function xReport(): Promise<ShiftReport> {
  return (await f.t.call('shifts.current', {}, f.cashier)).open as ShiftReport;
}

async function sellVoucher(amount = 5000) {
  return f.t.call('vouchers.sell', { amount, payments: [cash(amount)] }, f.cashier);
}

/** A concessions-only order of `n` still waters, paid as given. */
async function buyWater(n: number, payments: { method: 'CASH' | 'VOUCHER'; amount: number; tendered?: number; code?: string }[]) {
  const water = await f.item('Still water 0.5 l');
  return f.t.call(
    'orders.sell',
    {
      concessions: [{ itemId: water.id, quantity: n }],
      payments: payments.map((p) => (p.method === 'CASH' ? { method: 'CASH' as const, amount: p.amount, tendered: p.tendered ?? p.amount } : { method: 'VOUCHER' as const, amount: p.amount, code: p.code! })),
    },
    f.cashier,
  );
}

describe('local migration 0010', () => {
  it('rebuilds payments with VOUCHER in its method list and keeps every row, index and trigger (down and up again)', async () => {
    const water = await f.item('Still water 0.5 l');
    await buyWater(2, [{ method: 'CASH', amount: water.price * 2, tendered: 1000 }]);
    const sqlite = sqliteOf(db());
    const rows = () => sqlite.prepare('SELECT * FROM payments ORDER BY id').all();
    const dependants = () => sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'payments' AND type IN ('index', 'trigger') ORDER BY name`).all();
    const outbox = () => sqlite.prepare('SELECT count(*) AS n FROM outbox').get();
    const before = { rows: rows(), dependants: dependants(), outbox: outbox() };
    expect(before.rows.length).toBeGreaterThan(0);
    await giftVouchers.down(db());
    expect(sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'payments'`).pluck().get()).not.toContain('VOUCHER');
    await giftVouchers.up(db());
    expect(sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'payments'`).pluck().get()).toContain(`'VOUCHER'`);
    expect({ rows: rows(), dependants: dependants(), outbox: outbox() }).toEqual(before);
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(sqlite.prepare('PRAGMA foreign_keys').pluck().get()).toBe(1);
    // The rebuilt table works as before: the next sale's payment lands, with its outbox row.
    await buyWater(1, [{ method: 'CASH', amount: water.price }]);
    expect(rows().length).toBe(before.rows.length + 1);
  });
});

describe('voucher codes', () => {
  it('are 12 Crockford letters and digits, read back whatever the case, dashes or look-alike letters', () => {
    const code = newVoucherCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeVoucherCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeVoucherCode('o1il-2345-6789')).toBe('0111-2345-6789');
    expect(normalizeVoucherCode('ABC')).toBeNull();
    expect(normalizeVoucherCode('UUUU-UUUU-UUUU')).toBeNull();
  });

  it('a balance is the other cinemas’ sums from the centre plus this cinema’s own movements', () => {
    expect(knownBalance(-1200, { A: 5000, B: -800 }, 'B')).toBe(5000 - 1200);
    expect(knownBalance(0, {}, 'B')).toBe(0);
  });
});

describe('selling a voucher', () => {
  it('takes the money in the shift, issues a receipt outside VAT, a code and a SALE movement, journalled', async () => {
    const sale = await sellVoucher(5000);
    expect(sale).toMatchObject({ amount: 5000, currency: 'EUR', change: 0, receiptNumber: 1 });
    expect(normalizeVoucherCode(sale.code)).toBe(sale.code);
    const receipt = await db().selectFrom('fiscal_receipts').selectAll().where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    expect(receipt.kind).toBe('VOUCHER_SALE');
    expect(JSON.parse(receipt.vat)).toEqual([{ rateBp: 0, net: 5000, vat: 0, gross: 5000 }]);
    expect(JSON.parse(receipt.payments)).toEqual([{ method: 'CASH', amount: 5000 }]);
    const movements = await db().selectFrom('gift_voucher_movements').selectAll().where('voucher_id', '=', sale.voucherId).execute();
    expect(movements.map((m) => [m.kind, m.amount, m.order_id])).toEqual([['SALE', 5000, sale.orderId]]);
    const journal = await db().selectFrom('journal_entries').select(['kind', 'content']).where('counter', '=', receipt.journal_counter).executeTakeFirstOrThrow();
    expect(journal.kind).toBe('VOUCHER_SALE');
    expect(JSON.parse(journal.content)).toMatchObject({ voucher: `…-${sale.code.slice(-4)}`, amount: 5000 });
    // Both rows go to the centre.
    const outbox = await db().selectFrom('outbox').select('table_name').where('table_name', 'in', ['gift_vouchers', 'gift_voucher_movements']).execute();
    expect(outbox.map((o) => o.table_name).sort()).toEqual(['gift_voucher_movements', 'gift_vouchers']);

    const lookup = await f.t.call('vouchers.lookup', { code: sale.code.toLowerCase() }, f.cashier);
    expect(lookup).toMatchObject({ code: sale.code, amount: 5000, balance: 5000, otherCinema: false });

    // The X report shows it as its own line and its 0 % line apart from the taxed sales.
    const x = await xReport();
    expect(x.fiscal.voucherSales).toEqual({ count: 1, amount: 5000 });
    expect(x.fiscal.sales).toEqual({ count: 0, amount: 0 });
    expect(x.fiscal.vat).toEqual([{ rateBp: 0, net: 5000, vat: 0, gross: 5000 }]);
  });

  it('refuses a bad amount or short money in plain words, and writes nothing', async () => {
    const before = await db().selectFrom('gift_vouchers').select('id').execute();
    await expect(f.t.call('vouchers.sell', { amount: 0, payments: [cash(1)] }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('vouchers.sell', { amount: 200_000, payments: [cash(200_000)] }, f.cashier)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('at most €1,000.00'),
    });
    await expect(f.t.call('vouchers.sell', { amount: 5000, payments: [cash(4000)] }, f.cashier)).rejects.toMatchObject({ message: expect.stringContaining('still to pay') });
    expect(await db().selectFrom('gift_vouchers').select('id').execute()).toEqual(before);

    // A sold voucher is not paid back at the counter.
    const sold = await sellVoucher(1500);
    await expect(f.t.call('orders.refund', { orderId: sold.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND' }, f.cashier)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('a voucher is not paid back at the counter'),
    });
  });

  it('prints a slip whose text and QR carry the code and the amount (pdftotext, zbarimg)', async () => {
    const sale = await sellVoucher(2500);
    const pdf = await f.t.call('vouchers.slipPdf', { voucherId: sale.voucherId, code: sale.code }, f.cashier);
    const dir = mkdtempSync(join(tmpdir(), 'voucher-slip-'));
    try {
      const file = join(dir, 'slip.pdf');
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('GIFT VOUCHER');
      expect(text).toContain(sale.code);
      expect(text).toContain('€25.00');
      expect(text).toMatch(/Receipt no\.\s+1/);
      expect(text).toContain('Outside VAT');
      execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'slip')]);
      const qr = execFileSync('zbarimg', ['--raw', '-q', join(dir, 'slip.png')], { encoding: 'utf8' }).trim();
      expect(qr).toBe(sale.code);
      // The order's receipt names the voucher and its line outside VAT.
      const receipt = await f.t.call('printing.orderPdf', { orderId: sale.orderId, document: 'RECEIPT' }, f.cashier);
      writeFileSync(join(dir, 'receipt.pdf'), Buffer.from(receipt.base64, 'base64'));
      const receiptText = execFileSync('pdftotext', ['-layout', join(dir, 'receipt.pdf'), '-'], { encoding: 'utf8' });
      expect(receiptText).toMatch(new RegExp(`Gift voucher …-${sale.code.slice(-4)}\\s+€25\\.00`));
      expect(receiptText).not.toContain(sale.code);
      expect(receiptText).toMatch(/Outside VAT\s+€25\.00\s+€0\.00\s+€25\.00/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('redeeming a voucher', () => {
  it('pays part of an order, the rest in cash; the balance follows; journal and Z show it', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    const due = water.price * 3;
    const sale = await buyWater(3, [
      { method: 'VOUCHER', amount: 500, code: v.code },
      { method: 'CASH', amount: due - 500, tendered: 2000 },
    ]);
    const payments = await db().selectFrom('payments').select(['id', 'method', 'amount']).where('order_id', '=', sale.orderId).orderBy('method').execute();
    expect(payments.map((p) => [p.method, p.amount])).toEqual([
      ['CASH', due - 500],
      ['VOUCHER', 500],
    ]);
    const redemption = await db().selectFrom('gift_voucher_movements').selectAll().where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    expect(redemption).toMatchObject({ kind: 'REDEMPTION', amount: -500, payment_id: payments[1]!.id, voucher_id: v.voucherId });
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(0);
    // The tickets and snacks it pays for carry their VAT.
    const receipt = await db().selectFrom('fiscal_receipts').select(['vat', 'payments']).where('order_id', '=', sale.orderId).executeTakeFirstOrThrow();
    expect((JSON.parse(receipt.vat) as { rateBp: number; vat: number }[]).every((l) => l.rateBp > 0 && l.vat > 0)).toBe(true);
    const entry = await db().selectFrom('journal_entries').select('content').where('kind', '=', 'VOUCHER_REDEMPTION').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.content)).toMatchObject({ voucher: `…-${v.code.slice(-4)}`, amount: 500, balanceAfter: 0 });
    expect((await verifyJournal(db()))[0]!.firstBreak).toBeNull();
    const x = await xReport();
    expect(x.fiscal.voucherRedemptions).toEqual({ count: 1, amount: 500 });
    expect(x.byMethod.find((m) => m.method === 'VOUCHER')).toMatchObject({ sales: 500, salesCount: 1 });

    // Spent: refused in words, and nothing is written.
    const orders = await db().selectFrom('orders').select('id').execute();
    await expect(buyWater(1, [{ method: 'VOUCHER', amount: water.price, code: v.code }])).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is used up') });
    expect(await db().selectFrom('orders').select('id').execute()).toEqual(orders);

    // The Z report prints them as their own lines; the voucher sale's money is outside VAT.
    const z = await f.t.call('shifts.close', { countedCash: x.expectedCash! }, f.cashier);
    await f.t.call('printing.printShiftReport', { shiftId: z.shiftId }, f.cashier);
    const dir = join(f.t.dir, 'printed');
    const file = readdirSync(dir).find((n) => /\.pdf$/.test(n) && /z|shift|report/i.test(n))!;
    const text = execFileSync('pdftotext', ['-layout', join(dir, file), '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Gift vouchers sold \(1, outside VAT\)\s+€5\.00/);
    expect(text).toMatch(/Paid by gift voucher \(1\)\s+€5\.00/);
    expect(text).toMatch(/Outside VAT\s+€5\.00\s+€0\.00\s+€5\.00/);
  });

  it('pays a whole order and keeps what is left on the voucher', async () => {
    const v = await sellVoucher(5000);
    const water = await f.item('Still water 0.5 l');
    await buyWater(2, [{ method: 'VOUCHER', amount: water.price * 2, code: v.code }]);
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(5000 - water.price * 2);
  });

  it('refuses an unknown code, more than the balance and a code that is no code, in plain words', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    await expect(buyWater(1, [{ method: 'VOUCHER', amount: water.price, code: 'ZZZZ-ZZZZ-ZZZZ' }])).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No voucher has the code ZZZZ-ZZZZ-ZZZZ') });
    await expect(buyWater(1, [{ method: 'VOUCHER', amount: water.price, code: 'hello' }])).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('is not a voucher code') });
    await expect(buyWater(2, [{ method: 'VOUCHER', amount: water.price * 2, code: v.code }])).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has €5.00 left') });
    // The same voucher twice in one order counts together.
    await expect(
      buyWater(2, [
        { method: 'VOUCHER', amount: 400, code: v.code },
        { method: 'VOUCHER', amount: water.price * 2 - 400, code: v.code },
      ]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(f.t.call('vouchers.lookup', { code: 'ZZZZ-ZZZZ-ZZZZ' }, f.cashier)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(500);
  });

  it('a refund of an order paid by voucher puts the voucher share back on the voucher', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    const due = water.price * 3;
    const sale = await buyWater(3, [
      { method: 'VOUCHER', amount: 500, code: v.code },
      { method: 'CASH', amount: due - 500 },
    ]);
    const result = await f.t.call('orders.refund', { orderId: sale.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND', managerPin: '2468' }, f.cashier);
    expect(result.paidBack.find((p) => p.method === 'VOUCHER')).toMatchObject({ amount: 500 });
    const back = await db().selectFrom('gift_voucher_movements').selectAll().where('voucher_id', '=', v.voucherId).where('kind', '=', 'REFUND').executeTakeFirstOrThrow();
    expect(back.amount).toBe(500);
    const refundPayment = await db().selectFrom('payments').select(['kind', 'method']).where('id', '=', back.payment_id!).executeTakeFirstOrThrow();
    expect(refundPayment).toEqual({ kind: 'REFUND', method: 'VOUCHER' });
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(500);
    const x = await xReport();
    expect(x.fiscal.voucherRedemptions.amount).toBe(0);
  });

  it('the voucher report shows sold, redeemed and outstanding', async () => {
    const a = await sellVoucher(3000);
    await sellVoucher(2000);
    await buyWater(1, [{ method: 'VOUCHER', amount: (await f.item('Still water 0.5 l')).price, code: a.code }]);
    const water = (await f.item('Still water 0.5 l')).price;
    const manager = await f.t.signIn('MANAGER');
    const r = await f.t.call('vouchers.report', { from: '2026-11-25', to: '2026-11-25' }, manager);
    expect(r.sold).toEqual({ count: 2, amount: 5000 });
    expect(r.redeemed).toEqual({ count: 1, amount: water });
    expect(r.outstanding).toEqual({ count: 2, amount: 5000 - water });
    expect(r.vouchers.map((l) => l.balance)).toEqual([3000 - water, 2000]);

    // The same figures as a PDF (read back) and an XLSX through the report writer.
    const dir = mkdtempSync(join(tmpdir(), 'voucher-report-'));
    try {
      const base = { kind: 'VOUCHERS' as const, cinemaId: f.t.core.terminal().cinemaId!, from: '2026-11-25', to: '2026-11-25', generatedBy: 'Manager', generatedAt: '2026-11-25T12:00:00.000Z' };
      await generateReportFile(db(), { ...base, format: 'PDF', file: join(dir, 'v.pdf') });
      await generateReportFile(db(), { ...base, format: 'XLSX', file: join(dir, 'v.xlsx') });
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'v.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('Gift voucher report');
      expect(text).toMatch(/Sold \(outside VAT\)\s+2\s+€50\.00/);
      expect(text).toContain(`…-${a.code.slice(-4)}`);
      expect(text).not.toContain(a.code);
      expect(text).toMatch(new RegExp(`Outstanding at the end \\(owed to customers\\)\\s+2\\s+€${((5000 - water) / 100).toFixed(2).replace('.', '\\.')}`));
      expect(readFileSync(join(dir, 'v.xlsx')).subarray(0, 2).toString()).toBe('PK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('redeeming a voucher, as a hostile tester', () => {
  it('a zero, negative, fractional or huge voucher payment is refused in words, and nothing is written', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    const before = { orders: await db().selectFrom('orders').select('id').execute(), movements: await db().selectFrom('gift_voucher_movements').select('id').execute() };
    for (const amount of [0, -100, 1.5, 1e15, Number.NaN]) {
      const r = await f.t.core.call({ op: 'orders.sell', input: { concessions: [{ itemId: water.id, quantity: 1 }], payments: [{ method: 'VOUCHER', amount, code: v.code }, cash(water.price)] }, token: f.cashier });
      expect(r.ok, `amount ${amount}`).toBe(false);
      if (!r.ok) expect(r.error.message, `amount ${amount}`).not.toMatch(/constraint|SQLITE|undefined|NaN/i);
    }
    expect(await db().selectFrom('orders').select('id').execute()).toEqual(before.orders);
    expect(await db().selectFrom('gift_voucher_movements').select('id').execute()).toEqual(before.movements);
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(500);
  });

  it('a code read with look-alike letters, lower case and spaces pays from the same voucher', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    const typed = ` ${v.code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ')} `;
    await buyWater(1, [
      { method: 'VOUCHER', amount: 100, code: typed },
      { method: 'CASH', amount: water.price - 100 },
    ]);
    expect((await f.t.call('vouchers.lookup', { code: typed }, f.cashier)).balance).toBe(400);
  });

  it('two sales at once spending the whole voucher: one is paid, the other refused, the voucher never below zero', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    const spend = () => buyWater(3, [{ method: 'VOUCHER', amount: 500, code: v.code }, { method: 'CASH', amount: water.price * 3 - 500 }]);
    const results = await Promise.allSettled([spend(), spend(), spend()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is used up') });
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(0);
  });

  it('an order paid by voucher is refunded once: a second refund is refused and the voucher gets its share back once', async () => {
    const v = await sellVoucher(500);
    const water = await f.item('Still water 0.5 l');
    const sale = await buyWater(2, [
      { method: 'VOUCHER', amount: 500, code: v.code },
      { method: 'CASH', amount: water.price * 2 - 500 },
    ]);
    await f.t.call('orders.refund', { orderId: sale.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND', managerPin: '2468' }, f.cashier);
    await expect(f.t.call('orders.refund', { orderId: sale.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND', managerPin: '2468' }, f.cashier)).rejects.toMatchObject({ message: expect.any(String) });
    const back = await db().selectFrom('gift_voucher_movements').select('amount').where('voucher_id', '=', v.voucherId).where('kind', '=', 'REFUND').execute();
    expect(back).toEqual([{ amount: 500 }]);
    expect((await f.t.call('vouchers.lookup', { code: v.code }, f.cashier)).balance).toBe(500);
  });
});

describe('the code is a bearer secret (kept nowhere but on the slip)', () => {
  /** Every file of the terminal's data directory, as bytes (the SQLite file, its WAL, anything else). */
  function dataFiles(dir: string): Buffer[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name)));
  }

  it('after a sale, a redemption, a reprint and a report, no file of the terminal holds the code; the code still pays', async () => {
    const sale = await sellVoucher(3000);
    const last4 = sale.code.slice(-4);
    // The slip of the sale shows the code (passed back by the counter); a reprint is a copy naming its last 4 only.
    const dir = mkdtempSync(join(tmpdir(), 'voucher-copy-'));
    try {
      const copy = await f.t.call('vouchers.slipPdf', { voucherId: sale.voucherId }, f.cashier);
      writeFileSync(join(dir, 'copy.pdf'), Buffer.from(copy.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'copy.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(`…-${last4}`);
      expect(text).toContain('COPY');
      expect(text).not.toContain(sale.code);
      // A wrong code passed for the slip does not print in full either.
      const wrong = await f.t.call('vouchers.slipPdf', { voucherId: sale.voucherId, code: 'ZZZZ-ZZZZ-ZZZZ' }, f.cashier);
      writeFileSync(join(dir, 'wrong.pdf'), Buffer.from(wrong.base64, 'base64'));
      expect(execFileSync('pdftotext', ['-layout', join(dir, 'wrong.pdf'), '-'], { encoding: 'utf8' })).not.toContain('ZZZZ-ZZZZ-ZZZZ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const water = (await f.item('Still water 0.5 l')).price;
    await buyWater(1, [{ method: 'VOUCHER', amount: water, code: sale.code }]);
    await f.t.call('vouchers.lookup', { code: sale.code }, f.cashier);
    const manager = await f.t.signIn('MANAGER');
    expect((await f.t.call('vouchers.report', { from: '2026-11-25', to: '2026-11-25' }, manager)).vouchers.map((v) => v.code)).toEqual([`…-${last4}`]);

    const stored = await db().selectFrom('gift_vouchers').selectAll().executeTakeFirstOrThrow();
    expect(stored.code_last4).toBe(last4);
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
    sqliteOf(db()).pragma('wal_checkpoint(TRUNCATE)');
    const files = dataFiles(f.t.dir);
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      expect(bytes.includes(sale.code)).toBe(false);
      expect(bytes.includes(sale.code.replace(/-/g, ''))).toBe(false);
    }
    // Found by its code all the same (offline: this terminal has no centre).
    expect((await f.t.call('vouchers.lookup', { code: sale.code.toLowerCase() }, f.cashier)).balance).toBe(3000 - water);
  });
});
