import type { TempCore } from '../../testing/temp-core';
import { systemContext } from '../../system-context';
import { newId } from '../../ids';
import { encodeTicketQr } from '../ticket-qr';

export interface TestTicket {
  id: string;
  sessionId: string;
  seatId: string;
  qr: string;
}

export interface TestOrder {
  orderId: string;
  number: string;
  sessionId: string;
  tickets: TestTicket[];
}

/** A session of the demo programme that starts after the test clock's now (the first one by default). */
export async function upcomingSession(t: TempCore, skip = 0): Promise<{ id: string; startsAt: string; endsAt: string; hallId: string }> {
  const now = t.clock.now().toISOString();
  const row = await t.core.services.db
    .selectFrom('sessions')
    .select(['id', 'starts_at', 'ends_at', 'hall_id'])
    .where('starts_at', '>', now)
    .orderBy('starts_at')
    .offset(skip)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { id: row.id, startsAt: row.starts_at, endsAt: row.ends_at, hallId: row.hall_id };
}

/**
 * Writes a paid order straight into the database (shift, order, tickets with signed QR, a cash
 * payment), for tests of what comes after a sale — scanning, printing — without the sale itself.
 */
export async function insertTestOrder(
  t: TempCore,
  options: { sessionId?: string; seats?: number; seatOffset?: number; price?: number; concession?: { name: string; quantity: number } } = {},
): Promise<TestOrder> {
  const services = t.core.services;
  const ctx = systemContext(services);
  const db = services.db;
  const session = options.sessionId
    ? await db.selectFrom('sessions').select(['id', 'hall_id']).where('id', '=', options.sessionId).executeTakeFirstOrThrow()
    : await upcomingSession(t).then((s) => ({ id: s.id, hall_id: s.hallId }));
  const seats = await db
    .selectFrom('seats')
    .select(['id'])
    .where('hall_id', '=', session.hall_id)
    .where('kind', 'not in', ['WHEELCHAIR', 'COMPANION'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('tickets').select('tickets.id').whereRef('tickets.seat_id', '=', 'seats.id').where('tickets.session_id', '=', session.id).where('tickets.status', '=', 'SOLD'))))
    .orderBy('grid_y')
    .orderBy('grid_x')
    .offset(options.seatOffset ?? 0)
    .limit(options.seats ?? 1)
    .execute();
  const cashier = await db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
  const cinemaId = services.terminal.get().cinemaId!;
  const terminalId = services.terminal.get().id;
  const now = t.clock.now().toISOString();
  const price = options.price ?? 1200;
  const item = options.concession
    ? await db.selectFrom('concession_items').selectAll().where('name', '=', options.concession.name).executeTakeFirstOrThrow()
    : null;
  const concessionTotal = item ? item.price * options.concession!.quantity : 0;
  const total = price * seats.length + concessionTotal;

  return db.transaction().execute(async (trx) => {
    let shift = await trx.selectFrom('shifts').select('id').where('terminal_id', '=', terminalId).where('status', '=', 'OPEN').executeTakeFirst();
    if (!shift) {
      shift = { id: newId() };
      await trx
        .insertInto('shifts')
        .values({ id: shift.id, cinema_id: cinemaId, terminal_id: terminalId, cashier_id: cashier.id, opened_at: now, opening_float: 10_000, ...ctx.stamp() })
        .execute();
    }
    const orderId = newId();
    const number = `T-${orderId.slice(-6).toUpperCase()}`;
    await trx
      .insertInto('orders')
      .values({
        id: orderId,
        number,
        cinema_id: cinemaId,
        terminal_id: terminalId,
        cashier_id: cashier.id,
        shift_id: shift.id,
        subtotal: total,
        discount: 0,
        total,
        status: 'PAID',
        paid_at: now,
        ...ctx.stamp(),
      })
      .execute();
    const tickets: TestTicket[] = [];
    for (const seat of seats) {
      const id = newId();
      const qr = encodeTicketQr({ ticketId: id, sessionId: session.id, seatId: seat.id, terminalId, soldAt: new Date(now) }, services.signing.privateKeyPem);
      await trx
        .insertInto('tickets')
        .values({ id, session_id: session.id, seat_id: seat.id, order_id: orderId, ticket_type: 'ADULT', price, discount: 0, qr_payload: qr, sold_by: cashier.id, terminal_id: terminalId, sold_at: now, ...ctx.stamp() })
        .execute();
      tickets.push({ id, sessionId: session.id, seatId: seat.id, qr });
    }
    if (item) {
      await trx
        .insertInto('order_concession_lines')
        .values({ id: newId(), order_id: orderId, item_id: item.id, quantity: options.concession!.quantity, unit_price: item.price, discount: 0, total: concessionTotal, vat_bp: item.vat_bp, ...ctx.stamp() })
        .execute();
    }
    await trx
      .insertInto('payments')
      .values({ id: newId(), order_id: orderId, shift_id: shift.id, method: 'CASH', kind: 'PAYMENT', amount: total, cash_tendered: total + 500, change_given: 500, ...ctx.stamp() })
      .execute();
    return { orderId, number, sessionId: session.id, tickets };
  });
}
