import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';

let t: TempCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('a lock timeout is a named answer (issue 12, item 2)', () => {
  it('a write refused by another connection’s lock answers DATABASE_BUSY ("The database is busy — …"), not INTERNAL, and saves nothing', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    // Another connection on the same file keeps the write lock (as a second process on the folder once did).
    const other = new Database(t.core.databaseFile);
    other.exec('BEGIN IMMEDIATE');
    try {
      // Under the core's 5 s busy timeout the answer still comes at once (the transaction read first): it promises no wait.
      const asked = Date.now();
      const answer = await t.core.call({ op: 'users.create', input: { username: 'while-busy', displayName: 'Busy', role: 'USHER', password: 'busy123456' }, token: admin });
      expect(answer).toEqual({
        ok: false,
        error: { code: 'DATABASE_BUSY', message: 'The database is busy — another task is writing to it. Nothing was saved; try again in a moment.' },
      });
      expect(Date.now() - asked).toBeLessThan(4000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const users = await t.core.services.db.selectFrom('users').select('username').where('username', '=', 'while-busy').execute();
    expect(users).toEqual([]);
    // Once the other connection lets go, the same call goes through.
    expect((await t.core.call({ op: 'users.create', input: { username: 'while-busy', displayName: 'Busy', role: 'USHER', password: 'busy123456' }, token: admin })).ok).toBe(true);
  });
});
