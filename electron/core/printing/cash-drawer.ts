import type { SignedInContext } from '../context';
import { DomainError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { driverFor, printerNameIn, readPrinterChoice, readPrinterDevice, withLabel } from './printers/printer-settings';
import { readerLanguage } from '../reader-language';
import { PrintFailure } from './printers/printer-driver';

/**
 * The cash drawer hangs on the receipt printer's drawer port (ESC/POS "ESC p"). It opens when cash
 * moves: a cash sale, a cash refund or exchange difference, the float put in at shift open and
 * the count taken out at close — and when a manager opens it outside a sale (audited).
 */
export type DrawerReason = 'CASH_SALE' | 'CASH_REFUND' | 'CASH_EXCHANGE' | 'SHIFT_OPEN' | 'SHIFT_CLOSE' | 'MANAGER';

/**
 * Opens the drawer after cash moved (the money is already saved). A printer without a drawer
 * port (PDF folder, CUPS) opens nothing; a drawer that does not open is noted in the audit log and
 * never undoes or fails the sale.
 */
export async function openDrawerForCash(ctx: SignedInContext, reason: Exclude<DrawerReason, 'MANAGER'>, details: Record<string, unknown>): Promise<void> {
  // Every cash sale passes here: the printer is named (an i18next call) only when it has a drawer.
  const device = await readPrinterDevice(ctx.db, 'RECEIPTS');
  let driver;
  try {
    driver = driverFor(device, ctx.services.printing);
  } catch {
    return;
  }
  if (!driver.openDrawer) return;
  const choice = withLabel(device);
  try {
    await driver.openDrawer();
    await recordAudit(ctx.db, ctx, { action: 'drawer.open', entity: 'terminal', entityId: ctx.terminal.id, details: { reason, printer: choice.label, ...details } });
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    ctx.services.log.error(`cash drawer did not open: ${e.message}`);
    await recordAudit(ctx.db, ctx, { action: 'drawer.failed', entity: 'terminal', entityId: ctx.terminal.id, details: { reason, printer: choice.label, cause: e.kind, message: e.message, ...details } }).catch(() => undefined);
  }
}

/** "Open drawer" outside a sale: managers only (the contract), always audited, a clear refusal when there is no drawer port. */
export async function openDrawerByManager(ctx: SignedInContext, note: string | undefined): Promise<{ printer: string }> {
  const choice = await readPrinterChoice(ctx.db, 'RECEIPTS');
  let driver;
  try {
    driver = driverFor(choice, ctx.services.printing);
  } catch (e) {
    if (e instanceof PrintFailure) throw new DomainError('PRINT_FAILED', { key: 'refusals:printing.noReceiptPrinterSet' }, { cause: e.kind });
    throw e;
  }
  if (!driver.openDrawer) {
    throw new DomainError('VALIDATION', { key: 'refusals:printing.receiptPrinterNoCash', values: { choiceLabel: printerNameIn(choice, readerLanguage(ctx)) } });
  }
  try {
    await driver.openDrawer();
  } catch (e) {
    if (!(e instanceof PrintFailure)) throw e;
    await recordAudit(ctx.db, ctx, { action: 'drawer.failed', entity: 'terminal', entityId: ctx.terminal.id, details: { reason: 'MANAGER', note: note ?? null, printer: choice.label, cause: e.kind, message: e.message } });
    throw new DomainError('PRINT_FAILED', { key: 'refusals:printing.cashDrawerDidNot', values: { eMessage: e.words } }, { cause: e.kind });
  }
  await recordAudit(ctx.db, ctx, { action: 'drawer.open', entity: 'terminal', entityId: ctx.terminal.id, details: { reason: 'MANAGER', note: note ?? null, printer: choice.label } });
  return { printer: printerNameIn(choice, readerLanguage(ctx)) };
}
