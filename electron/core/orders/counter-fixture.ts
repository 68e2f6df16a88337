import type { TempCore } from '../testing/temp-core';
import { startTempCore } from '../testing/temp-core';
import type { SignedInContext } from '../context';
import { systemContext } from '../system-context';
import { loadSessionUser } from '../auth/users';

/**
 * Test fixture for the counter: a demo core whose clock stands at 12:00 UTC, a cashier signed in,
 * and finders for a session, seats, items and customers by the names people use.
 */
export interface CounterFixture {
  t: TempCore;
  cashier: string;
  /** A session in `hall` starting at least two hours after the clock. */
  session(hall?: 'Hall 1' | 'Hall 2 VIP' | 'Hall 3 IMAX'): Promise<{ id: string; startsAt: string; basePrice: number; hallId: string }>;
  seat(sessionId: string, row: string, number: number): Promise<string>;
  item(name: string): Promise<{ id: string; price: number; stock: number | null }>;
  customer(cardNumber: string): Promise<string>;
  /** The signed-in cashier's context, for calling domain functions directly (failure injection). */
  cashierContext(): Promise<SignedInContext>;
  close(): Promise<void>;
}

export async function startCounter(): Promise<CounterFixture> {
  const t = await startTempCore({ now: '2026-11-25T12:00:00Z' });
  const cashier = await t.signIn('CASHIER');
  const db = t.core.services.db;
  return {
    t,
    cashier,
    async session(hall = 'Hall 3 IMAX') {
      const after = new Date(t.clock.now().getTime() + 2 * 3600_000).toISOString();
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('halls as h', 'h.id', 's.hall_id')
        .select(['s.id', 's.starts_at', 's.base_price', 'h.id as hall_id'])
        .where('h.name', '=', hall)
        .where('s.starts_at', '>', after)
        .orderBy('s.starts_at')
        .executeTakeFirstOrThrow();
      return { id: row.id, startsAt: row.starts_at, basePrice: row.base_price, hallId: row.hall_id };
    },
    async seat(sessionId, row, number) {
      const r = await db
        .selectFrom('seats')
        .innerJoin('sessions', 'sessions.hall_id', 'seats.hall_id')
        .select('seats.id')
        .where('sessions.id', '=', sessionId)
        .where('seats.row_label', '=', row)
        .where('seats.number', '=', number)
        .executeTakeFirstOrThrow();
      return r.id;
    },
    async item(name) {
      return db.selectFrom('concession_items').select(['id', 'price', 'stock']).where('name', '=', name).executeTakeFirstOrThrow();
    },
    async customer(cardNumber) {
      return (await db.selectFrom('customers').select('id').where('card_number', '=', cardNumber).executeTakeFirstOrThrow()).id;
    },
    async cashierContext() {
      const row = await db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
      const user = (await loadSessionUser(db, row.id))!;
      return { ...systemContext(t.core.services), user, sessionId: 'test-session' };
    },
    close: () => t.close(),
  };
}
