import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/money';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';
import { pdfText } from './testing/read-pdf';

/*
 * Issue 15 item 7: a receipt reprinted after a partial refund shows what stands now — the total
 * after the refund, the money net of refunds, the points the order earns now and the VAT of what
 * stands — beside the VAT of the sale as it was receipted.
 */

let f: CounterFixture;
beforeEach(async () => {
  f = await startCounter();
  await f.t.call('shifts.open', { openingFloat: 10_000 }, f.cashier);
});
afterEach(async () => f.close());

describe('receipt after a partial refund', () => {
  it('reprints what stands now', async () => {
    const s = await f.session('Hall 1');
    const seats = [await f.seat(s.id, 'J', 5), await f.seat(s.id, 'J', 6), await f.seat(s.id, 'J', 7)];
    await f.t.call('booking.hold', { sessionId: s.id, seatIds: seats }, f.cashier);
    const input = { sessionId: s.id, tickets: seats.map((seatId) => ({ seatId, ticketType: 'ADULT' as const })), customerId: await f.customer('2600100002'), ageConfirmed: true };
    const quote = await f.t.call('orders.quote', input, f.cashier);
    const sale = await f.t.call('orders.sell', { ...input, payments: [{ method: 'CASH', amount: quote.toPay, tendered: quote.toPay }] }, f.cashier);
    const earnedAtSale = sale.bonusEarned;
    const refunded = sale.tickets[0]!;
    await f.t.call('orders.refund', { reason: 'CUSTOMER_CHANGED_MIND', orderId: sale.orderId, ticketIds: [refunded.id] }, f.cashier);

    const details = await f.t.call('orders.details', { orderId: sale.orderId }, f.cashier);
    const standing = details.tickets.filter((t) => t.status === 'SOLD').reduce((sum, t) => sum + t.price - t.discount, 0);
    const earnedNow = (await f.t.core.services.db.selectFrom('orders').select('bonus_earned').where('id', '=', sale.orderId).executeTakeFirstOrThrow()).bonus_earned;
    expect(standing).toBeLessThan(quote.toPay);
    expect(earnedNow).toBeLessThan(earnedAtSale);

    const pdf = await f.t.call('printing.orderPdf', { orderId: sale.orderId, document: 'RECEIPT', paper: 'THERMAL_80' }, f.cashier);
    const text = (await pdfText(Buffer.from(pdf.base64, 'base64'))).join(' ');
    const cinema = await f.t.core.services.db.selectFrom('cinemas').select(['currency', 'ticket_vat_bp']).executeTakeFirstOrThrow();
    const money = (n: number) => formatMoney(n, cinema.currency);
    expect(text).toContain('AFTER REFUNDS AND EXCHANGES');
    expect(text).toContain(`Total now ${money(standing)}`);
    expect(text).toContain(`Paid, net of refunds ${money(standing)}`);
    expect(text).toContain(`Bonus points earned now ${earnedNow}`);
    // The VAT of what stands, next to the VAT receipted at the sale.
    const vatNow = Math.round((standing * cinema.ticket_vat_bp) / (10_000 + cinema.ticket_vat_bp));
    expect(text).toContain('VAT at sale');
    expect(text).toMatch(new RegExp(`VAT now .*${money(standing - vatNow).replace(/[.$]/g, '\\$&')} ${money(vatNow).replace(/[.$]/g, '\\$&')} ${money(standing).replace(/[.$]/g, '\\$&')}`));
  });
});
