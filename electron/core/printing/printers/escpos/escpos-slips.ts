import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import type { DocumentTicket, OrderDocument } from '../../order-document';
import type { Language } from '../../../../../shared/i18n/languages';
import { printedIn, type Printed } from '../../print-format';
import type { ShiftReport } from '../../../../../shared/contract/shifts';
import type { RefundSlip } from '../../refund-slip-pdf';
import type { ShiftPrintContext } from '../../shift-report-pdf';

/**
 * Ticket and receipt as ESC/POS commands for an Epson TM-class roll printer, from the same order
 * document as the PDFs: text in the printer's own code pages (the encoder picks one that has
 * each character — umlauts, €), the ticket code as the printer's native QR, a cut after each
 * ticket and after the receipt.
 */

/** TM-T88 class: 80 mm roll, font A, 42 columns. */
const MODEL = 'epson-tm-t88vi';
const COLUMNS = 42;
/** cp858 first: Western European letters, umlauts and € in one page (no switching mid-line); then pages for other scripts. */
const CODEPAGES: Codepage[] = ['cp858', 'cp437', 'cp852', 'cp866', 'windows1251', 'cp737', 'cp857', 'windows1252'];

function encoder(): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({ language: 'esc-pos', printerModel: MODEL, columns: COLUMNS, codepageMapping: 'epson', codepageCandidates: CODEPAGES, feedBeforeCut: 4 }).initialize().codepage('auto');
}

/** A label on the left, an amount on the right, on one line (the label wraps). */
function pair(e: ReceiptPrinterEncoder, label: string, value: string): void {
  // A value too long to share the line with its label goes under it, right-aligned (squeezed into
  // one line, the label was cut into a column of two letters).
  if (label.length + 1 + value.length > COLUMNS) {
    e.table([{ width: COLUMNS, align: 'left' }], [[label]]);
    e.table([{ width: COLUMNS, align: 'right' }], [[value]]);
    return;
  }
  const right = Math.max(value.length, Math.min(10, COLUMNS - label.length - 1));
  e.table(
    [
      { width: COLUMNS - right - 1, marginRight: 1, align: 'left' },
      { width: right, align: 'right' },
    ],
    [[label, value]],
  );
}

function ticket(e: ReceiptPrinterEncoder, o: OrderDocument, t: DocumentTicket, p: Printed): void {
  const w = p.t;
  const tz = o.cinema.timezone;
  const cur = o.cinema.currency;
  e.align('center').bold(true).line(o.cinema.name).bold(false);
  if (o.cinema.address) e.line(o.cinema.address);
  e.rule();
  e.bold(true).size(2, 2).line(t.filmTitle).size(1, 1).bold(false);
  e.line([t.ageRating, t.format, t.language ? t.language.toUpperCase() : ''].filter(Boolean).join(' · '));
  e.newline();
  e.bold(true).line(p.longDate(t.startsAt, tz));
  e.size(2, 2).line(p.clockTime(t.startsAt, tz)).size(1, 1);
  e.line(t.hallName);
  e.size(2, 2).line(w('documents:escpos.rowSeat', { row: t.rowLabel, seat: t.seatNumber })).size(1, 1).bold(false);
  if (t.seatKind !== 'STANDARD') e.line(p.seatKind(t.seatKind));
  e.align('left').rule();
  pair(e, w('documents:ticket.typeTicket', { type: p.ticketType(t.ticketType) }), p.money(t.price - t.discount, cur));
  if (t.discount > 0) pair(e, `  ${w('documents:ticket.inclDiscount')}`, `−${p.money(t.discount, cur)}`);
  if (o.cinema.ticketVatBp > 0) e.line(w('documents:ticket.vatIncluded', { rate: p.percent(o.cinema.ticketVatBp) }));
  e.newline().align('center');
  e.qrcode(t.qrPayload, { model: 2, size: 6, errorlevel: 'm' });
  e.newline();
  e.line(w('documents:ticket.orderAndTicket', { order: o.number, ticket: t.id.slice(-8).toUpperCase() }));
  e.line(w('documents:ticket.showAtDoor'));
  e.align('left').cut('partial');
}

/** One ticket after another, each cut off. */
export function ticketCommands(o: OrderDocument, tickets: readonly DocumentTicket[], language?: Language): Uint8Array {
  const e = encoder();
  const p = printedIn(language);
  for (const t of tickets) ticket(e, o, t, p);
  return e.encode();
}

/** The receipt (rules 9 and 16), the same facts as the PDF receipt, then a cut. */
export function receiptCommands(o: OrderDocument, copy: boolean, language?: Language): Uint8Array {
  const p = printedIn(language);
  const { t: w, money } = p;
  const cur = o.cinema.currency;
  const tz = o.cinema.timezone;
  const e = encoder();
  e.align('center').bold(true).size(2, 1).line(o.cinema.name).size(1, 1).bold(false);
  if (o.cinema.legalName && o.cinema.legalName !== o.cinema.name) e.line(o.cinema.legalName);
  if (o.cinema.address) e.line(o.cinema.address);
  if (o.cinema.taxNumber) e.line(w('documents:slip.taxNumber', { number: o.cinema.taxNumber }));
  e.newline().bold(true).line(w('documents:receipt.title'));
  if (copy) e.line(w('documents:receipt.copy'));
  if (o.status === 'REFUNDED' || o.status === 'PARTIALLY_REFUNDED' || o.status === 'CANCELLED') e.line(w(`documents:receipt.status.${o.status}`));
  e.bold(false).align('left');
  pair(e, w('documents:slip.receiptNo'), o.receipt ? String(o.receipt.number) : w('documents:receipt.notNumbered'));
  pair(e, w('documents:slip.order'), o.number);
  pair(e, w('documents:slip.date'), p.dateTime(o.receipt?.issuedAt ?? o.paidAt ?? o.createdAt, tz));
  pair(e, w('documents:slip.cashier'), o.cashier.name);
  pair(e, w('documents:slip.terminal'), o.terminal.name);
  if (o.customer) pair(e, w('documents:slip.customer'), o.customer.cardNumber ? w('documents:slip.customerCard', { name: o.customer.name, card: o.customer.cardNumber }) : o.customer.name);
  e.rule();
  for (const k of o.tickets) {
    const film = k.status === 'REFUNDED' ? w('documents:receipt.ticketRefunded', { film: k.filmTitle }) : k.status === 'EXCHANGED' ? w('documents:receipt.ticketExchanged', { film: k.filmTitle }) : k.filmTitle;
    pair(e, film, money(k.price, cur));
    e.line(`  ${w('documents:receipt.ticketLine', { time: p.clockTime(k.startsAt, tz), hall: k.hallName, seat: p.seat(k.rowLabel, k.seatNumber), kind: '', type: p.ticketType(k.ticketType) })}`);
    if (k.discount > 0) pair(e, `  ${w('documents:slip.discount')}`, `−${money(k.discount, cur)}`);
  }
  for (const l of o.concessions) {
    const line = `${l.quantity} × ${l.name}`;
    pair(e, l.refundedQuantity > 0 ? w('documents:receipt.concessionRefunded', { line, count: l.refundedQuantity }) : line, money(l.quantity * l.unitPrice, cur));
    if (l.discount > 0) pair(e, `  ${w('documents:slip.discount')}`, `−${money(l.discount, cur)}`);
  }
  e.rule();
  pair(e, w('documents:receipt.subtotal'), money(o.subtotal, cur));
  if (o.discount > 0) pair(e, o.promocode ? w('documents:slip.discountCode', { code: o.promocode }) : w('documents:slip.discount'), `−${money(o.discount, cur)}`);
  e.bold(true);
  pair(e, w('documents:receipt.total'), money(o.total, cur));
  e.bold(false);
  for (const pay of o.payments) {
    const refund = pay.kind === 'REFUND';
    const method = `${p.method(pay.method)}${pay.method === 'CARD' && pay.cardLast4 ? ` **** ${pay.cardLast4}` : ''}`;
    pair(e, refund ? w('documents:receipt.refundTo', { method }) : method, `${refund ? '−' : ''}${money(pay.amount, cur)}`);
    if (pay.method === 'CASH' && pay.cashTendered !== null && !refund) {
      pair(e, `  ${w('documents:receipt.tendered')}`, money(pay.cashTendered, cur));
      pair(e, `  ${w('documents:receipt.change')}`, money(pay.changeGiven ?? 0, cur));
    }
  }
  const vat = o.receipt?.vat ?? o.vat.map((v) => ({ rateBp: v.rateBp, net: v.gross - v.vat, vat: v.vat, gross: v.gross }));
  if (vat.length > 0) {
    e.rule();
    for (const v of vat) pair(e, w('documents:escpos.vatOn', { rate: p.percent(v.rateBp), gross: money(v.gross, cur) }), w('documents:escpos.vatNet', { vat: money(v.vat, cur), net: money(v.net, cur) }));
  }
  if (o.preorder && (o.preorder.status === 'PENDING' || o.preorder.status === 'READY')) {
    e.rule().align('center').bold(true).line(w('documents:receipt.preorder')).size(2, 2).line(o.preorder.pickupCode).size(1, 1).bold(false).align('left');
  }
  e.rule().align('center').line(w('documents:receipt.thanks')).align('left').cut('partial');
  return e.encode();
}

function header(e: ReceiptPrinterEncoder, c: { name: string; legalName?: string; address?: string; taxNumber?: string }, p: Printed): void {
  e.align('center').bold(true).size(2, 1).line(c.name).size(1, 1).bold(false);
  if (c.legalName && c.legalName !== c.name) e.line(c.legalName);
  if (c.address) e.line(c.address);
  if (c.taxNumber) e.line(p.t('documents:slip.taxNumber', { number: c.taxNumber }));
  e.newline();
}

/** A refund's numbered slip (rule 16), the same facts as its PDF. */
export function refundSlipCommands(r: RefundSlip): Uint8Array {
  const p = printedIn(r.language);
  const w = p.t;
  const m = (n: number) => p.money(n, r.cinema.currency);
  const e = encoder();
  header(e, r.cinema, p);
  e.bold(true).line(w('documents:refund.title')).bold(false).align('left');
  pair(e, w('documents:refund.slip'), r.slipNumber);
  if (r.receiptNumber) pair(e, w('documents:slip.receiptNo'), String(r.receiptNumber));
  pair(e, w('documents:slip.refersTo'), r.refersToReceipt ? w('documents:slip.refersToNumber', { number: r.refersToReceipt }) : w('documents:slip.refersToOtherTerminal', { order: r.orderNumber }));
  if (r.terminal) pair(e, w('documents:slip.terminal'), r.terminal);
  pair(e, w('documents:slip.order'), r.orderNumber);
  pair(e, w('documents:slip.date'), p.dateTime(r.at, r.cinema.timezone));
  pair(e, w('documents:slip.cashier'), r.cashier);
  if (r.approvedBy) pair(e, w('documents:refund.approvedBy'), r.approvedBy);
  pair(e, w('documents:refund.reason'), r.reason);
  e.rule();
  for (const line of r.tickets) e.line(line);
  for (const i of r.items) e.line(w(i.to === 'STOCK' ? 'documents:refund.backToStock' : 'documents:refund.waste', { count: i.quantity, name: i.name }));
  e.rule();
  for (const back of r.paidBack) pair(e, w('documents:slip.backTo', { method: `${p.method(back.method)}${back.cardLast4 ? ` **** ${back.cardLast4}` : ''}` }), m(back.amount));
  e.bold(true);
  pair(e, w('documents:refund.refunded'), m(r.amount));
  e.bold(false);
  if (r.bonusReversed > 0) pair(e, w('documents:refund.bonusTakenBack'), p.count(r.bonusReversed));
  e.newline(2).align('center').line(w('documents:slip.customerSignature')).align('left').cut('partial');
  return e.encode();
}

/** A shift's X (open) or Z (closed) report (rules 14 and 16), the same figures as its PDF. */
export function shiftReportCommands(r: ShiftReport, c: ShiftPrintContext): Uint8Array {
  const p = printedIn(c.language);
  const w = p.t;
  const m = (n: number) => p.money(n, c.currency);
  const f = r.fiscal;
  const e = encoder();
  header(e, { name: c.cinemaName, legalName: c.legalName, address: c.address, taxNumber: c.taxNumber }, p);
  e.bold(true).line(r.status === 'CLOSED' ? w('documents:shift.zTitle', { number: f.zNumber ?? '-' }) : w('documents:shift.xTitle')).bold(false).align('left');
  pair(e, w('documents:slip.cashier'), r.cashier.name);
  pair(e, w('documents:slip.terminal'), r.terminal.name);
  pair(e, w('documents:shift.opened'), p.dateTime(r.openedAt, c.timezone));
  pair(e, w('documents:shift.closed'), r.closedAt ? p.dateTime(r.closedAt, c.timezone) : '-');
  pair(e, w('documents:shift.orders'), p.count(r.orders));
  pair(e, w('documents:shift.ticketsSold'), p.count(r.ticketsSold));
  pair(e, w('documents:shift.ticketsRefunded'), p.count(r.ticketsRefunded));
  pair(e, w('documents:shift.ticketsExchanged'), p.count(r.ticketsExchanged));
  pair(e, w('documents:shift.receipts'), f.receipts === 0 ? '0' : w('documents:shift.receiptRange', { count: f.receipts, first: f.firstReceipt, last: f.lastReceipt }));
  e.rule();
  for (const b of r.byMethod) {
    e.bold(true).line(p.method(b.method)).bold(false);
    pair(e, `  ${w('documents:shift.sales', { count: b.salesCount })}`, m(b.sales));
    pair(e, `  ${w('documents:shift.refunds', { count: b.refundsCount })}`, b.refunds ? `−${m(b.refunds)}` : m(0));
    pair(e, `  ${w('documents:shift.net')}`, m(b.sales - b.refunds));
  }
  e.rule();
  pair(e, w('documents:shift.sales', { count: f.sales.count }), m(f.sales.amount));
  pair(e, w('documents:shift.refunds', { count: f.refunds.count }), f.refunds.amount ? `−${m(-f.refunds.amount)}` : m(0));
  pair(e, w('documents:shift.exchanges', { count: f.exchanges.count }), p.signed(f.exchanges.amount, c.currency));
  for (const v of f.vat) pair(e, w('documents:escpos.vatOn', { rate: p.percent(v.rateBp), gross: m(v.gross) }), w('documents:escpos.vatNet', { vat: m(v.vat), net: m(v.net) }));
  pair(e, w('documents:shift.grandTotal'), m(f.grandTotal));
  pair(e, w('documents:shift.grandTotalRefunds'), m(f.grandTotalRefunds));
  e.rule();
  for (const x of r.refundsByReason) pair(e, w('documents:shift.reasonLine', { reason: p.refundReason(x.reason), count: x.count }), `−${m(x.amount)}`);
  if (r.waste.items > 0) pair(e, w('documents:shift.waste', { count: r.waste.items }), m(r.waste.value));
  pair(e, w('documents:shift.openingFloat'), m(r.openingFloat));
  pair(e, w('documents:shift.cashIn'), m(r.cashIn));
  pair(e, w('documents:shift.cashOut'), `−${m(r.cashOut)}`);
  e.bold(true);
  pair(e, w('documents:shift.expectedCash'), m(r.expectedCash));
  if (r.countedCash !== null) {
    pair(e, w('documents:shift.countedCash'), m(r.countedCash));
    const d = r.difference ?? 0;
    pair(e, w('documents:shift.difference'), d === 0 ? m(0) : `${d > 0 ? '+' : '−'}${m(Math.abs(d))}`);
  }
  e.bold(false).newline().align('center').line(w('documents:shift.printed', { at: p.dateTime(c.printedAt, c.timezone) })).align('left').cut('partial');
  return e.encode();
}

/** ESC p: a pulse on the drawer kick-out connector (pin 2, 100 ms on, 500 ms off). */
export function drawerCommands(): Uint8Array {
  return new ReceiptPrinterEncoder({ language: 'esc-pos', printerModel: MODEL }).pulse(0, 100, 500).encode();
}
