import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withStatementCache } from './open';

describe('kept prepared statements (withStatementCache)', () => {
  let sqlite: Database.Database;
  afterEach(() => sqlite?.open && sqlite.close());

  it('prepares each SQL text once and hands the same statement back', () => {
    sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const cached = withStatementCache(sqlite);
    const a = cached.prepare('SELECT v FROM t WHERE id = ?');
    const b = cached.prepare('SELECT v FROM t WHERE id = ?');
    expect(b).toBe(a);
    expect(cached.prepare('SELECT v FROM t WHERE id > ?')).not.toBe(a);
    cached.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run([1, 'one']);
    cached.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run([2, 'two']);
    expect(cached.prepare('SELECT v FROM t WHERE id = ?').all([2])).toEqual([{ v: 'two' }]);
  });

  it('drops the least recently used statement beyond its size', () => {
    sqlite = new Database(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const one = cached.prepare('SELECT 1');
    const two = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(one); // now the most recent
    cached.prepare('SELECT 3'); // evicts SELECT 2
    expect(cached.prepare('SELECT 1')).toBe(one);
    expect(cached.prepare('SELECT 2')).not.toBe(two);
  });

  it('never hands out a statement that is still being iterated', () => {
    sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3)');
    const cached = withStatementCache(sqlite);
    const first = cached.prepare('SELECT id FROM t ORDER BY id');
    const iterator = first.iterate([]);
    expect(iterator.next().value).toEqual({ id: 1 });
    const second = cached.prepare('SELECT id FROM t ORDER BY id');
    expect(second).not.toBe(first);
    expect(second.all([])).toHaveLength(3);
    iterator.return?.();
    expect(cached.prepare('SELECT id FROM t ORDER BY id')).toBe(first);
  });

  it('never keeps a PRAGMA (SQLite applies it while preparing): setting one twice works twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'box-office-cache-'));
    try {
      sqlite = new Database(join(dir, 'x.sqlite'));
      sqlite.pragma('journal_mode = WAL');
      const cached = withStatementCache(sqlite);
      const level = () => sqlite.pragma('synchronous', { simple: true });
      cached.prepare('PRAGMA synchronous = NORMAL').run([]);
      expect(level()).toBe(1);
      cached.prepare('PRAGMA synchronous = FULL').run([]);
      expect(level()).toBe(2);
      cached.prepare('PRAGMA synchronous = NORMAL').run([]);
      expect(level()).toBe(1);
      cached.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
