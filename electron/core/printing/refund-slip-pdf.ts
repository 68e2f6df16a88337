import type { PaymentMethod } from '../../../shared/enums';
import type { ItemDisposition, RefundPromocode } from '../../../shared/contract/refunds';
import { Column } from './column';
import { A4, MM, THERMAL_MARGIN, THERMAL_WIDTH, finish, newDocument, scratchPage, type Paper } from './pdf-kit';
import type { Language } from '../../../shared/i18n/languages';
import { printedIn } from './print-format';

/** Everything a refund slip shows (rule 16: refunds print numbered slips). */
export interface RefundSlip {
  cinema: { name: string; address: string; currency: string; timezone: string; legalName?: string; taxNumber?: string };
  slipNumber: string;
  /** Rule 16: the slip's number among this terminal's receipts, and the receipt it corrects (null: sold on another terminal). */
  receiptNumber?: number | null;
  refersToReceipt?: number | null;
  terminal?: string;
  orderNumber: string;
  at: string;
  cashier: string;
  approvedBy: string | null;
  /** In words, e.g. "Customer changed their mind". */
  reason: string;
  tickets: string[];
  items: { name: string; quantity: number; to: ItemDisposition }[];
  amount: number;
  paidBack: { method: PaymentMethod; amount: number; cardLast4: string | null }[];
  bonusReversed: number;
  promocode: RefundPromocode | null;
  /** The reader's language (the signed-in person's, else the terminal's); English when not given. */
  language?: Language;
}

function drawRefundSlip(col: Column, r: RefundSlip, scale: number): void {
  const s = (n: number) => n * scale;
  const p = printedIn(r.language);
  const { t } = p;
  const m = (n: number) => p.money(n, r.cinema.currency);
  col.text(r.cinema.name, { font: 'bold', size: s(12), align: 'center' }, 0.5);
  if (r.cinema.legalName && r.cinema.legalName !== r.cinema.name) col.text(r.cinema.legalName, { size: s(7.5), align: 'center' }, 0);
  if (r.cinema.address) col.text(r.cinema.address, { size: s(7), align: 'center' }, 0);
  if (r.cinema.taxNumber) col.text(t('documents:slip.taxNumber', { number: r.cinema.taxNumber }), { size: s(7), align: 'center' }, 0);
  col.space(s(4));
  col.text(t('documents:refund.title'), { font: 'bold', size: s(10), align: 'center' }, 1);
  col.pair(t('documents:refund.slip'), r.slipNumber, { font: 'bold', size: s(9) });
  if (r.receiptNumber) col.pair(t('documents:slip.receiptNo'), String(r.receiptNumber), { font: 'bold', size: s(9) });
  col.pair(t('documents:slip.refersTo'), r.refersToReceipt ? t('documents:slip.refersToNumber', { number: r.refersToReceipt }) : t('documents:slip.refersToOtherTerminal', { order: r.orderNumber }), { size: s(8) });
  if (r.terminal) col.pair(t('documents:slip.terminal'), r.terminal, { size: s(8) });
  col.pair(t('documents:slip.order'), r.orderNumber, { size: s(8) });
  col.pair(t('documents:slip.date'), p.dateTime(r.at, r.cinema.timezone), { size: s(8) });
  col.pair(t('documents:slip.cashier'), r.cashier, { size: s(8) });
  if (r.approvedBy) col.pair(t('documents:refund.approvedBy'), r.approvedBy, { size: s(8) });
  col.pair(t('documents:refund.reason'), r.reason, { size: s(8) });
  col.rule(true, s(3));
  for (const line of r.tickets) col.text(line, { size: s(8) }, 0.5);
  for (const i of r.items) col.text(t(i.to === 'STOCK' ? 'documents:refund.backToStock' : 'documents:refund.waste', { count: i.quantity, name: i.name }), { size: s(8) }, 0.5);
  if (r.promocode && (r.promocode.dropped || r.promocode.clawback !== 0)) {
    col.space(s(2));
    const what = r.promocode.clawback > 0 ? t('documents:refund.promoTakenBack', { amount: m(r.promocode.clawback) }) : t('documents:refund.promoKept', { amount: m(-r.promocode.clawback) });
    col.text(t(r.promocode.dropped ? 'documents:refund.promoDropped' : 'documents:refund.promoReapplied', { code: r.promocode.code, what }), { font: 'bold', size: s(8) }, 0.5);
    if (r.promocode.note) col.text(r.promocode.note, { size: s(7) }, 0.5);
  }
  col.rule(false, s(3));
  for (const back of r.paidBack) col.pair(t('documents:slip.backTo', { method: `${p.method(back.method)}${back.cardLast4 ? ` •••• ${back.cardLast4}` : ''}` }), m(back.amount), { size: s(8.5) }, 0.5);
  col.pair(t('documents:refund.refunded'), m(r.amount), { font: 'bold', size: s(12) }, s(2));
  if (r.bonusReversed > 0) col.pair(t('documents:refund.bonusTakenBack'), p.count(r.bonusReversed), { size: s(8) });
  col.rule(true, s(4));
  col.space(s(8));
  col.text(t('documents:slip.customerSignature'), { size: s(8), align: 'center' }, 0);
}

/** The slip on the roll (as long as its content) or on A4. */
export async function renderRefundSlip(r: RefundSlip, paper: Paper): Promise<Buffer> {
  const doc = newDocument(printedIn(r.language).t('documents:refund.pdfTitle', { number: r.slipNumber }));
  if (paper === 'THERMAL_80') {
    const measure = new Column(scratchPage(THERMAL_WIDTH), THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN);
    measure.measuring = true;
    drawRefundSlip(measure, r, 1);
    doc.addPage({ size: [THERMAL_WIDTH, Math.ceil(measure.y + THERMAL_MARGIN + 8 * MM)], margin: 0 });
    drawRefundSlip(new Column(doc, THERMAL_MARGIN, THERMAL_WIDTH - 2 * THERMAL_MARGIN, THERMAL_MARGIN), r, 1);
  } else {
    doc.addPage({ size: A4, margin: 0 });
    const width = 120 * MM;
    drawRefundSlip(new Column(doc, (A4[0] - width) / 2, width, 25 * MM, A4[1] - 25 * MM, 25 * MM), r, 1.25);
  }
  return finish(doc);
}
