import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../app-core';
import { manualClock } from '../clock';
import type { JournalSigner } from './journal-signer';
import { verifyJournal } from './verify-journal';

/** A stand-in for a certified signing device (a TSE): its own key and serial, answering asynchronously like hardware would. */
function fakeTse(serial: string): JournalSigner & { signed: number } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const tse = {
    id: `tse:${serial}`,
    algorithm: 'Ed25519',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signed: 0,
    async sign(hashHex: string) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      tse.signed++;
      return sign(null, Buffer.from(hashHex, 'utf8'), privateKey).toString('base64');
    },
  };
  return tse;
}

const quiet = { info: () => undefined, error: () => undefined };
let core: Core;
let dir: string;
const tse = fakeTse('TSE-0042');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'journal-signer-'));
  core = await startCore({ dataDir: dir, demo: true, clock: manualClock('2026-11-25T12:00:00Z'), log: quiet, sync: { background: false }, journalSigner: tse });
}, 60_000);
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a pluggable journal signer (rule 16)', () => {
  it('signs every entry of an unchanged sale through the device, and the chain verifies with the device key', async () => {
    const login = await core.call({ op: 'auth.login', input: { username: 'cashier', password: 'cashier1234' } });
    const token = (login as { ok: true; value: { token: string } }).value.token;
    const call = async (op: string, input: unknown) => {
      const r = await core.call({ op, input, token });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    await call('shifts.open', { openingFloat: 0 });
    const water = await core.services.db.selectFrom('concession_items').select(['id', 'price']).where('name', '=', 'Still water 0.5 l').executeTakeFirstOrThrow();
    await call('orders.sell', { concessions: [{ itemId: water.id, quantity: 1 }], payments: [{ method: 'CASH', amount: water.price, tendered: water.price }] });

    const entries = await core.services.db.selectFrom('journal_entries').select(['kind', 'signer_id']).orderBy('counter').execute();
    expect(entries).toEqual([
      { kind: 'SHIFT_OPEN', signer_id: 'tse:TSE-0042' },
      { kind: 'SALE', signer_id: 'tse:TSE-0042' },
    ]);
    expect(tse.signed).toBe(2);
    expect(await core.services.db.selectFrom('journal_signers').selectAll().execute()).toEqual([
      { id: 'tse:TSE-0042', algorithm: 'Ed25519', public_key: tse.publicKeyPem, first_used_at: '2026-11-25T12:00:00.000Z' },
    ]);
    const [check] = await verifyJournal(core.services.db);
    expect(check).toMatchObject({ entries: 2, firstBreak: null });
  });
});
