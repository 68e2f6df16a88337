import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Doc, type Paper } from './pdf-kit';
import { standingTotal, type OrderDocument } from './order-document';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn, type Printed } from './print-format';

/** Order states a receipt announces above its lines (the rest need no word). */
const STATUS_SHOWN = ['PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED'] as const;

/**
 * The receipt (rules 9 and 16): the cinema's legal name, address and VAT/tax number, the
 * terminal, the receipt number (gap-free per terminal), date and time in the cinema's zone,
 * lines, discounts, payments, change, VAT per rate (net, VAT, gross), pickup code, order number,
 * cashier. A reprint says COPY.
 */
function drawReceipt(col: Column, o: OrderDocument, scale: number, copy: boolean, p: Printed): void {
  const { t } = p;
  const money = p.money;
  const percent = p.percent;
  const dateTime = p.dateTime;
  const cur = o.cinema.currency;
  const tz = o.cinema.timezone;
  const s = (n: number) => n * scale;
  col.text(o.cinema.name, { font: 'bold', size: s(12), align: 'center' }, 0.5);
  if (o.cinema.legalName && o.cinema.legalName !== o.cinema.name) col.text(o.cinema.legalName, { size: s(7.5), align: 'center' }, 0);
  if (o.cinema.address) col.text(o.cinema.address, { size: s(7), align: 'center' }, 0);
  if (o.cinema.taxNumber) col.text(t('documents:slip.taxNumber', { number: o.cinema.taxNumber }), { size: s(7), align: 'center' }, 0);
  col.space(s(4));
  col.text(t('documents:receipt.title'), { font: 'bold', size: s(10), align: 'center' }, 1);
  if (copy) col.text(t('documents:receipt.copy'), { font: 'bold', size: s(10), align: 'center' }, 1);
  const status = STATUS_SHOWN.find((x) => x === o.status);
  if (status) col.text(t(`documents:receipt.status.${status}`), { font: 'bold', size: s(10), align: 'center' }, 1);
  col.pair(t('documents:slip.receiptNo'), o.receipt ? String(o.receipt.number) : t('documents:receipt.notNumbered'), { font: 'bold', size: s(9) });
  col.pair(t('documents:slip.order'), o.number, { font: 'bold', size: s(9) });
  col.pair(t('documents:slip.date'), dateTime(o.receipt?.issuedAt ?? o.paidAt ?? o.createdAt, tz), { size: s(8) });
  col.pair(t('documents:slip.cashier'), o.cashier.name, { size: s(8) });
  col.pair(t('documents:slip.terminal'), o.terminal.name, { size: s(8) });
  if (o.customer) col.pair(t('documents:slip.customer'), o.customer.cardNumber ? t('documents:slip.customerCard', { name: o.customer.name, card: o.customer.cardNumber }) : o.customer.name, { size: s(8) });
  col.rule(true, s(3));

  for (const k of o.tickets) {
    const film = k.status === 'REFUNDED' ? t('documents:receipt.ticketRefunded', { film: k.filmTitle }) : k.status === 'EXCHANGED' ? t('documents:receipt.ticketExchanged', { film: k.filmTitle }) : k.filmTitle;
    col.pair(film, money(k.price, cur), { font: 'bold', size: s(8.5) }, 0);
    const kind = k.seatKind === 'STANDARD' ? '' : `, ${p.seatKind(k.seatKind)}`;
    col.text(`  ${t('documents:receipt.ticketLine', { time: p.clockTime(k.startsAt, tz), hall: k.hallName, seat: p.seat(k.rowLabel, k.seatNumber), kind, type: p.ticketType(k.ticketType) })}`, { size: s(7.5) }, 0.5);
    if (k.discount > 0) col.pair(`  ${t('documents:slip.discount')}`, `−${money(k.discount, cur)}`, { size: s(7.5) }, 0.5);
    col.space(s(1.5));
  }
  for (const l of o.concessions) {
    const line = `${l.quantity} × ${l.name}`;
    col.pair(l.refundedQuantity > 0 ? t('documents:receipt.concessionRefunded', { line, count: l.refundedQuantity }) : line, money(l.quantity * l.unitPrice, cur), { font: 'bold', size: s(8.5) }, 0);
    col.text(`  ${t(l.preorder ? 'documents:receipt.eachPreorder' : 'documents:receipt.each', { price: money(l.unitPrice, cur), rate: percent(l.vatBp) })}`, { size: s(7.5) }, 0.5);
    if (l.discount > 0) col.pair(`  ${t('documents:slip.discount')}`, `−${money(l.discount, cur)}`, { size: s(7.5) }, 0.5);
    col.space(s(1.5));
  }
  if (o.voucherSold) {
    // Rule 17: a voucher is sold outside VAT; the code is on its own slip too.
    col.pair(t('documents:receipt.voucher', { code: o.voucherSold.code }), money(o.voucherSold.amount, cur), { font: 'bold', size: s(8.5) }, 0);
    col.text(`  ${t('documents:receipt.voucherOutsideVat')}`, { size: s(7.5) }, 0.5);
    col.space(s(1.5));
  }
  col.rule(false, s(3));
  col.pair(t('documents:receipt.subtotal'), money(o.subtotal, cur), { size: s(8.5) });
  if (o.discount > 0) col.pair(o.promocode ? t('documents:slip.discountCode', { code: o.promocode }) : t('documents:slip.discount'), `−${money(o.discount, cur)}`, { size: s(8.5) });
  col.pair(t('documents:receipt.total'), money(o.total, cur), { font: 'bold', size: s(12) }, s(3));

  for (const pay of o.payments) {
    const refund = pay.kind === 'REFUND';
    const method = `${p.method(pay.method)}${pay.method === 'CARD' && pay.cardLast4 ? ` •••• ${pay.cardLast4}` : ''}`;
    col.pair(refund ? t('documents:receipt.refundTo', { method }) : method, `${refund ? '−' : ''}${money(pay.amount, cur)}`, { font: refund ? 'bold' : 'regular', size: s(8.5) }, 0.5);
    if (pay.method === 'CASH' && pay.cashTendered !== null && !refund) {
      col.pair(`  ${t('documents:receipt.tendered')}`, money(pay.cashTendered, cur), { size: s(8) }, 0.5);
      col.pair(`  ${t('documents:receipt.change')}`, money(pay.changeGiven ?? 0, cur), { font: 'bold', size: s(9) }, 0.5);
    }
    if (pay.method === 'CARD' && pay.cardApprovalCode) col.text(`  ${t('documents:receipt.approvalCode', { code: pay.cardApprovalCode })}`, { size: s(7.5) }, 0.5);
    col.space(s(1));
  }
  if (o.bonusEarned > 0 || o.bonusRedeemed > 0) {
    col.space(s(2));
    if (o.bonusRedeemed > 0) col.pair(t('documents:receipt.bonusUsed'), p.count(o.bonusRedeemed), { size: s(8) }, 0.5);
    if (o.bonusEarned > 0) col.pair(t('documents:receipt.bonusEarned'), p.count(o.bonusEarned), { size: s(8) }, 0.5);
  }

  const standingVat = o.vat.map((v) => ({ rateBp: v.rateBp, net: v.gross - v.vat, vat: v.vat, gross: v.gross }));
  const vat = o.receipt?.vat ?? standingVat;
  const changed = o.tickets.some((k) => k.status !== 'SOLD') || o.concessions.some((l) => l.refundedQuantity > 0);
  if (vat.length > 0) {
    col.rule(true, s(3));
    col.row([changed ? t('documents:receipt.vatAtSale') : t('documents:slip.vatRate'), t('documents:slip.net'), t('documents:slip.vat'), t('documents:slip.gross')], { font: 'bold', size: s(8) }, 0.5);
    for (const v of vat) col.row([v.rateBp === 0 && o.voucherSold ? t('documents:slip.outsideVat') : t('documents:slip.vatAt', { rate: percent(v.rateBp) }), money(v.net, cur), money(v.vat, cur), money(v.gross, cur)], { size: s(8) }, 0.5);
  }
  // After a refund or an exchange a reprint shows what stands now: the total, the money net of refunds, its VAT.
  if (changed) {
    col.rule(false, s(3));
    col.text(t('documents:receipt.afterRefunds'), { font: 'bold', size: s(9), align: 'center' }, 1);
    col.pair(t('documents:receipt.totalNow'), money(standingTotal(o), cur), { font: 'bold', size: s(10) });
    col.pair(t('documents:receipt.paidNet'), money(o.payments.reduce((sum, x) => sum + (x.kind === 'REFUND' ? -x.amount : x.amount), 0), cur), { size: s(8.5) });
    if (o.customer) col.pair(t('documents:receipt.bonusEarnedNow'), p.count(o.bonusEarned), { size: s(8) });
    if (standingVat.length > 0) {
      col.row([t('documents:receipt.vatNow'), t('documents:slip.net'), t('documents:slip.vat'), t('documents:slip.gross')], { font: 'bold', size: s(8) }, 0.5);
      for (const v of standingVat) col.row([t('documents:slip.vatAt', { rate: percent(v.rateBp) }), money(v.net, cur), money(v.vat, cur), money(v.gross, cur)], { size: s(8) }, 0.5);
    }
  }
  if (o.slips.length > 0) {
    col.rule(false, s(3));
    for (const sl of o.slips) {
      col.pair(t(sl.kind === 'REFUND' ? 'documents:receipt.refundSlipNo' : 'documents:receipt.exchangeSlipNo', { number: sl.number }), `${dateTime(sl.issuedAt, tz)} · ${sl.amount < 0 ? '−' : ''}${money(Math.abs(sl.amount), cur)}`, { size: s(7.5) }, 0.5);
    }
  }

  if (o.preorder && (o.preorder.status === 'PENDING' || o.preorder.status === 'READY')) {
    col.rule(false, s(4));
    col.text(t('documents:receipt.preorder'), { font: 'bold', size: s(9), align: 'center' }, 1);
    col.text(o.preorder.pickupCode, { font: 'bold', size: s(26), align: 'center' }, 1);
    col.text(t('documents:receipt.preorderHint'), { size: s(7.5), align: 'center' }, 0);
  }
  col.rule(true, s(4));
  col.text(t('documents:receipt.thanks'), { size: s(8), align: 'center' }, 0);
}

function thermalHeight(o: OrderDocument, copy: boolean, p: Printed): number {
  const scratch = scratchPage(THERMAL_WIDTH);
  const col = new Column(scratch, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);
  col.measuring = true;
  drawReceipt(col, o, 1, copy, p);
  return Math.ceil(col.y + THERMAL_MARGIN + 8 * MM);
}

/** The receipt of an order on an 80 mm roll (one page as long as the receipt), or on A4 pages, in the reader's language; `copy` for every print after the first. */
export async function renderReceipt(o: OrderDocument, paper: Paper, copy = false, language?: Language): Promise<Buffer> {
  const p = printedIn(language);
  const number = o.receipt ? p.t('documents:receipt.numberShort', { number: o.receipt.number }) : o.number;
  const doc: Doc = newDocument(p.t(copy ? 'documents:receipt.pdfTitleCopy' : 'documents:receipt.pdfTitle', { number }));
  if (paper === 'THERMAL_80') {
    doc.addPage({ size: [THERMAL_WIDTH, thermalHeight(o, copy, p)], margin: 0 });
    drawReceipt(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), o, 1, copy, p);
  } else {
    doc.addPage({ size: A4, margin: 0 });
    const margin = 25 * MM;
    const width = 120 * MM;
    drawReceipt(new Column(doc, (A4[0] - width) / 2, width, margin, A4[1] - margin, margin), o, 1.25, copy, p);
  }
  return finish(doc);
}
