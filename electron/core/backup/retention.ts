/**
 * Which backups to keep: every one made in the last hours, the newest of each of the last N days
 * and M weeks, plus recent pre-migration ones.
 */
export interface RetentionPolicy {
  /** Every backup younger than this many hours, whatever its kind (making one never removes a recent one). */
  keepAllHours: number;
  /** Newest backup of each of this many most recent days that have one. */
  daily: number;
  /** Newest backup of each of this many most recent ISO weeks (Monday–Sunday, UTC) that have one. */
  weekly: number;
  /** The newest this many backups taken before a schema migration, whatever their age. */
  preMigration: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepAllHours: 24, daily: 7, weekly: 4, preMigration: 3 };

export type BackupKind = 'daily' | 'pre-migration' | 'manual';

export interface BackupStamp {
  file: string;
  kind: BackupKind;
  createdAt: string;
}

const DAY_MS = 86_400_000;
const dayKey = (iso: string) => iso.slice(0, 10);
/** 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday. */
const weekKey = (iso: string) => Math.floor((Math.floor(Date.parse(iso) / DAY_MS) + 3) / 7);

/** The backups to delete under a policy at `now`; the newest backup is always kept. */
export function backupsToDelete<T extends BackupStamp>(backups: readonly T[], policy: RetentionPolicy, now: Date): T[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
  const keep = new Set<T>();
  const slot = (limit: number, key: (b: T) => string | number, from: readonly T[]) => {
    const seen = new Set<string | number>();
    for (const b of from) {
      const k = key(b);
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      keep.add(b);
    }
  };
  slot(policy.daily, (b) => dayKey(b.createdAt), newestFirst);
  slot(policy.weekly, (b) => weekKey(b.createdAt), newestFirst);
  slot(
    policy.preMigration,
    (b) => b.file,
    newestFirst.filter((b) => b.kind === 'pre-migration'),
  );
  const recent = now.getTime() - policy.keepAllHours * 3600_000;
  for (const b of newestFirst) if (Date.parse(b.createdAt) > recent) keep.add(b);
  if (newestFirst[0]) keep.add(newestFirst[0]);
  return newestFirst.filter((b) => !keep.has(b));
}
