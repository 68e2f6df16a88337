import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import { openDatabase, type LocalDatabase } from '../db/open';
import { down, up } from '../../../migrations/local/0009-settlement-adjustments';

const opened: { local: LocalDatabase; dir: string }[] = [];
afterEach(async () => {
  for (const { local, dir } of opened.splice(0)) {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function migrated(): Promise<LocalDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'box-office-0009-'));
  const local = openDatabase(join(dir, 'terminal.db'));
  opened.push({ local, dir });
  await migrateToLatest(local.db);
  return local;
}

const HLC = '2026-11-20T10:00:00.000Z-0000-t1';
const row = (id: string, kind: string, due: number, reference: string | null = 'why') =>
  [id, 'contract-1', kind, 3, '2026-11-19', '2026-11-25', kind === 'ACCRUAL' ? 1000 : null, kind === 'ACCRUAL' ? 0 : null, kind === 'ACCRUAL' ? 935 : null, due, reference, HLC, 't1'] as const;
const INSERT = `INSERT INTO payment_history (id, contract_id, kind, week_number, week_start_date, week_end_date, gross, discounts, net, amount_due, reference, updated_at, origin)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

describe('local migration 0009: settlement adjustments', () => {
  it('lets a week be corrected by an ADJUSTMENT (negative too), keeps every row, index and trigger', async () => {
    const local = await migrated();
    const sqlite = local.sqlite;
    sqlite.pragma('foreign_keys = OFF'); // a bare accrual, without its contract's catalogue
    const schema = () => sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'payment_history' ORDER BY name`).all();
    const latest = schema();
    await down(local.db);
    sqlite.prepare(INSERT).run(...row('a1', 'ACCRUAL', 327));
    expect(() => sqlite.prepare(INSERT).run(...row('x1', 'ADJUSTMENT', -1))).toThrow(/CHECK/);
    await up(local.db);
    expect(schema()).toEqual(latest);
    expect(sqlite.prepare('SELECT id, amount_due FROM payment_history').all()).toEqual([{ id: 'a1', amount_due: 327 }]);

    sqlite.prepare('DELETE FROM outbox').run();
    sqlite.prepare(INSERT).run(...row('j1', 'ADJUSTMENT', -1));
    // The outbox trigger came back: the correction travels to the other terminals.
    expect(sqlite.prepare(`SELECT table_name, row_id FROM outbox`).all()).toEqual([{ table_name: 'payment_history', row_id: 'j1' }]);
    expect(() => sqlite.prepare(INSERT).run(...row('j2', 'ADJUSTMENT', 0))).toThrow(/CHECK/); // a correction of nothing
    expect(() => sqlite.prepare(INSERT).run(...row('j3', 'ADJUSTMENT', 5, ' '))).toThrow(/CHECK/); // without its reason
    expect(() => sqlite.prepare(INSERT).run(...row('a2', 'ACCRUAL', -1))).toThrow(/CHECK/); // only an adjustment may be negative
    expect(() => sqlite.prepare(INSERT).run(...row('a3', 'ACCRUAL', 5))).toThrow(/UNIQUE/); // still one accrual per week
    expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});
