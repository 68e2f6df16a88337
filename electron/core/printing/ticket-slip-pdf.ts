import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Doc, type Paper } from './pdf-kit';
import type { DocumentTicket, OrderDocument } from './order-document';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn, type Printed } from './print-format';

/** What one ticket slip shows (rule 9): cinema, film, age rating, start, hall, row/seat, type, price, order number, QR. */
function drawTicket(col: Column, order: OrderDocument, t: DocumentTicket, scale: number, p: Printed): void {
  const w = p.t;
  const tz = order.cinema.timezone;
  const cur = order.cinema.currency;
  col.text(order.cinema.name, { font: 'bold', size: 10 * scale, align: 'center' }, 0.5);
  if (order.cinema.address) col.text(order.cinema.address, { size: 6.5 * scale, align: 'center' }, 0);
  col.rule(false, 4 * scale);
  col.text(t.filmTitle, { font: 'bold', size: 14 * scale, align: 'center' }, 2);
  col.text([t.ageRating, t.format, t.language ? t.language.toUpperCase() : ''].filter(Boolean).join('  ·  '), { size: 8 * scale, align: 'center' }, 4 * scale);
  col.text(p.longDate(t.startsAt, tz), { font: 'bold', size: 9.5 * scale, align: 'center' }, 0);
  col.text(p.clockTime(t.startsAt, tz), { font: 'bold', size: 24 * scale, align: 'center' }, 2 * scale);
  col.text(t.hallName, { font: 'bold', size: 12 * scale, align: 'center' }, 3 * scale);
  col.figures(
    [
      { label: w('documents:ticket.row'), value: t.rowLabel },
      { label: w('documents:ticket.seat'), value: String(t.seatNumber) },
    ],
    20 * scale,
  );
  if (t.seatKind !== 'STANDARD') col.text(p.seatKind(t.seatKind), { size: 8 * scale, align: 'center' }, 0);
  col.rule(true, 4 * scale);
  col.pair(w('documents:ticket.typeTicket', { type: p.ticketType(t.ticketType) }), p.money(t.price - t.discount, cur), { font: 'bold', size: 10 * scale });
  if (t.discount > 0) col.pair(`  ${w('documents:ticket.inclDiscount')}`, `−${p.money(t.discount, cur)}`, { size: 7.5 * scale });
  if (order.cinema.ticketVatBp > 0) col.text(w('documents:ticket.vatIncluded', { rate: p.percent(order.cinema.ticketVatBp) }), { size: 6.5 * scale }, 0);
  col.space(5 * scale);
  col.qr(t.qrPayload, 46 * MM * scale);
  col.space(3 * scale);
  col.text(w('documents:ticket.orderAndTicket', { order: order.number, ticket: t.id.slice(-8).toUpperCase() }), { size: 7 * scale, align: 'center' }, 0);
  col.text(w('documents:ticket.showAtDoor'), { size: 6.5 * scale, align: 'center' }, 0);
}

/** The live tickets of an order (not the ones refunded or exchanged away). */
export function printableTickets(order: OrderDocument): DocumentTicket[] {
  return order.tickets.filter((t) => t.status === 'SOLD');
}

/** Measures a slip of `width` points at `scale` on a scratch document: a roll page is exactly as long as its content. */
function contentHeight(order: OrderDocument, t: DocumentTicket, width: number, margin: number, scale: number, p: Printed): number {
  const scratch = scratchPage(width);
  const col = new Column(scratch, margin, width - 2 * margin, margin);
  col.measuring = true;
  drawTicket(col, order, t, scale, p);
  return col.y + margin;
}

/** Fixed ticket stock for dedicated ticket printers (BOCA-style), in points: 2″ × 5.5″ and 3.25″ × 8″. */
export const TICKET_STOCK_SIZES: Partial<Record<Paper, [number, number]>> = {
  TICKET_2X5_5: [2 * 72, 5.5 * 72],
  TICKET_3_25X8: [3.25 * 72, 8 * 72],
};

/**
 * The ticket slips of an order: on the 80 mm roll one page per ticket, every page as long as the
 * longest slip (one media size for the whole CUPS job); on ticket stock one ticket per card at
 * the card's size, the slip scaled to its width (and down further if it would run off the card);
 * on A4 a larger copy of the slip in a cut-out frame, for reprints and e-mail.
 */
export async function renderTicketSlips(order: OrderDocument, paper: Paper, tickets: DocumentTicket[] = printableTickets(order), language?: Language): Promise<Buffer> {
  const p = printedIn(language);
  const doc: Doc = newDocument(p.t('documents:ticket.pdfTitle', { order: order.number }));
  const stock = TICKET_STOCK_SIZES[paper];
  const rollHeight = paper === 'THERMAL_80' ? Math.ceil(Math.max(...tickets.map((t) => contentHeight(order, t, THERMAL_WIDTH, THERMAL_MARGIN, 1, p))) + 6 * MM) : 0;
  for (const t of tickets) {
    if (paper === 'THERMAL_80') {
      doc.addPage({ size: [THERMAL_WIDTH, rollHeight], margin: 0 });
      drawTicket(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), order, t, 1, p);
    } else if (stock) {
      const [width, height] = stock;
      const margin = 3 * MM;
      let scale = (width - 2 * margin) / (THERMAL_WIDTH - 2 * THERMAL_MARGIN);
      const tall = contentHeight(order, t, width, margin, scale, p);
      if (tall > height) scale *= (height - 2 * margin) / (tall - 2 * margin);
      doc.addPage({ size: [width, height], margin: 0 });
      drawTicket(new Column(doc, margin, width - 2 * margin, margin), order, t, scale, p);
    } else {
      doc.addPage({ size: A4, margin: 0 });
      const width = 110 * MM;
      const x = (A4[0] - width) / 2;
      const col = new Column(doc, x, width, 24 * MM);
      drawTicket(col, order, t, 1.35, p);
      doc.save().lineWidth(0.8).dash(4, { space: 3 }).strokeColor('#555555');
      doc.rect(x - 8 * MM, 16 * MM, width + 16 * MM, col.y - 16 * MM + 8 * MM).stroke();
      doc.restore();
      doc.font('regular').fontSize(8).fillColor('#555555').text(p.t('documents:ticket.cutHere'), x - 8 * MM, col.y + 12 * MM, { width: width + 16 * MM, align: 'center' });
    }
  }
  return finish(doc);
}
