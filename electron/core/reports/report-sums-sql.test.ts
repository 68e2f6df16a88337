import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as migration from '../../../migrations/local/0002-report-hour-sums';
import * as sums from './report-sums-sql';

describe('the report sums SQL has one home, equal to migration 0002 that created it', () => {
  it('the same tables, triggers and rebuild statements', () => {
    const migrationText = readFileSync(new URL('../../../migrations/local/0002-report-hour-sums.ts', import.meta.url), 'utf8');
    for (const ddl of sums.REPORT_SUM_TABLE_DDL) expect(migrationText).toContain(ddl);
    expect(sums.REPORT_SUM_TABLES).toEqual(migration.REPORT_SUM_TABLES);
    expect(sums.REPORT_SUM_TRIGGERS).toEqual(migration.REPORT_SUM_TRIGGERS);
    expect(sums.REPORT_SUM_TRIGGER_NAMES).toEqual(migration.REPORT_SUM_TRIGGER_NAMES);
    expect(sums.rebuildReportSumsStatements(null)).toEqual(migration.rebuildReportSumsStatements(null));
    const week = { fromDay: '2026-11-30', toDay: '2026-12-07' };
    expect(sums.rebuildReportSumsStatements(week)).toEqual(migration.rebuildReportSumsStatements(week));
  });
  it('the bulk upserts add up on the triggers\' own conflict clauses', () => {
    const triggers = sums.REPORT_SUM_TRIGGERS.join('\n');
    for (const upsert of Object.values(sums.REPORT_SUM_UPSERTS)) expect(triggers).toContain(upsert.slice(upsert.indexOf('ON CONFLICT')));
  });
});
