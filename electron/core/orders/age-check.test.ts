import { describe, expect, it } from 'vitest';
import { ageCheckFor, idCheckRatingsOf } from './age-check';

describe('age check (rule 20)', () => {
  const ratings = { 'FSK 16': 16, 'FSK 18': 18 };
  it('asks for the ratings the cinema lists, with their minimum age, ignoring case and spaces', () => {
    expect(ageCheckFor('FSK 16', ratings)).toEqual({ rating: 'FSK 16', minAge: 16 });
    expect(ageCheckFor('fsk18', ratings)).toEqual({ rating: 'fsk18', minAge: 18 });
    expect(ageCheckFor('FSK 12', ratings)).toBeNull();
    expect(ageCheckFor('FSK 16', {})).toBeNull();
  });

  it('reads the stored list; anything broken counts as no check rather than failing a sale', () => {
    expect(idCheckRatingsOf({ id_check_ratings: '{"R":17,"NC-17":18}' })).toEqual({ R: 17, 'NC-17': 18 });
    expect(idCheckRatingsOf({ id_check_ratings: '{"R":"17","X":0}' })).toEqual({});
    expect(idCheckRatingsOf({ id_check_ratings: 'not json' })).toEqual({});
    expect(idCheckRatingsOf({ id_check_ratings: '[1,2]' })).toEqual({});
  });
});

describe('age check at the sale (rule 20)', async () => {
  const { startCounter } = await import('./counter-fixture');
  it('refuses a sale for an ID-check rating until the cashier confirms, and audits the confirmation', async () => {
    const f = await startCounter();
    try {
      const db = f.t.core.services.db;
      // No rating needs a check until the cinema lists it.
      await db.updateTable('cinemas').set({ id_check_ratings: '{"FSK 16":16,"FSK 18":18}' }).execute();
      // A session of a film whose rating the cinema now lists (FSK 16 or 18).
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('films as fl', 'fl.id', 's.film_id')
        .innerJoin('halls as h', 'h.id', 's.hall_id')
        .select(['s.id', 'fl.age_rating'])
        .where('fl.age_rating', 'in', ['FSK 16', 'FSK 18'])
        .where('s.starts_at', '>', new Date(f.t.clock.now().getTime() + 3600_000).toISOString())
        .where('s.status', '=', 'ON_SALE')
        .orderBy('s.starts_at')
        .executeTakeFirstOrThrow();
      const seat = (await db.selectFrom('seats').innerJoin('sessions', 'sessions.hall_id', 'seats.hall_id').select('seats.id').where('sessions.id', '=', row.id).where('seats.kind', '=', 'STANDARD').executeTakeFirstOrThrow()).id;
      await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
      await f.t.call('booking.hold', { sessionId: row.id, seatIds: [seat] }, f.cashier);
      const draft = { sessionId: row.id, tickets: [{ seatId: seat, ticketType: 'ADULT' as const }], concessions: [] };
      const quote = await f.t.call('orders.quote', draft, f.cashier);
      expect(quote.ageCheck).toEqual({ rating: row.age_rating, minAge: row.age_rating === 'FSK 16' ? 16 : 18 });
      const cash = [{ method: 'CASH' as const, amount: quote.total, tendered: quote.total }];
      await expect(f.t.call('orders.sell', { ...draft, payments: cash }, f.cashier)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/check that every ticket holder is at least 1[68]/) });
      expect(await db.selectFrom('orders').select('id').execute()).toHaveLength(0);
      const sale = await f.t.call('orders.sell', { ...draft, ageConfirmed: true, payments: cash }, f.cashier);
      const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'order.sell').where('entity_id', '=', sale.orderId).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details).ageCheck).toMatchObject({ rating: row.age_rating, confirmed: true });
    } finally {
      await f.close();
    }
  });
});
