import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { startCore, DATABASE_FILE } from '../app-core';
import { manualClock } from '../clock';
import { localMigrations } from '../../../migrations/local';
import { DEMO_LOGINS } from '../demo/seed-demo';
import { backupBeforeMigration, Backups } from './backups';
import { integrityOf, listBackups } from './backup-database';
import { LIVE_DATABASE_FILE, RestoreRefused, restoreBackup } from './restore-backup';
import { dataDirHolder } from './data-dir-lock';

const quiet = { info: () => undefined, error: () => undefined };
let t: TempCore | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'box-office-backup-'));
  dirs.push(d);
  return d;
}

/** Every table's rows (ordered), to compare two database files. */
function contents(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const name of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]) {
      out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
    }
    return out;
  } finally {
    db.close();
  }
}

async function userNames(core: TempCore): Promise<string[]> {
  return (await core.core.services.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);
}

describe('backups (issue 8, point 5)', () => {
  it('backs up on an administrator’s request: an integrity-checked copy, listed, audited', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    expect((await t.call('backups.list', {}, admin)).backups).toEqual([]);
    const made = await t.call('backups.create', {}, admin);
    expect(made).toMatchObject({ kind: 'manual', sizeBytes: expect.any(Number) });
    expect(made.file).toMatch(/^box-office-2026-11-25T120000000Z-manual\.sqlite$/);
    const list = await t.call('backups.list', {}, admin);
    expect(list.backups).toEqual([made]);
    expect(list.folder).toBe(join(t.dir, 'backups'));
    expect(list.retention).toEqual({ keepAllHours: 24, daily: 7, weekly: 4, preMigration: 3 });
    expect(list.nextDailyDueAt).toBe('2026-11-26T12:00:00.000Z');
    const file = join(list.folder, made.file);
    expect(integrityOf(file)).toBe('ok');
    // One self-contained file: no WAL beside it.
    expect(readdirSync(list.folder)).toEqual([made.file]);
    const audit = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'backup.create').execute();
    expect(audit).toHaveLength(1);
    // A cashier may not (the role matrix checks every role; here the message).
    const cashier = await t.signIn('CASHIER');
    expect(await t.core.call({ op: 'backups.create', input: {}, token: cashier })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('makes the daily backup when the newest is a day old, prunes by the retention policy, and keeps selling meanwhile', async () => {
    const dir = tempDir();
    const clock = manualClock('2026-11-01T03:00:00Z');
    const core = await startCore({ dataDir: dir, demo: true, clock, log: quiet, backup: { enabled: false } });
    try {
      const sqlite = new Database(join(dir, DATABASE_FILE));
      const backups = new Backups(sqlite, dir, clock, quiet, { retention: { keepAllHours: 24, daily: 3, weekly: 2, preMigration: 1 } });
      expect(backups.isDailyDue()).toBe(true);
      expect((await backups.backUpIfDue())?.kind).toBe('daily');
      expect(await backups.backUpIfDue()).toBeNull();
      clock.advance(23 * 3600_000);
      expect(await backups.backUpIfDue()).toBeNull();
      for (let day = 0; day < 20; day++) {
        clock.advance(24 * 3600_000);
        expect(await backups.backUpIfDue()).not.toBeNull();
      }
      const kept = backups.list().map((b) => b.createdAt.slice(0, 10));
      // 3 newest days + the newest of the 2 newest weeks (one of them already among the days).
      expect(kept).toEqual(['2026-11-22', '2026-11-21', '2026-11-20', '2026-11-15']);
      await backups.stop();
      sqlite.close();
    } finally {
      await core.close();
    }
  });

  it('backs an existing database up before a schema update, and not a brand-new one', async () => {
    const dir = tempDir();
    const file = join(dir, 'db.sqlite');
    const sqlite = new Database(file);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const clock = manualClock('2026-11-25T12:00:00Z');
    const extra: Record<string, Migration> = {
      ...localMigrations,
      '9999-test-only-extra-table': { up: async (k) => void (await sql`CREATE TABLE test_only_extra (id TEXT)`.execute(k)) },
    };
    expect(await backupBeforeMigration(db, sqlite, dir, clock, quiet, extra)).toBeNull(); // brand new: nothing to keep
    const { Migrator } = await import('kysely');
    await new Migrator({ db, provider: { getMigrations: async () => localMigrations } }).migrateToLatest();
    expect(await backupBeforeMigration(db, sqlite, dir, clock, quiet, localMigrations)).toBeNull(); // nothing pending
    const made = await backupBeforeMigration(db, sqlite, dir, clock, quiet, extra);
    expect(made?.kind).toBe('pre-migration');
    expect(listBackups(dir).map((b) => b.file)).toEqual([made!.file]);
    const copy = contents(made!.path);
    expect(Object.keys(copy)).toContain('cinemas');
    expect(Object.keys(copy)).not.toContain('test_only_extra');
    await db.destroy();
  });

  it('restores a backup: refused while running, then the tables are exactly as backed up, the replaced file kept aside', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    await t.call('users.create', { username: 'before-backup', displayName: 'Before', role: 'CASHIER', password: 'before1234' }, admin);
    const made = await t.call('backups.create', {}, admin);
    const backupFile = join(t.dir, 'backups', made.file);
    const atBackup = contents(backupFile);
    await t.call('users.create', { username: 'after-backup', displayName: 'After', role: 'USHER', password: 'after12345' }, admin);
    const live = t.core.databaseFile;
    expect(await userNames(t)).toContain('after-backup');

    // The app is running on the folder: refused, and the live file untouched.
    expect(dataDirHolder(t.dir)?.holder?.pid).toBe(process.pid);
    expect(() => restoreBackup({ dataDir: t!.dir, from: backupFile })).toThrow(RestoreRefused);
    expect(() => restoreBackup({ dataDir: t!.dir, from: backupFile })).toThrow(/running on .*: process \d+ .* Close it/);
    expect(await userNames(t)).toContain('after-backup');

    const dir = t.dir;
    await t.core.close();
    expect(dataDirHolder(dir)).toBeNull();
    const result = restoreBackup({ dataDir: dir, from: backupFile, now: new Date('2026-11-25T13:00:00Z') });
    expect(result.integrity).toBe('ok');
    expect(result.replacedKeptAt).toMatch(/replaced\/box-office-2026-11-25T130000000Z-replaced\.sqlite$/);
    expect(contents(live)).toEqual(atBackup);
    expect(JSON.stringify(contents(result.replacedKeptAt!).users)).toContain('after-backup');
    expect(existsSync(`${live}-wal`)).toBe(false);

    // The restored terminal starts, signs in and has the data as it was.
    const again = await startCore({ dataDir: dir, log: quiet, backup: { enabled: false } });
    try {
      const login = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
      expect((await again.call({ op: 'auth.login', input: { username: login.username, password: login.password } })).ok).toBe(true);
      const names = (await again.services.db.selectFrom('users').select('username').execute()).map((u) => u.username);
      expect(names).toContain('before-backup');
      expect(names).not.toContain('after-backup');
    } finally {
      await again.close();
    }
  });

  it('refuses a damaged file, a file that is not a box-office database, and a missing one, changing nothing', async () => {
    const dir = tempDir();
    const core = await startCore({ dataDir: dir, demo: true, log: quiet, backup: { enabled: false } });
    await core.close();
    const live = join(dir, LIVE_DATABASE_FILE);
    const before = contents(live);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
    expect(() => restoreBackup({ dataDir: dir, from: garbage })).toThrow(/damaged and was not restored/);
    const foreign = join(dir, 'other-app.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    expect(() => restoreBackup({ dataDir: dir, from: foreign })).toThrow(/not a box-office database/);
    expect(() => restoreBackup({ dataDir: dir, from: join(dir, 'nope.sqlite') })).toThrow(/There is no backup file/);
    expect(contents(live)).toEqual(before);
    expect(existsSync(join(dir, 'replaced'))).toBe(false);
    expect(LIVE_DATABASE_FILE).toBe(DATABASE_FILE);
  });

  it('npm run restore: restores from the command line and says where the old database went', async () => {
    const dir = tempDir();
    const core = await startCore({ dataDir: dir, demo: true, log: quiet, backup: { enabled: false } });
    const sqlite = new Database(join(dir, DATABASE_FILE));
    const backups = new Backups(sqlite, dir, manualClock('2026-11-25T12:00:00Z'), quiet);
    const made = await backups.backUp('manual');
    sqlite.close();
    await core.close();
    const tsx = resolve('node_modules', '.bin', 'tsx');
    const run = promisify(execFile);
    const refused = await run(tsx, ['scripts/restore.ts', '--data-dir', dir], { encoding: 'utf8' }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/--from is missing/) });
    const done = await run(tsx, ['scripts/restore.ts', '--data-dir', dir, '--from', made.path], { encoding: 'utf8' });
    expect(done.stdout).toMatch(/Restored .* \(integrity check: ok\)\.\nThe database it replaced is kept at .*replaced/);
    expect(contents(join(dir, DATABASE_FILE))).toEqual(contents(made.path));
  }, 60_000);
});
