import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounter, type CounterFixture } from '../orders/counter-fixture';

let f: CounterFixture;
let manager: string;
let z1Hash: string;

async function sell(row: string, seat: number) {
  const s = await f.session();
  const seatId = await f.seat(s.id, row, seat);
  await f.t.call('booking.hold', { sessionId: s.id, seatIds: [seatId] }, f.cashier);
  const cola = await f.item('Cola 0.5 l');
  const draft = { sessionId: s.id, tickets: [{ seatId, ticketType: 'ADULT' as const }], concessions: [{ itemId: cola.id, quantity: 2 }], ageConfirmed: true };
  const q = await f.t.call('orders.quote', draft, f.cashier);
  return f.t.call('orders.sell', { ...draft, payments: [{ method: 'CARD', amount: q.toPay, approvalCode: 'X1Y2', last4: '4242' }] }, f.cashier);
}

beforeAll(async () => {
  f = await startCounter();
  manager = await f.t.signIn('MANAGER');
  await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
  const a = await sell('D', 4);
  await sell('D', 5);
  await f.t.call('orders.refund', { orderId: a.orderId, ticketIds: [a.tickets[0]!.id], reason: 'CUSTOMER_CHANGED_MIND', cardApprovalCode: 'RF1234' }, f.cashier);
  await f.t.call('shifts.close', { countedCash: 0 }, f.cashier);
  z1Hash = (await f.t.core.services.db.selectFrom('journal_entries').select('hash').orderBy('counter', 'desc').executeTakeFirstOrThrow()).hash;
  await f.t.call('shifts.open', { openingFloat: 0 }, f.cashier);
  await sell('E', 1);
  await f.t.call('shifts.close', { countedCash: 0 }, f.cashier);
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const csv = (folder: string, name: string) =>
  readFileSync(join(folder, name), 'utf8')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));

describe('audit export (rule 16)', () => {
  it('writes DSFinV-K-shaped CSV files of a Z range and a manifest with their hashes and the chain around the range', async () => {
    const result = await f.t.call('journal.export', { fromZ: 1, toZ: 1 }, manager);
    expect(result.folder).toContain(join(f.t.dir, 'audit-exports'));
    expect(result.files.map((x) => x.name).sort()).toEqual(
      ['bon_referenzen.csv', 'bonkopf.csv', 'bonkopf_ust.csv', 'bonkopf_zahlarten.csv', 'bonpos.csv', 'cashpointclosing.csv', 'cashregister.csv', 'journal.csv', 'location.csv', 'vat.csv'].sort(),
    );
    const heads = csv(result.folder, 'bonkopf.csv');
    expect(heads[0]!.slice(0, 6)).toEqual(['Z_KASSE_ID', 'Z_ERSTELLUNG', 'Z_NR', 'BON_ID', 'BON_NR', 'BON_TYP']);
    expect(heads.slice(1).map((r) => [r[2], r[4], r[6]])).toEqual([
      ['1', '1', 'Sale'],
      ['1', '2', 'Sale'],
      ['1', '3', 'Refund slip'],
    ]);
    // Ticket (7 %, key 2) and two colas (19 %, key 1) on each sale; the slip refers to receipt 1.
    const lines = csv(result.folder, 'bonpos.csv').slice(1);
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l[l.length - 1]).sort()).toEqual(['1', '1', '2', '2']);
    const refs = csv(result.folder, 'bon_referenzen.csv').slice(1);
    expect(refs).toHaveLength(1);
    expect(refs[0]![8]).toBe('1');
    expect(csv(result.folder, 'location.csv')[1]).toEqual([f.t.core.terminal().id, 'Aurora Cinema', 'Aurora Lichtspiele GmbH', '"Karl-Marx-Allee 93', ' 10243 Berlin', ' Germany"', 'DE298765432', 'Europe/Berlin']);
    const closing = csv(result.folder, 'cashpointclosing.csv');
    expect(closing).toHaveLength(2);
    expect(closing[1]!.slice(2, 7)).toEqual(['1', '2026-11-25', '1', '3', '3']);

    const manifest = JSON.parse(readFileSync(join(result.folder, 'manifest.json'), 'utf8'));
    for (const file of manifest.files) expect(createHash('sha256').update(readFileSync(join(result.folder, file.name))).digest('hex')).toBe(file.sha256);
    expect(manifest.chain).toMatchObject({ firstCounter: 1, hashBeforeRange: '0'.repeat(64), lastHash: z1Hash, verified: { intact: true } });
    expect(manifest.receipts).toEqual({ count: 3, first: 1, last: 3 });
    expect(manifest.chain.signers[0].publicKey).toContain('BEGIN PUBLIC KEY');

    // The next Z continues where this one ended.
    const next = await f.t.call('journal.export', { fromZ: 2, toZ: 2 }, manager);
    const m2 = JSON.parse(readFileSync(join(next.folder, 'manifest.json'), 'utf8'));
    expect(m2.chain.hashBeforeRange).toBe(z1Hash);
    expect(m2.receipts).toEqual({ count: 1, first: 4, last: 4 });
  });

  it('exports a range of business days, and refuses ranges it cannot give in the manager’s words', async () => {
    const days = await f.t.call('journal.export', { from: '2026-11-25', to: '2026-11-25' }, manager);
    expect(csv(days.folder, 'bonkopf.csv')).toHaveLength(5);
    expect(days.entries).toBeGreaterThan(8);
    await expect(f.t.call('journal.export', { fromZ: 3, toZ: 4 }, manager)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no Z report no. 3, 4') });
    await expect(f.t.call('journal.export', { fromZ: 2, toZ: 1 }, manager)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('journal.export', { from: '2026-11-25', to: '2026-11-25', fromZ: 1, toZ: 1 }, manager)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(f.t.call('journal.export', { fromZ: 1, toZ: 1 }, f.cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
