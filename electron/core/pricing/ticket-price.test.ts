import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SEAT_KINDS, TICKET_TYPES } from '../../../shared/enums';
import { ticketPrice, type PriceFactors } from './ticket-price';

const factors: PriceFactors = {
  seatKind: { VIP: 15_000, LOVESEAT: 17_500 },
  ticketType: { ADULT: 10_000, CHILD: 7_000, STUDENT: 8_000, SENIOR: 7_500 },
};

describe('ticket price (rule 3)', () => {
  it('multiplies base price by seat-kind and ticket-type factors, rounding half-up once', () => {
    expect(ticketPrice(1250, 'STANDARD', 'ADULT', factors)).toBe(1250);
    expect(ticketPrice(1250, 'VIP', 'CHILD', factors)).toBe(1313); // 1312.5 → 1313
    expect(ticketPrice(999, 'LOVESEAT', 'SENIOR', factors)).toBe(1311); // 1311.1875
    expect(ticketPrice(1000, 'WHEELCHAIR', 'STUDENT', factors)).toBe(800); // missing factor = ×1
  });

  it('never goes above the base price for a discounted type on a ×1 seat, and is monotonic in the base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.constantFrom(...SEAT_KINDS),
        fc.constantFrom(...TICKET_TYPES),
        (base, extra, kind, type) => {
          expect(ticketPrice(base, kind, type, factors)).toBeLessThanOrEqual(ticketPrice(base + extra, kind, type, factors));
          if (kind === 'STANDARD') expect(ticketPrice(base, kind, type, factors)).toBeLessThanOrEqual(base);
          expect(Number.isInteger(ticketPrice(base, kind, type, factors))).toBe(true);
        },
      ),
    );
  });
});
