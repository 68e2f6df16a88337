import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDatabase } from './open';
import { migrateToLatest } from './migrate';
import { preparedListQuery, preparedQuery } from './prepared-query';

describe('preparedQuery: built and compiled once, run with new values', () => {
  let dir: string;
  let local: LocalDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prepared-query-'));
    local = openDatabase(join(dir, 'box-office.sqlite'));
    await migrateToLatest(local.db);
  });
  afterEach(async () => {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = preparedQuery((db, p: { key: string; value: string }) =>
    db
      .insertInto('local_meta')
      .values({ key: p.key, value: p.value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: p.value })),
  );
  // A constant ('z') and the limit stay as they were compiled; only the slots change.
  const under = preparedQuery((db, p: { below: string }) =>
    db.selectFrom('local_meta').select(['key', 'value']).where('key', '<', p.below).where('key', '!=', 'z').orderBy('key').limit(2),
  );

  it('writes and reads like the same kysely query, inside a transaction and outside', async () => {
    await write.run(local.db, { key: 'a', value: '1' });
    await local.db.transaction().execute(async (trx) => {
      await write.run(trx, { key: 'b', value: '2' });
      await write.run(trx, { key: 'a', value: '3' });
    });
    await write.run(local.db, { key: 'c', value: '4' });
    expect(await under.all(local.db, { below: 'c' })).toEqual([
      { key: 'a', value: '3' },
      { key: 'b', value: '2' },
    ]);
    expect(await under.first(local.db, { below: 'b' })).toEqual({ key: 'a', value: '3' });
    expect(await under.first(local.db, { below: 'a' })).toBeUndefined();
    const kysely = await local.db.selectFrom('local_meta').select(['key', 'value']).where('key', '<', 'd').where('key', '!=', 'z').orderBy('key').limit(2).execute();
    expect(await under.all(local.db, { below: 'd' })).toEqual(kysely);
  });

  it('undoes its writes with the transaction that made them', async () => {
    await expect(
      local.db.transaction().execute(async (trx) => {
        await write.run(trx, { key: 'gone', value: '1' });
        throw new Error('the sale failed');
      }),
    ).rejects.toThrow('the sale failed');
    expect(await under.all(local.db, { below: 'h' })).toEqual([]);
  });

  it('takes a list of any length (compiled once per length) beside its other values', async () => {
    for (const key of ['a', 'b', 'c', 'd']) await write.run(local.db, { key, value: key.toUpperCase() });
    const among = preparedListQuery((db, p: { not: string }, keys) =>
      db.selectFrom('local_meta').select('value').where('key', 'in', keys).where('value', '!=', p.not).orderBy('key'),
    );
    expect(await among.all(local.db, { not: 'B' }, ['a', 'b', 'c'])).toEqual([{ value: 'A' }, { value: 'C' }]);
    expect(await among.all(local.db, { not: 'B' }, ['d'])).toEqual([{ value: 'D' }]);
    expect(await among.all(local.db, { not: 'A' }, ['b', 'a', 'x'])).toEqual([{ value: 'B' }]);
    const drop = preparedListQuery((db, _p: object, keys) => db.deleteFrom('local_meta').where('key', 'in', keys));
    await drop.run(local.db, {}, ['a', 'c']);
    expect(await under.all(local.db, { below: 'e' })).toEqual([
      { key: 'b', value: 'B' },
      { key: 'd', value: 'D' },
    ]);
  });

  it('refuses a missing value and a slot used inside a string', async () => {
    await expect(write.run(local.db, { key: 'a' } as { key: string; value: string })).rejects.toThrow('no value for value');
    const glued = preparedQuery((db, p: { key: string }) => db.selectFrom('local_meta').select('value').where('key', '=', `${p.key}-x`));
    await expect(glued.first(local.db, { key: 'a' })).rejects.toThrow('a slot must be a whole value');
  });
});
