import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { REPORT_SUM_TRIGGER_NAMES, rebuildReportSumsStatements } from '../reports/report-sums-sql';
import { heldTransaction } from '../db/held-transaction';
import { sqliteOf } from '../db/open';
import type { DB } from '../db/tables';

/**
 * A brand-new terminal's initial load (issue 7): the whole cinema (≈1M rows of a year) arrives
 * before the terminal has a cinema, so before it can sell. Its per-row triggers cost more than the
 * rows they fire on, and for rows that come from the central database they do nothing useful:
 *
 * - the outbox triggers (`<table>_outbox_*`) and the seat-in-session-hall checks
 *   (`*_seat_in_session_hall_*`) are silenced by the apply flag during a pull anyway (their WHEN is
 *   false) — dropping them changes nothing but the cost of evaluating that WHEN per row;
 * - the report-sum triggers (migration 0002) are replaced by one set-based rebuild after the load
 *   (`rebuildStaleReportSums`), the same statements the migration fills the sums with.
 *
 * Every other trigger stays (the audit log's append-only guards, anything a later migration adds):
 * only the triggers named here are ever dropped.
 *
 * They are dropped inside the slice's own transaction and created again from their stored SQL
 * before it commits: SQLite rolls schema changes back with the transaction, so a crash or a failed
 * slice never leaves a trigger missing, and no other connection ever sees one missing. The slice
 * writes a marker (`report_sums_stale`) in the same transaction; the sums are rebuilt while it is
 * there, and the rebuild's last transaction removes it — a crash between the load and the rebuild
 * is caught up by the next pull.
 *
 * When: only while the terminal has no cinema yet (sync-engine.ts). A terminal that sells always
 * applies pulled rows with all its triggers.
 */

/** local_meta key: rows were applied without the report-sum triggers; the sums must be rebuilt. */
export const REPORT_SUMS_STALE_KEY = 'report_sums_stale';

const REPORT_SUM_TRIGGERS = new Set(REPORT_SUM_TRIGGER_NAMES);

/** The per-row triggers an initial load may skip (see above); any other trigger always runs. */
export function skippableInInitialLoad(name: string): boolean {
  return /_outbox_(insert|update|delete)$/.test(name) || /_seat_in_session_hall_(insert|update)$/.test(name) || REPORT_SUM_TRIGGERS.has(name);
}

/**
 * Runs `work` (synchronous, inside the caller's open transaction) with the skippable triggers of
 * `tables` dropped, then creates them again from their stored SQL. If `work` throws, the caller's
 * transaction rolls back and takes the drops with it.
 */
export function withoutRowTriggers<T>(sqlite: Database.Database, tables: Iterable<string>, work: () => T): T {
  if (!sqlite.inTransaction) throw new Error('triggers are only ever dropped inside a transaction');
  const names = [...new Set(tables)];
  if (names.length === 0) return work();
  const triggers = (
    sqlite
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${names.map(() => '?').join(', ')}) ORDER BY name`)
      .all(...names) as { name: string; sql: string }[]
  ).filter((t) => skippableInInitialLoad(t.name));
  if (triggers.length === 0) return work();
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  if (triggers.some((t) => REPORT_SUM_TRIGGERS.has(t.name))) {
    sqlite.prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(REPORT_SUMS_STALE_KEY, new Date().toISOString());
  }
  const value = work();
  for (const t of triggers) sqlite.exec(t.sql);
  return value;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * If rows were applied without the report-sum triggers: recomputes the sums from the detail rows,
 * UTC day by day with migration 0002's own statements, a few days per transaction (at most about
 * `sliceMs` each, the event loop free in between); the last one removes the marker. Returns the
 * longest transaction (ms), 0 when nothing was stale.
 */
export async function rebuildStaleReportSums(db: Kysely<DB>, sliceMs: number): Promise<number> {
  const sqlite = sqliteOf(db);
  const stale = sqlite.prepare('SELECT 1 FROM local_meta WHERE key = ?').pluck().get(REPORT_SUMS_STALE_KEY);
  if (!stale) return 0;
  // The days any counted row is on (the instants are indexed: min/max are lookups).
  const bounds = sqlite
    .prepare(
      `SELECT min(d) AS first, max(d) AS last FROM (
         SELECT substr(min(paid_at), 1, 10) AS d FROM orders UNION ALL SELECT substr(max(paid_at), 1, 10) FROM orders
         UNION ALL SELECT substr(min(created_at), 1, 10) FROM payments UNION ALL SELECT substr(max(created_at), 1, 10) FROM payments)`,
    )
    .get() as { first: string | null; last: string | null };
  // Ranges [from, to) covering every possible day: before the first, each day, after the last.
  const ranges: { fromDay: string; toDay: string }[] = [];
  if (bounds.first && bounds.last) {
    ranges.push({ fromDay: '0000-01-01', toDay: bounds.first });
    for (let d = bounds.first; d <= bounds.last; d = nextDay(d)) ranges.push({ fromDay: d, toDay: nextDay(d) });
    ranges.push({ fromDay: nextDay(bounds.last), toDay: '9999-12-31' });
  } else {
    ranges.push({ fromDay: '0000-01-01', toDay: '9999-12-31' });
  }
  const prepared = new Map<string, Database.Statement>();
  const run = (s: { sql: string; params: string[] }) => {
    let st = prepared.get(s.sql);
    if (!st) {
      st = sqlite.prepare(s.sql);
      prepared.set(s.sql, st);
    }
    st.run(...s.params);
  };
  let longest = 0;
  let next = 0;
  while (next < ranges.length) {
    const from = next;
    const done = await heldTransaction(db, () => {
      const deadline = performance.now() + sliceMs;
      let i = from;
      do {
        for (const s of rebuildReportSumsStatements(ranges[i]!)) run(s);
        i++;
      } while (i < ranges.length && performance.now() < deadline);
      if (i === ranges.length) sqlite.prepare('DELETE FROM local_meta WHERE key = ?').run(REPORT_SUMS_STALE_KEY);
      return i;
    });
    next = done.value;
    longest = Math.max(longest, done.ms);
    if (next < ranges.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return longest;
}
