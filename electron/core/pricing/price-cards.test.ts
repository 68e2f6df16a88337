import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { cardPrice } from './price-cards';

describe('cardPrice (rule 19)', () => {
  const card = new Map([
    ['ADULT:ANY', 1200],
    ['CHILD:ANY', 850],
    ['ADULT:VIP', 1600],
  ]);
  it("takes the seat kind's own cell, else the ticket type's ANY cell, else none", () => {
    expect(cardPrice(card, 'VIP', 'ADULT')).toBe(1600);
    expect(cardPrice(card, 'STANDARD', 'ADULT')).toBe(1200);
    expect(cardPrice(card, 'VIP', 'CHILD')).toBe(850);
    expect(cardPrice(card, 'STANDARD', 'SENIOR')).toBeNull();
    expect(cardPrice(null, 'STANDARD', 'ADULT')).toBeNull();
  });
});

describe('price cards at the counter', () => {
  let f: CounterFixture;
  beforeEach(async () => {
    f = await startCounter();
  });
  afterEach(async () => {
    await f.close();
  });

  it('a session in a band with a card sells at the card’s fixed prices; other types keep factors; the UI sends no price', async () => {
    const manager = await f.t.signIn('MANAGER');
    const s = await f.session('Hall 3 IMAX');
    const settings = await f.t.call('prices.get', {}, manager);
    const before = await f.t.call('prices.preview', { sessionId: s.id }, manager);
    for (const band of settings.defaults.filter((d) => d.hallType === 'IMAX')) {
      await f.t.call(
        'prices.setCard',
        {
          priceDefaultId: band.id,
          cells: [
            { ticketType: 'ADULT', seatKind: 'ANY', price: 1200 },
            { ticketType: 'CHILD', seatKind: 'ANY', price: 850 },
          ],
        },
        manager,
      );
    }
    const a = await f.seat(s.id, 'F', 7);
    const b = await f.seat(s.id, 'F', 8);
    const c = await f.seat(s.id, 'F', 9);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [a, b, c] }, f.cashier);
    const quote = await f.t.call(
      'orders.quote',
      { sessionId: s.id, tickets: [{ seatId: a, ticketType: 'ADULT' }, { seatId: b, ticketType: 'CHILD' }, { seatId: c, ticketType: 'SENIOR' }], concessions: [] },
      f.cashier,
    );
    const senior = before.rows.find((r) => r.seatKind === 'STANDARD')!.prices.SENIOR;
    expect(quote.lines.map((l) => l.unitPrice)).toEqual([1200, 850, senior]);
    // The preview shows the same, and the settings list the card under its band.
    const after = await f.t.call('prices.preview', { sessionId: s.id }, manager);
    expect(after.rows.find((r) => r.seatKind === 'STANDARD')!.prices).toMatchObject({ ADULT: 1200, CHILD: 850, SENIOR: senior });
    const withCards = await f.t.call('prices.get', {}, manager);
    expect(Object.values(withCards.cards).some((cells) => cells.length === 2)).toBe(true);
    // The card's columns: every seat kind the halls of each type have (the demo IMAX hall has wheelchair places and companion seats).
    expect(withCards.seatKindsByHallType).toMatchObject({ IMAX: ['STANDARD', 'WHEELCHAIR', 'COMPANION'], VIP: expect.arrayContaining(['VIP', 'LOVESEAT']) });
  });

  it('refuses a card with a cell twice, a band that does not exist, and a cashier — changing nothing', async () => {
    const manager = await f.t.signIn('MANAGER');
    const band = (await f.t.call('prices.get', {}, manager)).defaults[0]!;
    const twice = [
      { ticketType: 'ADULT' as const, seatKind: 'ANY' as const, price: 1200 },
      { ticketType: 'ADULT' as const, seatKind: 'ANY' as const, price: 1300 },
    ];
    await expect(f.t.call('prices.setCard', { priceDefaultId: band.id, cells: twice }, manager)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('prices.setCard', { priceDefaultId: '01900000-0000-7000-8000-000000000000', cells: [] }, manager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(f.t.call('prices.setCard', { priceDefaultId: band.id, cells: [] }, f.cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await f.t.call('prices.get', {}, manager)).cards).toEqual({});
  });
});
