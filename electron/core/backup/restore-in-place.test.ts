import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { HOLDER_FILE, dataDirHolder } from './data-dir-lock';

let t: TempCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const usernames = async (core: TempCore) => (await core.core.services.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);

describe('restore from the Backups screen (issue 12, item 8)', () => {
  it('an administrator restores a backup: the core closes, swaps the file (the old one kept), reopens, and everyone signs in again', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const cashier = await t.signIn('CASHIER');
    const made = await t.call('backups.create', {}, admin);
    await t.call('users.create', { username: 'after-backup', displayName: 'After', role: 'USHER', password: 'after12345' }, admin);
    expect(await usernames(t)).toContain('after-backup');
    const holderBefore = readFileSync(join(t.dir, HOLDER_FILE), 'utf8');
    const servicesBefore = t.core.services;

    // Calls keep coming while the restore runs: each is answered by the old core (before it closes)
    // or waits for the new one (signed out) — none fails inside the closing one.
    let done = false;
    const restoring = t.call('backups.restore', { file: made.file }, admin).finally(() => (done = true));
    const during: Promise<unknown>[] = [];
    while (!done) {
      during.push(t.core.call({ op: 'auth.me', input: {}, token: cashier }));
      await new Promise((r) => setTimeout(r, 2));
    }
    const answer = await restoring;
    expect(answer).toEqual({ restoredFrom: made.file, replacedKeptAt: expect.stringMatching(/replaced\/box-office-.*-replaced\.sqlite$/), signInAgain: true });
    const codes = (await Promise.all(during)).map((r) => ((r as { ok: boolean }).ok ? 'ok' : (r as { error: { code: string } }).error.code));
    expect(codes.every((c) => c === 'ok' || c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes).toContain('UNAUTHENTICATED');

    // The database is the backup's; the replaced one is kept, with the user made after the backup.
    expect(t.core.services).not.toBe(servicesBefore);
    expect(await usernames(t)).not.toContain('after-backup');
    const aside = new Database(answer.replacedKeptAt!, { readonly: true });
    expect(aside.prepare("SELECT count(*) FROM users WHERE username = 'after-backup'").pluck().get()).toBe(1);
    expect(aside.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'").pluck().get()).toBe(1);
    aside.close();
    // Everyone signs in again; the restore is in the restored database's audit log too.
    for (const token of [admin, cashier]) expect(await t.core.call({ op: 'auth.me', input: {}, token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const again = await t.signIn('ADMIN');
    expect((await t.call('backups.list', {}, again)).backups.map((b) => b.file)).toContain(made.file);
    const audit = await t.core.services.db.selectFrom('audit_log').select('details').where('action', '=', 'backup.restore').execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ file: made.file, by: 'admin' }]);
    // The folder was never let go: same holder, same note.
    expect(dataDirHolder(t.dir)?.holder?.pid).toBe(process.pid);
    expect(readFileSync(join(t.dir, HOLDER_FILE), 'utf8')).toBe(holderBefore);
  });

  it('a backup the core cannot open (made by a newer version) is swapped back out: the previous database returns and the core answers', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const made = await t.call('backups.create', {}, admin);
    const future = new Database(join(t.dir, 'backups', made.file));
    future.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-a-newer-version', '2027-01-01T00:00:00.000Z')").run();
    future.close();
    await t.call('users.create', { username: 'after-backup', displayName: 'After', role: 'USHER', password: 'after12345' }, admin);

    const answer = await t.core.call({ op: 'backups.restore', input: { file: made.file }, token: admin });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^The backup was put in place but the box office could not open it \(.+\); the previous database is back\.$/) } });
    // The database from before the attempt is back, and the core answers on it.
    expect(await usernames(t)).toContain('after-backup');
    expect((await t.call('backups.list', {}, await t.signIn('ADMIN'))).backups.map((b) => b.file)).toContain(made.file);
  });

  it('is refused while a shift is open on the terminal, for an unknown or damaged file, and for anyone but an administrator — nothing changes, nobody is signed out', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const made = await t.call('backups.create', {}, admin);
    const cashier = await t.signIn('CASHIER');
    await t.call('shifts.open', { openingFloat: 10_000 }, cashier);
    const before = await usernames(t);
    const refused = await t.core.call({ op: 'backups.restore', input: { file: made.file }, token: admin });
    expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^.+'s shift is open on this terminal\. It must be closed before a backup is restored; nothing was restored\.$/) } });
    expect(await t.core.call({ op: 'backups.restore', input: { file: 'box-office-2020-01-01T000000000Z-manual.sqlite' }, token: admin })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.core.call({ op: 'backups.restore', input: { file: '../box-office.sqlite' }, token: admin })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await t.call('shifts.close', { countedCash: (await t.call('shifts.current', {}, cashier)).open!.expectedCash! }, cashier);
    // A damaged file in the backups folder: refused before the core closes, so nobody is signed out.
    const damaged = 'box-office-2026-11-24T120000000Z-manual.sqlite';
    writeFileSync(join(t.dir, 'backups', damaged), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
    expect(await t.core.call({ op: 'backups.restore', input: { file: damaged }, token: admin })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(new RegExp(`^${damaged} is damaged and was not restored: `)) },
    });
    const manager = await t.signIn('MANAGER');
    expect(await t.core.call({ op: 'backups.restore', input: { file: made.file }, token: manager })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nothing happened: sessions live, no replaced/ folder.
    expect((await t.core.call({ op: 'auth.me', input: {}, token: cashier })).ok).toBe(true);
    expect(await usernames(t)).toEqual(before);
    expect(existsSync(join(t.dir, 'replaced'))).toBe(false);
  });
});
