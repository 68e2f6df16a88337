import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, startCore } from '../app-core';
import { checkSales, type AcknowledgedSale } from '../../../tests/crash/check-sales';
import { DataDirBusy, HOLDER_FILE, LOCK_FILE, dataDirHolder, holdDataDirLock, readHolder } from './data-dir-lock';
import { RestoreRefused, restoreBackup } from './restore-backup';
import { Backups } from './backups';
import { manualClock } from '../clock';

const quiet = { info: () => undefined, error: () => undefined };
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'box-office-lock-'));
  dirs.push(d);
  return d;
}

interface Run {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves when a line matching `pattern` has been printed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

/** A real process on one of the app's entry points (no tsx wrapper process: the pid is the holder's). */
function run(script: string, args: string[]): Run {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((r) => child.on('exit', (code, signal) => r({ code, signal, ms: Date.now() - started })));
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((res, rej) => {
        const check = () => {
          const m = pattern.exec(text);
          if (!m) return;
          listeners.delete(check);
          clearTimeout(timer);
          res(m[0]);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          rej(new Error(`waited ${timeoutMs} ms for ${pattern}; the process printed: ${text.slice(-2000)}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => setTimeout(() => {
          if (!listeners.has(check)) return;
          listeners.delete(check);
          clearTimeout(timer);
          rej(new Error(`the process ended before printing ${pattern}: ${text.slice(-2000)}`));
        }, 50));
        check();
      });
    },
  };
}

const bridge = (dir: string) => run('electron/bridge/start-browser.ts', ['--data-dir', dir, '--port', '0', '--no-build']);
const BRIDGE_UP = /Box office \(browser bridge\) at/;

/** The lock file's identity: a non-holder must neither delete nor replace it. */
const inode = (dir: string) => statSync(join(dir, LOCK_FILE)).ino;

describe('one process per data folder (issue 12, item 1)', () => {
  it('in one process: a second hold is refused naming the holder, release frees it, the lock file is never deleted', () => {
    const dir = tempDir();
    const first = holdDataDirLock(dir, { program: 'test holder', now: new Date('2026-12-05T10:00:00.000Z') });
    expect(readHolder(dir)).toEqual({ pid: process.pid, since: '2026-12-05T10:00:00.000Z', program: 'test holder' });
    let refusal: unknown;
    try {
      holdDataDirLock(dir);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(DataDirBusy);
    expect((refusal as Error).message).toBe(
      `The data folder ${dir} is in use by process ${process.pid} (test holder), since 2026-12-05 10:00:00 UTC. Only one box office may use a data folder at a time: close that one first.`,
    );
    expect(dataDirHolder(dir)?.holder?.pid).toBe(process.pid);
    // The refused attempt changed nothing.
    expect(readHolder(dir)?.program).toBe('test holder');
    first.release();
    first.release(); // twice is harmless
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    expect(existsSync(join(dir, HOLDER_FILE))).toBe(false);
    expect(dataDirHolder(dir)).toBeNull();
    const second = holdDataDirLock(dir);
    second.release();
    expect(statSync(join(dir, LOCK_FILE)).size).toBe(0);
  });

  it('takes over the pid file an older version left (it is not a lock anyone can hold)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, startedAt: '2026-11-01T00:00:00Z' }) + '\n');
    const lock = holdDataDirLock(dir);
    expect(readHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('a second process on any entry point is refused at once naming the holder; none of them removes the lock; SIGKILL frees it', async () => {
    const dir = tempDir();
    const a = bridge(dir);
    await a.waitFor(BRIDGE_UP);
    const holder = readHolder(dir)!;
    expect(holder.pid).toBe(a.child.pid);
    const lockInode = inode(dir);
    // Refused without waiting for the lock (SQLite's busy timeout is 0 on the lock file).
    const t0 = performance.now();
    expect(() => holdDataDirLock(dir)).toThrow(new RegExp(`in use by process ${a.child.pid} `));
    const refusedMs = performance.now() - t0;
    expect(refusedMs).toBeLessThan(100);
    const holderText = readFileSync(join(dir, HOLDER_FILE), 'utf8');

    const since = holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    const named = new RegExp(`in use by process ${a.child.pid} \\(node start-browser\\.ts --data-dir .* --port 0 --no-build\\), since ${since}`);
    // A second bridge, the history generator, a restore: each refused, each naming the holder.
    const b = bridge(dir);
    const generator = run('scripts/generate-history.ts', ['--data-dir', dir, '--days', '1', '--halls', '1']);
    const backup = join(dir, 'backups', 'box-office-2026-11-25T120000000Z-manual.sqlite');
    const restore = run('scripts/restore.ts', ['--data-dir', dir, '--from', backup]);
    const [bEnd, gEnd, rEnd] = await Promise.all([b.exited, generator.exited, restore.exited]);
    // A second bridge leaves without taking anything (exit 0: it points at the one already serving).
    expect(bEnd.code).toBe(0);
    expect(b.output()).toMatch(named);
    expect(b.output()).toMatch(/It serves this data folder at http:\/\/127\.0\.0\.1:\d+\//);
    expect(gEnd.code).toBe(1);
    expect(generator.output()).toMatch(named);
    expect(rEnd.code).toBe(1);
    expect(restore.output()).toMatch(new RegExp(`Not restored: The box office is running on ${dir}: process ${a.child.pid} \\(node start-browser`));
    // "At once": the time is the process start (loading the code), not a wait for the lock.
    console.log(`refused in ${refusedMs.toFixed(1)} ms; refused processes lived ${bEnd.ms} / ${gEnd.ms} / ${rEnd.ms} ms (loading their code)`);

    // The refused ones left the lock, the holder's note and the holder alone.
    expect(inode(dir)).toBe(lockInode);
    expect(readFileSync(join(dir, HOLDER_FILE), 'utf8')).toBe(holderText);
    expect(dataDirHolder(dir)?.holder?.pid).toBe(a.child.pid);
    expect(a.child.exitCode).toBeNull();
    expect(() => holdDataDirLock(dir)).toThrow(DataDirBusy);

    // The holder dies without a chance to clean up: the next start takes the folder at once.
    a.child.kill('SIGKILL');
    await a.exited;
    expect(readHolder(dir)?.pid).toBe(a.child.pid); // its note is still there, and means nothing
    const next = bridge(dir);
    await next.waitFor(BRIDGE_UP);
    expect(readHolder(dir)?.pid).toBe(next.child.pid);
    expect(inode(dir)).toBe(lockInode);
    // (Its SIGTERM handler is installed just after it prints its address.)
    await new Promise((r) => setTimeout(r, 1000));
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
    // A clean stop removes only its own note; the lock file stays (deleting it would let two hold).
    expect(existsSync(join(dir, HOLDER_FILE))).toBe(false);
    expect(inode(dir)).toBe(lockInode);
    expect(dataDirHolder(dir)).toBeNull();
  }, 120_000);

  it('the lost-sales scenario of issue 12 cannot happen: a second instance and a restore are refused while the first sells', async () => {
    const dir = tempDir();
    const seeded = await startCore({ dataDir: dir, demo: true, log: quiet, backup: { enabled: false } });
    const sqlite = new Database(seeded.databaseFile);
    const before = await new Backups(sqlite, dir, manualClock(new Date().toISOString()), quiet).backUp('manual');
    sqlite.close();
    await seeded.close();

    // A sells and acknowledges orders.
    const a = run('tests/crash/sell-forever.ts', [dir]);
    const acknowledged: AcknowledgedSale[] = [];
    const soldLines = () => [...a.output().matchAll(/^SOLD (\S+) (\d+) (\d+)$/gm)].map((m) => ({ orderId: m[1]!, tickets: Number(m[2]), total: Number(m[3]) }));
    await a.waitFor(/READY/);
    while (soldLines().length < 10) await new Promise((r) => setTimeout(r, 50));

    // B starts on the same folder: refused, and it takes nothing with it when told to stop.
    const b = bridge(dir);
    expect((await b.exited).code).toBe(1);
    expect(b.output()).toMatch(new RegExp(`in use by process ${a.child.pid}`));
    // npm run restore: refused while A lives.
    const restore = run('scripts/restore.ts', ['--data-dir', dir, '--from', before.path]);
    expect((await restore.exited).code).toBe(1);
    expect(restore.output()).toMatch(/Not restored: The box office is running/);
    expect(existsSync(join(dir, 'replaced'))).toBe(false);

    // A stops (the hard way); every order it acknowledged is in the live database, none in replaced/.
    a.child.kill('SIGKILL');
    await a.exited;
    acknowledged.push(...soldLines());
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
    const check = checkSales(join(dir, DATABASE_FILE), acknowledged);
    expect(check.integrity).toBe('ok');
    expect(check.problems).toEqual([]);
    const again = await startCore({ dataDir: dir, log: quiet, backup: { enabled: false } });
    const ids = (await again.services.db.selectFrom('orders').select('id').execute()).map((o) => o.id);
    await again.close();
    for (const sale of acknowledged) expect(ids).toContain(sale.orderId);
    expect(existsSync(join(dir, 'replaced'))).toBe(false);
  }, 120_000);

  it('restore refuses while a core in this very process holds the folder, and works once it is closed', async () => {
    const dir = tempDir();
    const core = await startCore({ dataDir: dir, demo: true, log: quiet, backup: { enabled: false } });
    const sqlite = new Database(core.databaseFile);
    const made = await new Backups(sqlite, dir, manualClock('2026-11-25T12:00:00Z'), quiet).backUp('manual');
    sqlite.close();
    expect(() => restoreBackup({ dataDir: dir, from: made.path })).toThrow(RestoreRefused);
    expect(() => restoreBackup({ dataDir: dir, from: made.path })).toThrow(new RegExp(`running on ${dir}: process ${process.pid}`));
    await core.close();
    expect(restoreBackup({ dataDir: dir, from: made.path }).integrity).toBe('ok');
    expect(dataDirHolder(dir)).toBeNull();
  });
});
