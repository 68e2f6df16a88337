import type Database from 'better-sqlite3';
import { REPORT_SUM_UPSERTS } from '../reports/report-sums-sql';

/**
 * The report sums of a week of generated rows, added up as the rows are made — exactly as
 * migration 0002's triggers would have (a counted order: not cancelled, paid; its tickets still
 * SOLD; lines net of refunds; payments by their own instant) — then added to the tables by
 * `flush` in the week's transaction. Keys are the tables' key columns after the cinema, joined by NUL.
 */
export function createReportSums(sqlite: Database.Database, cinemaId: string) {
  const hours = new Map<string, number[]>();
  const days = new Map<string, number[]>();
  const payments = new Map<string, number[]>();
  const upsertHours = sqlite.prepare(REPORT_SUM_UPSERTS.hours);
  const upsertDays = sqlite.prepare(REPORT_SUM_UPSERTS.days);
  const upsertPayments = sqlite.prepare(REPORT_SUM_UPSERTS.payments);
  return {
    hours,
    days,
    payments,
    add(m: Map<string, number[]>, key: string, values: number[]): void {
      const v = m.get(key);
      if (!v) m.set(key, values);
      else for (let i = 0; i < values.length; i++) v[i]! += values[i]!;
    },
    flush(): void {
      for (const [key, v] of hours) upsertHours.run(cinemaId, ...key.split('\u0000'), ...v);
      for (const [key, v] of days) upsertDays.run(cinemaId, ...key.split('\u0000'), ...v);
      for (const [key, v] of payments) upsertPayments.run(cinemaId, ...key.split('\u0000'), ...v);
      hours.clear();
      days.clear();
      payments.clear();
    },
  };
}
