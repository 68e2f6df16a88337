import { mkdirSync } from 'node:fs';
import { businessDateOf } from '../../../shared/business-day';
import { hashSecret } from '../auth/password';
import { openDatabase } from '../db/open';
import { startCore } from '../app-core';
import { holdDataDirLock, type DataDirLock } from '../backup/data-dir-lock';
import { generateHistory, type HistoryResult } from './generate-history';

export interface LoadHistoryOptions {
  dataDir: string;
  days: number;
  halls: number;
  seed?: number;
  /** Password of the three generated history cashiers (default "history1234"). */
  staffPassword?: string;
  log?: (line: string) => void;
}

/**
 * Fills a data folder with history: starts the core once on demo data (so the cinema, this
 * terminal and staff who can sign in exist), closes it, then generates `days` of past sales up to
 * yesterday's business day on a plain connection. Used by `npm run generate` and the benchmarks.
 * Holds the data folder throughout (refused while anything else does), so the bulk load really has
 * the file alone.
 */
export async function loadHistory(options: LoadHistoryOptions): Promise<HistoryResult> {
  mkdirSync(options.dataDir, { recursive: true });
  const lock = holdDataDirLock(options.dataDir, { program: 'the history generator' });
  try {
    return await loadHistoryHolding(options, lock);
  } finally {
    lock.release();
  }
}

async function loadHistoryHolding(options: LoadHistoryOptions, dataDirLock: DataDirLock): Promise<HistoryResult> {
  const quiet = { info: () => undefined, error: () => undefined };
  const core = await startCore({ dataDir: options.dataDir, demo: true, log: quiet, sync: { background: false }, dataDirLock });
  const terminal = core.terminal();
  const cinema = await core.services.db.selectFrom('cinemas').select(['id', 'timezone', 'business_day_start']).where('id', '=', terminal.cinemaId ?? '').executeTakeFirst();
  const databaseFile = core.databaseFile;
  await core.close();
  if (!cinema) throw new Error('The data folder has no cinema yet.');
  const endDate = businessDateOf(new Date(), { timezone: cinema.timezone, dayStart: cinema.business_day_start });
  const staffPasswordHash = await hashSecret(options.staffPassword ?? 'history1234');
  const local = openDatabase(databaseFile);
  try {
    // A bulk load of invented past data into a file nobody else has open: losing it to a power
    // cut or a crash costs a re-run (generate into a fresh folder again), not a sale.
    return generateHistory(local.sqlite, { cinemaId: cinema.id, terminalId: terminal.id, days: options.days, halls: options.halls, endDate, seed: options.seed, staffPasswordHash, exclusive: true });
  } finally {
    await local.close();
  }
}
