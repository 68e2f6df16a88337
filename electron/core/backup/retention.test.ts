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
const policyArb = fc.record({ keepAllHours: fc.integer({ min: 0, max: 72 }), daily: fc.integer({ min: 0, max: 10 }), weekly: fc.integer({ min: 0, max: 6 }), preMigration: fc.integer({ min: 0, max: 4 }) });

const newestPer = (backups: BackupStamp[], key: (b: BackupStamp) => string | number, limit: number) => {
  const byKey = new Map<string | number, BackupStamp>();
  for (const b of [...backups].sort((x, y) => y.createdAt.localeCompare(x.createdAt))) if (!byKey.has(key(b))) byKey.set(key(b), b);
  return [...byKey.values()].slice(0, limit);
};

describe('backupsToDelete (retention)', () => {
  it('keeps the newest backup, the newest of each recent day and week and the recent pre-migration ones, and never more', () => {
    fc.assert(
      fc.property(backupsArb, policyArb, fc.integer({ min: 0, max: 125 * 24 * 60 }), (backups, policy, nowMinute) => {
        const now = new Date(start + nowMinute * 60_000);
        const doomed = backupsToDelete(backups, policy, now);
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
        const recent = backups.filter((b) => Date.parse(b.createdAt) > now.getTime() - policy.keepAllHours * 3600_000);
        for (const b of recent) expect(kept).toContain(b);
        expect(kept.length).toBeLessThanOrEqual(Math.min(backups.length, policy.daily + policy.weekly + policy.preMigration + 1 + recent.length));
      }),
    );
  });

  it('with the default 7 daily + 4 weekly, a quarter of nightly backups shrinks to 7 days and 4 weeks', () => {
    const nightly = Array.from({ length: 90 }, (_, d): BackupStamp => {
      const createdAt = new Date(start + d * DAY + 3 * 3600_000).toISOString();
      return { file: `n${d}`, kind: 'daily', createdAt };
    });
    const kept = nightly.filter((b) => !backupsToDelete(nightly, DEFAULT_RETENTION, new Date(Date.parse(nightly.at(-1)!.createdAt))).includes(b)).map((b) => b.createdAt.slice(0, 10));
    // The last one is Tuesday 2026-03-31: the last 7 days, and the newest of each of the last 4
    // weeks (Mon–Sun): 03-31 and 03-29 are among the 7 days already, 03-22 and 03-15 come on top.
    expect(kept).toEqual(['2026-03-15', '2026-03-22', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
  });
});

describe('retention day by day (issue 12, item 7)', () => {
  const at = (day: number, hour: number) => new Date(start + day * DAY + hour * 3600_000).toISOString();

  it('"Back up now" twice after the daily backup: all three are kept (they removed each other before)', () => {
    const made: BackupStamp[] = [];
    const backUp = (createdAt: string, kind: BackupKind) => {
      made.push({ file: `${createdAt}-${kind}`, kind, createdAt });
      for (const d of backupsToDelete(made, DEFAULT_RETENTION, new Date(createdAt))) made.splice(made.indexOf(d), 1);
    };
    backUp(at(0, 3), 'daily');
    backUp(at(0, 10), 'manual');
    backUp(at(0, 11), 'manual');
    expect(made.map((b) => b.file)).toEqual([`${at(0, 3)}-daily`, `${at(0, 10)}-manual`, `${at(0, 11)}-manual`]);
  });

  it('90 days of a nightly backup, presses of "Back up now" and schema updates: never removes one less than a day old, and keeps exactly the policy', () => {
    // A deterministic season: nightly at 03:00; on some days one or two manual backups during the
    // day; now and then an update's pre-migration backup. After each backup the policy is applied,
    // as the app does.
    let made: BackupStamp[] = [];
    const everMade: BackupStamp[] = [];
    const backUp = (createdAt: string, kind: BackupKind) => {
      const now = new Date(createdAt);
      const b = { file: `${createdAt}-${kind}`, kind, createdAt };
      made.push(b);
      everMade.push(b);
      const doomed = backupsToDelete(made, DEFAULT_RETENTION, now);
      for (const d of doomed) expect(now.getTime() - Date.parse(d.createdAt)).toBeGreaterThanOrEqual(DAY);
      made = made.filter((x) => !doomed.includes(x));
    };
    for (let day = 0; day < 90; day++) {
      backUp(at(day, 3), 'daily');
      if (day % 3 === 0) backUp(at(day, 14), 'manual');
      if (day % 5 === 0) backUp(at(day, 14.5), 'manual');
      if (day % 17 === 4) backUp(at(day, 9), 'pre-migration');

      // What must be there at the end of each day, computed from what was ever made:
      const endOfDay = new Date(start + day * DAY + 23.99 * 3600_000);
      const kept = new Set(made.map((b) => b.file));
      // everything made in the last 24 hours…
      for (const b of everMade) if (Date.parse(b.createdAt) > Date.parse(at(day, 14.5)) - DAY) expect(kept, `day ${day}: ${b.file}`).toContain(b.file);
      // …the newest of each of the last 7 days that have one (that is: each of the last 7 days)…
      for (let d = Math.max(0, day - 6); d <= day; d++) {
        const newest = everMade.filter((b) => b.createdAt.slice(0, 10) === at(d, 0).slice(0, 10)).at(-1)!;
        expect(kept, `day ${day}: newest of day ${d}`).toContain(newest.file);
      }
      // …and the 3 newest pre-migration ones.
      for (const b of everMade.filter((x) => x.kind === 'pre-migration').slice(-3)) expect(kept, `day ${day}: ${b.file}`).toContain(b.file);
      // Nothing else survives more than a day: the folder stays bounded.
      expect(made.length, `day ${day} at ${endOfDay.toISOString()}`).toBeLessThanOrEqual(7 + 4 + 3 + 3);
    }
    // The end of the season, by hand: Tuesday 2026-03-31 (day 89). The last 7 days' newest (03-25 …
    // 03-31, a manual one where it came after the nightly), the newest of the 3 weeks before
    // (Sundays 03-29, 03-22, 03-15), the last 3 pre-migration ones, and the last 24 hours.
    expect(made.map((b) => `${b.createdAt.slice(5, 16)} ${b.kind}`)).toEqual([
      '02-25T09:00 pre-migration',
      '03-14T09:00 pre-migration',
      '03-15T03:00 daily',
      '03-22T14:30 manual',
      '03-25T03:00 daily',
      '03-26T14:00 manual',
      '03-27T14:30 manual',
      '03-28T03:00 daily',
      '03-29T14:00 manual',
      '03-30T03:00 daily',
      '03-31T03:00 daily',
      '03-31T09:00 pre-migration',
    ]);
  });
});
