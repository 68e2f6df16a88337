import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestPostgres } from '../sync/testing/central-postgres';
import { startConnectedTerminal, startMigratedCentral, stopMigratedCentral } from '../sync/testing/central-fixture';
import { registerCentralTerminal, type CentralDb } from '../sync/central-admin';
import { CentralClient, type PushItem } from '../sync/central-client';
import { connectTerminal, startSyncTerminal, type SyncTerminal } from '../sync/testing/sync-terminal';
import { newId } from '../ids';
import { sqliteOf } from '../db/open';
import type { VoucherLookup, VoucherSale } from '../../../shared/contract';

/**
 * Rule 17 on a real PostgreSQL: a voucher sold in cinema A is redeemed in cinema B, the centre sums
 * it chain-wide, two cinemas offline overdraw it and the one whose push overdrew it gets a conflict
 * its manager resolves — while cinema B's terminals still cannot touch cinema A's orders or payments.
 */
let central: TestPostgres;
let owner: CentralDb;
let a1: SyncTerminal;
let b1: SyncTerminal;
let hostile: CentralClient;
let hostileTerminal: string;
let cinemaA: string;
let cinemaB: string;

const hlcNow = (node: string) => `${String(Date.now() - 60_000).padStart(15, '0')}-00000-${node}`;
const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => (await q.execute(owner)).rows as T[];

async function callAs<T>(t: SyncTerminal, op: string, input: unknown, role: 'manager' | 'cashier' = 'cashier'): Promise<T> {
  const login = await t.core.call({ op: 'auth.login', input: { username: role, password: `${role}1234` } });
  if (!login.ok) throw new Error(login.error.message);
  const result = await t.core.call({ op, input, token: (login.value as { token: string }).token });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

/** Still waters paid with `voucher` from the code, the rest in cash. */
async function payWithVoucher(t: SyncTerminal, code: string, voucher: number, waters: number) {
  const water = await t.db.selectFrom('concession_items').select(['id', 'price']).where('name', '=', 'Still water 0.5 l').executeTakeFirstOrThrow();
  const due = water.price * waters;
  const payments: unknown[] = [{ method: 'VOUCHER', amount: voucher, code }];
  if (due > voucher) payments.push({ method: 'CASH', amount: due - voucher, tendered: due - voucher });
  return callAs<{ orderId: string }>(t, 'orders.sell', { concessions: [{ itemId: water.id, quantity: waters }], payments });
}

const lookup = (t: SyncTerminal, code: string) => callAs<VoucherLookup>(t, 'vouchers.lookup', { code });
const centralBalance = async (id: string) => (await rows<{ balance: string; by_cinema: Record<string, number> }>(sql`SELECT balance, by_cinema FROM gift_voucher_balances WHERE id = ${id}`))[0];

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  a1 = await startConnectedTerminal({ central, owner }, { demo: true });
  cinemaA = a1.core.terminal().cinemaId!;
  b1 = await startConnectedTerminal({ central, owner }, { demo: true });
  cinemaB = b1.core.terminal().cinemaId!;
  hostileTerminal = newId();
  const login = await registerCentralTerminal(owner, { terminalId: hostileTerminal, cinemaId: cinemaB, name: 'B hostile' });
  const u = new URL(central.url);
  hostile = new CentralClient({ url: `postgres://${u.hostname}:${u.port}${u.pathname}`, user: login.user, password: login.password });
  for (const t of [a1, b1]) await callAs(t, 'shifts.open', { openingFloat: 10_000 });
}, 240_000);

afterAll(async () => {
  await hostile?.close();
  for (const t of [a1, b1]) await t?.close();
  await stopMigratedCentral({ central, owner });
});

describe('a gift voucher across the chain', () => {
  let sale: VoucherSale;

  it('sold in cinema A, is known and redeemable in cinema B; the centre sums it per cinema', async () => {
    sale = await callAs<VoucherSale>(a1, 'vouchers.sell', { amount: 5000, payments: [{ method: 'CASH', amount: 5000, tendered: 5000 }] });
    await a1.sync.syncNow();
    expect(await centralBalance(sale.voucherId)).toEqual({ balance: '5000', by_cinema: { [cinemaA]: 5000 } });

    // Before B has synced, the code is unknown there: refused in words, nothing written.
    await expect(lookup(b1, sale.code)).rejects.toThrow(/No voucher has the code/);
    await b1.sync.syncNow();
    expect(await lookup(b1, sale.code)).toMatchObject({ balance: 5000, otherCinema: true });

    const order = await payWithVoucher(b1, sale.code, 2000, 8);
    expect(await lookup(b1, sale.code)).toMatchObject({ balance: 3000 });
    await b1.sync.syncNow();
    expect(await centralBalance(sale.voucherId)).toEqual({ balance: '3000', by_cinema: { [cinemaA]: 5000, [cinemaB]: -2000 } });
    // The redemption is a row of cinema B, on B's own order.
    expect(await rows(sql`SELECT scope_cinema_id, kind, amount::int, order_id FROM gift_voucher_movements WHERE voucher_id = ${sale.voucherId} AND kind = 'REDEMPTION'`)).toEqual([
      { scope_cinema_id: cinemaB, kind: 'REDEMPTION', amount: -2000, order_id: order.orderId },
    ]);
    // Online, A's counter asks the centre when it shows the voucher: B's redemption is there before A pulls it.
    expect(await a1.db.selectFrom('gift_voucher_movements').select('id').where('kind', '=', 'REDEMPTION').execute()).toEqual([]);
    expect(await lookup(a1, sale.code)).toMatchObject({ balance: 3000, otherCinema: false });
    await a1.sync.syncNow();
    expect(await lookup(a1, sale.code)).toMatchObject({ balance: 3000, otherCinema: false });
  }, 60_000);

  it('two cinemas offline each redeem what they last knew: the push that overdraws it opens a conflict its manager resolves', async () => {
    // Both counters lose the centre: each goes by the balance it last knew (3000).
    for (const t of [a1, b1]) t.sync.lostCentral('test: the network is gone');
    await payWithVoucher(a1, sale.code, 2500, 9);
    await payWithVoucher(b1, sale.code, 2500, 9);
    // Each terminal refuses more than it knows is left.
    await expect(payWithVoucher(b1, sale.code, 1000, 4)).rejects.toThrow(/has €5\.00 left/);
    await a1.sync.syncNow();
    expect((await centralBalance(sale.voucherId))!.balance).toBe('500');
    await b1.sync.syncNow();
    expect((await centralBalance(sale.voucherId))!.balance).toBe('-2000');
    const open = await rows<{ cinema_id: string; kind: string; details: { code: string; balance: number } }>(
      sql`SELECT cinema_id, kind, details FROM sync_conflicts WHERE kind = 'VOUCHER_OVERDRAWN' AND resolved_at IS NULL`,
    );
    expect(open).toEqual([{ cinema_id: cinemaB, kind: 'VOUCHER_OVERDRAWN', details: expect.objectContaining({ code: `…-${sale.code.slice(-4)}`, balance: -2000 }) }]);

    await b1.sync.syncNow();
    expect(await lookup(b1, sale.code)).toMatchObject({ balance: -2000 });
    const conflicts = await callAs<{ id: string; kind: string; description: string }[]>(b1, 'sync.conflicts', {}, 'manager');
    const mine = conflicts.find((c) => c.kind === 'VOUCHER_OVERDRAWN')!;
    expect(mine.description).toContain(`voucher …-${sale.code.slice(-4)} is at −€20.00`);
    await callAs(b1, 'sync.resolveConflict', { conflictId: mine.id, action: 'ACKNOWLEDGE' }, 'manager');
    expect(await lookup(b1, sale.code)).toMatchObject({ balance: 0 });
    await b1.sync.syncNow();
    expect(await centralBalance(sale.voucherId)).toEqual({ balance: '0', by_cinema: { [cinemaA]: 2500, [cinemaB]: -2500 } });
    expect(await rows(sql`SELECT resolution FROM sync_conflicts WHERE kind = 'VOUCHER_OVERDRAWN'`)).toEqual([{ resolution: 'ACKNOWLEDGED' }]);
    await a1.sync.syncNow();
    expect(await lookup(a1, sale.code)).toMatchObject({ balance: 0 });
  }, 60_000);

  it('no row of the centre and no file of either terminal holds the code; it is still found by its code in both cinemas', async () => {
    const fresh = await callAs<VoucherSale>(a1, 'vouchers.sell', { amount: 2000, payments: [{ method: 'CASH', amount: 2000, tendered: 2000 }] });
    await a1.sync.syncNow();
    await b1.sync.syncNow();
    // Found in B by its code, offline, from the hash B pulled.
    b1.sync.lostCentral('test: the network is gone');
    await payWithVoucher(b1, fresh.code, 500, 4);
    expect(await lookup(b1, fresh.code)).toMatchObject({ balance: 1500, otherCinema: true });
    await b1.sync.syncNow();
    expect((await centralBalance(fresh.voucherId))!.balance).toBe('1500');

    const plain = [sale.code, fresh.code].flatMap((c) => [c, c.replace(/-/g, '')]);
    const tables = await rows<{ name: string }>(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.map((t) => t.name)).toContain('gift_vouchers');
    for (const { name } of tables) {
      for (const c of plain) {
        expect(await rows(sql`SELECT 1 FROM ${sql.table(name)} x WHERE x::text LIKE ${'%' + c + '%'} LIMIT 1`), `${name} holds ${c}`).toEqual([]);
      }
    }
    expect((await rows<{ code_last4: string }>(sql`SELECT code_last4 FROM gift_vouchers WHERE id = ${fresh.voucherId}`))[0]!.code_last4).toBe(fresh.code.slice(-4));
    for (const t of [a1, b1]) {
      sqliteOf(t.db).pragma('wal_checkpoint(TRUNCATE)');
      for (const e of readdirSync(t.dir, { recursive: true, withFileTypes: true }).filter((x) => x.isFile())) {
        const bytes = readFileSync(join(e.parentPath, e.name));
        for (const c of plain) expect(bytes.includes(c), `${e.name} holds ${c}`).toBe(false);
      }
    }
  }, 60_000);
});

describe('two terminals of one cinema', () => {
  it('offline, each spends the whole voucher: both redemptions land, the second push opens the conflict, nothing is lost', async () => {
    const a2 = await startSyncTerminal({ demo: false });
    try {
      await connectTerminal(owner, central.url, a2, cinemaA);
      await a2.sync.syncNow();
      await callAs(a2, 'shifts.open', { openingFloat: 10_000 });
      const sale = await callAs<VoucherSale>(a1, 'vouchers.sell', { amount: 1000, payments: [{ method: 'CASH', amount: 1000, tendered: 1000 }] });
      await a1.sync.syncNow();
      await a2.sync.syncNow();
      for (const t of [a1, a2]) t.sync.lostCentral('test: the network is gone');
      const first = await payWithVoucher(a1, sale.code, 1000, 8);
      const second = await payWithVoucher(a2, sale.code, 1000, 8);
      await a1.sync.syncNow();
      await a2.sync.syncNow();
      expect(await centralBalance(sale.voucherId)).toEqual({ balance: '-1000', by_cinema: { [cinemaA]: -1000 } });
      expect(await rows(sql`SELECT order_id, amount::int FROM gift_voucher_movements WHERE voucher_id = ${sale.voucherId} AND kind = 'REDEMPTION' ORDER BY order_id`)).toEqual(
        [{ order_id: first.orderId, amount: -1000 }, { order_id: second.orderId, amount: -1000 }].sort((x, y) => (x.order_id < y.order_id ? -1 : 1)),
      );
      const open = await rows(sql`SELECT cinema_id, details->>'order_id' AS order_id FROM sync_conflicts WHERE kind = 'VOUCHER_OVERDRAWN' AND resolved_at IS NULL AND subject_id = ${sale.voucherId}`);
      expect(open).toEqual([{ cinema_id: cinemaA, order_id: second.orderId }]);
      // Both counters come to know the overdraft; the manager's write-off is accepted by the centre.
      await a1.sync.syncNow();
      expect(await lookup(a1, sale.code)).toMatchObject({ balance: -1000 });
      const conflict = (await callAs<{ id: string; kind: string }[]>(a2, 'sync.conflicts', {}, 'manager')).find((c) => c.kind === 'VOUCHER_OVERDRAWN')!;
      await callAs(a2, 'sync.resolveConflict', { conflictId: conflict.id, action: 'ACKNOWLEDGE' }, 'manager');
      await a2.sync.syncNow();
      expect((await centralBalance(sale.voucherId))!.balance).toBe('0');
    } finally {
      await a2.close();
    }
  }, 90_000);
});

describe("a hostile terminal of cinema B and cinema A's vouchers", () => {
  const movement = (over: Record<string, unknown>): PushItem => {
    const row = {
      id: newId(),
      voucher_id: null,
      cinema_id: cinemaB,
      kind: 'REDEMPTION',
      amount: -100,
      order_id: null,
      payment_id: null,
      terminal_id: null,
      at: '2026-11-25T12:00:00.000Z',
      note: null,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: hlcNow(hostileTerminal),
      origin: hostileTerminal,
      ...over,
    };
    return { t: 'gift_voucher_movements', op: 'UPSERT', id: row.id, row };
  };

  it("cannot plant a redemption on A's order or payment, top a voucher up, or push the centre's sums", async () => {
    const voucher = (await rows<{ id: string }>(sql`SELECT id FROM gift_vouchers ORDER BY sold_at LIMIT 1`))[0]!.id;
    const orderOfA = (await rows<{ id: string; pay: string }>(sql`SELECT o.id, p.id AS pay FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.scope_cinema_id = ${cinemaA} ORDER BY o.id LIMIT 1`))[0]!;
    const orderOfB = (await rows<{ id: string; pay: string }>(sql`SELECT o.id, p.id AS pay FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.scope_cinema_id = ${cinemaB} ORDER BY o.id LIMIT 1`))[0]!;
    const terminalOfB = b1.core.terminal().id;
    const before = await rows(sql`SELECT count(*)::int AS n FROM gift_voucher_movements`);
    await expect(hostile.push([movement({ voucher_id: voucher, order_id: orderOfA.id, payment_id: orderOfB.pay, terminal_id: terminalOfB })])).rejects.toThrow(/names order_id/);
    await expect(hostile.push([movement({ voucher_id: voucher, order_id: orderOfB.id, payment_id: orderOfA.pay, terminal_id: terminalOfB })])).rejects.toThrow(/names payment_id/);
    await expect(hostile.push([movement({ voucher_id: voucher, order_id: orderOfB.id, payment_id: orderOfB.pay, terminal_id: terminalOfB, cinema_id: cinemaA })])).rejects.toThrow(/belongs to another cinema/);
    // A "redemption" that adds money is refused by the table's checks.
    await expect(hostile.push([movement({ voucher_id: voucher, order_id: orderOfB.id, payment_id: orderOfB.pay, terminal_id: terminalOfB, amount: 100_000 })])).rejects.toThrow(/check constraint/);
    const sums = { id: voucher, balance: 1_000_000, by_cinema: { [cinemaB]: 1_000_000 }, updated_at: hlcNow(hostileTerminal), origin: hostileTerminal };
    await expect(hostile.push([{ t: 'gift_voucher_balances', op: 'UPSERT', id: voucher, row: sums }])).rejects.toThrow(/summed by the central database/);
    // A voucher issued in A's name.
    const forged = { id: newId(), code_hash: 'f'.repeat(63) + '1', code_last4: 'ZZZ1', cinema_id: cinemaA, amount: 100_000, currency: 'EUR', sold_at: '2026-11-25T12:00:00.000Z', created_at: '2026-11-25T12:00:00.000Z', updated_at: hlcNow(hostileTerminal), origin: hostileTerminal };
    await expect(hostile.push([{ t: 'gift_vouchers', op: 'UPSERT', id: forged.id, row: forged }])).rejects.toThrow(/belongs to another cinema/);
    expect(await rows(sql`SELECT count(*)::int AS n FROM gift_voucher_movements`)).toEqual(before);
    expect((await centralBalance(voucher))!.balance).toBe('0');
  });

  it('cannot mint money: no SALE of a voucher twice or by another cinema, no refund beyond what its order redeemed, no write-off beyond what it redeemed, no voucher in a foreign currency', async () => {
    const voucher = (await rows<{ id: string }>(sql`SELECT id FROM gift_vouchers WHERE cinema_id = ${cinemaA} ORDER BY sold_at LIMIT 1`))[0]!.id;
    const orderOfB = (await rows<{ id: string; pay: string }>(sql`SELECT o.id, p.id AS pay FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.scope_cinema_id = ${cinemaB} ORDER BY o.id LIMIT 1`))[0]!;
    const terminalOfB = b1.core.terminal().id;
    const before = await rows(sql`SELECT count(*)::int AS n FROM gift_voucher_movements`);
    const balanceBefore = await centralBalance(voucher);
    const onB = { voucher_id: voucher, order_id: orderOfB.id, terminal_id: terminalOfB };
    // A SALE of A's voucher by B, on B's own order (what a sale looks like): refused.
    await expect(hostile.push([movement({ ...onB, kind: 'SALE', amount: 100_000 })])).rejects.toThrow(/sold once, by its own cinema/);
    // A REFUND onto A's voucher from an order of B that redeemed nothing of it.
    await expect(hostile.push([movement({ ...onB, kind: 'REFUND', amount: 100_000, payment_id: orderOfB.pay })])).rejects.toThrow(/refund gives back at most/);
    // A write-off far beyond what B redeemed of it (B's −2,500 written off already).
    await expect(hostile.push([movement({ ...onB, order_id: null, kind: 'ADJUSTMENT', amount: 100_000 })])).rejects.toThrow(/writes off at most/);
    // B's own voucher sold for €10 with a SALE of €1,000, or a voucher of B in another currency.
    const own = { id: newId(), code_hash: 'f'.repeat(63) + '2', code_last4: 'ZZZ2', cinema_id: cinemaB, amount: 1000, currency: 'EUR', sold_at: '2026-11-25T12:00:00.000Z', created_at: '2026-11-25T12:00:00.000Z', updated_at: hlcNow(hostileTerminal), origin: hostileTerminal };
    await expect(
      hostile.push([{ t: 'gift_vouchers', op: 'UPSERT', id: own.id, row: own }, movement({ ...onB, voucher_id: own.id, kind: 'SALE', amount: 100_000 })]),
    ).rejects.toThrow(/sold once, by its own cinema, for its amount/);
    const foreign = { ...own, id: newId(), code_hash: 'f'.repeat(63) + '3', code_last4: 'ZZZ3', currency: 'GBP' };
    await expect(hostile.push([{ t: 'gift_vouchers', op: 'UPSERT', id: foreign.id, row: foreign }])).rejects.toThrow(/its cinema's currency/);
    expect(await rows(sql`SELECT id FROM gift_vouchers WHERE code_last4 LIKE 'ZZZ%'`)).toEqual([]);
    expect(await rows(sql`SELECT count(*)::int AS n FROM gift_voucher_movements`)).toEqual(before);
    expect(await centralBalance(voucher)).toEqual(balanceBefore);
  });

  it('an honest offline sale paid by voucher and its refund reach the centre in one push (checked at commit, in any row order)', async () => {
    const sale = await callAs<VoucherSale>(b1, 'vouchers.sell', { amount: 3000, payments: [{ method: 'CASH', amount: 3000, tendered: 3000 }] });
    const order = await payWithVoucher(b1, sale.code, 1000, 8);
    await callAs(b1, 'orders.refund', { orderId: order.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND', managerPin: '2468' }, 'manager');
    await b1.sync.syncNow();
    expect(await centralBalance(sale.voucherId)).toEqual({ balance: '3000', by_cinema: { [cinemaB]: 3000 } });
    expect(await rows(sql`SELECT kind, amount::int FROM gift_voucher_movements WHERE voucher_id = ${sale.voucherId} ORDER BY kind`)).toEqual([
      { kind: 'REDEMPTION', amount: -1000 },
      { kind: 'REFUND', amount: 1000 },
      { kind: 'SALE', amount: 3000 },
    ]);
  }, 60_000);
});
