import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDatabase } from './open';
import { ephemeralTransaction } from './ephemeral-transaction';

describe('ephemeralTransaction (holds: a commit that does not wait for the disk)', () => {
  let dir: string;
  let local: LocalDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'box-office-ephemeral-'));
    local = openDatabase(join(dir, 'x.sqlite'));
    local.sqlite.exec(`CREATE TABLE local_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
  });
  afterEach(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const level = () => local.sqlite.pragma('synchronous', { simple: true });
  const levelInside = async () => (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(local.db)).rows[0]!.synchronous;

  it('commits with synchronous = NORMAL and gives the connection back with FULL', async () => {
    expect(level()).toBe(2);
    const seen = await ephemeralTransaction(local.db, async (trx) => {
      await trx.insertInto('local_meta').values({ key: 'a', value: '1' }).execute();
      return (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx)).rows[0]!.synchronous;
    });
    expect(seen).toBe(1);
    expect(level()).toBe(2);
    expect(await levelInside()).toBe(2);
    expect(local.sqlite.prepare('SELECT value FROM local_meta WHERE key = ?').pluck().get('a')).toBe('1');
  });

  it('rolls back on an error and still restores FULL; ordinary transactions stay FULL', async () => {
    await expect(
      ephemeralTransaction(local.db, async (trx) => {
        await trx.insertInto('local_meta').values({ key: 'b', value: '1' }).execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(level()).toBe(2);
    expect(local.sqlite.prepare('SELECT COUNT(*) FROM local_meta').pluck().get()).toBe(0);
    const inOrdinary = await local.db.transaction().execute(async (trx) => (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx)).rows[0]!.synchronous);
    expect(inOrdinary).toBe(2);
  });

  it('gives the connection back with FULL even when it found it at a lower level', async () => {
    local.sqlite.pragma('synchronous = NORMAL');
    await ephemeralTransaction(local.db, async (trx) => trx.insertInto('local_meta').values({ key: 'c', value: '1' }).execute());
    expect(level()).toBe(2);
  });

  it('waits its turn on the one connection: interleaved calls each see their own level', async () => {
    const results = await Promise.all([
      ephemeralTransaction(local.db, async (trx) => (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx)).rows[0]!.synchronous),
      local.db.transaction().execute(async (trx) => (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx)).rows[0]!.synchronous),
      ephemeralTransaction(local.db, async (trx) => (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(trx)).rows[0]!.synchronous),
    ]);
    expect(results).toEqual([1, 2, 1]);
    expect(level()).toBe(2);
  });
});
