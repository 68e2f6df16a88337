import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupsToDelete, DEFAULT_RETENTION, type BackupKind, type BackupStamp } from './retention';

const DAY = 86_400_000;
const start = Date.parse('2026-01-01T00:00:00Z');

const backupsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 120 * 24 * 60 }), { minLength: 0, maxLength: 80 })
  .chain((minutes) =>
    fc.tuple(fc.constant(minutes), fc.array(fc.constantFrom<BackupKind>('daily', 'pre-migration', 'manual'), { minLength: minutes.length, maxLength: minutes.length })),
  )
  .map(([minutes, kinds]) =>
    minutes.map((m, i): BackupStamp => {
      const createdAt = new Date(start + m * 60_000).toISOString();
      return { file: `b-${createdAt}-${kinds[i]}`, kind: kinds[i]!, createdAt };
    }),
  );
const policyArb = fc.record({ daily: fc.integer({ min: 0, max: 10 }), weekly: fc.integer({ min: 0, max: 6 }), preMigration: fc.integer({ min: 0, max: 4 }) });

const newestPer = (backups: BackupStamp[], key: (b: BackupStamp) => string | number, limit: number) => {
  const byKey = new Map<string | number, BackupStamp>();
  for (const b of [...backups].sort((x, y) => y.createdAt.localeCompare(x.createdAt))) if (!byKey.has(key(b))) byKey.set(key(b), b);
  return [...byKey.values()].slice(0, limit);
};

describe('backupsToDelete (retention)', () => {
  it('keeps the newest backup, the newest of each recent day and week and the recent pre-migration ones, and never more', () => {
    fc.assert(
      fc.property(backupsArb, policyArb, (backups, policy) => {
        const doomed = backupsToDelete(backups, policy);
        const kept = backups.filter((b) => !doomed.includes(b));
        expect(doomed.every((d) => backups.includes(d))).toBe(true);
        if (backups.length > 0) {
          const newest = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!;
          expect(kept).toContain(newest);
        }
        for (const b of newestPer(backups, (x) => x.createdAt.slice(0, 10), policy.daily)) expect(kept).toContain(b);
        for (const b of newestPer(backups, (x) => Math.floor((Math.floor(Date.parse(x.createdAt) / DAY) + 3) / 7), policy.weekly)) expect(kept).toContain(b);
        const pre = backups.filter((b) => b.kind === 'pre-migration').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        for (const b of pre.slice(0, policy.preMigration)) expect(kept).toContain(b);
        expect(kept.length).toBeLessThanOrEqual(Math.min(backups.length, policy.daily + policy.weekly + policy.preMigration + 1));
      }),
    );
  });

  it('with the default 7 daily + 4 weekly, a quarter of nightly backups shrinks to 7 days and 4 weeks', () => {
    const nightly = Array.from({ length: 90 }, (_, d): BackupStamp => {
      const createdAt = new Date(start + d * DAY + 3 * 3600_000).toISOString();
      return { file: `n${d}`, kind: 'daily', createdAt };
    });
    const kept = nightly.filter((b) => !backupsToDelete(nightly, DEFAULT_RETENTION).includes(b)).map((b) => b.createdAt.slice(0, 10));
    // The last one is Tuesday 2026-03-31: the last 7 days, and the newest of each of the last 4
    // weeks (Mon–Sun): 03-31 and 03-29 are among the 7 days already, 03-22 and 03-15 come on top.
    expect(kept).toEqual(['2026-03-15', '2026-03-22', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
  });
});
