import type { TempCore } from '../testing/temp-core';
import { newId } from '../ids';

/** Test helpers for the catalogue: rows other areas would write (sessions, tickets, holds), put in directly. */

const stamp = (t: TempCore) => ({ updated_at: `test-${newId()}`, origin: t.core.services.terminal.get().id });

export async function anyFilmId(t: TempCore): Promise<string> {
  return (await t.core.services.db.selectFrom('films').select('id').orderBy('title').executeTakeFirstOrThrow()).id;
}

/** A session of a film in a hall, starting at `startsAt` (ISO), 2 hours long. */
export async function insertSession(t: TempCore, hallId: string, startsAt: string, filmId?: string): Promise<string> {
  const id = newId();
  const start = new Date(startsAt);
  await t.core.services.db
    .insertInto('sessions')
    .values({
      id,
      film_id: filmId ?? (await anyFilmId(t)),
      hall_id: hallId,
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      base_price: 1000,
      status: 'ON_SALE',
      ...stamp(t),
    })
    .execute();
  return id;
}

export async function insertHold(t: TempCore, sessionId: string, seatId: string, expiresAt: string): Promise<void> {
  const db = t.core.services.db;
  const user = await db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
  await db
    .insertInto('seat_holds')
    .values({
      id: newId(),
      session_id: sessionId,
      seat_id: seatId,
      terminal_id: t.core.services.terminal.get().id,
      user_id: user.id,
      created_at: new Date(new Date(expiresAt).getTime() - 300_000).toISOString(),
      expires_at: expiresAt,
    })
    .execute();
}

/** A sold ticket for a seat, with the order and shift it needs. */
export async function insertSoldTicket(t: TempCore, sessionId: string, seatId: string): Promise<string> {
  const db = t.core.services.db;
  const terminal = t.core.services.terminal.get();
  const cashier = await db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
  const now = t.clock.now().toISOString();
  let shift = await db.selectFrom('shifts').select('id').where('terminal_id', '=', terminal.id).where('status', '=', 'OPEN').executeTakeFirst();
  if (!shift) {
    shift = { id: newId() };
    await db
      .insertInto('shifts')
      .values({ id: shift.id, cinema_id: terminal.cinemaId!, terminal_id: terminal.id, cashier_id: cashier.id, opened_at: now, opening_float: 0, ...stamp(t) })
      .execute();
  }
  const orderId = newId();
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      number: `T-${orderId.slice(-6)}`,
      cinema_id: terminal.cinemaId!,
      terminal_id: terminal.id,
      cashier_id: cashier.id,
      shift_id: shift.id,
      subtotal: 1000,
      total: 1000,
      status: 'PAID',
      paid_at: now,
      ...stamp(t),
    })
    .execute();
  const id = newId();
  await db
    .insertInto('tickets')
    .values({
      id,
      session_id: sessionId,
      seat_id: seatId,
      order_id: orderId,
      price: 1000,
      qr_payload: `test-${id}`,
      sold_by: cashier.id,
      terminal_id: terminal.id,
      sold_at: now,
      ...stamp(t),
    })
    .execute();
  return id;
}
