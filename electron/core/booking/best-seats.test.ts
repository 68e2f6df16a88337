import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeatKind } from '../../../shared/enums';
import { bestSeats, type PlacedSeat } from './best-seats';

/** A hall from a picture: one string per row from the screen back; '.' free, 'x' taken, ' ' aisle, 'W' wheelchair, 'C' companion, 'V' free VIP. */
function hall(...rows: string[]): PlacedSeat[] {
  const seats: PlacedSeat[] = [];
  rows.forEach((line, y) =>
    [...line].forEach((ch, x) => {
      if (ch === ' ') return;
      const kind: SeatKind = ch === 'W' ? 'WHEELCHAIR' : ch === 'C' ? 'COMPANION' : ch === 'V' ? 'VIP' : 'STANDARD';
      seats.push({ id: `${String.fromCharCode(65 + y)}${x}`, x, y, kind, free: ch !== 'x' });
    }),
  );
  return seats;
}

describe('bestSeats (issue 13, item 4)', () => {
  it('picks the centre of the row two thirds back in an empty hall', () => {
    const seats = hall('..........', '..........', '..........', '..........');
    expect(bestSeats(seats, 2)).toEqual(['C4', 'C5']);
    expect(bestSeats(seats, 3)).toEqual(['C3', 'C4', 'C5']);
  });

  it('moves to the next best row when the best row has no room in the centre', () => {
    const seats = hall('..........', '..........', 'xxxxxxxxxx', '..........');
    expect(bestSeats(seats, 2)).toEqual(['D4', 'D5']);
  });

  it('never splits a group across an aisle', () => {
    const seats = hall('....  ....', '....  ....', '...x  x...');
    const picked = bestSeats(seats, 4)!;
    expect(picked.every((id) => id.startsWith('B'))).toBe(true);
  });

  it('does not leave a single free seat beside the group when it can avoid it', () => {
    // Row C: taken at 2 and 7 — the centre pair 4-5 would leave lone seats at 3 and 6.
    const seats = hall('........', '........', '..x....x', '........');
    const picked = bestSeats(seats, 2)!;
    const row = seats.filter((s) => s.y === 2);
    const taken = new Set([...row.filter((s) => !s.free).map((s) => s.x), ...picked.map((id) => Number(id.slice(1)))]);
    // No free seat in row C with taken neighbours on both sides (or a wall) — when the group sits in row C.
    if (picked[0]!.startsWith('C')) {
      for (const s of row.filter((r) => !taken.has(r.x))) expect(taken.has(s.x - 1) && taken.has(s.x + 1)).toBe(false);
    }
    expect(picked).not.toEqual(['C4', 'C5']);
  });

  it('keeps wheelchair places and companion seats for wheelchair users', () => {
    const seats = hall('CWWC', 'CWWC');
    expect(bestSeats(seats, 1)).toBeNull();
    expect(bestSeats(hall('..CWWC..'), 2)).toEqual(['A0', 'A1']);
  });

  it('does not mix seat kinds in one group', () => {
    expect(bestSeats(hall('..VV..'), 4)).toBeNull();
    expect(bestSeats(hall('..VV..'), 2)).toEqual(['A2', 'A3']);
  });

  it('answers null when no group of that size sits together', () => {
    expect(bestSeats(hall('.x.x.x', 'x.x.x.'), 2)).toBeNull();
    expect(bestSeats(hall('....'), 0)).toBeNull();
    expect(bestSeats([], 1)).toBeNull();
  });

  const arbitraryHall = fc
    .record({ width: fc.integer({ min: 1, max: 14 }), depth: fc.integer({ min: 1, max: 8 }) })
    .chain(({ width, depth }) =>
      fc.array(fc.constantFrom('.', '.', '.', 'x', ' ', 'W', 'C', 'V'), { minLength: width * depth, maxLength: width * depth }).map((cells) =>
        hall(...Array.from({ length: depth }, (_, y) => cells.slice(y * width, (y + 1) * width).join(''))),
      ),
    );

  it('property: a group is `count` free, pickable seats of one kind side by side in one row — or null only when no such group exists', () => {
    fc.assert(
      fc.property(arbitraryHall, fc.integer({ min: 1, max: 6 }), (seats, count) => {
        const picked = bestSeats(seats, count);
        const byId = new Map(seats.map((s) => [s.id, s]));
        const groupExists = seats.some((first) =>
          Array.from({ length: count }, (_, i) => seats.find((s) => s.y === first.y && s.x === first.x + i)).every(
            (s) => s && s.free && s.kind === first.kind && s.kind !== 'WHEELCHAIR' && s.kind !== 'COMPANION',
          ),
        );
        if (!picked) return !groupExists;
        const group = picked.map((id) => byId.get(id)!);
        return (
          groupExists &&
          group.length === count &&
          group.every((s, i) => s.free && s.y === group[0]!.y && s.kind === group[0]!.kind && s.x === group[0]!.x + i && s.kind !== 'WHEELCHAIR' && s.kind !== 'COMPANION')
        );
      }),
      { numRuns: 500 },
    );
  });

  it('property: the answer does not depend on the order the seats are listed in', () => {
    fc.assert(
      fc.property(arbitraryHall, fc.integer({ min: 1, max: 4 }), fc.integer(), (seats, count, seed) => {
        const shuffled = [...seats].sort((a, b) => ((a.x * 31 + a.y * 17 + seed) % 7) - ((b.x * 31 + b.y * 17 + seed) % 7));
        return JSON.stringify(bestSeats(seats, count)) === JSON.stringify(bestSeats(shuffled, count));
      }),
      { numRuns: 300 },
    );
  });
});
