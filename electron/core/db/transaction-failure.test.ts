import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDatabase } from './open';
import { ephemeralTransaction } from './ephemeral-transaction';
import { heldTransaction } from './held-transaction';
import { inOneTransaction } from '../../../migrations/local/one-transaction';
import { storageFailureOf } from './storage-failure';

/**
 * Issue 12, point 5: on SQLITE_FULL SQLite rolls the transaction back by itself, and the explicit
 * ROLLBACK after it threw "cannot rollback - no transaction is active" — which hid the cause (every
 * sale on a full disk answered INTERNAL). The database is held to its size with
 * `PRAGMA max_page_count`: SQLite then answers SQLITE_FULL exactly as on a full disk, auto-rollback
 * included (the real full file system is in electron/core/disk-full.test.ts).
 */
describe('transaction helpers on a full database', () => {
  let dir: string;
  let local: LocalDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'box-office-full-'));
    local = openDatabase(join(dir, 'x.sqlite'));
    local.sqlite.exec(`CREATE TABLE local_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    local.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const pages = local.sqlite.pragma('page_count', { simple: true }) as number;
    local.sqlite.pragma(`max_page_count = ${pages + 2}`);
  });
  afterEach(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const big = (n: number) => ({ key: `k${n}`, value: 'x'.repeat(3000) });
  const rows = () => local.sqlite.prepare('SELECT COUNT(*) FROM local_meta').pluck().get();
  /** After the failure the connection takes the next transaction (nothing was left open). */
  const stillWorks = async () => {
    expect(local.sqlite.inTransaction).toBe(false);
    local.sqlite.pragma('max_page_count = 100000');
    await local.db.transaction().execute((trx) => trx.insertInto('local_meta').values({ key: 'after', value: '1' }).execute());
    expect(rows()).toBe(1);
  };

  it('SQLite itself rolls back on SQLITE_FULL, so a second ROLLBACK fails (the cause of the masking)', () => {
    local.sqlite.exec('BEGIN');
    let code = '';
    try {
      for (let n = 0; n < 20; n++) local.sqlite.prepare('INSERT INTO local_meta VALUES (?, ?)').run(`k${n}`, 'x'.repeat(3000));
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe('SQLITE_FULL');
    expect(local.sqlite.inTransaction).toBe(false);
    expect(() => local.sqlite.exec('ROLLBACK')).toThrow('cannot rollback - no transaction is active');
  });

  it('kysely transaction: rejects with SQLITE_FULL (not "cannot rollback"), nothing written', async () => {
    const failure = await local.db
      .transaction()
      .execute(async (trx) => {
        for (let n = 0; n < 20; n++) await trx.insertInto('local_meta').values(big(n)).execute();
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL', message: 'database or disk is full' });
    expect(storageFailureOf(failure, dir)).toBe('DISK_FULL');
    expect(rows()).toBe(0);
    await stillWorks();
  });

  it('ephemeralTransaction (holds): SQLITE_FULL, and the connection is back at synchronous = FULL', async () => {
    const failure = await ephemeralTransaction(local.db, async (trx) => {
      for (let n = 0; n < 20; n++) await trx.insertInto('local_meta').values(big(n)).execute();
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(local.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(rows()).toBe(0);
    await stillWorks();
  });

  it('heldTransaction (sync pull slices): SQLITE_FULL', async () => {
    const insert = local.sqlite.prepare('INSERT INTO local_meta VALUES (?, ?)');
    const failure = await heldTransaction(local.db, () => {
      for (let n = 0; n < 20; n++) insert.run(`k${n}`, 'x'.repeat(3000));
    }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(rows()).toBe(0);
    await stillWorks();
  });

  it('a migration (inOneTransaction): SQLITE_FULL, the file as it was', async () => {
    const statements = Array.from({ length: 20 }, (_, n) => `INSERT INTO local_meta VALUES ('k${n}', '${'x'.repeat(3000)}')`);
    const failure = await inOneTransaction(local.db, statements).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'SQLITE_FULL' });
    expect(rows()).toBe(0);
    await stillWorks();
  });

  it('a failure that leaves the transaction open is still rolled back', async () => {
    await expect(
      local.db.transaction().execute(async (trx) => {
        await trx.insertInto('local_meta').values({ key: 'a', value: '1' }).execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await stillWorks();
  });
});

describe('storageFailureOf', () => {
  it('names disk full, damage and I/O errors by their codes', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(storageFailureOf(err('SQLITE_FULL'), '/')).toBe('DISK_FULL');
    expect(storageFailureOf(err('ENOSPC'), '/')).toBe('DISK_FULL');
    expect(storageFailureOf(err('SQLITE_CORRUPT'), '/')).toBe('DAMAGED');
    expect(storageFailureOf(err('SQLITE_CORRUPT_INDEX'), '/')).toBe('DAMAGED');
    expect(storageFailureOf(err('SQLITE_NOTADB'), '/')).toBe('DAMAGED');
    // An I/O error on a disk with room is a failing disk, not a full one (the root file system here has room).
    expect(storageFailureOf(err('SQLITE_IOERR_WRITE'), tmpdir())).toBe('DISK_ERROR');
    expect(storageFailureOf(err('SQLITE_CONSTRAINT_UNIQUE'), '/')).toBeNull();
    expect(storageFailureOf(new Error('plain'), '/')).toBeNull();
  });
});
