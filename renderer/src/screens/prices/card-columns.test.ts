import { describe, expect, it } from 'vitest';
import { cardColumns } from './card-columns';

describe('price card columns', () => {
  it('any seat, then every kind the halls of the band have, in the enum order', () => {
    expect(cardColumns(['STANDARD', 'WHEELCHAIR', 'COMPANION'], [])).toEqual(['ANY', 'STANDARD', 'WHEELCHAIR', 'COMPANION']);
    expect(cardColumns(['VIP', 'LOVESEAT'], [])).toEqual(['ANY', 'VIP', 'LOVESEAT']);
  });

  it('keeps a kind the card already prices, and offers every kind when the halls have no seats yet', () => {
    expect(cardColumns(['STANDARD'], [{ ticketType: 'ADULT', seatKind: 'VIP', price: 1500 }])).toEqual(['ANY', 'STANDARD', 'VIP']);
    expect(cardColumns(undefined, [])).toEqual(['ANY', 'STANDARD', 'VIP', 'LOVESEAT', 'WHEELCHAIR', 'COMPANION']);
  });
});
