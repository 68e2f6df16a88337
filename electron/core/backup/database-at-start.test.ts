import { execSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, startCore, type Core } from '../app-core';
import { manualClock } from '../clock';
import { sqliteOf } from '../db/open';
import { quickCheck } from '../db/quick-check';
import { DEMO_LOGINS } from '../demo/seed-demo';
import { backupsOf } from './backups';
import { listBackups } from './backup-database';
import { restoreCommand } from './damaged-database';
import { StartRefused } from './database-at-start';

/**
 * Issue 12, point 6, on real damaged files: random bytes in the middle of the database, a file cut
 * short, a zero-length file beside backups. Start refuses each — naming the file, the newest good
 * backup and the exact `npm run restore` command, which the test then runs as printed — and never
 * starts an empty new install in its place. Damage met while running is a DATABASE_DAMAGED answer.
 */
const REPO = resolve(__dirname, '../../..');
const quiet = { info: () => undefined, error: () => undefined };
const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'box-office-damage-'));
  dirs.push(d);
  return d;
}

const clock = manualClock('2026-11-25T12:00:00Z');
const start = async (dataDir: string, demo = false) => {
  const core = await startCore({ dataDir, clock, demo, log: quiet, backup: { enabled: false } });
  cores.push(core);
  return core;
};
const stop = async (core: Core) => {
  cores.splice(cores.indexOf(core), 1);
  await core.close();
};

/** A terminal that sold with the demo data, made a backup, then had a newer (to be damaged) day. */
async function terminalWithBackup(): Promise<{ dataDir: string; file: string; backup: string }> {
  const dataDir = tempDir();
  const core = await start(dataDir, true);
  const made = await backupsOf(core.services).backUp('manual');
  await stop(core);
  return { dataDir, file: join(dataDir, DATABASE_FILE), backup: made.path };
}

/** Deterministic "random" bytes (a test must fail the same way twice). */
function noise(length: number, seed = 12): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Writes noise over `pages` pages from the middle of the file. */
function scribbleInTheMiddle(file: string, pages = 4): void {
  const pageSize = 4096;
  const middle = Math.floor(statSync(file).size / 2 / pageSize) * pageSize;
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, noise(pages * pageSize), 0, pages * pageSize, middle);
  } finally {
    closeSync(fd);
  }
}

/** The restore command in a refusal, run as printed (a real `npm run restore` process). */
function runPrintedRestore(message: string): string {
  const command = /npm run restore -- .*$/m.exec(message)?.[0];
  expect(command).toBeDefined();
  return execSync(command!, { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });
}

async function refusal(dataDir: string, language: 'en' | 'de' = 'en'): Promise<string> {
  const failure = await start(dataDir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(StartRefused);
  return (failure as StartRefused).messageIn(language);
}

async function signsIn(core: Core): Promise<void> {
  const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
  expect(await core.call({ op: 'auth.login', input: { username: admin.username, password: admin.password } })).toMatchObject({ ok: true });
}

describe('a damaged database at start (issue 12, point 6)', () => {
  it('random bytes in the middle: refused, naming the file, the newest good backup and the restore command, which works as printed', async () => {
    const { dataDir, file, backup } = await terminalWithBackup();
    scribbleInTheMiddle(file);
    const before = statSync(file).mtimeMs;

    const message = await refusal(dataDir);
    expect(message).toContain(`The database ${file} is damaged (`);
    expect(message).toContain(`The newest good backup is ${listBackups(dataDir)[0]!.file}`);
    expect(message).toContain(restoreCommand(dataDir, backup));
    // Nothing was written to the damaged file.
    expect(statSync(file).mtimeMs).toBe(before);

    expect(runPrintedRestore(message)).toContain('Restored');
    await signsIn(await start(dataDir));
  });

  it('noise over the header (SQLite: "file is not a database"): refused the same way', async () => {
    const { dataDir, file, backup } = await terminalWithBackup();
    const fd = openSync(file, 'r+');
    writeSync(fd, noise(4096), 0, 4096, 0);
    closeSync(fd);
    const message = await refusal(dataDir);
    expect(message).toContain(`The database ${file} is damaged (file is not a database)`);
    expect(message).toContain(restoreCommand(dataDir, backup));
  });

  it('a file cut short: refused the same way', async () => {
    const { dataDir, file, backup } = await terminalWithBackup();
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    const message = await refusal(dataDir);
    expect(message).toContain(`The database ${file} is damaged (`);
    expect(message).toContain(restoreCommand(dataDir, backup));
    runPrintedRestore(message);
    await signsIn(await start(dataDir));
  });

  it('a zero-length file beside backups is never a new install: refused, the file left as it is', async () => {
    const { dataDir, file, backup } = await terminalWithBackup();
    writeFileSync(file, '');
    const message = await refusal(dataDir);
    expect(message).toContain(`The database ${file} is empty (0 bytes), but this folder has been used before (1 backup, the terminal's ticket-signing key)`);
    expect(message).toContain(restoreCommand(dataDir, backup));
    expect(statSync(file).size).toBe(0);
    // Shown before anyone signs in, in the terminal's language when it is German (issue 16).
    const german = await refusal(dataDir, 'de');
    expect(german).toContain(`Die Datenbank ${file} ist leer (0 Byte), aber dieser Ordner wurde schon benutzt (1 Sicherung, der Signaturschlüssel der Kasse für Tickets)`);
    expect(german).toContain(`Die neueste intakte Sicherung ist ${listBackups(dataDir)[0]!.file}`);
    expect(german).toContain(restoreCommand(dataDir, backup));
    runPrintedRestore(message);
    await signsIn(await start(dataDir));
  });

  it('a missing file where a terminal ran: refused, and nothing created in its place', async () => {
    const { dataDir, file } = await terminalWithBackup();
    rmSync(file);
    const message = await refusal(dataDir);
    expect(message).toContain(`The database ${file} is missing, but this folder has been used before`);
    expect(() => statSync(file)).toThrow();
  });

  it('an emptied or missing file beside its write-ahead log: refused without opening it (SQLite would delete the log), the log goes aside on restore', async () => {
    const { dataDir, file } = await terminalWithBackup();
    // The newest writes still in the log, as a SIGKILLed terminal leaves them.
    const sqlite = new Database(file);
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.prepare("INSERT INTO local_meta (key, value) VALUES ('hostile-test', 'in the log only')").run();
    const log = readFileSync(`${file}-wal`);
    sqlite.close();
    expect(log.length).toBeGreaterThan(0);

    for (const lose of [() => writeFileSync(file, ''), () => rmSync(file)]) {
      lose();
      writeFileSync(`${file}-wal`, log);
      const message = await refusal(dataDir);
      expect(message).toContain(`but this folder has been used before (its write-ahead log ${file}-wal (${log.length} bytes, left as it is)`);
      expect(readFileSync(`${file}-wal`)).toEqual(log);
    }
    // Restoring keeps the log with the file it belonged to, not beside the restored backup.
    writeFileSync(file, '');
    runPrintedRestore(await refusal(dataDir));
    expect(existsSync(`${file}-wal`)).toBe(false);
    const aside = readdirSync(join(dataDir, 'replaced')).find((f) => f.endsWith('-wal'))!;
    expect(readFileSync(join(dataDir, 'replaced', aside))).toEqual(log);
    await signsIn(await start(dataDir));
  });

  it("another program's SQLite file in the database's place is never migrated into a new install: refused, nothing added to it", async () => {
    const { dataDir, file } = await terminalWithBackup();
    rmSync(file);
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello')");
    foreign.close();
    // Before: it started as a brand-new install (the first-run screen), with 300-odd tables added to the file.
    const message = await refusal(dataDir);
    expect(message).toContain(`The database ${file} is not a box-office database, but this folder has been used before`);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT name FROM sqlite_master').pluck().all()).toEqual(['notes']);
    after.close();
  });

  it('a zero-length file in a folder never used is a new install (the first-run screen)', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, DATABASE_FILE), '');
    const core = await start(dataDir);
    expect(await core.call({ op: 'setup.status', input: {} })).toMatchObject({ ok: true, value: { needsFirstAdmin: true } });
  });

  it('skips a damaged newest backup and names the older good one', async () => {
    const { dataDir, file, backup: older } = await terminalWithBackup();
    clock.advance(3600_000);
    const core = await start(dataDir);
    const newer = await backupsOf(core.services).backUp('manual');
    await stop(core);
    scribbleInTheMiddle(newer.path, 8);
    scribbleInTheMiddle(file);
    const message = await refusal(dataDir);
    expect(message).toContain(restoreCommand(dataDir, older));
    expect(message).not.toContain(newer.file);
  });

  it('with no backup at all it says so and what is left', async () => {
    const dataDir = tempDir();
    await stop(await start(dataDir, true));
    scribbleInTheMiddle(join(dataDir, DATABASE_FILE));
    expect(await refusal(dataDir)).toContain(`There is no good backup in ${join(dataDir, 'backups')}`);
  });
});

describe('damage met while running (issue 12, point 6)', () => {
  it('answers DATABASE_DAMAGED naming the file and the restore; backups.create no longer blames the disk space', async () => {
    const { dataDir, file, backup } = await terminalWithBackup();
    const core = await start(dataDir);
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    const login = await core.call({ op: 'auth.login', input: { username: admin.username, password: admin.password } });
    const token = (login as { value: { token: string } }).value.token;
    const day = await core.call({ op: 'programme.day', input: {}, token });
    const sessionId = (day as { value: { sessions: { id: string }[] } }).value.sessions[0]!.id;
    // Everything in the file itself (not the log), then damaged under the running core, its page cache dropped.
    const sqlite = sqliteOf(core.services.db);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // The pages of the seats table and its indexes (SQLite's dbstat lists them): sign-in still works, the seat map does not.
    const pages = sqlite.prepare("SELECT pageno FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'seats')").pluck().all() as number[];
    const fd = openSync(file, 'r+');
    for (const page of pages) writeSync(fd, noise(4096, page), 0, 4096, (page - 1) * 4096);
    closeSync(fd);
    sqlite.pragma('shrink_memory');

    const map = await core.call({ op: 'booking.seatMap', input: { sessionId }, token });
    expect(map).toMatchObject({ ok: false, error: { code: 'DATABASE_DAMAGED' } });
    const message = (map as { error: { message: string } }).error.message;
    expect(message).toContain(`The database ${file} is damaged (`);
    expect(message).toContain(restoreCommand(dataDir, backup));

    const made = await core.call({ op: 'backups.create', input: {}, token });
    expect(made).toMatchObject({ ok: false, error: { code: 'DATABASE_DAMAGED', message: expect.stringContaining('No backup was made') } });
    expect((made as { error: { message: string } }).error.message).not.toMatch(/disk space/);
    expect(listBackups(dataDir)).toHaveLength(1);
  });
});

describe('the restore command', () => {
  it('quotes paths a shell would split', () => {
    expect(restoreCommand('/srv/kino data', "/srv/kino data/backups/it's.sqlite")).toBe(
      `npm run restore -- --data-dir '/srv/kino data' --from '/srv/kino data/backups/it'\\''s.sqlite'`,
    );
  });
});

describe('the bounded check', () => {
  it('a file over the inline size is checked in a worker; past the bound start goes on and the outcome follows', async () => {
    const dataDir = tempDir();
    await stop(await start(dataDir, true));
    const sqlite = new Database(join(dataDir, DATABASE_FILE));
    try {
      const unfinished = await quickCheck(sqlite, { inlineUpToBytes: 0, boundMs: 0 });
      expect(unfinished.status).toBe('unfinished');
      if (unfinished.status === 'unfinished') expect((await unfinished.later).status).toBe('ok');
      expect((await quickCheck(sqlite, { inlineUpToBytes: 0, boundMs: 30_000 })).status).toBe('ok');
    } finally {
      sqlite.close();
    }
    scribbleInTheMiddle(join(dataDir, DATABASE_FILE));
    const damaged = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(await quickCheck(damaged, { inlineUpToBytes: 0, boundMs: 30_000 })).toMatchObject({ status: 'damaged', found: expect.any(String) });
    } finally {
      damaged.close();
    }
  });
});
