import { pdfPageSizes } from './page-size';
import { failure } from './print-causes';
import { PrintFailure, type PrintJob, type PrintedJob, type PrinterDriver } from './printer-driver';
import type { Words } from '../../../../shared/i18n/message-key';

/**
 * Printing through the desktop's own printers (Windows and macOS have no CUPS for the app to
 * drive; Linux desktops may use it too): Electron loads the slip PDF in a hidden window and
 * prints it silently to one device. The window lives in electron/system-print.ts; every decision
 * — which device, which page size, which words for a failure — is made here, under Node tests.
 */

/** What Electron's getPrintersAsync() says of a printer (the fields used). */
export interface SystemDevice {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** webContents.print options: silent, to one device, at the slip's own size (microns), no margins. */
export interface SystemPrintOptions {
  silent: true;
  printBackground: true;
  deviceName: string;
  pageSize: 'A4' | 'Letter' | { width: number; height: number };
  margins: { marginType: 'none' };
  landscape: boolean;
  copies: 1;
}

/** The Electron side: list the devices, print one PDF. */
export interface SystemPrintBackend {
  listPrinters(): Promise<SystemDevice[]>;
  /** Resolves with Electron's print callback: success, or its failureReason. */
  printPdf(pdf: Buffer, options: SystemPrintOptions): Promise<{ ok: true } | { ok: false; failureReason: string }>;
}

const MICRONS_PER_POINT = 25_400 / 72;
const near = (a: number, b: number) => Math.abs(a - b) < 2;

/** The page size for Electron: named A4/Letter, or the slip's own size in microns (Chromium's minimum is 353 µm). */
export function systemPrintOptions(deviceName: string, pdf: Buffer): SystemPrintOptions {
  const pages = pdfPageSizes(pdf);
  const width = Math.max(...pages.map((p) => p.width), 1);
  const height = Math.max(...pages.map((p) => p.height), 1);
  const landscape = width > height && !(pages.length === 0);
  const [w, h] = landscape ? [height, width] : [width, height];
  let pageSize: SystemPrintOptions['pageSize'];
  if (near(w, 595.28) && near(h, 841.89)) pageSize = 'A4';
  else if (near(w, 612) && near(h, 792)) pageSize = 'Letter';
  else pageSize = { width: Math.max(353, Math.round(w * MICRONS_PER_POINT)), height: Math.max(353, Math.round(h * MICRONS_PER_POINT)) };
  return { silent: true, printBackground: true, deviceName, pageSize, margins: { marginType: 'none' }, landscape, copies: 1 };
}

/** The device chosen in the settings, by name (or by the name people see); PRINTER_NOT_FOUND when it is gone. */
export function chooseDevice(devices: readonly SystemDevice[], wanted: string): SystemDevice {
  const device = devices.find((d) => d.name === wanted) ?? devices.find((d) => d.displayName === wanted);
  if (!device) {
    const others: Words = devices.length ? { key: 'refusals:printer.computerHas', values: { names: devices.map((d) => d.displayName).join(', ') } } : { key: 'refusals:printer.computerHasNone' };
    throw failure('PRINTER_NOT_FOUND', wanted, others);
  }
  return device;
}

/** Electron's failureReason in the cashier's words. */
export function systemFailure(device: string, failureReason: string): PrintFailure {
  if (/cancel/i.test(failureReason)) return new PrintFailure('FAILED', { key: 'refusals:printer.systemCancelled', values: { device } });
  if (/invalid printer|not found|no printer/i.test(failureReason)) return failure('PRINTER_NOT_FOUND', device, failureReason);
  if (/offline|not available|unavailable/i.test(failureReason)) return failure('OFFLINE', device, failureReason);
  if (/paper/i.test(failureReason)) return failure('OUT_OF_PAPER', device, failureReason);
  return new PrintFailure('FAILED', { key: 'refusals:printer.systemDidNotPrint', values: { device, said: failureReason } });
}

export class SystemPrinter implements PrinterDriver {
  readonly label: string;

  constructor(
    readonly name: string,
    private readonly backend: SystemPrintBackend | undefined,
  ) {
    this.label = `System printer ${name}`;
  }

  async print(job: PrintJob): Promise<PrintedJob> {
    if (!this.backend) throw new PrintFailure('NO_PRINTER', { key: 'refusals:printer.systemOnlyDesktop', values: { name: this.name } });
    const device = chooseDevice(await this.backend.listPrinters(), this.name);
    const answer = await this.backend.printPdf(job.pdf, systemPrintOptions(device.name, job.pdf));
    if (!answer.ok) throw systemFailure(device.displayName, answer.failureReason);
    return { where: { key: 'refusals:printer.sentTo', values: { name: device.displayName } } };
  }
}
