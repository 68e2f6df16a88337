import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countByKind, generateSeatGrid, renumberRows, rowLabelAt, seatMapProblems, seatName } from './seat-map';

describe('seat map rules', () => {
  it('labels rows A…Z, then AA, AB …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(rowLabelAt)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('uses custom row labels where given', () => {
    const seats = generateSeatGrid({ rows: 3, seatsPerRow: 2, rowLabels: ['1', '', 'Loge'] });
    expect([...new Set(seats.map((s) => s.rowLabel))]).toEqual(['1', 'B', 'Loge']);
  });

  it('property: generation plus random removals and renumbering keep names and places unique, with no problems', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { maxLength: 200 }),
        fc.boolean(),
        (rows, perRow, removals, renumber) => {
          let seats = generateSeatGrid({ rows, seatsPerRow: perRow });
          expect(seats).toHaveLength(rows * perRow);
          for (const r of removals) {
            if (seats.length === 0) break;
            seats = seats.filter((_, i) => i !== r % seats.length);
          }
          if (renumber) seats = renumberRows(seats);
          expect(new Set(seats.map(seatName)).size).toBe(seats.length);
          expect(new Set(seats.map((s) => `${s.gridX},${s.gridY}`)).size).toBe(seats.length);
          expect(seatMapProblems(seats)).toEqual([]);
          if (renumber) {
            // Each row is numbered 1…n from the left, whatever was removed.
            const byRow = new Map<string, number[]>();
            for (const s of [...seats].sort((a, b) => a.gridX - b.gridX)) byRow.set(s.rowLabel, [...(byRow.get(s.rowLabel) ?? []), s.number]);
            for (const numbers of byRow.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: a wheelchair place is accepted exactly when an active companion is right beside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom('STANDARD', 'COMPANION', 'VIP', 'none'), fc.constantFrom('STANDARD', 'COMPANION', 'none'), (x, leftKind, rightKind) => {
        const seats = generateSeatGrid({ rows: 1, seatsPerRow: 8 }).map((s) => (s.gridX === x + 1 ? { ...s, kind: 'WHEELCHAIR' as const } : s));
        const withNeighbours = seats
          .map((s) => {
            if (s.gridX === x) return leftKind === 'none' ? null : { ...s, kind: leftKind as 'STANDARD' };
            if (s.gridX === x + 2) return rightKind === 'none' ? null : { ...s, kind: rightKind as 'STANDARD' };
            return s;
          })
          .filter((s) => s !== null);
        const ok = leftKind === 'COMPANION' || rightKind === 'COMPANION';
        expect(seatMapProblems(withNeighbours).length === 0).toBe(ok);
      }),
    );
  });

  it('counts active seats per kind', () => {
    const seats = generateSeatGrid({ rows: 1, seatsPerRow: 4 });
    seats[0] = { ...seats[0]!, kind: 'WHEELCHAIR' };
    seats[1] = { ...seats[1]!, kind: 'COMPANION' };
    seats[3] = { ...seats[3]!, active: false };
    expect(countByKind(seats)).toEqual({ STANDARD: 1, VIP: 0, LOVESEAT: 0, WHEELCHAIR: 1, COMPANION: 1 });
  });

  it('a row is one line: refuses a row label on two lines and two labels on one line', () => {
    const seats = generateSeatGrid({ rows: 2, seatsPerRow: 2 });
    const split = seats.map((s) => (s.gridY === 1 && s.number === 1 ? { ...s, rowLabel: 'A', number: 9 } : s));
    expect(seatMapProblems(split).join(' ')).toMatch(/Row A is split over two lines/);
  });
});
