import type { Transaction } from 'kysely';
import type { DB, Row } from '../db/tables';
import type { CoreServices, RequestContext } from '../context';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, chainHash } from './chain-hash';
import { terminalKeySigner, type JournalSigner } from './journal-signer';
import { preparedQuery } from '../db/prepared-query';

/** Money-moving events (rule 16). */
export type JournalKind =
  | 'SALE'
  | 'REFUND'
  | 'EXCHANGE'
  | 'VOUCHER_SALE'
  | 'VOUCHER_REDEMPTION'
  | 'SHIFT_OPEN'
  | 'SHIFT_CLOSE'
  | 'Z_REPORT';

export interface AppendedEntry {
  counter: number;
  hash: string;
}

const defaultSigners = new WeakMap<CoreServices, JournalSigner>();

// Every money-moving event writes these (db/prepared-query.ts: compiled once).
const lastEntry = preparedQuery((db, p: { terminalId: string }) =>
  db.selectFrom('journal_entries').select(['counter', 'hash']).where('terminal_id', '=', p.terminalId).orderBy('counter', 'desc').limit(1),
);
const insertSigner = preparedQuery((db, p: Row<'journal_signers'>) =>
  db
    .insertInto('journal_signers')
    .values({ id: p.id, algorithm: p.algorithm, public_key: p.public_key, first_used_at: p.first_used_at })
    .onConflict((oc) => oc.column('id').doNothing()),
);
const insertEntry = preparedQuery((db, p: Row<'journal_entries'>) =>
  db.insertInto('journal_entries').values({
    terminal_id: p.terminal_id,
    counter: p.counter,
    kind: p.kind,
    at: p.at,
    content: p.content,
    prev_hash: p.prev_hash,
    hash: p.hash,
    signer_id: p.signer_id,
    signature: p.signature,
  }),
);

/** The journal's signer: the one plugged into the services, else the terminal's own key. */
export function journalSignerOf(services: CoreServices, terminalId: string): JournalSigner {
  if (services.journalSigner) return services.journalSigner;
  let signer = defaultSigners.get(services);
  if (!signer || signer.id !== `terminal:${terminalId}`) {
    signer = terminalKeySigner(terminalId, services.signing);
    defaultSigners.set(services, signer);
  }
  return signer;
}

/**
 * Appends one event to this terminal's journal inside the caller's transaction, so the entry
 * exists exactly when the change it records does: the next counter, the previous entry's hash,
 * the hash of this one and the signer's signature of it. The transaction holds SQLite's write
 * lock, so two appends never read the same previous entry.
 */
export async function appendJournal(trx: Transaction<DB>, ctx: RequestContext, kind: JournalKind, content: Record<string, unknown>): Promise<AppendedEntry> {
  const terminalId = ctx.terminal.id;
  const signer = journalSignerOf(ctx.services, terminalId);
  const at = ctx.clock.now().toISOString();
  const last = await lastEntry.first(trx, { terminalId });
  const link = { terminalId, counter: (last?.counter ?? 0) + 1, kind, at, prevHash: last?.hash ?? GENESIS_HASH, content: canonicalJson(content) };
  const hash = chainHash(link);
  const signature = await signer.sign(hash);
  await insertSigner.run(trx, { id: signer.id, algorithm: signer.algorithm, public_key: signer.publicKeyPem, first_used_at: at });
  await insertEntry.run(trx, { terminal_id: terminalId, counter: link.counter, kind, at, content: link.content, prev_hash: link.prevHash, hash, signer_id: signer.id, signature });
  return { counter: link.counter, hash };
}
