import type { ShiftReport } from '../../../shared/contract';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn } from './print-format';

export interface ShiftPrintContext {
  cinemaName: string;
  /** Rule 16: who the report is for (legal name, address, VAT/tax number); '' when not set. */
  legalName?: string;
  address?: string;
  taxNumber?: string;
  currency: string;
  timezone: string;
  printedAt: string;
  /** The reader's language (the signed-in person's, else the terminal's); English when not given. */
  language?: Language;
}

/** Rule 14 on paper: the X (shift still open) or Z (closed) report — sales and refunds by method, expected and counted cash. */
function drawShiftReport(col: Column, r: ShiftReport, c: ShiftPrintContext, scale: number): void {
  const s = (n: number) => n * scale;
  const p = printedIn(c.language);
  const { t, dateTime, percent } = p;
  const m = (n: number) => p.money(n, c.currency);
  const f = r.fiscal;
  col.text(c.cinemaName, { font: 'bold', size: s(11), align: 'center' }, 1);
  if (c.legalName && c.legalName !== c.cinemaName) col.text(c.legalName, { size: s(7.5), align: 'center' }, 0);
  if (c.address) col.text(c.address, { size: s(7), align: 'center' }, 0);
  if (c.taxNumber) col.text(t('documents:slip.taxNumber', { number: c.taxNumber }), { size: s(7), align: 'center' }, 0);
  col.space(s(3));
  col.text(
    r.status === 'CLOSED' ? t('documents:shift.zTitle', { number: f.zNumber ?? '—' }) : t('documents:shift.xTitle'),
    { font: 'bold', size: s(10), align: 'center' },
    s(3),
  );
  col.pair(t('documents:slip.cashier'), r.cashier.name, { size: s(8) });
  col.pair(t('documents:slip.terminal'), r.terminal.name, { size: s(8) });
  col.pair(t('documents:shift.opened'), dateTime(r.openedAt, c.timezone), { size: s(8) });
  col.pair(t('documents:shift.closed'), r.closedAt ? dateTime(r.closedAt, c.timezone) : '—', { size: s(8) });
  col.pair(t('documents:shift.orders'), p.count(r.orders), { size: s(8) });
  col.pair(t('documents:shift.ticketsSold'), p.count(r.ticketsSold), { size: s(8) });
  col.pair(t('documents:shift.ticketsRefunded'), p.count(r.ticketsRefunded), { size: s(8) });
  col.pair(t('documents:shift.ticketsExchanged'), p.count(r.ticketsExchanged), { size: s(8) });
  col.pair(t('documents:shift.receipts'), f.receipts === 0 ? '0' : t('documents:shift.receiptRange', { count: f.receipts, first: f.firstReceipt, last: f.lastReceipt }), { size: s(8) });
  col.rule(true, s(3));
  for (const b of r.byMethod) {
    col.text(p.method(b.method), { font: 'bold', size: s(9) }, 0.5);
    col.pair(`  ${t('documents:shift.sales', { count: b.salesCount })}`, m(b.sales), { size: s(8) }, 0.5);
    col.pair(`  ${t('documents:shift.refunds', { count: b.refundsCount })}`, b.refunds ? `−${m(b.refunds)}` : m(0), { size: s(8) }, 0.5);
    col.pair(`  ${t('documents:shift.net')}`, m(b.sales - b.refunds), { size: s(8) }, s(2));
  }
  col.rule(false, s(3));
  col.pair(t('documents:shift.sales', { count: f.sales.count }), m(f.sales.amount), { size: s(8.5) });
  // Rule 17: a voucher sold is money taken outside VAT; a voucher redeemed is a payment method of sales.
  if (f.voucherSales.count > 0) col.pair(t('documents:shift.vouchersSold', { count: f.voucherSales.count }), m(f.voucherSales.amount), { size: s(8.5) });
  if (f.voucherRedemptions.count > 0 || f.voucherRedemptions.amount !== 0) col.pair(t('documents:shift.paidByVoucher', { count: f.voucherRedemptions.count }), m(f.voucherRedemptions.amount), { size: s(8.5) });
  col.pair(t('documents:shift.refunds', { count: f.refunds.count }), f.refunds.amount ? `−${m(-f.refunds.amount)}` : m(0), { size: s(8.5) });
  col.pair(t('documents:shift.exchanges', { count: f.exchanges.count }), `${f.exchanges.amount < 0 ? '−' : ''}${m(Math.abs(f.exchanges.amount))}`, { size: s(8.5) });
  if (f.vat.length > 0) {
    col.space(s(2));
    col.row([t('documents:slip.vatRate'), t('documents:slip.net'), t('documents:slip.vat'), t('documents:slip.gross')], { font: 'bold', size: s(8) }, 0.5);
    for (const v of f.vat) col.row([v.rateBp === 0 && f.voucherSales.count > 0 ? t('documents:slip.outsideVat') : t('documents:slip.vatAt', { rate: percent(v.rateBp) }), m(v.net), m(v.vat), m(v.gross)], { size: s(8) }, 0.5);
  }
  col.space(s(2));
  col.pair(t('documents:shift.grandTotal'), m(f.grandTotal), { font: 'bold', size: s(8.5) });
  col.pair(t('documents:shift.grandTotalRefunds'), m(f.grandTotalRefunds), { size: s(8.5) });
  col.rule(false, s(3));
  if (r.refundsByReason.length > 0) {
    col.text(t('documents:shift.refundsByReason'), { font: 'bold', size: s(9) }, 0.5);
    for (const x of r.refundsByReason) col.pair(`  ${t('documents:shift.reasonLine', { reason: p.refundReason(x.reason), count: x.count })}`, `−${m(x.amount)}`, { size: s(8) }, 0.5);
    col.space(s(2));
  }
  if (r.waste.items > 0) col.pair(t('documents:shift.waste', { count: r.waste.items }), m(r.waste.value), { size: s(8) }, s(2));
  col.pair(t('documents:shift.openingFloat'), m(r.openingFloat), { size: s(8.5) });
  col.pair(t('documents:shift.cashIn'), m(r.cashIn), { size: s(8.5) });
  col.pair(t('documents:shift.cashOut'), `−${m(r.cashOut)}`, { size: s(8.5) });
  col.pair(t('documents:shift.expectedCash'), m(r.expectedCash), { font: 'bold', size: s(10) });
  if (r.countedCash !== null) {
    col.pair(t('documents:shift.countedCash'), m(r.countedCash), { font: 'bold', size: s(10) });
    const d = r.difference ?? 0;
    col.pair(t('documents:shift.difference'), d === 0 ? m(0) : `${d > 0 ? '+' : '−'}${m(Math.abs(d))}`, { font: 'bold', size: s(10) });
  }
  col.rule(true, s(4));
  col.text(t('documents:shift.printed', { at: dateTime(c.printedAt, c.timezone) }), { size: s(7), align: 'center' }, 0);
  col.space(s(8));
  col.text(t('documents:slip.signature'), { size: s(8), align: 'center' }, 0);
}

/** The shift report on the roll (as long as its content) or on A4. */
export async function renderShiftReport(r: ShiftReport, c: ShiftPrintContext, paper: Paper): Promise<Buffer> {
  const { t } = printedIn(c.language);
  const doc = newDocument(r.status === 'CLOSED' ? t('documents:shift.pdfZ', { number: r.fiscal.zNumber ?? '', cashier: r.cashier.name }) : t('documents:shift.pdfX', { cashier: r.cashier.name }));
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
