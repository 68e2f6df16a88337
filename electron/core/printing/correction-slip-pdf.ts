import type { VatLine } from '../../../shared/contract/money-trail';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn } from './print-format';

/** A numbered slip that corrects a receipt (rule 16): an exchange's price difference, or a refund. */
export interface CorrectionSlip {
  cinema: { name: string; legalName: string; address: string; taxNumber: string; currency: string; timezone: string };
  kind: 'REFUND' | 'EXCHANGE';
  number: number;
  issuedAt: string;
  orderNumber: string;
  terminal: string;
  refersTo: { number: number; issuedAt: string } | null;
  from: { film: string; startsAt: string; seat: string } | null;
  to: { film: string; startsAt: string; seat: string } | null;
  /** Signed: taken (+) or paid back (−). */
  amount: number;
  vat: VatLine[];
  payments: { method: string; amount: number }[];
  /** The reader's language (the signed-in person's, else the terminal's); English when not given. */
  language?: Language;
}

function drawSlip(col: Column, r: CorrectionSlip, scale: number, copy: boolean): void {
  const s = (n: number) => n * scale;
  const tz = r.cinema.timezone;
  const p = printedIn(r.language);
  const { t, dateTime } = p;
  const signed = (n: number) => p.signed(n, r.cinema.currency);
  col.text(r.cinema.name, { font: 'bold', size: s(12), align: 'center' }, 0.5);
  if (r.cinema.legalName && r.cinema.legalName !== r.cinema.name) col.text(r.cinema.legalName, { size: s(7.5), align: 'center' }, 0);
  if (r.cinema.address) col.text(r.cinema.address, { size: s(7), align: 'center' }, 0);
  if (r.cinema.taxNumber) col.text(t('documents:slip.taxNumber', { number: r.cinema.taxNumber }), { size: s(7), align: 'center' }, 0);
  col.space(s(4));
  col.text(t(r.kind === 'EXCHANGE' ? 'documents:correction.exchangeTitle' : 'documents:correction.refundTitle'), { font: 'bold', size: s(10), align: 'center' }, 1);
  if (copy) col.text(t('documents:correction.copy'), { font: 'bold', size: s(10), align: 'center' }, 1);
  col.pair(t('documents:slip.receiptNo'), String(r.number), { font: 'bold', size: s(9) });
  col.pair(t('documents:slip.refersTo'), r.refersTo ? t('documents:slip.refersToNumberOf', { number: r.refersTo.number, at: dateTime(r.refersTo.issuedAt, tz) }) : t('documents:slip.refersToOtherTerminal', { order: r.orderNumber }), { size: s(8) });
  col.pair(t('documents:slip.order'), r.orderNumber, { size: s(8) });
  col.pair(t('documents:slip.date'), dateTime(r.issuedAt, tz), { size: s(8) });
  col.pair(t('documents:slip.terminal'), r.terminal, { size: s(8) });
  col.rule(true, s(3));
  if (r.from) col.text(t('documents:correction.returned', { film: r.from.film, at: dateTime(r.from.startsAt, tz), seat: r.from.seat }), { size: s(8) }, 0.5);
  if (r.to) col.text(t('documents:correction.new', { film: r.to.film, at: dateTime(r.to.startsAt, tz), seat: r.to.seat }), { size: s(8) }, 0.5);
  col.rule(false, s(3));
  for (const pay of r.payments) col.pair(t(pay.amount < 0 ? 'documents:slip.backTo' : 'documents:slip.paidBy', { method: p.method(pay.method) }), signed(pay.amount), { size: s(8.5) }, 0.5);
  col.pair(t(r.amount < 0 ? 'documents:correction.paidBack' : r.amount > 0 ? 'documents:correction.toPay' : 'documents:correction.noDifference'), signed(r.amount), { font: 'bold', size: s(12) }, s(2));
  if (r.vat.length > 0) {
    col.rule(true, s(3));
    col.row([t('documents:slip.vatRate'), t('documents:slip.net'), t('documents:slip.vat'), t('documents:slip.gross')], { font: 'bold', size: s(8) }, 0.5);
    for (const v of r.vat) col.row([t('documents:slip.vatAt', { rate: p.percent(v.rateBp) }), signed(v.net), signed(v.vat), signed(v.gross)], { size: s(8) }, 0.5);
  }
  col.rule(true, s(4));
  col.text(t('documents:correction.keep'), { size: s(8), align: 'center' }, 0);
}

/** The slip on the roll (as long as its content) or on A4; `copy` marks every print after the first. */
export async function renderCorrectionSlip(r: CorrectionSlip, paper: Paper, copy = false): Promise<Buffer> {
  const { t } = printedIn(r.language);
  const title = t(r.kind === 'EXCHANGE' ? 'documents:correction.pdfExchange' : 'documents:correction.pdfRefund', { number: r.number });
  const doc = newDocument(copy ? t('documents:correction.pdfCopy', { title }) : title);
  if (paper === 'THERMAL_80') {
    const measure = new Column(scratchPage(THERMAL_WIDTH), THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);
    measure.measuring = true;
    drawSlip(measure, r, 1, copy);
    doc.addPage({ size: [THERMAL_WIDTH, Math.ceil(measure.y + THERMAL_MARGIN + 8 * MM)], margin: 0 });
    drawSlip(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), r, 1, copy);
  } else {
    doc.addPage({ size: A4, margin: 0 });
    const width = 120 * MM;
    drawSlip(new Column(doc, (A4[0] - width) / 2, width, 25 * MM, A4[1] - 25 * MM, 25 * MM), r, 1.25, copy);
  }
  return finish(doc);
}
