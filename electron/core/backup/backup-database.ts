import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupKind, BackupStamp } from './retention';
import { NEARLY_FULL_BYTES, freeBytes } from '../db/storage-failure';

export const BACKUP_FOLDER = 'backups';

export interface BackupFile extends BackupStamp {
  path: string;
  sizeBytes: number;
}

const NAME = /^box-office-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-(daily|pre-migration|manual)\.sqlite$/;

export function backupFolder(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER);
}

/** box-office-2026-11-25T161830123Z-daily.sqlite: sorts by time, says when and why. */
export function backupFileName(at: Date, kind: BackupKind): string {
  const iso = at.toISOString(); // 2026-11-25T16:18:30.123Z
  return `box-office-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}Z-${kind}.sqlite`;
}

/** The backups in a data folder, newest first (files that are not ours are ignored). */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupFolder(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    out.push({
      file: name,
      path,
      kind: m[6] as BackupKind,
      createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`,
      sizeBytes: statSync(path).size,
    });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
}

/**
 * `PRAGMA integrity_check` (or the faster `quick_check`, which skips matching indexes to their
 * tables) of a database file, opened read-only: 'ok' or what SQLite found.
 */
export function integrityOf(file: string, check: 'integrity_check' | 'quick_check' = 'integrity_check'): string {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma(check, { simple: false }) as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]).join('; ') || 'no answer';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    db?.close();
  }
}

/**
 * Copies the live database with SQLite's online backup API (consistent while the app keeps
 * selling), checks the copy's integrity, and only then gives it its final name. A copy that fails
 * the check is deleted and the error says why.
 */
export async function backupDatabase(sqlite: Database.Database, dataDir: string, at: Date, kind: BackupKind): Promise<BackupFile> {
  const dir = backupFolder(dataDir);
  mkdirSync(dir, { recursive: true });
  const name = backupFileName(at, kind);
  const partial = join(dir, `${name}.partial`);
  const path = join(dir, name);
  // A copy that cannot fit would take the disk's last space from the sales while it is written
  // (and fail anyway): refuse it first, keeping the reserve a start asks for.
  const size = (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
  const free = freeBytes(dir);
  if (free !== null && free < size + NEARLY_FULL_BYTES) {
    const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);
    throw Object.assign(new Error(`a backup needs ${mb(size)} MB plus ${mb(NEARLY_FULL_BYTES)} MB kept free for sales, and ${mb(free)} MB are free`), { code: 'ENOSPC' });
  }
  try {
    await sqlite.backup(partial);
    // The copy carries the live file's WAL flag; a backup is one self-contained file.
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const integrity = integrityOf(partial);
    // The online backup copies pages as they are: a damaged copy means a damaged database.
    if (integrity !== 'ok') throw Object.assign(new Error(`the copy failed its integrity check (${integrity})`), { code: 'SQLITE_CORRUPT' });
    renameSync(partial, path);
  } catch (e) {
    // SQLite writes the copy with a rollback journal beside it: neither may stay behind.
    for (const file of [partial, `${partial}-journal`]) rmSync(file, { force: true });
    throw e;
  }
  return { file: name, path, kind, createdAt: at.toISOString(), sizeBytes: statSync(path).size };
}
