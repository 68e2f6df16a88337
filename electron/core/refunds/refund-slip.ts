import { sql } from 'kysely';
import type { PrintResult } from '../../../shared/contract/printing';
import type { RefundReason } from '../../../shared/enums';
import type { SignedInContext } from '../context';
import { DomainError, inWords } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { renderRefundSlip, type RefundSlip } from '../printing/refund-slip-pdf';
import { driverFor, readPrinterChoice, printerNameIn } from '../printing/printers/printer-settings';
import { PrintFailure } from '../printing/printers/printer-driver';
import type { RefundResult } from '../../../shared/contract/refunds';
import { printedIn } from '../printing/print-format';
import { readerLanguage } from '../reader-language';

/** A refund's slip, from the refund's own audit entry (it holds the slip number and everything paid back). */
export async function loadRefundSlip(ctx: SignedInContext, orderId: string, slipNumber: string): Promise<RefundSlip> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const entry = await ctx.db
    .selectFrom('audit_log as a')
    .innerJoin('orders as o', 'o.id', 'a.entity_id')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('users as m', 'm.id', 'a.override_user_id')
    .select(['a.at', 'a.details', 'o.number', 'u.display_name as cashier', 'm.display_name as manager'])
    .where('a.action', '=', 'order.refund')
    .where('a.entity_id', '=', orderId)
    .where('o.cinema_id', '=', cinema.id)
    .where(sql<boolean>`json_extract(a.details, '$.slip') = ${slipNumber}`)
    .executeTakeFirst();
  if (!entry) throw new DomainError('NOT_FOUND', { key: 'refusals:refunds.noRefundSlipOrder', values: { slipNumber } });
  const d = JSON.parse(entry.details) as { tickets: string[]; items: RefundResult['items']; amount: number; paidBack: RefundResult['paidBack']; bonusReversed: number; promocode: RefundResult['promocode']; reason?: RefundReason; receipt?: number; refersToReceipt?: number | null };
  const tickets = d.tickets.length
    ? await ctx.db
        .selectFrom('tickets as t')
        .innerJoin('sessions as s', 's.id', 't.session_id')
        .innerJoin('films as f', 'f.id', 's.film_id')
        .innerJoin('seats as st', 'st.id', 't.seat_id')
        .select(['f.title', 'st.row_label', 'st.number', 't.price', 't.discount'])
        .where('t.id', 'in', d.tickets)
        .execute()
    : [];
  const language = readerLanguage(ctx);
  const p = printedIn(language);
  return {
    language,
    cinema: { name: cinema.name, address: cinema.address, currency: cinema.currency, timezone: cinema.timezone, legalName: cinema.legal_name, taxNumber: cinema.tax_number },
    slipNumber,
    receiptNumber: d.receipt ?? null,
    refersToReceipt: d.refersToReceipt ?? null,
    terminal: ctx.terminal.name,
    orderNumber: entry.number,
    at: entry.at,
    cashier: entry.cashier ?? 'unknown',
    approvedBy: entry.manager ?? null,
    reason: p.refundReason(d.reason ?? 'OTHER'),
    tickets: tickets.map((t) => `${t.title} · ${p.seat(t.row_label, t.number)}`),
    items: d.items,
    amount: d.amount,
    paidBack: d.paidBack,
    bonusReversed: d.bonusReversed,
    promocode: d.promocode,
  };
}

/** Prints a refund's numbered slip on this terminal's printer (the refund itself is saved whatever the printer does). */
export async function printRefundSlip(ctx: SignedInContext, orderId: string, slipNumber: string): Promise<PrintResult> {
  const slip = await loadRefundSlip(ctx, orderId, slipNumber);
  const choice = await readPrinterChoice(ctx.db);
  const pdf = await renderRefundSlip(slip, choice.paper);
  try {
    const printed = await driverFor(choice, ctx.services.printing).print({ title: `Refund slip ${slipNumber}`, fileName: `${slip.at.slice(0, 10)} ${slipNumber} refund.pdf`, pdf, paper: choice.paper, content: { kind: 'REFUND_SLIP', slip } });
    await recordAudit(ctx.db, ctx, { action: 'order.print_refund_slip', entity: 'order', entityId: orderId, details: { slip: slipNumber, printer: choice.label } });
    return { printer: printerNameIn(choice, readerLanguage(ctx)), jobs: [{ document: 'RECEIPT', where: inWords(printed.where, readerLanguage(ctx)) }] };
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    throw new DomainError(e.kind === 'DISK_FULL' ? 'DISK_FULL' : 'PRINT_FAILED', { key: 'refusals:refunds.refundSlipDidNot', values: { slipNumber, eMessage: e.words } }, { cause: e.kind });
  }
}
