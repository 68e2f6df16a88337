import type { VatLine } from '../../../shared/contract/money-trail';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn } from './print-format';

/** A gift voucher slip (rule 17): the code as text and QR, its value, and the receipt of its sale (rule 16). */
export interface VoucherSlip {
  cinema: { name: string; legalName: string; address: string; taxNumber: string; currency: string; timezone: string };
  /** The full code when just sold; else `…-7KQ2` (the code is stored nowhere). */
  code: string;
  /** A copy: the full code is not known any more, so no QR and a line saying so. */
  copy?: boolean;
  amount: number;
  soldAt: string;
  orderNumber: string | null;
  terminal: string;
  /** The numbered receipt of the sale, when it was sold on this terminal. */
  receipt: { number: number; issuedAt: string; vat: VatLine[]; payments: { method: string; amount: number }[] } | null;
  /** The reader's language (the signed-in person's, else the terminal's); English when not given. */
  language?: Language;
}

function drawSlip(col: Column, v: VoucherSlip, scale: number): void {
  const s = (n: number) => n * scale;
  const tz = v.cinema.timezone;
  const p = printedIn(v.language);
  const { t, dateTime } = p;
  const m = (n: number) => p.money(n, v.cinema.currency);
  col.text(v.cinema.name, { font: 'bold', size: s(12), align: 'center' }, 0.5);
  if (v.cinema.legalName && v.cinema.legalName !== v.cinema.name) col.text(v.cinema.legalName, { size: s(7.5), align: 'center' }, 0);
  if (v.cinema.address) col.text(v.cinema.address, { size: s(7), align: 'center' }, 0);
  if (v.cinema.taxNumber) col.text(t('documents:slip.taxNumber', { number: v.cinema.taxNumber }), { size: s(7), align: 'center' }, 0);
  col.rule(false, s(4));
  col.text(t('documents:voucher.title'), { font: 'bold', size: s(14), align: 'center' }, 1);
  col.text(m(v.amount), { font: 'bold', size: s(24), align: 'center' }, s(3));
  if (v.copy) {
    col.text(v.code, { font: 'bold', size: s(14), align: 'center' }, 1);
    col.text(t('documents:voucher.copy'), { font: 'bold', size: s(8), align: 'center' }, 1);
  } else {
    col.qr(v.code, 38 * MM * scale);
    col.space(s(2));
    col.text(v.code, { font: 'bold', size: s(14), align: 'center' }, 1);
  }
  col.text(t('documents:voucher.pays'), { size: s(7), align: 'center' }, 0);
  col.rule(true, s(4));
  if (v.receipt) {
    col.pair(t('documents:slip.receiptNo'), String(v.receipt.number), { font: 'bold', size: s(9) });
    col.pair(t('documents:slip.date'), dateTime(v.receipt.issuedAt, tz), { size: s(8) });
  } else {
    col.pair(t('documents:voucher.sold'), dateTime(v.soldAt, tz), { size: s(8) });
  }
  if (v.orderNumber) col.pair(t('documents:slip.order'), v.orderNumber, { size: s(8) });
  col.pair(t('documents:slip.terminal'), v.terminal, { size: s(8) });
  if (v.receipt) {
    for (const pay of v.receipt.payments) col.pair(t('documents:slip.paidBy', { method: p.method(pay.method) }), m(pay.amount), { size: s(8.5) }, 0.5);
    // Rule 17: a voucher is not taxed when sold; what it pays for later carries its VAT.
    for (const l of v.receipt.vat) col.pair(t('documents:voucher.outsideVat'), m(l.gross), { size: s(8) }, 0.5);
  }
}

/** The slip on the 80 mm roll (as long as its content) or on A4. */
export async function renderVoucherSlip(v: VoucherSlip, paper: Paper): Promise<Buffer> {
  const doc = newDocument(printedIn(v.language).t('documents:voucher.pdfTitle', { code: v.code }));
  if (paper === 'THERMAL_80') {
    const measure = new Column(scratchPage(THERMAL_WIDTH), THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);
    measure.measuring = true;
    drawSlip(measure, v, 1);
    doc.addPage({ size: [THERMAL_WIDTH, Math.ceil(measure.y + THERMAL_MARGIN + 8 * MM)], margin: 0 });
    drawSlip(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), v, 1);
  } else {
    doc.addPage({ size: A4, margin: 0 });
    const width = 120 * MM;
    drawSlip(new Column(doc, (A4[0] - width) / 2, width, 25 * MM, A4[1] - 25 * MM, 25 * MM), v, 1.25);
  }
  return finish(doc);
}
