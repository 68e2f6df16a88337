import type { VatLine } from '../../../shared/contract/money-trail';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import { dateTime, money, percent } from './print-format';

const METHOD: Record<string, string> = { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points', VOUCHER: 'Gift voucher' };

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
}

function drawSlip(col: Column, r: CorrectionSlip, scale: number, copy: boolean): void {
  const s = (n: number) => n * scale;
  const tz = r.cinema.timezone;
  const m = (n: number) => money(n, r.cinema.currency);
  const signed = (n: number) => `${n < 0 ? '−' : ''}${m(Math.abs(n))}`;
  col.text(r.cinema.name, { font: 'bold', size: s(12), align: 'center' }, 0.5);
  if (r.cinema.legalName && r.cinema.legalName !== r.cinema.name) col.text(r.cinema.legalName, { size: s(7.5), align: 'center' }, 0);
  if (r.cinema.address) col.text(r.cinema.address, { size: s(7), align: 'center' }, 0);
  if (r.cinema.taxNumber) col.text(`VAT/tax no. ${r.cinema.taxNumber}`, { size: s(7), align: 'center' }, 0);
  col.space(s(4));
  col.text(r.kind === 'EXCHANGE' ? 'EXCHANGE SLIP' : 'REFUND SLIP', { font: 'bold', size: s(10), align: 'center' }, 1);
  if (copy) col.text('COPY — not the original slip', { font: 'bold', size: s(10), align: 'center' }, 1);
  col.pair('Receipt no.', String(r.number), { font: 'bold', size: s(9) });
  col.pair('Refers to receipt', r.refersTo ? `no. ${r.refersTo.number} of ${dateTime(r.refersTo.issuedAt, tz)}` : `of order ${r.orderNumber} (another terminal)`, { size: s(8) });
  col.pair('Order', r.orderNumber, { size: s(8) });
  col.pair('Date', dateTime(r.issuedAt, tz), { size: s(8) });
  col.pair('Terminal', r.terminal, { size: s(8) });
  col.rule(true, s(3));
  if (r.from) col.text(`Returned: ${r.from.film}, ${dateTime(r.from.startsAt, tz)}, ${r.from.seat}`, { size: s(8) }, 0.5);
  if (r.to) col.text(`New: ${r.to.film}, ${dateTime(r.to.startsAt, tz)}, ${r.to.seat}`, { size: s(8) }, 0.5);
  col.rule(false, s(3));
  for (const p of r.payments) col.pair(p.amount < 0 ? `Back to ${METHOD[p.method] ?? p.method}` : `Paid by ${METHOD[p.method] ?? p.method}`, signed(p.amount), { size: s(8.5) }, 0.5);
  col.pair(r.amount < 0 ? 'PAID BACK' : r.amount > 0 ? 'TO PAY' : 'NO DIFFERENCE', signed(r.amount), { font: 'bold', size: s(12) }, s(2));
  if (r.vat.length > 0) {
    col.rule(true, s(3));
    col.row(['VAT rate', 'Net', 'VAT', 'Gross'], { font: 'bold', size: s(8) }, 0.5);
    for (const v of r.vat) col.row([`VAT ${percent(v.rateBp)}`, signed(v.net), signed(v.vat), signed(v.gross)], { size: s(8) }, 0.5);
  }
  col.rule(true, s(4));
  col.text('Keep this slip with your receipt.', { size: s(8), align: 'center' }, 0);
}

/** The slip on the roll (as long as its content) or on A4; `copy` marks every print after the first. */
export async function renderCorrectionSlip(r: CorrectionSlip, paper: Paper, copy = false): Promise<Buffer> {
  const doc = newDocument(`${r.kind === 'EXCHANGE' ? 'Exchange' : 'Refund'} slip no. ${r.number}${copy ? ' (copy)' : ''}`);
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
