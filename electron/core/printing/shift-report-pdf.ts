import type { ShiftReport } from '../../../shared/contract';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import { METHOD_WORD, dateTime, money } from './print-format';

export interface ShiftPrintContext {
  cinemaName: string;
  currency: string;
  timezone: string;
  printedAt: string;
}

/** Rule 14 on paper: the X (shift still open) or Z (closed) report — sales and refunds by method, expected and counted cash. */
function drawShiftReport(col: Column, r: ShiftReport, c: ShiftPrintContext, scale: number): void {
  const s = (n: number) => n * scale;
  const m = (n: number) => money(n, c.currency);
  col.text(c.cinemaName, { font: 'bold', size: s(11), align: 'center' }, 1);
  col.text(r.status === 'CLOSED' ? 'Z REPORT — shift closed' : 'X REPORT — shift still open', { font: 'bold', size: s(10), align: 'center' }, s(3));
  col.pair('Cashier', r.cashier.name, { size: s(8) });
  col.pair('Terminal', r.terminal.name, { size: s(8) });
  col.pair('Opened', dateTime(r.openedAt, c.timezone), { size: s(8) });
  col.pair('Closed', r.closedAt ? dateTime(r.closedAt, c.timezone) : '—', { size: s(8) });
  col.pair('Orders', String(r.orders), { size: s(8) });
  col.pair('Tickets sold', String(r.ticketsSold), { size: s(8) });
  col.rule(true, s(3));
  for (const b of r.byMethod) {
    col.text(METHOD_WORD[b.method], { font: 'bold', size: s(9) }, 0.5);
    col.pair(`  Sales (${b.salesCount})`, m(b.sales), { size: s(8) }, 0.5);
    col.pair(`  Refunds (${b.refundsCount})`, b.refunds ? `−${m(b.refunds)}` : m(0), { size: s(8) }, 0.5);
    col.pair('  Net', m(b.sales - b.refunds), { size: s(8) }, s(2));
  }
  col.rule(false, s(3));
  col.pair('Opening float', m(r.openingFloat), { size: s(8.5) });
  col.pair('Cash in', m(r.cashIn), { size: s(8.5) });
  col.pair('Cash out', `−${m(r.cashOut)}`, { size: s(8.5) });
  col.pair('Expected cash', m(r.expectedCash), { font: 'bold', size: s(10) });
  if (r.countedCash !== null) {
    col.pair('Counted cash', m(r.countedCash), { font: 'bold', size: s(10) });
    const d = r.difference ?? 0;
    col.pair('Difference', d === 0 ? m(0) : `${d > 0 ? '+' : '−'}${m(Math.abs(d))}`, { font: 'bold', size: s(10) });
  }
  col.rule(true, s(4));
  col.text(`Printed ${dateTime(c.printedAt, c.timezone)}`, { size: s(7), align: 'center' }, 0);
  col.space(s(8));
  col.text('Signature ______________________', { size: s(8), align: 'center' }, 0);
}

/** The shift report on the roll (as long as its content) or on A4. */
export async function renderShiftReport(r: ShiftReport, c: ShiftPrintContext, paper: Paper): Promise<Buffer> {
  const doc = newDocument(`${r.status === 'CLOSED' ? 'Z' : 'X'} report ${r.cashier.name}`);
  if (paper === 'THERMAL_80') {
    const measure = new Column(scratchPage(THERMAL_WIDTH), THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);
    measure.measuring = true;
    drawShiftReport(measure, r, c, 1);
    doc.addPage({ size: [THERMAL_WIDTH, Math.ceil(measure.y + THERMAL_MARGIN + 8 * MM)], margin: 0 });
    drawShiftReport(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), r, c, 1);
  } else {
    doc.addPage({ size: A4, margin: 0 });
    const width = 120 * MM;
    drawShiftReport(new Column(doc, (A4[0] - width) / 2, width, 25 * MM, A4[1] - 25 * MM, 25 * MM), r, c, 1.25);
  }
  return finish(doc);
}
