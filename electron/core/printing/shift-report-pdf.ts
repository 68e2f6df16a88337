import type { ShiftReport } from '../../../shared/contract';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import { METHOD_WORD, REFUND_REASON_WORD, dateTime, money, percent } from './print-format';

export interface ShiftPrintContext {
  cinemaName: string;
  /** Rule 16: who the report is for (legal name, address, VAT/tax number); '' when not set. */
  legalName?: string;
  address?: string;
  taxNumber?: string;
  currency: string;
  timezone: string;
  printedAt: string;
}

/** Rule 14 on paper: the X (shift still open) or Z (closed) report — sales and refunds by method, expected and counted cash. */
function drawShiftReport(col: Column, r: ShiftReport, c: ShiftPrintContext, scale: number): void {
  const s = (n: number) => n * scale;
  const m = (n: number) => money(n, c.currency);
  const f = r.fiscal;
  col.text(c.cinemaName, { font: 'bold', size: s(11), align: 'center' }, 1);
  if (c.legalName && c.legalName !== c.cinemaName) col.text(c.legalName, { size: s(7.5), align: 'center' }, 0);
  if (c.address) col.text(c.address, { size: s(7), align: 'center' }, 0);
  if (c.taxNumber) col.text(`VAT/tax no. ${c.taxNumber}`, { size: s(7), align: 'center' }, 0);
  col.space(s(3));
  col.text(
    r.status === 'CLOSED' ? `Z REPORT no. ${f.zNumber ?? '—'} — shift closed` : 'X REPORT — shift still open (interim, not numbered)',
    { font: 'bold', size: s(10), align: 'center' },
    s(3),
  );
  col.pair('Cashier', r.cashier.name, { size: s(8) });
  col.pair('Terminal', r.terminal.name, { size: s(8) });
  col.pair('Opened', dateTime(r.openedAt, c.timezone), { size: s(8) });
  col.pair('Closed', r.closedAt ? dateTime(r.closedAt, c.timezone) : '—', { size: s(8) });
  col.pair('Orders', String(r.orders), { size: s(8) });
  col.pair('Tickets sold (standing)', String(r.ticketsSold), { size: s(8) });
  col.pair('Tickets refunded', String(r.ticketsRefunded), { size: s(8) });
  col.pair('Tickets exchanged', String(r.ticketsExchanged), { size: s(8) });
  col.pair('Receipts', f.receipts === 0 ? '0' : `${f.receipts} (no. ${f.firstReceipt} – ${f.lastReceipt})`, { size: s(8) });
  col.rule(true, s(3));
  for (const b of r.byMethod) {
    col.text(METHOD_WORD[b.method], { font: 'bold', size: s(9) }, 0.5);
    col.pair(`  Sales (${b.salesCount})`, m(b.sales), { size: s(8) }, 0.5);
    col.pair(`  Refunds (${b.refundsCount})`, b.refunds ? `−${m(b.refunds)}` : m(0), { size: s(8) }, 0.5);
    col.pair('  Net', m(b.sales - b.refunds), { size: s(8) }, s(2));
  }
  col.rule(false, s(3));
  col.pair(`Sales (${f.sales.count})`, m(f.sales.amount), { size: s(8.5) });
  // Rule 17: a voucher sold is money taken outside VAT; a voucher redeemed is a payment method of sales.
  if (f.voucherSales.count > 0) col.pair(`Gift vouchers sold (${f.voucherSales.count}, outside VAT)`, m(f.voucherSales.amount), { size: s(8.5) });
  if (f.voucherRedemptions.count > 0 || f.voucherRedemptions.amount !== 0) col.pair(`Paid by gift voucher (${f.voucherRedemptions.count})`, m(f.voucherRedemptions.amount), { size: s(8.5) });
  col.pair(`Refunds (${f.refunds.count})`, f.refunds.amount ? `−${m(-f.refunds.amount)}` : m(0), { size: s(8.5) });
  col.pair(`Exchanges (${f.exchanges.count})`, `${f.exchanges.amount < 0 ? '−' : ''}${m(Math.abs(f.exchanges.amount))}`, { size: s(8.5) });
  if (f.vat.length > 0) {
    col.space(s(2));
    col.row(['VAT rate', 'Net', 'VAT', 'Gross'], { font: 'bold', size: s(8) }, 0.5);
    for (const v of f.vat) col.row([v.rateBp === 0 && f.voucherSales.count > 0 ? 'Outside VAT' : `VAT ${percent(v.rateBp)}`, m(v.net), m(v.vat), m(v.gross)], { size: s(8) }, 0.5);
  }
  col.space(s(2));
  col.pair('Grand total (sales, ever)', m(f.grandTotal), { font: 'bold', size: s(8.5) });
  col.pair('Grand total (refunds, ever)', m(f.grandTotalRefunds), { size: s(8.5) });
  col.rule(false, s(3));
  if (r.refundsByReason.length > 0) {
    col.text('Refunds by reason', { font: 'bold', size: s(9) }, 0.5);
    for (const x of r.refundsByReason) col.pair(`  ${REFUND_REASON_WORD[x.reason]} (${x.count})`, `−${m(x.amount)}`, { size: s(8) }, 0.5);
    col.space(s(2));
  }
  if (r.waste.items > 0) col.pair(`Waste (${r.waste.items} items)`, m(r.waste.value), { size: s(8) }, s(2));
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
  const doc = newDocument(r.status === 'CLOSED' ? `Z report no. ${r.fiscal.zNumber ?? ''} ${r.cashier.name}` : `X report ${r.cashier.name}`);
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
