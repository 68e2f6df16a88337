import { describe, expect, it } from 'vitest';
import type { ProgrammeSession } from '../../../../shared/contract';
import { ceilToLocalHour, floorToLocalHour, hallTracks, placeBlock, placeInstant, timelineRange } from './timeline';

const at = (iso: string) => Date.parse(iso);

function session(id: string, hall: string, startsAt: string, endsAt: string): ProgrammeSession {
  return {
    id,
    startsAt,
    endsAt,
    status: 'ON_SALE',
    basePrice: 1000,
    format: '2D',
    language: 'EN',
    film: { id: `f-${id}`, title: `Film ${id}`, durationMinutes: 100, ageRating: '12' },
    hall: { id: `h-${hall}`, name: hall, type: 'STANDARD' },
    seatsTotal: 100,
    seatsSold: 10,
    seatsReserved: 0,
  };
}

describe('local hours', () => {
  it('floors and ceils to whole hours of the cinema zone, not of UTC', () => {
    // Kolkata is UTC+05:30: 14:10 UTC is 19:40 local; the local hour starts at 13:30 UTC.
    expect(floorToLocalHour(at('2026-11-26T14:10:00Z'), 'Asia/Kolkata')).toBe(at('2026-11-26T13:30:00Z'));
    expect(ceilToLocalHour(at('2026-11-26T14:10:00Z'), 'Asia/Kolkata')).toBe(at('2026-11-26T14:30:00Z'));
    expect(floorToLocalHour(at('2026-11-26T14:10:45.500Z'), 'Europe/Berlin')).toBe(at('2026-11-26T14:00:00Z'));
    expect(ceilToLocalHour(at('2026-11-26T14:00:00Z'), 'Europe/Berlin')).toBe(at('2026-11-26T14:00:00Z'));
  });
});

describe('timelineRange', () => {
  it('spans the day from the first start to the last end in whole local hours', () => {
    const range = timelineRange(
      [session('a', 'Hall 1', '2026-11-26T09:15:00Z', '2026-11-26T11:20:00Z'), session('b', 'Hall 2', '2026-11-26T19:40:00Z', '2026-11-26T22:05:00Z')],
      'Europe/Berlin',
    )!;
    expect(range.from).toBe(at('2026-11-26T09:00:00Z'));
    expect(range.to).toBe(at('2026-11-26T23:00:00Z'));
    expect(range.ticks).toHaveLength(15);
    expect(range.ticks[0]).toBe(range.from);
    expect(range.ticks.at(-1)).toBe(range.to);
  });

  it('keeps a minimum width for a short day and is null for an empty one', () => {
    const range = timelineRange([session('a', 'Hall 1', '2026-11-26T18:00:00Z', '2026-11-26T19:30:00Z')], 'UTC', 6)!;
    expect(range.to - range.from).toBe(6 * 3_600_000);
    expect(timelineRange([], 'UTC')).toBeNull();
  });

  it('puts ticks on local hours in a half-hour zone', () => {
    const range = timelineRange([session('a', 'Hall 1', '2026-11-26T12:45:00Z', '2026-11-26T15:00:00Z')], 'Asia/Kolkata', 1)!;
    // 12:45 UTC = 18:15 IST → 18:00 IST = 12:30 UTC; 15:00 UTC = 20:30 IST → 21:00 IST = 15:30 UTC.
    expect(range.from).toBe(at('2026-11-26T12:30:00Z'));
    expect(range.to).toBe(at('2026-11-26T15:30:00Z'));
    expect(range.ticks).toEqual([at('2026-11-26T12:30:00Z'), at('2026-11-26T13:30:00Z'), at('2026-11-26T14:30:00Z'), at('2026-11-26T15:30:00Z')]);
  });

  it('counts real hours across a daylight-saving change', () => {
    // Berlin falls back on 2026-10-25 at 03:00 local: the night has 25 hours.
    const range = timelineRange([session('a', 'Hall 1', '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z')], 'Europe/Berlin', 1)!;
    expect(range.ticks).toHaveLength(7);
    expect(range.ticks[1]! - range.ticks[0]!).toBe(3_600_000);
  });
});

describe('placeBlock', () => {
  const range = { from: at('2026-11-26T10:00:00Z'), to: at('2026-11-26T20:00:00Z') };

  it('places a block by start and end as percent of the track', () => {
    const p = placeBlock('2026-11-26T12:00:00Z', '2026-11-26T14:30:00Z', range);
    expect(p.left).toBeCloseTo(20);
    expect(p.width).toBeCloseTo(25);
    expect(p.clippedStart).toBe(false);
    expect(p.clippedEnd).toBe(false);
  });

  it('cuts blocks that run past the edges', () => {
    const p = placeBlock('2026-11-26T19:00:00Z', '2026-11-26T21:00:00Z', range);
    expect(p.left).toBeCloseTo(90);
    expect(p.width).toBeCloseTo(10);
    expect(p.clippedEnd).toBe(true);
    const q = placeBlock('2026-11-26T09:00:00Z', '2026-11-26T11:00:00Z', range);
    expect(q.left).toBe(0);
    expect(q.width).toBeCloseTo(10);
    expect(q.clippedStart).toBe(true);
  });

  it('places the now line only inside the range', () => {
    expect(placeInstant(at('2026-11-26T15:00:00Z'), range)).toBeCloseTo(50);
    expect(placeInstant(at('2026-11-26T21:00:00Z'), range)).toBeNull();
  });
});

describe('hallTracks', () => {
  it('groups by hall in natural order with sessions by start', () => {
    const tracks = hallTracks([
      session('c', 'Hall 10', '2026-11-26T12:00:00Z', '2026-11-26T14:00:00Z'),
      session('b', 'Hall 2', '2026-11-26T18:00:00Z', '2026-11-26T20:00:00Z'),
      session('a', 'Hall 2', '2026-11-26T12:00:00Z', '2026-11-26T14:00:00Z'),
    ]);
    expect(tracks.map((t) => t.hall.name)).toEqual(['Hall 2', 'Hall 10']);
    expect(tracks[0]!.sessions.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it("adds an empty track for each hall of the planner's list that has no session", () => {
    const one = session('a', 'Hall 2', '2026-11-26T12:00:00Z', '2026-11-26T14:00:00Z');
    const tracks = hallTracks([one], [{ id: 'hall-9', name: 'Hall 9', type: 'VIP' }, one.hall]);
    expect(tracks.map((t) => [t.hall.name, t.sessions.length])).toEqual([
      ['Hall 2', 1],
      ['Hall 9', 0],
    ]);
  });
});
