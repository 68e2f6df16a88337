import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HybridLogicalClock, MAX_DRIFT_MS, formatHlc, parseHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('round-trips its text form', () => {
    const t = { wall: 1764083955123, counter: 42, node: '0194f0a0-0000-7000-8000-000000000001' };
    expect(parseHlc(formatHlc(t))).toEqual(t);
  });

  it('never goes backwards, even when the wall clock does, and sorts as text', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 1, maxLength: 200 }), (steps) => {
        let wall = 1_764_000_000_000;
        const clock = new HybridLogicalClock('node-a', () => wall);
        let previous = clock.now();
        for (const step of steps) {
          wall += step;
          const next = clock.now();
          expect(next > previous).toBe(true);
          previous = next;
        }
      }),
    );
  });

  it('orders its next event after any timestamp it received', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 99_998 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (remoteOffset, remoteCounter, localOffset) => {
          const base = 1_764_000_000_000;
          const clock = new HybridLogicalClock('node-b', () => base + localOffset);
          const remote = formatHlc({ wall: base + remoteOffset, counter: remoteCounter, node: 'node-a' });
          clock.receive(remote);
          expect(clock.now() > remote).toBe(true);
        },
      ),
    );
  });

  it('breaks ties between terminals by node id', () => {
    const a = new HybridLogicalClock('a', () => 1000);
    const b = new HybridLogicalClock('b', () => 1000);
    expect(a.now() < b.now()).toBe(true);
  });

  it('refuses a remote clock more than a day ahead', () => {
    const clock = new HybridLogicalClock('a', () => 1_000_000);
    expect(() => clock.receive(formatHlc({ wall: 1_000_000 + MAX_DRIFT_MS + 1, counter: 0, node: 'b' }))).toThrow(/a day ahead/);
  });

  it('resumes after the last timestamp it issued before a restart', () => {
    const first = new HybridLogicalClock('a', () => 5_000);
    const last = first.now();
    const restarted = new HybridLogicalClock('a', () => 1_000, last);
    expect(restarted.now() > last).toBe(true);
  });
});
