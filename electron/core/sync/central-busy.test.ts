import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { registerCentralTerminal, type CentralDb } from './central-admin';
import { CentralClient } from './central-client';
import { CentralBusyError, connectWithBackoff } from './central-busy';
import { TERMINAL_CONNECTION_LIMIT } from '../../../migrations/central/0004-terminal-reaches-own-cinema-only';
import { newId } from '../ids';

/*
 * A full central server refuses a connection with 53300 before anything ran: the terminal waits
 * (growing, random pauses) and connects again — the sync is slower, never an error — until a
 * budget is spent; then one sentence for the Sync screen.
 */
let central: TestPostgres;
let owner: CentralDb;
let reg: { user: string; password: string };

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  reg = await registerCentralTerminal(owner, { terminalId: newId(), cinemaId: newId() });
}, 120_000);

afterAll(async () => {
  await stopMigratedCentral({ central, owner });
});

const url = () => `postgres://${central.host}:${central.port}/${central.database}`;

/** Every connection the terminal's login may have (its role's CONNECTION LIMIT), held open. */
async function fillTerminalSlots(): Promise<pg.Client[]> {
  const held: pg.Client[] = [];
  for (let i = 0; i < TERMINAL_CONNECTION_LIMIT; i++) {
    const c = new pg.Client({ host: central.host, port: central.port, database: central.database, ...reg });
    c.on('error', () => undefined);
    await c.connect();
    held.push(c);
  }
  return held;
}

describe('a central server without a free connection', () => {
  it('is waited out: the pull succeeds once a connection frees up, after retried refusals', async () => {
    const held = await fillTerminalSlots();
    const client = new CentralClient({ url: url(), ...reg });
    try {
      setTimeout(() => void held.pop()!.end(), 400);
      const page = await client.pull(null, 10);
      expect(page.next.xid).toMatch(/^\d+$/);
      expect(client.busyRefusals).toBeGreaterThan(0);
    } finally {
      await client.close();
      for (const c of held) await c.end();
    }
  });

  it('after the budget: one sentence for the Sync screen, nothing about SQL', async () => {
    const held = await fillTerminalSlots();
    const client = new CentralClient({ url: url(), ...reg }, { busy: { budgetMs: 300 } });
    try {
      const e = await client.pull(null, 10).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CentralBusyError);
      expect((e as Error).message).toBe('The central database is busy (all its connections are in use). This terminal keeps trying; sales go on meanwhile.');
      expect(client.busyRefusals).toBeGreaterThan(1);
    } finally {
      await client.close();
      for (const c of held) await c.end();
    }
  });

  it('other failures are not retried (a wrong password fails at once)', async () => {
    const client = new CentralClient({ url: url(), user: reg.user, password: 'wrong' });
    try {
      await expect(client.pull(null, 10)).rejects.toThrow(/password authentication failed/);
      expect(client.busyRefusals).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('pauses grow and are spread at random', async () => {
    const pauses: number[] = [];
    let n = 0;
    const refused = Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
    const value = await connectWithBackoff(
      async () => {
        if (n++ < 6) throw refused;
        return 'connected';
      },
      { baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => void pauses.push(ms), random: () => 0.5 },
    );
    expect(value).toBe('connected');
    expect(pauses).toEqual([75, 150, 300, 600, 750, 750]);
  });
});
