import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestPostgres } from './testing/central-postgres';
import { startMigratedCentral, stopMigratedCentral } from './testing/central-fixture';
import { registerCentralTerminal, type CentralDb } from './central-admin';
import { CentralClient, type PushItem } from './central-client';
import { newId } from '../ids';

/** A terminal acts on its own cinema only: it cannot delete another cinema's rows by their ids. */
let central: TestPostgres;
let owner: CentralDb;
type Terminal = { client: CentralClient; terminal: string; cinemaId: string };
let a: Terminal;
let b: Terminal;

const hlc = (ms: number, node: string) => `${String(ms).padStart(15, '0')}-00000-${node}`;
const customer = (id: string, origin: string, cinemaId: string, ms: number): PushItem => ({
  t: 'customers',
  op: 'UPSERT',
  id,
  row: { id, name: 'Ada', phone: null, email: null, card_number: null, cinema_id: cinemaId, created_at: '2026-11-25T12:00:00.000Z', updated_at: hlc(ms, origin), origin },
});

async function terminalOf(cinemaId: string): Promise<Terminal> {
  const terminal = newId();
  const reg = await registerCentralTerminal(owner, { terminalId: terminal, cinemaId });
  return { client: new CentralClient({ url: `postgres://${central.host}:${central.port}/${central.database}`, user: reg.user, password: reg.password }), terminal, cinemaId };
}

beforeAll(async () => {
  ({ central, owner } = await startMigratedCentral());
  a = await terminalOf(newId());
  b = await terminalOf(newId());
}, 120_000);

afterAll(async () => {
  await a?.client.close();
  await b?.client.close();
  await stopMigratedCentral({ central, owner });
});

describe('central deletes stay in their cinema', () => {
  it("refuses a batch deleting another cinema's row, and changes nothing", async () => {
    const id = newId();
    await a.client.push([customer(id, a.terminal, a.cinemaId, 1)]);
    const logBefore = (await sql<{ n: string }>`SELECT count(*) AS n FROM change_log`.execute(owner)).rows[0]!.n;

    await expect(b.client.push([{ t: 'customers', op: 'DELETE', id, hlc: hlc(2, b.terminal), origin: b.terminal }])).rejects.toThrow(/belongs to another cinema/);

    const row = (await sql<{ deleted: boolean; origin: string }>`SELECT deleted, origin FROM customers WHERE id = ${id}`.execute(owner)).rows[0]!;
    expect(row).toEqual({ deleted: false, origin: a.terminal });
    expect((await sql<{ n: string }>`SELECT count(*) AS n FROM change_log`.execute(owner)).rows[0]!.n).toBe(logBefore);
  });

  it('still deletes its own cinema’s rows', async () => {
    const id = newId();
    await a.client.push([customer(id, a.terminal, a.cinemaId, 3)]);
    await a.client.push([{ t: 'customers', op: 'DELETE', id, hlc: hlc(4, a.terminal), origin: a.terminal }]);
    expect((await sql<{ deleted: boolean }>`SELECT deleted FROM customers WHERE id = ${id}`.execute(owner)).rows[0]!.deleted).toBe(true);
  });
});
