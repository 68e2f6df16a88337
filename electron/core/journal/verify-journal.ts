import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import { readMeta, writeMeta } from '../terminal/identity';
import { verifyChain, type ChainVerdict, type SignerKey } from './verify-chain';

type Db = Kysely<DB> | Transaction<DB>;

/** local_meta: per terminal, the entry up to which every signature was checked (JSON { counter, hash }). */
const CHECKED_KEY = 'journal_signatures_checked:';

/**
 * Verifies every terminal's journal held in this database (normally one: this terminal's own).
 * `incremental`: signatures already checked by an earlier run (the chain still passing through the
 * entry it stopped at) are not checked again, and where this run got to is remembered — the
 * Money trail screen. Without it every signature is checked (the CLI, tests). Someone who can
 * edit this file could also edit the remembered entry, but such a person holds the terminal's key
 * file as well and could re-sign everything: only the centre's copy (or a TSE) stands against that.
 */
export async function verifyJournal(db: Db, options: { incremental?: boolean } = {}): Promise<ChainVerdict[]> {
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
  const verdicts: ChainVerdict[] = [];
  for (const [terminalId, list] of byTerminal) {
    const stored = options.incremental ? await readMeta(db, CHECKED_KEY + terminalId) : null;
    const verdict = verifyChain(terminalId, list, keys, terminalKeys, stored ? (JSON.parse(stored) as { counter: number; hash: string }) : null);
    if (options.incremental && !verdict.firstBreak && verdict.lastGood) await writeMeta(db, CHECKED_KEY + terminalId, JSON.stringify(verdict.lastGood));
    verdicts.push(verdict);
  }
  return verdicts;
}
