import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDatabase } from './open';
import { startWalCheckpointer } from './wal-checkpointer';

describe('WAL checkpoints in a worker thread', () => {
  let dir: string;
  let local: LocalDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'box-office-ckpt-'));
    local = openDatabase(join(dir, 'x.sqlite'));
    local.sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  });
  afterEach(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the log back beside the writer, and raises the inline threshold meanwhile (a backstop)', async () => {
    expect(local.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(await local.checkpointInBackground()).toBe(true);
    expect(await local.checkpointInBackground()).toBe(true); // once only
    expect(local.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const insert = local.sqlite.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(4000));
    // The worker checkpoints a few times a second: soon every frame of the log is in the database.
    let left = Infinity;
    for (let i = 0; i < 50 && left > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [r] = local.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      left = r!.log - r!.checkpointed;
    }
    expect(left).toBe(0);
    // Another connection sees every row (nothing was lost by moving checkpoints).
    const reader = new Database(join(dir, 'x.sqlite'), { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(200);
    reader.close();
    await local.close();
    // The worker is gone and the file is whole: a fresh connection reads every row.
    const again = new Database(join(dir, 'x.sqlite'), { readonly: true });
    expect(again.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(200);
    again.close();
  });

  it('gives checkpoints back to the main connection, and says so, when the worker dies', async () => {
    const failures: string[] = [];
    const checkpointer = await startWalCheckpointer(local.sqlite, { onFailure: (reason) => failures.push(reason) });
    expect(checkpointer).not.toBeNull();
    expect(local.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await checkpointer!.worker.terminate();
    await expect.poll(() => failures.length).toBe(1);
    expect(local.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer!.stop();
    expect(failures).toHaveLength(1);
  });

  it('does not start for a read-only connection', async () => {
    const reader = openDatabase(join(dir, 'x.sqlite'), { readonly: true });
    try {
      expect(await reader.checkpointInBackground()).toBe(false);
    } finally {
      await reader.close();
    }
  });
});
