import { sql } from 'kysely';
import type { CentralDb } from '../sync/central-admin';
import { verifyChain, type ChainVerdict, type SignerKey, type StoredEntry } from './verify-chain';

/**
 * The whole check of the journals the centre holds — links, hashes AND Ed25519 signatures, which
 * PostgreSQL does not check on arrival — against each terminal's registered public key
 * (`npm run central -- verify-journal`). Run as the database owner.
 */
export async function verifyCentralJournal(db: CentralDb, terminalId?: string): Promise<ChainVerdict[]> {
  const only = terminalId ? sql`WHERE terminal_id = ${terminalId}` : sql``;
  const entries = (await sql<StoredEntry & { counter: string }>`SELECT terminal_id, counter, kind, at, content, prev_hash, hash, signer_id, signature FROM journal_entries ${only} ORDER BY terminal_id, counter`.execute(db)).rows;
  const signers = (await sql<{ terminal_id: string; id: string; algorithm: string; public_key: string }>`SELECT terminal_id, id, algorithm, public_key FROM journal_signers ${only}`.execute(db)).rows;
  const registered = (await sql<{ terminal_id: string; public_key: string | null }>`SELECT terminal_id, public_key FROM sync_terminals ${only}`.execute(db)).rows;
  const synced = (await sql<{ id: string; public_key: string }>`SELECT id, public_key FROM terminals WHERE NOT deleted`.execute(db)).rows;
  const keys = new Map<string, string>(synced.map((t) => [t.id, t.public_key]));
  for (const r of registered) if (r.public_key) keys.set(r.terminal_id, r.public_key);

  const byTerminal = new Map<string, StoredEntry[]>();
  for (const e of entries) {
    const list = byTerminal.get(e.terminal_id) ?? [];
    list.push({ ...e, counter: Number(e.counter) });
    byTerminal.set(e.terminal_id, list);
  }
  return [...byTerminal.entries()].map(([id, list]) => {
    const own = new Map<string, SignerKey>(signers.filter((s) => s.terminal_id === id).map((s) => [s.id, { algorithm: s.algorithm, publicKey: s.public_key }]));
    return verifyChain(id, list, own, keys);
  });
}
