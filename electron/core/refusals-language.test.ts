import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from './orders/counter-fixture';

/*
 * Issue 16.2: a refusal from the core reaches its reader in their language — the signed-in person's,
 * else the terminal's — with money in that language's locale; English stays the default.
 */

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
});
afterEach(() => f.close());

async function refusal(op: string, input: unknown, token: string) {
  const r = await f.t.core.call({ op, input, token });
  if (r.ok) throw new Error(`${op} was accepted`);
  return r.error;
}

/** A €12.00 adult ticket offered for €5.00 in cash. */
async function underpaidSale() {
  const s = await f.session('Hall 1');
  await f.t.core.services.db.updateTable('sessions').set({ base_price: 1200 }).where('id', '=', s.id).execute();
  const seatId = await f.seat(s.id, 'F', 8);
  await f.t.call('booking.hold', { sessionId: s.id, seatIds: [seatId] }, f.cashier);
  return { sessionId: s.id, tickets: [{ seatId, ticketType: 'ADULT' }], ageConfirmed: true, payments: [{ method: 'CASH', amount: 500, tendered: 500 }] };
}

describe('refusals in the caller’s language', () => {
  it('refuses a German-speaking cashier in German, with euros written the German way', async () => {
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    await f.t.call('auth.setLanguage', { language: 'de' }, f.cashier);

    expect(await refusal('shifts.open', { openingFloat: 10_000 }, f.cashier)).toMatchObject({
      code: 'CONFLICT',
      message: 'Ihre Schicht ist an dieser Kasse bereits offen.',
    });
    const sale = await refusal('orders.sell', await underpaidSale(), f.cashier);
    // Intl puts a no-break space before the euro sign.
    expect(sale.message.replaceAll('\u00a0', ' ')).toBe('Die Zahlungen decken 5,00 € von 12,00 €: 7,00 € sind noch zu zahlen.');
  });

  it('speaks the terminal’s language to someone who chose none, and English by default', async () => {
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    expect((await refusal('shifts.open', { openingFloat: 10_000 }, f.cashier)).message).toBe('Your shift is already open on this terminal.');
    expect((await refusal('orders.sell', await underpaidSale(), f.cashier)).message).toBe('The payments cover €5.00 of €12.00: €7.00 is still to pay.');

    const admin = await f.t.signIn('ADMIN');
    await f.t.call('terminal.setLanguage', { language: 'de' }, admin);
    expect((await refusal('shifts.open', { openingFloat: 10_000 }, f.cashier)).message).toBe('Ihre Schicht ist an dieser Kasse bereits offen.');
  });

  it('writes a quote’s problems in the reader’s language: stock, points, a promocode that does not apply', async () => {
    const s = await f.session('Hall 1');
    const seatId = await f.seat(s.id, 'F', 9);
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: [seatId] }, f.cashier);
    const water = await f.item('Still water 0.5 l');
    await f.t.core.services.db.updateTable('concession_items').set({ stock: 0 }).where('id', '=', water.id).execute();
    const customerId = await f.customer('2600100001'); // Anna, 500 points
    const draft = { sessionId: s.id, tickets: [{ seatId, ticketType: 'ADULT' as const }], concessions: [{ itemId: water.id, quantity: 1 }], customerId, bonusPoints: 100_000, promocode: 'NOPE' };

    const english = await f.t.call('orders.quote', draft, f.cashier);
    expect(english.problems).toEqual(['Still water 0.5 l is out of stock. Remove it from the order.', expect.stringContaining('NOPE'), expect.stringMatching(/^At most \d+ points can pay this order \(Anna/)]);
    await f.t.call('auth.setLanguage', { language: 'de' }, f.cashier);
    const german = await f.t.call('orders.quote', draft, f.cashier);
    expect(german.problems).toEqual([
      'Still water 0.5 l ist ausverkauft. Entfernen Sie den Artikel aus der Bestellung.',
      expect.stringContaining('NOPE'),
      expect.stringMatching(/^Höchstens \d+ Punkte können diese Bestellung bezahlen \(Anna/),
    ]);
    expect(german.promocode).toMatchObject({ applied: false, message: german.problems[1] });
    expect(german.problems[1]).not.toBe(english.problems[1]);
    // A sale refuses with the same words.
    await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
    const sale = await refusal('orders.sell', { ...draft, concessions: [], promocode: undefined, ageConfirmed: true, payments: [{ method: 'CASH', amount: 100_000, tendered: 100_000 }] }, f.cashier);
    expect(sale.message).toMatch(/^Höchstens \d+ Punkte können diese Bestellung bezahlen \(Anna/);
  });
});
