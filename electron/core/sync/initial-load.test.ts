import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteOf } from '../db/open';
import { SYNCED_TABLES } from '../db/tables';
import { coreWithHistory } from '../history/testing';
import { expected, kept } from '../reports/testing/report-sums';
import { startTempCore, type TempCore } from '../testing/temp-core';
import type { CentralChange, PullPage } from './central-client';
import { REPORT_SUMS_STALE_KEY, rebuildStaleReportSums, skippableInInitialLoad, withoutRowTriggers } from './initial-load';
import { applyPulledPage } from './pull';

/*
 * A new terminal's initial load skips the per-row triggers that do nothing for pulled rows, inside
 * each slice's transaction, and rebuilds the report sums after: it must end exactly as the load
 * with every trigger does — same rows, sums equal to their definitions, empty outbox, the same
 * triggers — and never leave a trigger missing.
 */

type Trigger = { name: string; sql: string };
const triggers = (sqlite: Database.Database) => sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as Trigger[];
const count = (sqlite: Database.Database, sql: string) => sqlite.prepare(sql).pluck().get() as number;

describe('initial load without per-row triggers', () => {
  let source: Awaited<ReturnType<typeof coreWithHistory>>;
  let pages: PullPage[];
  let withTriggers: TempCore;
  let initial: TempCore;
  let a: Database.Database;
  let b: Database.Database;

  beforeAll(async () => {
    // The "central" copy: a cinema with a few days of sales, refunds and exchanges.
    source = await coreWithHistory({ days: 4, halls: 2 });
    const node = 'central-node';
    const changes: CentralChange[] = [];
    for (const t of SYNCED_TABLES) {
      for (const row of source.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY id`).all() as Record<string, unknown>[]) {
        changes.push({ t, id: row.id as string, deleted: false, hlc: row.updated_at as string, row: { ...row, origin: node } });
      }
    }
    // Some tickets before their orders (children wait for their parents, as pulls deliver them).
    const early = changes.filter((c) => c.t === 'tickets').slice(0, 20);
    const rest = changes.filter((c) => !early.includes(c));
    const ordered = [...early, ...rest];
    pages = [];
    for (let i = 0; i < ordered.length; i += 700) {
      const slice = ordered.slice(i, i + 700);
      pages.push({ changes: slice, next: { xid: '1', seq: i + slice.length }, more: i + 700 < ordered.length });
    }
    withTriggers = await startTempCore({ demo: false });
    initial = await startTempCore({ demo: false });
    a = new Database(withTriggers.core.databaseFile);
    b = new Database(initial.core.databaseFile);
  }, 120_000);

  afterAll(async () => {
    a?.close();
    b?.close();
    source?.sqlite.close();
    await source?.t.close();
    await withTriggers?.close();
    await initial?.close();
  });

  it('ends exactly as the load with every trigger: rows, report sums, empty outbox, the same triggers', async () => {
    const triggersBefore = triggers(b);
    const outboxBefore = count(b, 'SELECT count(*) FROM outbox');
    expect(triggersBefore.filter((t) => skippableInInitialLoad(t.name)).length).toBeGreaterThan(20);
    for (const p of pages) await applyPulledPage(withTriggers.core.services.db, p, withTriggers.core.services.hlc);
    for (const p of pages) await applyPulledPage(initial.core.services.db, p, initial.core.services.hlc, 5, { initialLoad: true });
    // Until the rebuild, the marker says the sums are stale.
    expect(count(b, `SELECT count(*) FROM local_meta WHERE key = '${REPORT_SUMS_STALE_KEY}'`)).toBe(1);
    expect(await rebuildStaleReportSums(initial.core.services.db, 1)).toBeGreaterThan(0);
    expect(count(b, `SELECT count(*) FROM local_meta WHERE key = '${REPORT_SUMS_STALE_KEY}'`)).toBe(0);

    // (each terminal also has its own row in `terminals`)
    const own = (db: Database.Database) => db.prepare(`SELECT value FROM local_meta WHERE key = 'terminal_id'`).pluck().get() ?? '';
    for (const t of SYNCED_TABLES) {
      const rows = (db: Database.Database) => db.prepare(`SELECT * FROM "${t}" WHERE id <> ? ORDER BY id`).all(t === 'terminals' ? own(db) : '');
      expect(rows(b), t).toEqual(rows(a));
      expect(rows(b).length, t).toBe(count(source.sqlite, `SELECT count(*) FROM "${t}"`));
    }
    expect(count(b, `SELECT count(*) FROM local_meta WHERE key LIKE 'sync_pending:%'`)).toBe(0);
    expect(count(b, 'SELECT count(*) FROM tickets')).toBeGreaterThan(500);
    expect(kept(b)).toEqual(expected(b));
    expect(kept(b)).toEqual(kept(a));
    expect(kept(b).days.length).toBeGreaterThan(0);
    expect(count(b, 'SELECT count(*) FROM outbox')).toBe(outboxBefore);
    expect(triggers(b)).toEqual(triggersBefore);
    expect(b.prepare('SELECT value FROM local_meta WHERE key = ?').pluck().get('sync_cursor')).toBe(JSON.stringify(pages.at(-1)!.next));
    // Nothing left stale: a second call does nothing.
    expect(await rebuildStaleReportSums(initial.core.services.db, 1)).toBe(0);
  });

  it('a pull without the initial-load mode never touches the schema (the triggers run)', async () => {
    const schema = count(a, 'PRAGMA schema_version');
    const ticket = a.prepare(`SELECT * FROM tickets WHERE status = 'SOLD' ORDER BY id LIMIT 1`).get() as Record<string, unknown>;
    const newer = `${'9'.repeat(15)}-00000-central-node`;
    const refunded: CentralChange = { t: 'tickets', id: ticket.id as string, deleted: false, hlc: newer, row: { ...ticket, status: 'REFUNDED', updated_at: newer, origin: 'central-node' } };
    const r = await applyPulledPage(withTriggers.core.services.db, { changes: [refunded], next: { xid: '1', seq: 99_999 }, more: false }, withTriggers.core.services.hlc);
    expect(r).toMatchObject({ applied: 1 });
    expect(count(a, 'PRAGMA schema_version')).toBe(schema);
    expect(count(a, `SELECT count(*) FROM local_meta WHERE key = '${REPORT_SUMS_STALE_KEY}'`)).toBe(0);
    // The report-sum triggers took the refunded ticket away at once.
    expect(kept(a)).toEqual(expected(a));
  });

  it('a failure or a crash in the middle of a slice leaves every trigger in place', async () => {
    const before = triggers(b);
    const db = initial.core.services.db;
    // A slice that fails: its transaction rolls back, the drops with it.
    await expect(
      db.transaction().execute(async () =>
        withoutRowTriggers(sqliteOf(db), ['tickets', 'orders'], () => {
          throw new Error('network gone');
        }),
      ),
    ).rejects.toThrow('network gone');
    expect(triggers(b)).toEqual(before);
    // A crash: the connection goes away with the slice uncommitted (the triggers dropped, rows written).
    const crashing = new Database(initial.core.databaseFile);
    crashing.pragma('busy_timeout = 5000');
    crashing.exec('BEGIN IMMEDIATE');
    withoutRowTriggers(crashing, ['tickets', 'orders', 'payments'], () => {
      expect(triggers(crashing).length).toBeLessThan(before.length);
      crashing.prepare(`UPDATE tickets SET price = price + 1 WHERE id = (SELECT min(id) FROM tickets)`).run();
      // Another connection never sees them missing.
      expect(triggers(b)).toEqual(before);
    });
    crashing.close();
    expect(triggers(b)).toEqual(before);
    expect(kept(b)).toEqual(expected(b));
    expect(count(b, `SELECT count(*) FROM local_meta WHERE key = '${REPORT_SUMS_STALE_KEY}'`)).toBe(0);
    // Dropping outside a transaction is refused.
    expect(() => withoutRowTriggers(b, ['tickets'], () => 1)).toThrow(/inside a transaction/);
  });

  it('only the outbox, seat-in-hall and report-sum triggers are ever skipped', () => {
    const names = triggers(b).map((t) => t.name);
    expect(names.filter((n) => !skippableInInitialLoad(n)).sort()).toEqual(expect.arrayContaining(['audit_log_no_delete', 'audit_log_no_update', 'sync_apply_flag_keep']));
    expect(skippableInInitialLoad('tickets_outbox_insert')).toBe(true);
    expect(skippableInInitialLoad('tickets_report_insert')).toBe(true);
    expect(skippableInInitialLoad('seat_holds_seat_in_session_hall_update')).toBe(true);
    expect(skippableInInitialLoad('audit_log_no_update')).toBe(false);
  });
});
