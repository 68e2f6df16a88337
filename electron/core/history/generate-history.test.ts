import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { openDatabase } from '../db/open';
import { startCore } from '../app-core';
import { generateHistory, type HistoryResult } from './generate-history';
import { coreWithHistory } from './testing';
import { expected, kept } from '../reports/testing/report-sums';

const one = <T>(db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const all = <T>(db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];

describe('generateHistory', () => {
  let t: TempCore;
  let sqlite: Database.Database;
  let history: HistoryResult;
  let outboxBefore: number;

  beforeAll(async () => {
    const t0 = await startTempCore();
    const db0 = new Database(t0.core.databaseFile);
    outboxBefore = one<{ n: number }>(db0, 'SELECT count(*) AS n FROM outbox').n;
    db0.close();
    await t0.close();
    ({ t, sqlite, history } = await coreWithHistory({ days: 21, halls: 3 }));
  });
  afterAll(async () => {
    sqlite.close();
    await t.close();
  });

  it('writes three weeks of sales that the database accepts as they are', () => {
    expect(history.firstDate).toBe('2026-11-04');
    expect(history.lastDate).toBe('2026-11-24');
    expect(history.sessions).toBeGreaterThan(100);
    expect(history.tickets).toBeGreaterThan(3000);
    expect(history.refundedOrders).toBeGreaterThan(0);
    expect(one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM tickets').n).toBe(history.tickets);
    expect(all(sqlite, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(one<{ quick_check: string }>(sqlite, 'PRAGMA quick_check').quick_check).toBe('ok');
  });

  it('puts every trigger back, and leaves the report sums equal to their definitions over the rows it wrote', () => {
    const triggers = (db: Database.Database) => all<{ name: string; sql: string }>(db, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
    expect(triggers(sqlite).length).toBeGreaterThan(90);
    expect(triggers(sqlite).map((x) => x.name)).toEqual(expect.arrayContaining(['tickets_outbox_insert', 'tickets_seat_in_session_hall_insert', 'tickets_report_insert', 'orders_report_update']));
    expect(kept(sqlite)).toEqual(expected(sqlite));
    expect(kept(sqlite).days.reduce((s, r) => s + Number(r.tickets), 0)).toBe(one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM tickets WHERE status = 'SOLD'`).n);
  });

  it('leaves the outbox alone (history is local bulk data) and the apply flag off', () => {
    expect(one<{ applying: number }>(sqlite, 'SELECT applying FROM sync_apply_flag').applying).toBe(0);
    // A fresh demo core writes the same outbox rows as this one did before the history.
    expect(one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM outbox').n).toBe(outboxBefore);
  });

  it('pays every order exactly, refunds exactly, and keeps every ticket in its session hall', () => {
    const badPayments = all(
      sqlite,
      `SELECT o.id FROM orders o
       LEFT JOIN (SELECT order_id, sum(CASE WHEN kind = 'PAYMENT' THEN amount ELSE 0 END) AS paid,
                         sum(CASE WHEN kind = 'REFUND' THEN amount ELSE 0 END) AS refunded FROM payments GROUP BY order_id) p ON p.order_id = o.id
       WHERE coalesce(p.paid, 0) <> o.total OR (o.status = 'REFUNDED' AND p.refunded <> p.paid) OR (o.status = 'PAID' AND p.refunded <> 0)`,
    );
    expect(badPayments).toEqual([]);
    const badLines = all(
      sqlite,
      `SELECT o.id FROM orders o
       LEFT JOIN (SELECT order_id, sum(price) AS gross, sum(discount) AS disc FROM tickets GROUP BY order_id) t ON t.order_id = o.id
       LEFT JOIN (SELECT order_id, sum(quantity * unit_price) AS gross FROM order_concession_lines GROUP BY order_id) l ON l.order_id = o.id
       WHERE o.subtotal <> coalesce(t.gross, 0) + coalesce(l.gross, 0) OR o.discount <> coalesce(t.disc, 0)`,
    );
    expect(badLines).toEqual([]);
    const wrongHall = one<{ n: number }>(
      sqlite,
      'SELECT count(*) AS n FROM tickets t JOIN sessions s ON s.id = t.session_id JOIN seats st ON st.id = t.seat_id WHERE st.hall_id <> s.hall_id',
    );
    expect(wrongHall.n).toBe(0);
    const unrevoked = one<{ n: number }>(
      sqlite,
      `SELECT count(*) AS n FROM tickets t LEFT JOIN ticket_revocations r ON r.ticket_id = t.id WHERE t.status = 'REFUNDED' AND r.id IS NULL`,
    );
    expect(unrevoked.n).toBe(0);
  });

  it('never overlaps sessions in a hall and keeps each inside its ACTIVE contract', () => {
    const overlaps = one<{ n: number }>(
      sqlite,
      `SELECT count(*) AS n FROM sessions a JOIN sessions b ON a.hall_id = b.hall_id AND a.id < b.id
       JOIN halls h ON h.id = a.hall_id
       WHERE a.starts_at < strftime('%Y-%m-%dT%H:%M:%fZ', b.ends_at, '+' || h.cleaning_minutes || ' minutes')
         AND b.starts_at < strftime('%Y-%m-%dT%H:%M:%fZ', a.ends_at, '+' || h.cleaning_minutes || ' minutes')`,
    );
    expect(overlaps.n).toBe(0);
    const outside = one<{ n: number }>(
      sqlite,
      `SELECT count(*) AS n FROM sessions s WHERE s.status = 'CLOSED' AND NOT EXISTS (
         SELECT 1 FROM rental_contracts c WHERE c.film_id = s.film_id AND c.status = 'ACTIVE'
           AND c.start_date <= substr(s.starts_at, 1, 10) AND substr(s.starts_at, 1, 10) <= date(c.end_date, '+1 day'))`,
    );
    expect(outside.n).toBe(0);
    const deals = all<{ deal_type: string; n: number }>(sqlite, `SELECT deal_type, count(*) AS n FROM rental_contracts GROUP BY deal_type`);
    expect(deals.find((d) => d.deal_type === 'NINETY_TEN')?.n).toBeGreaterThanOrEqual(1);
    expect(one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM rental_contracts WHERE minimum_guarantee IS NOT NULL').n).toBeGreaterThan(0);
  });

  it('closes every shift with expected cash = float + cash in − cash out, and no bonus balance below zero', () => {
    const wrong = all(
      sqlite,
      `SELECT s.id FROM shifts s LEFT JOIN (
         SELECT shift_id, sum(CASE WHEN kind = 'PAYMENT' THEN amount ELSE -amount END) AS cash FROM payments WHERE method = 'CASH' GROUP BY shift_id
       ) p ON p.shift_id = s.id WHERE s.expected_cash <> s.opening_float + coalesce(p.cash, 0)`,
    );
    expect(wrong).toEqual([]);
    expect(one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM bonus_balances WHERE balance < 0').n).toBe(0);
    expect(one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM payments WHERE method = 'BONUS'`).n).toBeGreaterThan(0);
    expect(one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM orders WHERE promocode_id IS NOT NULL AND discount > 0`).n).toBeGreaterThan(0);
  });

  it('gives the same figures for the same seed', async () => {
    const again = await coreWithHistory({ days: 21, halls: 3 });
    try {
      const figures = (db: Database.Database) =>
        one(db, `SELECT (SELECT sum(total) FROM orders) AS total, (SELECT count(*) FROM tickets) AS tickets, (SELECT sum(amount) FROM payments) AS payments`);
      expect(figures(again.sqlite)).toEqual(figures(sqlite));
      expect(again.history.tickets).toBe(history.tickets);
    } finally {
      again.sqlite.close();
      await again.t.close();
    }
  });

  it('lets the cashier keep selling after the history (order numbers continue)', async () => {
    const max = one<{ value: string }>(sqlite, `SELECT value FROM local_meta WHERE key = 'order_sequence'`);
    expect(Number(max.value)).toBe(history.orders);
  });

  it('refuses nonsense sizes', () => {
    const terminal = t.core.terminal();
    const base = { cinemaId: terminal.cinemaId!, terminalId: terminal.id, endDate: '2026-11-25' };
    expect(() => generateHistory(sqlite, { ...base, days: 0, halls: 1 })).toThrow(/days/);
    expect(() => generateHistory(sqlite, { ...base, days: 1, halls: 0 })).toThrow(/halls/);
    expect(() => generateHistory(sqlite, { ...base, cinemaId: 'nope', days: 1, halls: 1 })).toThrow(/no cinema/);
  });
});

describe('generateHistory as a bulk load (exclusive: the file to itself)', () => {
  const schema = (db: Database.Database) => all<{ type: string; name: string; sql: string }>(db, `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name`);
  const figures = (db: Database.Database) =>
    one(db, `SELECT (SELECT sum(total) FROM orders) AS total, (SELECT count(*) FROM tickets) AS tickets, (SELECT sum(amount) FROM payments) AS payments, (SELECT count(*) FROM order_concession_lines) AS lines, (SELECT count(*) FROM halls) AS halls, (SELECT count(*) FROM films) AS films`);

  it('writes the same data as the shared load, puts back WAL mode, every index and trigger, and the file opens normally', async () => {
    const shared = await coreWithHistory({ days: 14, halls: 2 });
    const sharedSchema = schema(shared.sqlite);
    const sharedFigures = figures(shared.sqlite);
    shared.sqlite.close();
    await shared.t.close();

    const t0 = await startTempCore();
    const terminal = t0.core.terminal();
    const file = t0.core.databaseFile;
    await t0.core.close();
    try {
      const local = openDatabase(file);
      const history = generateHistory(local.sqlite, { cinemaId: terminal.cinemaId!, terminalId: terminal.id, days: 14, halls: 2, endDate: '2026-11-25', seed: 7, staffPasswordHash: 'not-a-real-hash', exclusive: true });
      expect(history.tickets).toBeGreaterThan(1000);
      expect(local.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(local.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(schema(local.sqlite)).toEqual(sharedSchema);
      expect(figures(local.sqlite)).toEqual(sharedFigures);
      expect(one<{ quick_check: string }>(local.sqlite, 'PRAGMA quick_check').quick_check).toBe('ok');
      expect(all(local.sqlite, 'PRAGMA foreign_key_check')).toEqual([]);
      expect(kept(local.sqlite)).toEqual(expected(local.sqlite));
      // The seat map's index is used again (rebuilt, not lost).
      const plan = all<{ detail: string }>(local.sqlite, `EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE session_id = ? AND status = 'SOLD'`, 'x');
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX/);
      await local.close();

      const core = await startCore({ dataDir: t0.dir, demo: true, log: { info: () => undefined, error: () => undefined }, sync: { background: false } });
      try {
        const db = new Database(core.databaseFile, { readonly: true });
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM tickets').n).toBe(history.tickets);
        db.close();
      } finally {
        await core.close();
      }
    } finally {
      rmSync(t0.dir, { recursive: true, force: true });
    }
  });

  it('refuses to bulk-load a file another connection has open, and changes nothing', async () => {
    const { t, sqlite } = await coreWithHistory({ days: 1, halls: 1 });
    try {
      const terminal = t.core.terminal();
      const before = figures(sqlite);
      const other = new Database(t.core.databaseFile);
      try {
        expect(() => generateHistory(other, { cinemaId: terminal.cinemaId!, terminalId: terminal.id, days: 3, halls: 1, endDate: '2026-11-25', exclusive: true })).toThrow(/alone/);
      } finally {
        other.close();
      }
      expect(figures(sqlite)).toEqual(before);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      sqlite.close();
      await t.close();
    }
  });
});
