import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import type { DocumentTicket, OrderDocument } from '../../order-document';
import { METHOD_WORD, REFUND_REASON_WORD, SEAT_KIND_WORD, TICKET_TYPE_WORD, clockTime, dateTime, longDate, money, percent } from '../../print-format';
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
  const right = Math.max(value.length, 10);
  e.table(
    [
      { width: COLUMNS - right - 1, marginRight: 1, align: 'left' },
      { width: right, align: 'right' },
    ],
    [[label, value]],
  );
}

function ticket(e: ReceiptPrinterEncoder, o: OrderDocument, t: DocumentTicket): void {
  const tz = o.cinema.timezone;
  const cur = o.cinema.currency;
  e.align('center').bold(true).line(o.cinema.name).bold(false);
  if (o.cinema.address) e.line(o.cinema.address);
  e.rule();
  e.bold(true).size(2, 2).line(t.filmTitle).size(1, 1).bold(false);
  e.line([t.ageRating, t.format, t.language ? t.language.toUpperCase() : ''].filter(Boolean).join(' · '));
  e.newline();
  e.bold(true).line(longDate(t.startsAt, tz));
  e.size(2, 2).line(clockTime(t.startsAt, tz)).size(1, 1);
  e.line(t.hallName);
  e.size(2, 2).line(`ROW ${t.rowLabel}  SEAT ${t.seatNumber}`).size(1, 1).bold(false);
  if (t.seatKind !== 'STANDARD') e.line(SEAT_KIND_WORD[t.seatKind]);
  e.align('left').rule();
  pair(e, `${TICKET_TYPE_WORD[t.ticketType]} ticket`, money(t.price - t.discount, cur));
  if (t.discount > 0) pair(e, '  incl. discount', `−${money(t.discount, cur)}`);
  if (o.cinema.ticketVatBp > 0) e.line(`Price includes ${percent(o.cinema.ticketVatBp)} VAT.`);
  e.newline().align('center');
  e.qrcode(t.qrPayload, { model: 2, size: 6, errorlevel: 'm' });
  e.newline();
  e.line(`Order ${o.number} · Ticket ${t.id.slice(-8).toUpperCase()}`);
  e.line('Show this code at the hall door.');
  e.align('left').cut('partial');
}

/** One ticket after another, each cut off. */
export function ticketCommands(o: OrderDocument, tickets: readonly DocumentTicket[]): Uint8Array {
  const e = encoder();
  for (const t of tickets) ticket(e, o, t);
  return e.encode();
}

/** The receipt (rules 9 and 16), the same facts as the PDF receipt, then a cut. */
export function receiptCommands(o: OrderDocument, copy: boolean): Uint8Array {
  const cur = o.cinema.currency;
  const tz = o.cinema.timezone;
  const e = encoder();
  e.align('center').bold(true).size(2, 1).line(o.cinema.name).size(1, 1).bold(false);
  if (o.cinema.legalName && o.cinema.legalName !== o.cinema.name) e.line(o.cinema.legalName);
  if (o.cinema.address) e.line(o.cinema.address);
  if (o.cinema.taxNumber) e.line(`VAT/tax no. ${o.cinema.taxNumber}`);
  e.newline().bold(true).line('RECEIPT');
  if (copy) e.line('COPY - not the original receipt');
  if (o.status === 'REFUNDED' || o.status === 'PARTIALLY_REFUNDED' || o.status === 'CANCELLED') e.line(o.status.replace('_', ' '));
  e.bold(false).align('left');
  pair(e, 'Receipt no.', o.receipt ? String(o.receipt.number) : 'not numbered');
  pair(e, 'Order', o.number);
  pair(e, 'Date', dateTime(o.receipt?.issuedAt ?? o.paidAt ?? o.createdAt, tz));
  pair(e, 'Cashier', o.cashier.name);
  pair(e, 'Terminal', o.terminal.name);
  if (o.customer) pair(e, 'Customer', `${o.customer.name}${o.customer.cardNumber ? ` (${o.customer.cardNumber})` : ''}`);
  e.rule();
  for (const t of o.tickets) {
    const gone = t.status === 'REFUNDED' ? ' - refunded' : t.status === 'EXCHANGED' ? ' - exchanged' : '';
    pair(e, `${t.filmTitle}${gone}`, money(t.price, cur));
    e.line(`  ${clockTime(t.startsAt, tz)} ${t.hallName}, row ${t.rowLabel} seat ${t.seatNumber} · ${TICKET_TYPE_WORD[t.ticketType]}`);
    if (t.discount > 0) pair(e, '  Discount', `−${money(t.discount, cur)}`);
  }
  for (const l of o.concessions) {
    pair(e, `${l.quantity} × ${l.name}${l.refundedQuantity > 0 ? ` (${l.refundedQuantity} refunded)` : ''}`, money(l.quantity * l.unitPrice, cur));
    if (l.discount > 0) pair(e, '  Discount', `−${money(l.discount, cur)}`);
  }
  e.rule();
  pair(e, 'Subtotal', money(o.subtotal, cur));
  if (o.discount > 0) pair(e, o.promocode ? `Discount (code ${o.promocode})` : 'Discount', `−${money(o.discount, cur)}`);
  e.bold(true);
  pair(e, 'TOTAL', money(o.total, cur));
  e.bold(false);
  for (const p of o.payments) {
    const refund = p.kind === 'REFUND';
    pair(e, `${refund ? 'Refund to ' : ''}${METHOD_WORD[p.method]}${p.method === 'CARD' && p.cardLast4 ? ` **** ${p.cardLast4}` : ''}`, `${refund ? '−' : ''}${money(p.amount, cur)}`);
    if (p.method === 'CASH' && p.cashTendered !== null && !refund) {
      pair(e, '  Tendered', money(p.cashTendered, cur));
      pair(e, '  Change', money(p.changeGiven ?? 0, cur));
    }
  }
  const vat = o.receipt?.vat ?? o.vat.map((v) => ({ rateBp: v.rateBp, net: v.gross - v.vat, vat: v.vat, gross: v.gross }));
  if (vat.length > 0) {
    e.rule();
    for (const v of vat) pair(e, `VAT ${percent(v.rateBp)} on ${money(v.gross, cur)}`, `${money(v.vat, cur)} (net ${money(v.net, cur)})`);
  }
  if (o.preorder && (o.preorder.status === 'PENDING' || o.preorder.status === 'READY')) {
    e.rule().align('center').bold(true).line('Snacks preorder - pickup code').size(2, 2).line(o.preorder.pickupCode).size(1, 1).bold(false).align('left');
  }
  e.rule().align('center').line('Thank you for your visit!').align('left').cut('partial');
  return e.encode();
}

function header(e: ReceiptPrinterEncoder, c: { name: string; legalName?: string; address?: string; taxNumber?: string }): void {
  e.align('center').bold(true).size(2, 1).line(c.name).size(1, 1).bold(false);
  if (c.legalName && c.legalName !== c.name) e.line(c.legalName);
  if (c.address) e.line(c.address);
  if (c.taxNumber) e.line(`VAT/tax no. ${c.taxNumber}`);
  e.newline();
}

/** A refund's numbered slip (rule 16), the same facts as its PDF. */
export function refundSlipCommands(r: RefundSlip): Uint8Array {
  const m = (n: number) => money(n, r.cinema.currency);
  const e = encoder();
  header(e, r.cinema);
  e.bold(true).line('REFUND SLIP').bold(false).align('left');
  pair(e, 'Slip', r.slipNumber);
  if (r.receiptNumber) pair(e, 'Receipt no.', String(r.receiptNumber));
  pair(e, 'Refers to receipt', r.refersToReceipt ? `no. ${r.refersToReceipt}` : `of order ${r.orderNumber}`);
  if (r.terminal) pair(e, 'Terminal', r.terminal);
  pair(e, 'Order', r.orderNumber);
  pair(e, 'Date', dateTime(r.at, r.cinema.timezone));
  pair(e, 'Cashier', r.cashier);
  if (r.approvedBy) pair(e, 'Approved by', r.approvedBy);
  pair(e, 'Reason', r.reason);
  e.rule();
  for (const t of r.tickets) e.line(t);
  for (const i of r.items) e.line(`${i.quantity} × ${i.name} - ${i.to === 'STOCK' ? 'back to stock' : 'waste'}`);
  e.rule();
  for (const p of r.paidBack) pair(e, `Back to ${METHOD_WORD[p.method]}${p.cardLast4 ? ` **** ${p.cardLast4}` : ''}`, m(p.amount));
  e.bold(true);
  pair(e, 'REFUNDED', m(r.amount));
  e.bold(false);
  if (r.bonusReversed > 0) pair(e, 'Bonus points taken back', String(r.bonusReversed));
  e.newline(2).align('center').line('Customer signature ______________').align('left').cut('partial');
  return e.encode();
}

/** A shift's X (open) or Z (closed) report (rules 14 and 16), the same figures as its PDF. */
export function shiftReportCommands(r: ShiftReport, c: ShiftPrintContext): Uint8Array {
  const m = (n: number) => money(n, c.currency);
  const f = r.fiscal;
  const e = encoder();
  header(e, { name: c.cinemaName, legalName: c.legalName, address: c.address, taxNumber: c.taxNumber });
  e.bold(true).line(r.status === 'CLOSED' ? `Z REPORT no. ${f.zNumber ?? '-'} - shift closed` : 'X REPORT - shift still open').bold(false).align('left');
  pair(e, 'Cashier', r.cashier.name);
  pair(e, 'Terminal', r.terminal.name);
  pair(e, 'Opened', dateTime(r.openedAt, c.timezone));
  pair(e, 'Closed', r.closedAt ? dateTime(r.closedAt, c.timezone) : '-');
  pair(e, 'Orders', String(r.orders));
  pair(e, 'Tickets sold (standing)', String(r.ticketsSold));
  pair(e, 'Tickets refunded', String(r.ticketsRefunded));
  pair(e, 'Tickets exchanged', String(r.ticketsExchanged));
  pair(e, 'Receipts', f.receipts === 0 ? '0' : `${f.receipts} (no. ${f.firstReceipt}-${f.lastReceipt})`);
  e.rule();
  for (const b of r.byMethod) {
    e.bold(true).line(METHOD_WORD[b.method]).bold(false);
    pair(e, `  Sales (${b.salesCount})`, m(b.sales));
    pair(e, `  Refunds (${b.refundsCount})`, b.refunds ? `−${m(b.refunds)}` : m(0));
    pair(e, '  Net', m(b.sales - b.refunds));
  }
  e.rule();
  pair(e, `Sales (${f.sales.count})`, m(f.sales.amount));
  pair(e, `Refunds (${f.refunds.count})`, f.refunds.amount ? `−${m(-f.refunds.amount)}` : m(0));
  pair(e, `Exchanges (${f.exchanges.count})`, `${f.exchanges.amount < 0 ? '−' : ''}${m(Math.abs(f.exchanges.amount))}`);
  for (const v of f.vat) pair(e, `VAT ${percent(v.rateBp)} on ${m(v.gross)}`, `${m(v.vat)} (net ${m(v.net)})`);
  pair(e, 'Grand total (sales, ever)', m(f.grandTotal));
  pair(e, 'Grand total (refunds, ever)', m(f.grandTotalRefunds));
  e.rule();
  for (const x of r.refundsByReason) pair(e, `${REFUND_REASON_WORD[x.reason]} (${x.count})`, `−${m(x.amount)}`);
  if (r.waste.items > 0) pair(e, `Waste (${r.waste.items} items)`, m(r.waste.value));
  pair(e, 'Opening float', m(r.openingFloat));
  pair(e, 'Cash in', m(r.cashIn));
  pair(e, 'Cash out', `−${m(r.cashOut)}`);
  e.bold(true);
  pair(e, 'Expected cash', m(r.expectedCash));
  if (r.countedCash !== null) {
    pair(e, 'Counted cash', m(r.countedCash));
    const d = r.difference ?? 0;
    pair(e, 'Difference', d === 0 ? m(0) : `${d > 0 ? '+' : '−'}${m(Math.abs(d))}`);
  }
  e.bold(false).newline().align('center').line(`Printed ${dateTime(c.printedAt, c.timezone)}`).align('left').cut('partial');
  return e.encode();
}

/** ESC p: a pulse on the drawer kick-out connector (pin 2, 100 ms on, 500 ms off). */
export function drawerCommands(): Uint8Array {
  return new ReceiptPrinterEncoder({ language: 'esc-pos', printerModel: MODEL }).pulse(0, 100, 500).encode();
}
