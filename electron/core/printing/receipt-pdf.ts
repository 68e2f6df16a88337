import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Doc, type Paper } from './pdf-kit';
import { standingTotal, type OrderDocument } from './order-document';
import { METHOD_WORD, SEAT_KIND_WORD, TICKET_TYPE_WORD, clockTime, dateTime, money, percent } from './print-format';

const STATUS_WORD: Partial<Record<OrderDocument['status'], string>> = {
  PARTIALLY_REFUNDED: 'PARTLY REFUNDED',
  REFUNDED: 'REFUNDED',
  CANCELLED: 'CANCELLED',
};

/**
 * The receipt (rules 9 and 16): the cinema's legal name, address and VAT/tax number, the
 * terminal, the receipt number (gap-free per terminal), date and time in the cinema's zone,
 * lines, discounts, payments, change, VAT per rate (net, VAT, gross), pickup code, order number,
 * cashier. A reprint says COPY.
 */
function drawReceipt(col: Column, o: OrderDocument, scale: number, copy: boolean): void {
  const cur = o.cinema.currency;
  const tz = o.cinema.timezone;
  const s = (n: number) => n * scale;
  col.text(o.cinema.name, { font: 'bold', size: s(12), align: 'center' }, 0.5);
  if (o.cinema.legalName && o.cinema.legalName !== o.cinema.name) col.text(o.cinema.legalName, { size: s(7.5), align: 'center' }, 0);
  if (o.cinema.address) col.text(o.cinema.address, { size: s(7), align: 'center' }, 0);
  if (o.cinema.taxNumber) col.text(`VAT/tax no. ${o.cinema.taxNumber}`, { size: s(7), align: 'center' }, 0);
  col.space(s(4));
  col.text('RECEIPT', { font: 'bold', size: s(10), align: 'center' }, 1);
  if (copy) col.text('COPY — not the original receipt', { font: 'bold', size: s(10), align: 'center' }, 1);
  const status = STATUS_WORD[o.status];
  if (status) col.text(status, { font: 'bold', size: s(10), align: 'center' }, 1);
  col.pair('Receipt no.', o.receipt ? String(o.receipt.number) : 'not numbered (sold on another terminal)', { font: 'bold', size: s(9) });
  col.pair('Order', o.number, { font: 'bold', size: s(9) });
  col.pair('Date', dateTime(o.receipt?.issuedAt ?? o.paidAt ?? o.createdAt, tz), { size: s(8) });
  col.pair('Cashier', o.cashier.name, { size: s(8) });
  col.pair('Terminal', o.terminal.name, { size: s(8) });
  if (o.customer) col.pair('Customer', `${o.customer.name}${o.customer.cardNumber ? ` (card ${o.customer.cardNumber})` : ''}`, { size: s(8) });
  col.rule(true, s(3));

  for (const t of o.tickets) {
    const gone = t.status === 'REFUNDED' ? ' — refunded' : t.status === 'EXCHANGED' ? ' — exchanged' : '';
    col.pair(`${t.filmTitle}${gone}`, money(t.price, cur), { font: 'bold', size: s(8.5) }, 0);
    const kind = t.seatKind === 'STANDARD' ? '' : `, ${SEAT_KIND_WORD[t.seatKind]}`;
    col.text(`  ${clockTime(t.startsAt, tz)} ${t.hallName}, row ${t.rowLabel} seat ${t.seatNumber}${kind} · ${TICKET_TYPE_WORD[t.ticketType]}`, { size: s(7.5) }, 0.5);
    if (t.discount > 0) col.pair('  Discount', `−${money(t.discount, cur)}`, { size: s(7.5) }, 0.5);
    col.space(s(1.5));
  }
  for (const l of o.concessions) {
    const refunded = l.refundedQuantity > 0 ? ` (${l.refundedQuantity} refunded)` : '';
    col.pair(`${l.quantity} × ${l.name}${refunded}`, money(l.quantity * l.unitPrice, cur), { font: 'bold', size: s(8.5) }, 0);
    col.text(`  ${money(l.unitPrice, cur)} each · VAT ${percent(l.vatBp)}${l.preorder ? ' · preorder' : ''}`, { size: s(7.5) }, 0.5);
    if (l.discount > 0) col.pair('  Discount', `−${money(l.discount, cur)}`, { size: s(7.5) }, 0.5);
    col.space(s(1.5));
  }
  if (o.voucherSold) {
    // Rule 17: a voucher is sold outside VAT; the code is on its own slip too.
    col.pair(`Gift voucher ${o.voucherSold.code}`, money(o.voucherSold.amount, cur), { font: 'bold', size: s(8.5) }, 0);
    col.text('  Outside VAT: what it pays for is taxed then', { size: s(7.5) }, 0.5);
    col.space(s(1.5));
  }
  col.rule(false, s(3));
  col.pair('Subtotal', money(o.subtotal, cur), { size: s(8.5) });
  if (o.discount > 0) col.pair(o.promocode ? `Discount (code ${o.promocode})` : 'Discount', `−${money(o.discount, cur)}`, { size: s(8.5) });
  col.pair('TOTAL', money(o.total, cur), { font: 'bold', size: s(12) }, s(3));

  for (const p of o.payments) {
    const refund = p.kind === 'REFUND';
    const label = `${refund ? 'Refund to ' : ''}${METHOD_WORD[p.method]}${p.method === 'CARD' && p.cardLast4 ? ` •••• ${p.cardLast4}` : ''}`;
    col.pair(label, `${refund ? '−' : ''}${money(p.amount, cur)}`, { font: refund ? 'bold' : 'regular', size: s(8.5) }, 0.5);
    if (p.method === 'CASH' && p.cashTendered !== null && !refund) {
      col.pair('  Tendered', money(p.cashTendered, cur), { size: s(8) }, 0.5);
      col.pair('  Change', money(p.changeGiven ?? 0, cur), { font: 'bold', size: s(9) }, 0.5);
    }
    if (p.method === 'CARD' && p.cardApprovalCode) col.text(`  Approval code ${p.cardApprovalCode}`, { size: s(7.5) }, 0.5);
    col.space(s(1));
  }
  if (o.bonusEarned > 0 || o.bonusRedeemed > 0) {
    col.space(s(2));
    if (o.bonusRedeemed > 0) col.pair('Bonus points used', String(o.bonusRedeemed), { size: s(8) }, 0.5);
    if (o.bonusEarned > 0) col.pair('Bonus points earned', String(o.bonusEarned), { size: s(8) }, 0.5);
  }

  const standingVat = o.vat.map((v) => ({ rateBp: v.rateBp, net: v.gross - v.vat, vat: v.vat, gross: v.gross }));
  const vat = o.receipt?.vat ?? standingVat;
  const changed = o.tickets.some((t) => t.status !== 'SOLD') || o.concessions.some((l) => l.refundedQuantity > 0);
  if (vat.length > 0) {
    col.rule(true, s(3));
    col.row([changed ? 'VAT at sale' : 'VAT rate', 'Net', 'VAT', 'Gross'], { font: 'bold', size: s(8) }, 0.5);
    for (const v of vat) col.row([v.rateBp === 0 && o.voucherSold ? 'Outside VAT' : `VAT ${percent(v.rateBp)}`, money(v.net, cur), money(v.vat, cur), money(v.gross, cur)], { size: s(8) }, 0.5);
  }
  // After a refund or an exchange a reprint shows what stands now: the total, the money net of refunds, its VAT.
  if (changed) {
    col.rule(false, s(3));
    col.text('AFTER REFUNDS AND EXCHANGES', { font: 'bold', size: s(9), align: 'center' }, 1);
    col.pair('Total now', money(standingTotal(o), cur), { font: 'bold', size: s(10) });
    col.pair('Paid, net of refunds', money(o.payments.reduce((sum, p) => sum + (p.kind === 'REFUND' ? -p.amount : p.amount), 0), cur), { size: s(8.5) });
    if (o.customer) col.pair('Bonus points earned now', String(o.bonusEarned), { size: s(8) });
    if (standingVat.length > 0) {
      col.row(['VAT now', 'Net', 'VAT', 'Gross'], { font: 'bold', size: s(8) }, 0.5);
      for (const v of standingVat) col.row([`VAT ${percent(v.rateBp)}`, money(v.net, cur), money(v.vat, cur), money(v.gross, cur)], { size: s(8) }, 0.5);
    }
  }
  if (o.slips.length > 0) {
    col.rule(false, s(3));
    for (const sl of o.slips) {
      col.pair(`${sl.kind === 'REFUND' ? 'Refund' : 'Exchange'} slip no. ${sl.number}`, `${dateTime(sl.issuedAt, tz)} · ${sl.amount < 0 ? '−' : ''}${money(Math.abs(sl.amount), cur)}`, { size: s(7.5) }, 0.5);
    }
  }

  if (o.preorder && (o.preorder.status === 'PENDING' || o.preorder.status === 'READY')) {
    col.rule(false, s(4));
    col.text('Snacks preorder — pickup code', { font: 'bold', size: s(9), align: 'center' }, 1);
    col.text(o.preorder.pickupCode, { font: 'bold', size: s(26), align: 'center' }, 1);
    col.text('Show this code at the concession stand.', { size: s(7.5), align: 'center' }, 0);
  }
  col.rule(true, s(4));
  col.text('Thank you for your visit!', { size: s(8), align: 'center' }, 0);
}

function thermalHeight(o: OrderDocument, copy: boolean): number {
  const scratch = scratchPage(THERMAL_WIDTH);
  const col = new Column(scratch, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);
  col.measuring = true;
  drawReceipt(col, o, 1, copy);
  return Math.ceil(col.y + THERMAL_MARGIN + 8 * MM);
}

/** The receipt of an order on an 80 mm roll (one page as long as the receipt), or on A4 pages; `copy` for every print after the first. */
export async function renderReceipt(o: OrderDocument, paper: Paper, copy = false): Promise<Buffer> {
  const doc: Doc = newDocument(`Receipt ${o.receipt ? `no. ${o.receipt.number}` : o.number}${copy ? ' (copy)' : ''}`);
  if (paper === 'THERMAL_80') {
    doc.addPage({ size: [THERMAL_WIDTH, thermalHeight(o, copy)], margin: 0 });
    drawReceipt(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), o, 1, copy);
  } else {
    doc.addPage({ size: A4, margin: 0 });
    const margin = 25 * MM;
    const width = 120 * MM;
    drawReceipt(new Column(doc, (A4[0] - width) / 2, width, margin, A4[1] - margin, margin), o, 1.25, copy);
  }
  return finish(doc);
}
