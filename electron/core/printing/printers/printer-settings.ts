import { dirname, join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Paper, PrinterChoice, PrinterKind, PrinterRole } from '../../../../shared/contract/printing';
import { PAPERS, PRINTER_KINDS } from '../../../../shared/contract/printing';
import type { CoreServices } from '../../context';
import type { DB } from '../../db/tables';
import { readMeta, writeMeta } from '../../terminal/identity';
import { CupsPrinter } from './cups-printer';
import { EscPosPrinter, describeAddress, parseEscPosAddress } from './escpos/escpos-printer';
import { FolderPrinter } from './folder-printer';
import { causeWords } from './print-causes';
import { PrintFailure, type PrinterDriver } from './printer-driver';
import { SystemPrinter } from './system-printer';
import { printedIn, type Printed } from '../print-format';
import type { Language } from '../../../../shared/i18n/languages';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * local_meta key of this terminal's printers (JSON). Local: every counter has its own. Two roles:
 * tickets go to one printer, receipts (and the cash drawer on its port) to the other — either may
 * be the same device. An older single choice (one object) counts for both.
 */
export const PRINTER_META_KEY = 'printer';

export interface StoredChoice {
  kind: PrinterKind;
  name?: string | null;
  folder?: string | null;
  address?: string | null;
  paper?: Paper;
}

/** Beside the database file: `<data folder>/printed`. */
export async function defaultPrintFolder(db: Db): Promise<string> {
  const row = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  const file = row.rows[0]?.file;
  return join(file ? dirname(file) : process.cwd(), 'printed');
}

/** A printer in words ("PDF folder /…", "PDF-Ordner /…"): English unless a reader's language is given. */
function labelOf(choice: Omit<PrinterChoice, 'label'>, p: Printed = printedIn()): string {
  if (choice.kind === 'CUPS') return p.t('documents:printer.cups', { name: choice.name });
  if (choice.kind === 'FOLDER') return p.t('documents:printer.folder', { folder: choice.folder });
  if (choice.kind === 'SYSTEM') return p.t('documents:printer.system', { name: choice.name });
  if (choice.kind === 'ESCPOS') {
    const a = choice.address ? parseEscPosAddress(choice.address) : null;
    return p.t('documents:printer.escpos', { address: a ? describeAddress(a) : choice.address });
  }
  return p.t('documents:printer.none');
}

/** A printer named in a reader's language ("PDF-Ordner /…"), for an answer that names it. */
export function printerNameIn(device: PrinterDevice, language: Language): string {
  return labelOf(device, printedIn(language));
}

/** The same choice named in the reader's language, for the screen. */
export function choiceIn(choice: PrinterChoice, p: Printed): PrinterChoice {
  return { ...choice, label: labelOf(choice, p) };
}

async function readStored(db: Db): Promise<Record<PrinterRole, StoredChoice>> {
  const raw = await readMeta(db, PRINTER_META_KEY);
  let parsed: unknown = null;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    parsed = null;
  }
  const fallback: StoredChoice = { kind: 'FOLDER' };
  if (parsed && typeof parsed === 'object' && 'kind' in parsed) return { TICKETS: parsed as StoredChoice, RECEIPTS: parsed as StoredChoice };
  const both = (parsed ?? {}) as Partial<Record<PrinterRole, StoredChoice>>;
  return { TICKETS: both.TICKETS ?? fallback, RECEIPTS: both.RECEIPTS ?? fallback };
}

/** A printer as a device, without its name in words (writing it costs an i18next call). */
export type PrinterDevice = Omit<PrinterChoice, 'label'>;

async function deviceOf(db: Db, role: PrinterRole, stored: StoredChoice): Promise<PrinterDevice> {
  const kind: PrinterKind = PRINTER_KINDS.includes(stored.kind) ? stored.kind : 'FOLDER';
  const paper: Paper = stored.paper && PAPERS.includes(stored.paper) ? stored.paper : 'THERMAL_80';
  return {
    role,
    kind,
    name: kind === 'CUPS' || kind === 'SYSTEM' ? (stored.name ?? null) : null,
    folder: kind === 'FOLDER' ? (stored.folder ?? (await defaultPrintFolder(db))) : null,
    address: kind === 'ESCPOS' ? (stored.address ?? null) : null,
    // ESC/POS prints text on its own roll; the paper setting is for PDF printers.
    paper: kind === 'ESCPOS' ? 'THERMAL_80' : paper,
  };
}

async function choiceOf(db: Db, role: PrinterRole, stored: StoredChoice): Promise<PrinterChoice> {
  return withLabel(await deviceOf(db, role, stored));
}

/** The device named in English words, as the screen and the audit log show it. */
export function withLabel(device: PrinterDevice): PrinterChoice {
  return { ...device, label: labelOf(device) };
}

/** This terminal's printer for one role as a device only: for the cash drawer, which names it only when it opens. */
export async function readPrinterDevice(db: Db, role: PrinterRole): Promise<PrinterDevice> {
  return deviceOf(db, role, (await readStored(db))[role]);
}

/** This terminal's printer for one role; a PDF folder beside the database until someone chooses. */
export async function readPrinterChoice(db: Db, role: PrinterRole = 'RECEIPTS'): Promise<PrinterChoice> {
  return choiceOf(db, role, (await readStored(db))[role]);
}

export async function readPrinters(db: Db): Promise<Record<PrinterRole, PrinterChoice>> {
  const stored = await readStored(db);
  return { TICKETS: await choiceOf(db, 'TICKETS', stored.TICKETS), RECEIPTS: await choiceOf(db, 'RECEIPTS', stored.RECEIPTS) };
}

export async function writePrinterChoice(db: Db, role: PrinterRole, choice: StoredChoice): Promise<void> {
  const stored = await readStored(db);
  stored[role] = { kind: choice.kind, name: choice.name ?? null, folder: choice.folder ?? null, address: choice.address ?? null, paper: choice.paper ?? 'THERMAL_80' };
  await writeMeta(db, PRINTER_META_KEY, JSON.stringify(stored));
}

/** The driver for a choice; NONE (or a choice missing its device) is "no printer configured". */
export function driverFor(choice: PrinterDevice, printing: CoreServices['printing'] = {}): PrinterDriver {
  if (choice.kind === 'FOLDER' && choice.folder) return new FolderPrinter(choice.folder);
  if (choice.kind === 'CUPS' && choice.name) return new CupsPrinter(choice.name, { followMs: printing.followMs });
  if (choice.kind === 'SYSTEM' && choice.name) return new SystemPrinter(choice.name, printing.systemPrint);
  if (choice.kind === 'ESCPOS' && choice.address) {
    const address = parseEscPosAddress(choice.address);
    if (address) return new EscPosPrinter(address, { cups: { followMs: printing.followMs } });
  }
  throw new PrintFailure('NO_PRINTER', causeWords('NO_PRINTER', ''));
}
