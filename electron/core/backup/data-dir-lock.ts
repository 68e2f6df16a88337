import { existsSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * One writer per data folder (issue 12, item 1). The lock is an exclusive SQLite lock on this file,
 * held open for the holder's life: SQLite takes it with fcntl (LockFileEx on Windows), which the
 * operating system drops when the process dies however it dies — no pid to guess about. The file
 * stays empty and is never deleted (a process that opened the old file just before a delete would
 * lock a different inode than the next one).
 *
 * Never open this file with `fs` in a process that may hold the lock: closing any descriptor of a
 * file drops that process's fcntl locks on it (SQLite's own connections know and share theirs).
 */
export const LOCK_FILE = 'box-office.lock';
/** Who holds the lock: written by the holder only, for the refusal message; it proves nothing. */
export const HOLDER_FILE = 'box-office.lock-holder.json';

export interface DataDirHolder {
  pid: number;
  /** ISO time the holder took the lock. */
  since: string;
  /** What the holder is ("the browser bridge", "npm run restore", …). */
  program: string;
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly holder: DataDirHolder;
  /** Gives the folder up; only the holder can, and only once. */
  release(): void;
}

export class DataDirBusy extends Error {
  override name = 'DataDirBusy';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | null,
  ) {
    super(busyMessage(dataDir, holder));
  }
}

export interface HoldOptions {
  now?: Date;
  /** Defaults to a description of this process (its script and arguments). */
  program?: string;
  /** better-sqlite3 addon built for Electron's ABI, when it differs from Node's. */
  nativeBinding?: string;
}

/** "process 4711 (npm run restore), since 2026-12-05 11:05:02 UTC". */
export function describeHolder(holder: DataDirHolder | null): string {
  if (!holder) return 'another process (it has not said which yet)';
  return `process ${holder.pid} (${holder.program}), since ${holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
}

function busyMessage(dataDir: string, holder: DataDirHolder | null): string {
  return `The data folder ${dataDir} is in use by ${describeHolder(holder)}. Only one box office may use a data folder at a time: close that one first.`;
}

/** "browser bridge (start-browser.ts --data-dir /x)": what a holder is, for people. */
export function describeThisProcess(): string {
  if (process.versions.electron) return 'the Box Office desktop app';
  const [script, ...args] = process.argv.slice(1);
  return ['node', script ? basename(script) : '', ...args].filter(Boolean).join(' ').slice(0, 300);
}

/** The exclusive lock on the folder's lock file, or null when someone else holds it. */
function tryLock(dataDir: string, nativeBinding: string | undefined): Database.Database | null {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    // timeout 0: a second process is refused at once instead of waiting for the first to end.
    const sqlite = new Database(file, { timeout: 0, nativeBinding });
    try {
      sqlite.pragma('locking_mode = EXCLUSIVE');
      // Never committed: the transaction (and with it the lock) lasts until close or death.
      sqlite.exec('BEGIN EXCLUSIVE');
      return sqlite;
    } catch (e) {
      sqlite.close();
      const code = (e as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return null;
      // Versions before issue 12 wrote a pid file here. Nobody can hold a lock on a file that is
      // not a database, so emptying it in place (same inode) is safe; then try once more.
      if (code === 'SQLITE_NOTADB' && attempt === 0) {
        truncateSync(file, 0);
        continue;
      }
      throw e;
    }
  }
}

/** The holder as it described itself, or null when it has not (yet) or the file is unreadable. */
export function readHolder(dataDir: string): DataDirHolder | null {
  try {
    const h = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as Partial<DataDirHolder>;
    if (typeof h.pid !== 'number' || typeof h.since !== 'string' || typeof h.program !== 'string') return null;
    return { pid: h.pid, since: h.since, program: h.program };
  } catch {
    return null;
  }
}

function writeHolder(dataDir: string, holder: DataDirHolder): void {
  const file = join(dataDir, HOLDER_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(holder) + '\n');
  renameSync(temp, file);
}

/**
 * Takes the data folder for this process, or throws DataDirBusy naming the holder. Held until
 * `release()` or the process's end (crash and SIGKILL included).
 */
export function holdDataDirLock(dataDir: string, options: HoldOptions = {}): DataDirLock {
  const sqlite = tryLock(dataDir, options.nativeBinding);
  if (!sqlite) throw new DataDirBusy(dataDir, readHolder(dataDir));
  const holder: DataDirHolder = { pid: process.pid, since: (options.now ?? new Date()).toISOString(), program: options.program ?? describeThisProcess() };
  try {
    writeHolder(dataDir, holder);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  let held = true;
  return {
    dataDir,
    holder,
    release() {
      if (!held) return;
      held = false;
      // Still holding the lock here, so the holder file is ours to remove.
      if (readHolder(dataDir)?.pid === process.pid) rmSync(join(dataDir, HOLDER_FILE), { force: true });
      sqlite.close();
    },
  };
}

/**
 * Who holds the folder right now: null when nobody does (the lock is free — checked by taking it
 * for a moment, not by guessing from a pid), else the holder as it described itself.
 */
export function dataDirHolder(dataDir: string, nativeBinding?: string): { holder: DataDirHolder | null } | null {
  if (!existsSync(join(dataDir, LOCK_FILE))) return null;
  const sqlite = tryLock(dataDir, nativeBinding);
  if (!sqlite) return { holder: readHolder(dataDir) };
  sqlite.close();
  return null;
}
