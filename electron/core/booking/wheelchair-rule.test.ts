import { describe, expect, it } from 'vitest';
import type { SeatKind } from '../../../shared/enums';
import { accessibleSeatsRefused, type RuleSeat } from './wheelchair-rule';

/** A hall from a picture, one string per row: 'W' wheelchair, 'C' companion, '.' free, 'x' sold, ' ' aisle. Seats are named "A1"… */
function hall(...rows: string[]): RuleSeat[] {
  const seats: RuleSeat[] = [];
  rows.forEach((line, y) => {
    let n = 0;
    [...line].forEach((ch, x) => {
      if (ch === ' ') return;
      n++;
      const row = String.fromCharCode(65 + y);
      const kind: SeatKind = ch.toUpperCase() === 'W' ? 'WHEELCHAIR' : ch.toUpperCase() === 'C' ? 'COMPANION' : 'STANDARD';
      // Lower case: sold.
      seats.push({ id: `${row}${n}`, kind, row_label: row, number: n, grid_x: x, grid_y: y, active: 1, state: ch === 'x' || ch === 'w' || ch === 'c' ? 'SOLD' : 'FREE' });
    });
  });
  return seats;
}
const refused = (h: RuleSeat[], together: string[], holdBack = true, atSale = true) => accessibleSeatsRefused({ holdBack, hall: h, together, atSale }).map((r) => `${r.seat.id}:${r.kind}`);

describe('rule 13: wheelchair places and companion seats (issue 20, item 5)', () => {
  const h = hall('WC.... ....CW', '.....x ......', '...... ......', 'WC.... ....CW');

  it('a wheelchair place goes with the companion seat beside it — not one rows away — whatever the hold-back setting', () => {
    expect(refused(h, ['A1', 'A2'])).toEqual([]);
    // Seen: accepted with a companion seat 14 rows away, and sold alone with the hold-back off.
    expect(refused(h, ['A1', 'D2'])).toEqual(['A1:NEEDS_COMPANION', 'D2:COMPANION_KEPT']);
    expect(refused(h, ['A1'], false)).toEqual(['A1:NEEDS_COMPANION']);
    expect(refused(h, ['A1', 'D2'], false)).toEqual(['A1:NEEDS_COMPANION']);
  });

  it('goes alone once the companion seat beside it is sold (the companion is there), or when the map has none beside it', () => {
    expect(refused(hall('Wc....'), ['A1'])).toEqual([]);
    expect(refused(hall('W.....'), ['A1'])).toEqual([]);
    expect(refused(hall('W C...'), ['A1'])).toEqual([]);
  });

  it('keeps companion seats for wheelchair users until the session is otherwise full (configurable)', () => {
    expect(refused(h, ['A2'])).toEqual(['A2:COMPANION_KEPT']);
    // A hold may take the companion first while its wheelchair place is free: the sale needs both.
    expect(refused(h, ['A2'], true, false)).toEqual([]);
    expect(refused(hall('wC....'), ['A2'])).toEqual([]);
    expect(refused(h, ['A2'], false)).toEqual([]);
    expect(refused(hall('WCxxxx', 'xxxxxx'), ['A2'])).toEqual([]);
    // A group of ordinary seats is never asked.
    expect(refused(h, ['B1', 'B2'])).toEqual([]);
  });
});
