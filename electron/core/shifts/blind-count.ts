import type { BlindXReport, ShiftReport } from '../../../shared/contract';
import type { Role } from '../../../shared/enums';

/**
 * Issue 13, item 10: while the cinema counts blind, a cashier's X report holds no figure that tells
 * the cash expected (cash sales, cash in/out, expected cash, the fiscal totals) until the drawer is
 * counted and the shift closed. A manager or administrator sees every figure.
 */
export function mustCountBlind(report: ShiftReport, viewer: Role, blindCashUp: boolean): boolean {
  return blindCashUp && report.status === 'OPEN' && viewer === 'CASHIER';
}

/** The report as the viewer may see it (withheld figures are null, never zero). */
export function reportSeenBy(report: ShiftReport, viewer: Role, blindCashUp: boolean): ShiftReport | BlindXReport {
  if (!mustCountBlind(report, viewer, blindCashUp)) return report;
  return {
    ...report,
    byMethod: report.byMethod.map((m) => (m.method === 'CASH' ? { ...m, sales: null } : m)),
    cashIn: null,
    cashOut: null,
    expectedCash: null,
    difference: null,
    fiscal: null,
  };
}
