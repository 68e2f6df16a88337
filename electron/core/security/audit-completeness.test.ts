/**
 * Issue 8, point 7: every money-moving action and every manager override lands in the
 * append-only audit log, with who did it (and whose PIN authorised it); a refused one writes no
 * audit entry of a money movement. Login lockout and password rules have their own tests
 * (auth/login.test.ts, auth/password.test.ts, auth/users.test.ts); this adds the audit trail.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type OperationName } from '../../../shared/contract';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';

/** Operations that move money (or what money is owed); each must write an audit row when it succeeds. */
export const MONEY_MOVING: readonly OperationName[] = [
  'orders.sell',
  'orders.refund',
  'orders.exchange',
  'shifts.open',
  'shifts.close',
  'settlements.recordPayment',
  'settlements.overrideWeek',
];

let f: CounterFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function auditSince(fx: CounterFixture, rowid: number) {
  return fx.t.core.services.db
    .selectFrom('audit_log')
    .select(['action', 'entity', 'entity_id', 'user_id', 'override_user_id', 'details'])
    .where(sql<boolean>`rowid > ${rowid}`)
    .orderBy(sql`rowid`)
    .execute();
}

async function lastAuditRowid(fx: CounterFixture): Promise<number> {
  const row = await fx.t.core.services.db
    .selectFrom('audit_log')
    .select(sql<number>`max(rowid)`.as('m'))
    .executeTakeFirst();
  return row?.m ?? 0;
}

async function userId(fx: CounterFixture, username: string): Promise<string> {
  return (await fx.t.core.services.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

describe('audit trail of money and overrides (issue 8, point 7)', () => {
  it('names real operations (a rename must update this list)', () => {
    for (const op of MONEY_MOVING) expect(Object.keys(contract)).toContain(op);
  });

  it('sale, refund, exchange, shift open and close each write an audit row by the cashier; an override names the manager', async () => {
    f = await startCounter();
    const cashierId = await userId(f, 'cashier');
    const managerId = await userId(f, 'manager');
    const seen = new Map<string, { user_id: string | null; override_user_id: string | null }[]>();
    const step = async <T>(op: OperationName, run: () => Promise<T>): Promise<T> => {
      const before = await lastAuditRowid(f!);
      const value = await run();
      const rows = await auditSince(f!, before);
      expect(rows.length, `${op} wrote no audit row`).toBeGreaterThan(0);
      seen.set(op, rows);
      return value;
    };

    await step('shifts.open', () => f!.t.call('shifts.open', { openingFloat: 10_000 }, f!.cashier));
    const s = await f.session();
    const sell = async (row: string, n: number) => {
      const seatId = await f!.seat(s.id, row, n);
      await f!.t.call('booking.hold', { sessionId: s.id, seatIds: [seatId] }, f!.cashier);
      const draft = { sessionId: s.id, tickets: [{ seatId, ticketType: 'ADULT' as const }] };
      const q = await f!.t.call('orders.quote', draft, f!.cashier);
      return step('orders.sell', () => f!.t.call('orders.sell', { ...draft, payments: [{ method: 'CASH', amount: q.toPay, tendered: q.toPay + 500 }] }, f!.cashier));
    };

    const first = await sell('G', 5);
    await step('orders.refund', () => f!.t.call('orders.refund', { orderId: first.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND' }, f!.cashier));
    const second = await sell('G', 6);
    const newSeat = await f.seat(s.id, 'G', 7);
    await step('orders.exchange', () => f!.t.call('orders.exchange', { ticketId: second.tickets[0]!.id, sessionId: s.id, seatId: newSeat }, f!.cashier));

    // After the session started a refund needs a manager's PIN: refused without, audited with both users.
    const third = await sell('G', 8);
    f.t.clock.set(new Date(Date.parse(s.startsAt) + 10 * 60_000));
    const beforeRefused = await lastAuditRowid(f);
    await expect(f.t.call('orders.refund', { orderId: third.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND' }, f.cashier)).rejects.toMatchObject({ code: 'OVERRIDE_REQUIRED' });
    expect((await auditSince(f, beforeRefused)).filter((r) => r.action === 'order.refund')).toEqual([]);
    await step('orders.refund', () => f!.t.call('orders.refund', { orderId: third.orderId, whole: true, reason: 'CUSTOMER_CHANGED_MIND', managerPin: '2468' }, f!.cashier));
    const override = seen.get('orders.refund')!.find((r) => r.override_user_id !== null);
    expect(override).toMatchObject({ user_id: cashierId, override_user_id: managerId });

    await step('shifts.close', async () => {
      const current = await f!.t.call('shifts.current', {}, f!.cashier);
      return f!.t.call('shifts.close', { countedCash: current.open!.expectedCash! }, f!.cashier);
    });

    for (const op of ['shifts.open', 'orders.sell', 'orders.refund', 'orders.exchange', 'shifts.close'] as const) {
      expect(seen.get(op)!.some((r) => r.user_id === cashierId), `${op} audited as the cashier`).toBe(true);
    }
  });

  it('distributor payments and week overrides are audited with the manager', async () => {
    f = await startCounter();
    const manager = await f.t.signIn('MANAGER');
    const managerId = await userId(f, 'manager');
    const contractRow = await f.t.core.services.db.selectFrom('rental_contracts').select('id').where('status', '=', 'ACTIVE').executeTakeFirstOrThrow();
    for (const [op, input] of [
      ['settlements.recordPayment', { contractId: contractRow.id, amount: 12_345, paidOn: '2026-11-24', method: 'BANK_TRANSFER', reference: 'INV-2026-11' }],
      ['settlements.overrideWeek', { contractId: contractRow.id, week: 1, percentBp: 5_500, reason: 'Agreed with the distributor for the premiere week' }],
    ] as const) {
      const before = await lastAuditRowid(f);
      const result = await f.t.core.call({ op, input, token: manager });
      expect(result, `${op}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
      const rows = await auditSince(f, before);
      expect(rows.length, `${op} wrote no audit row`).toBeGreaterThan(0);
      expect(rows.every((r) => r.user_id === managerId)).toBe(true);
    }
  });

  it('the audit log is append-only: the database refuses to change or delete an entry', async () => {
    f = await startCounter();
    const db = f.t.core.services.db;
    await expect(db.updateTable('audit_log').set({ action: 'nothing.happened' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
