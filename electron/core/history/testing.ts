import Database from 'better-sqlite3';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { generateHistory, type HistoryResult } from './generate-history';

/** A temp core on demo data plus `days` of generated history; the raw connection for SQL checks. */
export async function coreWithHistory(options: { days: number; halls: number; seed?: number; now?: string }): Promise<{
  t: TempCore;
  sqlite: Database.Database;
  history: HistoryResult;
}> {
  const t = await startTempCore({ now: options.now ?? '2026-11-25T12:00:00Z' });
  const sqlite = new Database(t.core.databaseFile);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const terminal = t.core.terminal();
  const history = generateHistory(sqlite, {
    cinemaId: terminal.cinemaId!,
    terminalId: terminal.id,
    days: options.days,
    halls: options.halls,
    endDate: '2026-11-25',
    seed: options.seed ?? 7,
    staffPasswordHash: 'not-a-real-hash',
  });
  return { t, sqlite, history };
}

