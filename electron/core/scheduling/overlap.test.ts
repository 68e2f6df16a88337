import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstConflict, freeAt, occupationsOverlap, sessionEnd, type HallOccupation } from './overlap';

const M = 60_000;
const T0 = Date.parse('2026-11-26T09:00:00Z');

/** A session as whole minutes from T0: start, ads + duration, cleaning. */
const occupation = fc
  .record({ startMin: fc.integer({ min: 0, max: 3 * 24 * 60 }), ads: fc.integer({ min: 0, max: 40 }), duration: fc.integer({ min: 1, max: 240 }), cleaning: fc.integer({ min: 0, max: 45 }) })
  .map(({ startMin, ads, duration, cleaning }) => {
    const start = T0 + startMin * M;
    return { start, end: sessionEnd(start, ads, duration), cleaningMinutes: cleaning } satisfies HallOccupation;
  });

/** The minutes a session keeps the hall busy, as a set: the model the fast formula must match. */
function busyMinutes(o: HallOccupation): Set<number> {
  const out = new Set<number>();
  for (let t = o.start; t < freeAt(o); t += M) out.add(t);
  return out;
}

describe('hall overlap (rule 1)', () => {
  it('ends after ads and film; the next may start once cleaning is done, not a minute earlier', () => {
    const a = { start: T0, end: sessionEnd(T0, 20, 100), cleaningMinutes: 15 };
    expect(a.end - a.start).toBe(120 * M);
    expect(occupationsOverlap(a, { start: T0 + 135 * M, end: T0 + 250 * M, cleaningMinutes: 15 })).toBe(false);
    expect(occupationsOverlap(a, { start: T0 + 134 * M, end: T0 + 250 * M, cleaningMinutes: 15 })).toBe(true);
    // A session ending right before another starts still needs its cleaning.
    expect(occupationsOverlap(a, { start: T0 - 60 * M, end: T0 - 5 * M, cleaningMinutes: 15 })).toBe(true);
    expect(occupationsOverlap(a, { start: T0 - 60 * M, end: T0 - 15 * M, cleaningMinutes: 15 })).toBe(false);
  });

  it('property: symmetric, and equal to "they share a busy minute"', () => {
    fc.assert(
      fc.property(occupation, occupation, (a, b) => {
        expect(occupationsOverlap(a, b)).toBe(occupationsOverlap(b, a));
        const shared = [...busyMinutes(a)].some((t) => busyMinutes(b).has(t));
        expect(occupationsOverlap(a, b)).toBe(shared);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a session always overlaps itself and anything starting while it runs', () => {
    fc.assert(
      fc.property(occupation, fc.nat(), (a, k) => {
        expect(occupationsOverlap(a, a)).toBe(true);
        const inside = a.start + (k % Math.max(1, (freeAt(a) - a.start) / M)) * M;
        expect(occupationsOverlap(a, { start: inside, end: inside + M, cleaningMinutes: 0 })).toBe(true);
      }),
    );
  });

  it('property: back-to-back sessions with cleaning in between never conflict; firstConflict finds the earliest clash', () => {
    fc.assert(
      fc.property(fc.array(occupation, { minLength: 1, maxLength: 8 }), occupation, (list, candidate) => {
        // Lay the list out one after another: each starts when the hall is free again.
        const laidOut: HallOccupation[] = [];
        let t = T0;
        for (const o of list) {
          const length = o.end - o.start;
          laidOut.push({ start: t, end: t + length, cleaningMinutes: o.cleaningMinutes });
          t = freeAt(laidOut[laidOut.length - 1]!);
        }
        for (let i = 0; i < laidOut.length; i++) expect(firstConflict(laidOut[i]!, laidOut.filter((_, j) => j !== i))).toBeUndefined();
        const found = firstConflict(candidate, laidOut);
        const expected = laidOut.find((o) => occupationsOverlap(candidate, o));
        expect(found).toBe(expected);
      }),
    );
  });
});
