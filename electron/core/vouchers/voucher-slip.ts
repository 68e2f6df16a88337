import type { SignedInContext } from '../context';
import type { VatLine } from '../../../shared/contract/money-trail';
import type { OrderPdf, PrintResult } from '../../../shared/contract/printing';
import { DomainError, inWords } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { requireTerminalCinema } from '../catalog/require-cinema';
import { renderVoucherSlip, type VoucherSlip } from '../printing/voucher-slip-pdf';
import { driverFor, readPrinterChoice, printerNameIn } from '../printing/printers/printer-settings';
import { PrintFailure } from '../printing/printers/printer-driver';
import type { Paper } from '../printing/pdf-kit';
import { maskedVoucherCode, normalizeVoucherCode, voucherCodeHash } from './voucher-code';
import { readerLanguage } from '../reader-language';

/**
 * A voucher's slip as this terminal knows it: the code, its value and, when sold here, the receipt of
 * the sale. The full code is only known where it was just sold (the sale returns it and the counter
 * passes it back for the slip); it is checked against the stored hash. Without it the slip is a copy
 * naming the last 4 characters, with no QR: the code is stored nowhere.
 */
export async function loadVoucherSlip(ctx: SignedInContext, voucherId: string, typedCode?: string): Promise<VoucherSlip> {
  const cinema = await requireTerminalCinema(ctx.db, ctx);
  const v = await ctx.db.selectFrom('gift_vouchers').selectAll().where('id', '=', voucherId).executeTakeFirst();
  if (!v) throw new DomainError('NOT_FOUND', { key: 'refusals:vouchers.noSuchVoucherTerminal' });
  const code = typedCode === undefined ? null : normalizeVoucherCode(typedCode);
  const full = code !== null && (await voucherCodeHash(code)) === v.code_hash;
  const sale = await ctx.db
    .selectFrom('gift_voucher_movements as m')
    .innerJoin('orders as o', 'o.id', 'm.order_id')
    .leftJoin('fiscal_receipts as r', (j) => j.onRef('r.order_id', '=', 'o.id').on('r.kind', '=', 'VOUCHER_SALE'))
    .select(['o.number as order_number', 'r.number', 'r.issued_at', 'r.vat', 'r.payments'])
    .where('m.voucher_id', '=', voucherId)
    .where('m.kind', '=', 'SALE')
    .executeTakeFirst();
  return {
    language: readerLanguage(ctx),
    cinema: { name: cinema.name, legalName: cinema.legal_name, address: cinema.address, taxNumber: cinema.tax_number, currency: v.currency, timezone: cinema.timezone },
    code: full ? code : maskedVoucherCode(v.code_last4),
    copy: !full,
    amount: v.amount,
    soldAt: v.sold_at,
    orderNumber: sale?.order_number ?? null,
    terminal: ctx.terminal.name,
    receipt:
      sale?.number != null && sale.issued_at && sale.vat && sale.payments
        ? { number: sale.number, issuedAt: sale.issued_at, vat: JSON.parse(sale.vat) as VatLine[], payments: JSON.parse(sale.payments) as { method: string; amount: number }[] }
        : null,
  };
}

export async function voucherSlipPdf(ctx: SignedInContext, voucherId: string, code?: string, paper: Paper = 'A4'): Promise<OrderPdf> {
  const slip = await loadVoucherSlip(ctx, voucherId, code);
  const pdf = await renderVoucherSlip(slip, paper);
  return { fileName: `Gift voucher ${slip.code}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), bytes: pdf.length };
}

/** Prints the slip on this terminal's receipt printer. */
export async function printVoucherSlip(ctx: SignedInContext, voucherId: string, code?: string): Promise<PrintResult> {
  const slip = await loadVoucherSlip(ctx, voucherId, code);
  const choice = await readPrinterChoice(ctx.db);
  const pdf = await renderVoucherSlip(slip, choice.paper);
  try {
    const printed = await driverFor(choice, ctx.services.printing).print({ title: `Gift voucher ${slip.code}`, fileName: `${slip.soldAt.slice(0, 10)} voucher ${slip.code}.pdf`, pdf, paper: choice.paper });
    await recordAudit(ctx.db, ctx, { action: 'voucher.print_slip', entity: 'gift_voucher', entityId: voucherId, details: { printer: choice.label, copy: slip.copy } });
    return { printer: printerNameIn(choice, readerLanguage(ctx)), jobs: [{ document: 'RECEIPT', where: inWords(printed.where, readerLanguage(ctx)) }] };
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    throw new DomainError(e.kind === 'DISK_FULL' ? 'DISK_FULL' : 'PRINT_FAILED', { key: 'refusals:vouchers.voucherSlipDidNot', values: { eMessage: e.words } }, { cause: e.kind });
  }
}
