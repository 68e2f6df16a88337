import { sql, type Kysely, type Transaction } from 'kysely';
import type { ShiftReport, ShiftFiscal } from '../../../shared/contract';
import { PAYMENT_METHODS, type PaymentKind, type PaymentMethod, type RefundReason } from '../../../shared/enums';
import type { DB, ShiftRow } from '../db/tables';
import { DomainError } from '../errors';
import { loadShiftFiscal } from './z-report';

export interface PaymentTotal {
  method: PaymentMethod;
  kind: PaymentKind;
  amount: number;
  count: number;
}

/**
 * Rule 14: a shift's X/Z report from its payment totals — sales and refunds by method, expected
 * cash = float + cash in − cash out, and (once closed) the counted difference. Pure, so printing
 * and the manager's Z report list use the same figures.
 */
export function shiftReport(input: {
  shift: ShiftRow;
  cashier: { id: string; name: string };
  terminal: { id: string; name: string };
  payments: readonly PaymentTotal[];
  orders: number;
  tickets: { sold: number; refunded: number; exchanged: number };
  refundsByReason: ShiftReport['refundsByReason'];
  waste: ShiftReport['waste'];
  fiscal: ShiftFiscal;
}): ShiftReport {
  const byMethod = PAYMENT_METHODS.map((method) => {
    const of = (kind: PaymentKind) => input.payments.filter((p) => p.method === method && p.kind === kind);
    const sum = (rows: PaymentTotal[], f: (p: PaymentTotal) => number) => rows.reduce((s, p) => s + f(p), 0);
    return {
      method,
      sales: sum(of('PAYMENT'), (p) => p.amount),
      refunds: sum(of('REFUND'), (p) => p.amount),
      salesCount: sum(of('PAYMENT'), (p) => p.count),
      refundsCount: sum(of('REFUND'), (p) => p.count),
    };
  });
  const cash = byMethod.find((m) => m.method === 'CASH')!;
  const { shift } = input;
  const expectedCash = shift.opening_float + cash.sales - cash.refunds;
  return {
    shiftId: shift.id,
    cashier: input.cashier,
    terminal: input.terminal,
    status: shift.status,
    openedAt: shift.opened_at,
    closedAt: shift.closed_at,
    openingFloat: shift.opening_float,
    byMethod,
    orders: input.orders,
    ticketsSold: input.tickets.sold,
    ticketsRefunded: input.tickets.refunded,
    ticketsExchanged: input.tickets.exchanged,
    refundsByReason: input.refundsByReason,
    waste: input.waste,
    cashIn: cash.sales,
    cashOut: cash.refunds,
    expectedCash: shift.status === 'CLOSED' && shift.expected_cash !== null ? shift.expected_cash : expectedCash,
    countedCash: shift.counted_cash,
    difference: shift.difference,
    fiscal: input.fiscal,
  };
}

type Db = Kysely<DB> | Transaction<DB>;

/** One row per reason (rows without a reason join OTHER), largest amount first. */
function byReason(rows: ShiftReport['refundsByReason']): ShiftReport['refundsByReason'] {
  const out = new Map<RefundReason, ShiftReport['refundsByReason'][number]>();
  for (const r of rows) {
    const e = out.get(r.reason) ?? { reason: r.reason, amount: 0, count: 0 };
    out.set(r.reason, { reason: r.reason, amount: e.amount + r.amount, count: e.count + r.count });
  }
  return [...out.values()].sort((a, b) => b.amount - a.amount);
}

/** Reads what shiftReport needs for one shift: a few indexed aggregate queries. */
export async function loadShiftReport(db: Db, shiftId: string): Promise<ShiftReport> {
  const shift = await db.selectFrom('shifts').selectAll().where('id', '=', shiftId).executeTakeFirst();
  if (!shift) throw new DomainError('NOT_FOUND', { key: 'refusals:shifts.shiftDoesNotExist' });
  const [cashier, terminal, payments, orders, tickets, reasons, waste, fiscal] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name']).where('id', '=', shift.cashier_id).executeTakeFirstOrThrow(),
    db.selectFrom('terminals').select(['id', 'name']).where('id', '=', shift.terminal_id).executeTakeFirst(),
    db
      .selectFrom('payments')
      .select((eb) => ['method', 'kind', eb.fn.sum<number>('amount').as('amount'), eb.fn.countAll<number>().as('count')])
      .where('shift_id', '=', shift.id)
      .groupBy(['method', 'kind'])
      .execute(),
    db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('shift_id', '=', shift.id).where('status', '<>', 'CANCELLED').executeTakeFirstOrThrow(),
    db
      .selectFrom('tickets as t')
      .innerJoin('orders as o', 'o.id', 't.order_id')
      .select((eb) => ['t.status', eb.fn.countAll<number>().as('n')])
      .where('o.shift_id', '=', shift.id)
      .groupBy('t.status')
      .execute(),
    db
      .selectFrom('payments')
      .select((eb) => ['refund_reason', eb.fn.sum<number>('amount').as('amount'), eb.fn.countAll<number>().as('count')])
      .where('shift_id', '=', shift.id)
      .where('kind', '=', 'REFUND')
      .groupBy('refund_reason')
      .execute(),
    db
      .selectFrom('order_concession_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select(() => [sql<number>`coalesce(sum(l.wasted_quantity), 0)`.as('items'), sql<number>`coalesce(sum(l.wasted_quantity * l.unit_price), 0)`.as('value')])
      .where('o.shift_id', '=', shift.id)
      .executeTakeFirstOrThrow(),
    loadShiftFiscal(db, shift),
  ]);
  const ticketsIn = (status: string) => Number(tickets.find((t) => t.status === status)?.n ?? 0);
  return shiftReport({
    shift,
    cashier: { id: cashier.id, name: cashier.display_name },
    terminal: { id: shift.terminal_id, name: terminal?.name ?? 'this terminal' },
    payments: payments.map((p) => ({ method: p.method, kind: p.kind, amount: Number(p.amount), count: Number(p.count) })),
    orders: Number(orders.n),
    tickets: { sold: ticketsIn('SOLD'), refunded: ticketsIn('REFUNDED'), exchanged: ticketsIn('EXCHANGED') },
    // Refunds from before reasons were kept (migration 0005) count as OTHER.
    refundsByReason: byReason(reasons.map((r) => ({ reason: (r.refund_reason ?? 'OTHER') as RefundReason, amount: Number(r.amount), count: Number(r.count) }))),
    waste: { items: Number(waste.items), value: Number(waste.value) },
    fiscal,
  });
}
