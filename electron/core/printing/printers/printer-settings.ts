import { dirname, join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Paper, PrinterChoice, PrinterKind } from '../../../../shared/contract/printing';
import type { DB } from '../../db/tables';
import { readMeta, writeMeta } from '../../terminal/identity';
import { CupsPrinter, runCommand, type Run } from './cups-printer';
import { FolderPrinter } from './folder-printer';
import { PrintFailure, type PrinterDriver } from './printer-driver';

type Db = Kysely<DB> | Transaction<DB>;

/** local_meta key of this terminal's printer choice (JSON). Local: every counter has its own printer. */
export const PRINTER_META_KEY = 'printer';

interface StoredChoice {
  kind: PrinterKind;
  name?: string | null;
  folder?: string | null;
  paper?: Paper;
}

/** Beside the database file: `<data folder>/printed`. */
export async function defaultPrintFolder(db: Db): Promise<string> {
  const row = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  const file = row.rows[0]?.file;
  return join(file ? dirname(file) : process.cwd(), 'printed');
}

function labelOf(choice: Omit<PrinterChoice, 'label'>): string {
  if (choice.kind === 'CUPS') return `CUPS printer ${choice.name}`;
  if (choice.kind === 'FOLDER') return `PDF folder ${choice.folder}`;
  return 'No printer';
}

/** The printer chosen for this terminal; a PDF folder beside the database until someone chooses. */
export async function readPrinterChoice(db: Db): Promise<PrinterChoice> {
  const raw = await readMeta(db, PRINTER_META_KEY);
  let stored: StoredChoice = { kind: 'FOLDER' };
  try {
    if (raw) stored = JSON.parse(raw) as StoredChoice;
  } catch {
    stored = { kind: 'FOLDER' };
  }
  const kind: PrinterKind = stored.kind === 'CUPS' || stored.kind === 'NONE' ? stored.kind : 'FOLDER';
  const choice = {
    kind,
    name: kind === 'CUPS' ? (stored.name ?? null) : null,
    folder: kind === 'FOLDER' ? (stored.folder ?? (await defaultPrintFolder(db))) : null,
    paper: stored.paper === 'A4' ? 'A4' : 'THERMAL_80',
  } as const;
  return { ...choice, label: labelOf(choice) };
}

export async function writePrinterChoice(db: Db, choice: StoredChoice): Promise<void> {
  await writeMeta(db, PRINTER_META_KEY, JSON.stringify({ kind: choice.kind, name: choice.name ?? null, folder: choice.folder ?? null, paper: choice.paper ?? 'THERMAL_80' }));
}

/** The driver for a choice; NONE (or a CUPS choice without a name) is "no printer configured". */
export function driverFor(choice: PrinterChoice, run: Run = runCommand): PrinterDriver {
  if (choice.kind === 'FOLDER' && choice.folder) return new FolderPrinter(choice.folder);
  if (choice.kind === 'CUPS' && choice.name) return new CupsPrinter(choice.name, run);
  throw new PrintFailure('NO_PRINTER', 'No printer is set up for this terminal. A manager can choose one under Printer settings.');
}
