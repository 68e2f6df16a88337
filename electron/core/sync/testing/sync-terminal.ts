import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { manualClock } from '../../clock';
import { startCore, type Core } from '../../app-core';
import { SYNCED_TABLES, type DB } from '../../db/tables';
import { systemContext } from '../../system-context';
import type { SignedInContext } from '../../context';
import { loadSessionUser } from '../../auth/users';
import { newId } from '../../ids';
import { syncOf, type SyncEngine } from '../sync-engine';
import { registerCentralTerminal, type CentralDb } from '../central-admin';

const quietLog = { info: () => undefined, error: () => undefined };

export interface SyncTerminal {
  core: Core;
  db: Kysely<DB>;
  sync: SyncEngine;
  clock: ReturnType<typeof manualClock>;
  dir: string;
  close(): Promise<void>;
}

/** A real core on its own SQLite file whose sync the test drives (`sync.syncNow()`), no background loop. */
export async function startSyncTerminal(options: { demo: boolean; now?: string }): Promise<SyncTerminal> {
  const dir = mkdtempSync(join(tmpdir(), 'box-office-sync-'));
  const clock = manualClock(options.now ?? '2026-11-25T12:00:00Z');
  const core = await startCore({ dataDir: dir, demo: options.demo, clock, log: quietLog, sync: { background: false, allowDemo: true, pushBatch: 500 } });
  let closed = false;
  return {
    core,
    db: core.services.db,
    sync: syncOf(core.services),
    clock,
    dir,
    async close() {
      // Idempotent: a test may close a terminal early and its file's tear-down close it again.
      if (closed) return;
      closed = true;
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers the terminal centrally for a cinema and stores its credentials (as an admin would on the Sync screen). */
export async function connectTerminal(owner: CentralDb, centralUrl: string, t: SyncTerminal, cinemaId: string): Promise<{ user: string; password: string }> {
  const reg = await registerCentralTerminal(owner, { terminalId: t.core.terminal().id, cinemaId, name: t.core.terminal().name });
  const u = new URL(centralUrl);
  u.username = '';
  u.password = '';
  await t.sync.configure({ url: u.toString(), user: reg.user, password: reg.password });
  return reg;
}

/** An operation called as a demo user (user name = role, password `<role>1234`), the result as the core answers it. */
export async function callSignedIn(t: SyncTerminal, role: string, op: string, input: unknown) {
  const login = await t.core.call({ op: 'auth.login', input: { username: role, password: `${role}1234` } });
  if (!login.ok) throw new Error(login.error.message);
  return t.core.call({ op, input, token: (login.value as { token: string }).token });
}

/** Every synced table's rows (without local-only differences), for comparing terminals. */
export async function snapshot(db: Kysely<DB>, tables: readonly string[] = SYNCED_TABLES): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    out[t] = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)} ORDER BY id`.execute(db)).rows;
  }
  return out;
}

/**
 * A cash sale of the given seats written the way the sale writes it (order, tickets, payment, audit,
 * one transaction, stamped rows) — for sync tests that don't depend on the counter's screens.
 */
export async function sellSeats(t: SyncTerminal, sessionId: string, seatIds: string[]): Promise<{ orderId: string; ticketIds: string[] }> {
  const services = t.core.services;
  const ctx = systemContext(services);
  const db = services.db;
  const cinemaId = services.terminal.get().cinemaId!;
  const cashier = await db.selectFrom('users').select('id').where('role', '=', 'CASHIER').orderBy('id').executeTakeFirstOrThrow();
  const session = await db.selectFrom('sessions').select('base_price').where('id', '=', sessionId).executeTakeFirstOrThrow();
  const now = ctx.clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    let shift = await trx.selectFrom('shifts').select('id').where('terminal_id', '=', ctx.terminal.id).where('status', '=', 'OPEN').executeTakeFirst();
    if (!shift) {
      shift = { id: newId() };
      await trx
        .insertInto('shifts')
        .values({ id: shift.id, cinema_id: cinemaId, terminal_id: ctx.terminal.id, cashier_id: cashier.id, opened_at: now, opening_float: 0, ...ctx.stamp() })
        .execute();
    }
    const orderId = newId();
    const total = session.base_price * seatIds.length;
    await trx
      .insertInto('orders')
      .values({
        id: orderId,
        number: `T-${orderId.slice(-8)}`,
        cinema_id: cinemaId,
        terminal_id: ctx.terminal.id,
        cashier_id: cashier.id,
        shift_id: shift.id,
        subtotal: total,
        total,
        status: 'PAID',
        paid_at: now,
        ...ctx.stamp(),
      })
      .execute();
    const ticketIds: string[] = [];
    for (const seatId of seatIds) {
      const id = newId();
      ticketIds.push(id);
      await trx
        .insertInto('tickets')
        .values({ id, session_id: sessionId, seat_id: seatId, order_id: orderId, price: session.base_price, qr_payload: `test:${id}`, sold_by: cashier.id, terminal_id: ctx.terminal.id, sold_at: now, ...ctx.stamp() })
        .execute();
    }
    if (total > 0) {
      await trx.insertInto('payments').values({ id: newId(), order_id: orderId, shift_id: shift.id, method: 'CASH', amount: total, cash_tendered: total, change_given: 0, ...ctx.stamp() }).execute();
    }
    await trx
      .insertInto('audit_log')
      .values({ id: newId(), at: now, user_id: cashier.id, terminal_id: ctx.terminal.id, action: 'order.sell', entity: 'order', entity_id: orderId, details: '{}', ...ctx.stamp() })
      .execute();
    return { orderId, ticketIds };
  });
}

/** Refunds a whole order the way a refund writes it (tickets REFUNDED + revocations, order REFUNDED, refund payment with its reason). */
export async function refundOrder(t: SyncTerminal, orderId: string): Promise<void> {
  const services = t.core.services;
  const ctx = systemContext(services);
  const now = ctx.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const tickets = await trx.selectFrom('tickets').select('id').where('order_id', '=', orderId).where('status', '=', 'SOLD').execute();
    for (const tk of tickets) {
      await trx.updateTable('tickets').set({ status: 'REFUNDED', ...ctx.stamp() }).where('id', '=', tk.id).execute();
      await trx.insertInto('ticket_revocations').values({ id: newId(), ticket_id: tk.id, reason: 'REFUNDED', revoked_at: now, ...ctx.stamp() }).execute();
    }
    const pay = await trx.selectFrom('payments').selectAll().where('order_id', '=', orderId).where('kind', '=', 'PAYMENT').executeTakeFirst();
    const shift = await trx.selectFrom('shifts').select('id').where('terminal_id', '=', ctx.terminal.id).where('status', '=', 'OPEN').executeTakeFirst();
    if (pay && shift) {
      await trx
        .insertInto('payments')
        .values({ id: newId(), order_id: orderId, shift_id: shift.id, method: pay.method, kind: 'REFUND', amount: pay.amount, refunds_payment_id: pay.id, refund_reason: 'CUSTOMER_CHANGED_MIND', ...ctx.stamp() })
        .execute();
    }
    await trx.updateTable('orders').set({ status: 'REFUNDED', ...ctx.stamp() }).where('id', '=', orderId).execute();
  });
}

/** Free seats of a session (no live ticket), in row/number order. */
export async function freeSeats(db: Kysely<DB>, sessionId: string, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom('seats as st')
    .innerJoin('sessions as s', 's.hall_id', 'st.hall_id')
    .select('st.id')
    .where('s.id', '=', sessionId)
    .where('st.active', '=', 1)
    .where('st.kind', 'in', ['STANDARD', 'VIP'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('tickets as t').select('t.id').whereRef('t.seat_id', '=', 'st.id').whereRef('t.session_id', '=', 's.id').where('t.status', '=', 'SOLD'))),
    )
    .orderBy('st.row_label')
    .orderBy('st.number')
    .limit(n)
    .execute();
  return rows.map((r) => r.id);
}

/** The terminal's manager, signed in (what a manager's call on the Sync screen runs as). */
export async function managerContext(t: SyncTerminal): Promise<SignedInContext> {
  const row = await t.db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow();
  const user = (await loadSessionUser(t.db, row.id))!;
  return { ...systemContext(t.core.services), user, sessionId: 'test-session' };
}
