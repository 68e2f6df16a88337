import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { verifyChain, type ChainVerdict, type SignerKey } from './verify-chain';

type Db = Kysely<DB> | Transaction<DB>;

/** Verifies every terminal's journal held in this database (normally one: this terminal's own). */
export async function verifyJournal(db: Db): Promise<ChainVerdict[]> {
  const [entries, signers, terminals] = await Promise.all([
    db.selectFrom('journal_entries').selectAll().orderBy('terminal_id').orderBy('counter').execute(),
    db.selectFrom('journal_signers').selectAll().execute(),
    db.selectFrom('terminals').select(['id', 'public_key']).execute(),
  ]);
  const keys = new Map<string, SignerKey>(signers.map((s) => [s.id, { algorithm: s.algorithm, publicKey: s.public_key }]));
  const terminalKeys = new Map(terminals.map((t) => [t.id, t.public_key]));
  const byTerminal = new Map<string, typeof entries>();
  for (const e of entries) {
    const list = byTerminal.get(e.terminal_id);
    if (list) list.push(e);
    else byTerminal.set(e.terminal_id, [e]);
  }
  return [...byTerminal.entries()].map(([terminalId, list]) => verifyChain(terminalId, list, keys, terminalKeys));
}
