import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SEAT_KINDS, TICKET_TYPES } from '../../../shared/enums';
import { orderTotals, pointsToEarn, priceLines, redeemablePoints, vatByRate, withDiscounts } from './price-order';
import { settlePayments, type MoneyPayment } from '../payments/settle-payments';

const amount = fc.integer({ min: 0, max: 10_000_000 });
const bp = fc.integer({ min: 0, max: 10_000 });

describe('order arithmetic (rules 3, 5, 6)', () => {
  it('the total is the sum of the lines, and a discount never exceeds its line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.record({ kind: fc.constantFrom(...SEAT_KINDS), type: fc.constantFrom(...TICKET_TYPES), f: fc.integer({ min: 1, max: 30_000 }) }), { maxLength: 10 }),
        fc.array(fc.record({ price: fc.integer({ min: 0, max: 5000 }), quantity: fc.integer({ min: 1, max: 99 }), vat: bp }), { maxLength: 10 }),
        fc.array(fc.integer({ min: -100, max: 1_000_000 }), { maxLength: 25 }),
        (basePrice, tickets, concessions, discounts) => {
          const lines = withDiscounts(
            priceLines({
              basePrice,
              factors: { seatKind: Object.fromEntries(tickets.map((t) => [t.kind, t.f])), ticketType: {} },
              ticketVatBp: 700,
              tickets: tickets.map((t, i) => ({ seatId: String(i), row: 'A', number: i + 1, seatKind: t.kind, ticketType: t.type })),
              concessions: concessions.map((c, i) => ({ itemId: String(i), name: 'x', unitPrice: c.price, quantity: c.quantity, vatBp: c.vat })),
            }),
            discounts,
          );
          const totals = orderTotals(lines);
          expect(totals.total).toBe(lines.reduce((s, l) => s + l.total, 0));
          expect(totals.total).toBe(totals.subtotal - totals.discount);
          for (const l of lines) {
            expect(l.discount).toBeGreaterThanOrEqual(0);
            expect(l.discount).toBeLessThanOrEqual(l.unitPrice * l.quantity);
            expect(Number.isSafeInteger(l.total)).toBe(true);
          }
          const vat = vatByRate(lines).reduce((s, v) => s + v.amount, 0);
          expect(vat).toBeGreaterThanOrEqual(0);
          expect(vat).toBeLessThanOrEqual(totals.total);
        },
      ),
    );
  });

  it('points never pay more than the share of the order nor the balance; accrual is 10 % rounded down', () => {
    fc.assert(
      fc.property(amount, amount, bp, bp, (total, balance, share, accrual) => {
        const r = redeemablePoints(total, balance, share);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(balance);
        expect(r * 10_000).toBeLessThanOrEqual(total * share);
        const earn = pointsToEarn(total - r, accrual);
        expect(earn).toBe(Math.floor(((total - r) * accrual) / 10_000));
      }),
    );
    expect(pointsToEarn(2645, 1000)).toBe(264);
  });

  it('payments settle exactly: change = tendered − cash part, any other sum is refused', () => {
    const payment = fc.oneof(
      fc.record({ method: fc.constant('CASH' as const), amount: fc.integer({ min: 1, max: 100_000 }), extra: fc.integer({ min: 0, max: 100_000 }) }).map(
        (p): MoneyPayment => ({ method: 'CASH', amount: p.amount, tendered: p.amount + p.extra }),
      ),
      fc.integer({ min: 1, max: 100_000 }).map((a): MoneyPayment => ({ method: 'CARD', amount: a, approvalCode: 'AB12', last4: '4242' })),
    );
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -3, max: 3 }), (payments, points, off) => {
        const paid = payments.reduce((s, p) => s + p.amount, 0);
        const toPay = paid + off;
        if (off !== 0) {
          expect(() => settlePayments({ toPay, bonusPoints: points, payments, currency: 'EUR' })).toThrow(/still to pay|more than/);
          return;
        }
        const { rows, change } = settlePayments({ toPay, bonusPoints: points, payments, currency: 'EUR' });
        const cash = payments.filter((p) => p.method === 'CASH') as Extract<MoneyPayment, { method: 'CASH' }>[];
        expect(change).toBe(cash.reduce((s, p) => s + p.tendered - p.amount, 0));
        expect(rows.filter((r) => r.method !== 'BONUS').reduce((s, r) => s + r.amount, 0)).toBe(toPay);
        expect(rows.filter((r) => r.method === 'BONUS').reduce((s, r) => s + r.amount, 0)).toBe(points);
      }),
    );
  });
});
