import { describe, expect, it } from 'vitest';
import type { SettlementPayment, SettlementWeekRow } from '../../../shared/contract/settlements';
import { documentTitle, settlementsDocument, totalsRow } from './report-document';

const week = (over: Partial<SettlementWeekRow>): SettlementWeekRow => ({
  contractId: 'c1',
  film: { id: 'f1', title: 'Ironvale' },
  distributor: { id: 'd1', legalName: 'Alpenkino Verleih AG' },
  week: 1,
  startDate: '2026-11-05',
  endDate: '2026-11-11',
  gross: 16_620,
  discounts: 0,
  net: 15_533,
  percentBp: 3500,
  due: 5436,
  adjustment: 0,
  paid: 0,
  balance: 5436,
  accrued: true,
  overridden: false,
  ...over,
});

describe('report documents say what they count (issue 15.9)', () => {
  it('settlements: running weeks stand apart, so Due, Paid and Balance total the same weeks', () => {
    const weeks = [
      week({ paid: 2000, balance: 3436 }),
      week({ week: 2, startDate: '2026-11-12', endDate: '2026-11-18', due: 5437, adjustment: -1, balance: 5437 }),
      week({ week: 3, startDate: '2026-11-19', endDate: '2026-11-25', due: 9999, balance: 0, accrued: false }),
    ];
    const payment: SettlementPayment = { id: 'p1', contractId: 'c1', film: 'Ironvale', distributor: 'Alpenkino Verleih AG', amount: 2000, paidAt: '2026-11-24T23:30:00.000Z', method: 'BANK_TRANSFER', reference: 'SEPA 1' };
    const [ended, running, payments] = settlementsDocument(weeks, [payment], { timezone: 'Europe/Berlin', dayStart: '06:00' }, 'EUR');
    expect(ended!.rows).toHaveLength(2);
    expect(running!.title).toBe('Running weeks (not owed yet)');
    expect(running!.rows).toHaveLength(1);
    const totals = totalsRow(ended!);
    const [due, paid, balance] = ['Due', 'Paid', 'Balance'].map((h) => totals[ended!.columns.findIndex((c) => c.header === h)] as number);
    expect([due, paid, balance]).toEqual([10_873, 2000, 8873]);
    expect(due! - paid!).toBe(balance);
    expect(ended!.rows[1]!.at(-1)).toBe('corrected by −€0.01');
    expect(ended!.note).toMatch(/rounded once per week/);
    expect(running!.note).toMatch(/not in the totals above nor in any balance/);
    // 00:30 in Berlin before the 06:00 day start: the business day of the 24th.
    expect(payments!.rows[0]![0]).toBe('2026-11-24');
    expect(payments!.rows[0]![3]).toBe('Bank transfer');
  });

  it('titles read as written, not "Shift Z reports report"', () => {
    expect(documentTitle('SHIFTS')).toBe('Shift Z reports');
    expect(documentTitle('REVENUE')).toBe('Revenue report');
    expect(documentTitle('SETTLEMENTS', 'Alpenkino Verleih AG')).toBe('Settlement statement — Alpenkino Verleih AG');
  });
});
