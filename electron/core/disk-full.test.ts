import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, InputOf, OperationName, ResultOf } from '../../shared/contract';
import { DATABASE_FILE, startCore, type Core } from './app-core';
import { manualClock } from './clock';
import { sqliteOf } from './db/open';
import { DEMO_LOGINS } from './demo/seed-demo';
import { mountSmallDisk, type SmallDisk } from './testing/small-disk';

/**
 * Issue 12, point 5, on a REAL full file system: a 32 MB tmpfs mounted for the test (the data
 * folder, its printed/, reports/ and backups/ folders all on it), filled with files until the
 * kernel answers ENOSPC. Every operation then answers DISK_FULL — "The disk is full — free space on
 * <folder> and try again; nothing was saved." — and changes nothing (every table hashed before and
 * after, no file left in printed/, reports/, backups/); a start on the full disk says the same;
 * once the filler is deleted, the same operations succeed. Skipped where mounting is not permitted
 * (not root); transaction-failure.test.ts covers SQLITE_FULL everywhere via max_page_count.
 */
const disk: SmallDisk | null = mountSmallDisk(32);
const quiet = { info: () => undefined, error: () => undefined };
const diskFull = (folder: string) => `The disk is full — free space on ${folder} and try again; nothing was saved.`;

describe.skipIf(!disk)('a full disk (real tmpfs)', () => {
  const dataDir = join(disk?.dir ?? '/nonexistent', 'data');
  const file = join(dataDir, DATABASE_FILE);
  const clock = manualClock('2026-11-25T12:00:00Z');
  let core: Core;
  let reader: Database.Database;
  const tokens: Record<string, string> = {};
  let soldOrderId = '';
  let sale: InputOf<'orders.sell'>;
  let freeSeat: { sessionId: string; seatIds: string[] };

  const answer = <N extends OperationName>(op: N, input: InputOf<N>, token?: string) => core.call({ op, input, token }) as Promise<ApiResult<ResultOf<N>>>;
  async function call<N extends OperationName>(op: N, input: InputOf<N>, token?: string): Promise<ResultOf<N>> {
    const r = await answer(op, input, token);
    if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  const start = () => startCore({ dataDir, clock, log: quiet, backup: { enabled: false } });
  async function signInAll() {
    for (const role of ['CASHIER', 'MANAGER', 'ADMIN'] as const) {
      const login = DEMO_LOGINS.find((l) => l.role === role)!;
      tokens[role] = (await call('auth.login', { username: login.username, password: login.password })).token;
    }
  }
  /** Every row of every table, hashed: "changed nothing" is this staying the same. */
  function digest(): string {
    const hash = createHash('sha256');
    const tables = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const t of tables) hash.update(t + JSON.stringify(reader.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()));
    return hash.digest('hex');
  }
  const filesIn = (folder: string) => (existsSync(join(dataDir, folder)) ? readdirSync(join(dataDir, folder)) : []);
  /** Fills the disk; the log is emptied first so that the next write must grow it. */
  function fillDisk() {
    sqliteOf(core.services.db).pragma('wal_checkpoint(TRUNCATE)');
    disk!.fill();
  }

  beforeAll(async () => {
    core = await startCore({ dataDir, clock, demo: true, log: quiet, backup: { enabled: false } });
    await signInAll();
    await call('shifts.open', { openingFloat: 10_000 }, tokens.CASHIER);
    const day = await call('programme.day', {}, tokens.CASHIER);
    const session = day.sessions.find((s) => Date.parse(s.startsAt) > clock.now().getTime() + 3600_000)!;
    const seats = (await call('booking.seatMap', { sessionId: session.id }, tokens.CASHIER)).seats.filter((s) => s.state === 'FREE');
    // One order sold while there was room (to print), one held and quoted (to sell on the full disk).
    const sell = async (seatId: string, code: string) => {
      await call('booking.hold', { sessionId: session.id, seatIds: [seatId] }, tokens.CASHIER);
      const draft = { sessionId: session.id, tickets: [{ seatId, ticketType: 'ADULT' as const }] };
      const quote = await call('orders.quote', draft, tokens.CASHIER);
      return { ...draft, payments: [{ method: 'CARD' as const, amount: quote.toPay, approvalCode: code, last4: '4242' }] };
    };
    soldOrderId = (await call('orders.sell', await sell(seats[0]!.id, 'A00001'), tokens.CASHIER)).orderId;
    sale = await sell(seats[1]!.id, 'A00002');
    freeSeat = { sessionId: session.id, seatIds: [seats[2]!.id] };
    reader = new Database(file, { readonly: true, fileMustExist: true });
  });
  afterAll(async () => {
    try {
      reader?.close();
      await core?.close();
    } finally {
      disk?.unmount();
    }
  });

  /** Runs `op` on the full disk: DISK_FULL naming `folder`, and nothing changed. */
  async function refusedOnFullDisk(run: () => Promise<ApiResult<unknown>>, folder: string) {
    fillDisk();
    const before = digest();
    const r = await run();
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringContaining(diskFull(folder)) } });
    expect(digest()).toBe(before);
  }

  it('a sale: DISK_FULL, no order', async () => {
    await refusedOnFullDisk(() => answer('orders.sell', sale, tokens.CASHIER), dataDir);
  });

  it('holding a seat (a commit that does not wait for the disk): DISK_FULL', async () => {
    await refusedOnFullDisk(() => answer('booking.hold', freeSeat, tokens.CASHIER), dataDir);
  });

  it('a login: DISK_FULL (the attempt cannot be counted, so it is not checked)', async () => {
    const login = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    await refusedOnFullDisk(() => answer('auth.login', { username: login.username, password: login.password }), dataDir);
  });

  it('a new customer: DISK_FULL', async () => {
    await refusedOnFullDisk(() => answer('customers.create', { name: 'Mia Braun', phone: '+49 170 1112223', cardNumber: '2600100099' }, tokens.CASHIER), dataDir);
  });

  it('printing to the PDF folder: DISK_FULL naming the folder, no half PDF left', async () => {
    await refusedOnFullDisk(() => answer('printing.printOrder', { orderId: soldOrderId, documents: 'ALL' }, tokens.CASHIER), join(dataDir, 'printed'));
    expect(filesIn('printed')).toEqual([]);
  });

  it('a report job: FAILED with DISK_FULL naming the reports folder, no file, no row', async () => {
    fillDisk();
    const before = digest();
    const job = await call('reports.export', { kind: 'REVENUE', format: 'PDF', from: '2026-11-01', to: '2026-11-25' }, tokens.MANAGER);
    let state = job;
    for (let i = 0; i < 600 && state.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await call('reports.job', { jobId: job.jobId }, tokens.MANAGER);
    }
    expect(state).toMatchObject({ status: 'FAILED', errorCode: 'DISK_FULL', error: diskFull(join(dataDir, 'reports')) });
    expect(filesIn('reports')).toEqual([]);
    expect(digest()).toBe(before);
  });

  it('a backup: DISK_FULL naming the backups folder (not a vague "check the disk"), no file left', async () => {
    await refusedOnFullDisk(() => answer('backups.create', {}, tokens.ADMIN), join(dataDir, 'backups'));
    expect(filesIn('backups')).toEqual([]);
  });

  it('a backup larger than the space left: DISK_FULL before it writes anything, no partial copy or journal left, sales go on', async () => {
    fillDisk();
    // A few MiB free again: room for sales, not for a copy of the database and the reserve.
    const filler = join(disk!.dir, 'filler');
    for (const f of readdirSync(filler).slice(0, 4)) rmSync(join(filler, f));
    const before = digest();
    const r = await answer('backups.create', {}, tokens.ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringContaining(diskFull(join(dataDir, 'backups'))) } });
    // Before: the copy filled the disk (failing other writes meanwhile) and its -journal stayed in backups/.
    expect(filesIn('backups')).toEqual([]);
    expect(digest()).toBe(before);
    expect(await answer('booking.hold', freeSeat, tokens.CASHIER)).toMatchObject({ ok: true });
    await call('booking.release', freeSeat, tokens.CASHIER);
  });

  it('a start on the full disk says the same; once space is freed everything works', async () => {
    reader.close();
    await core.close();
    disk!.fill();
    await expect(start()).rejects.toThrow(`The box office did not start: the disk is full — free space on ${dataDir} and try again; nothing was saved.`);

    disk!.release();
    core = await start();
    reader = new Database(file, { readonly: true, fileMustExist: true });
    await signInAll();
    expect((await call('orders.sell', sale, tokens.CASHIER)).tickets).toHaveLength(1);
    await call('customers.create', { name: 'Mia Braun', phone: '+49 170 1112223', cardNumber: '2600100099' }, tokens.CASHIER);
    await call('printing.printOrder', { orderId: soldOrderId, documents: 'ALL' }, tokens.CASHIER);
    expect(filesIn('printed').length).toBe(2);
    const job = await call('reports.export', { kind: 'REVENUE', format: 'PDF', from: '2026-11-01', to: '2026-11-25' }, tokens.MANAGER);
    let state = job;
    for (let i = 0; i < 600 && state.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      state = await call('reports.job', { jobId: job.jobId }, tokens.MANAGER);
    }
    expect(state.status).toBe('DONE');
    await call('backups.create', {}, tokens.ADMIN);
    expect(filesIn('backups').filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
  });
});
