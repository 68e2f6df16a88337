import { GENESIS_HASH, chainHash } from './chain-hash';
import { TERMINAL_SIGNER_PREFIX, verifyJournalSignature } from './journal-signer';
import type { Words } from '../../../shared/i18n/message-key';
import { inWords } from '../errors';

export interface StoredEntry {
  terminal_id: string;
  counter: number;
  kind: string;
  at: string;
  content: string;
  prev_hash: string;
  hash: string;
  signer_id: string;
  signature: string;
}

export interface SignerKey {
  algorithm: string;
  publicKey: string;
}

export type BreakReason = 'MISSING' | 'OUT_OF_ORDER' | 'PREVIOUS_HASH' | 'HASH' | 'SIGNATURE' | 'UNKNOWN_SIGNER' | 'FOREIGN_KEY' | 'TIME';

export interface ChainBreak {
  /** The first entry that does not match (for a missing entry: the one expected there). */
  counter: number;
  kind: string | null;
  at: string | null;
  reason: BreakReason;
  /** What is wrong with it, in English ("its content does not give its hash …"). */
  detail: string;
  /** The same as catalogue words, for a reader in their language (journal.overview writes them). */
  detailWords: Words;
  /** The same with the entry named: "Entry 17 (SALE, 2026-11-25T15:00:00.000Z): …". */
  message: string;
}

export interface ChainVerdict {
  terminalId: string;
  entries: number;
  /** The last entry that still matches: what a later check or the centre continues from. */
  lastGood: { counter: number; hash: string } | null;
  firstBreak: ChainBreak | null;
}

/**
 * Walks one terminal's journal in counter order and names the first entry that does not match:
 * a counter that skips (rows deleted) or goes back (rows reordered), a previous hash that is not the
 * entry before's (deleted or moved), content that no longer gives its hash (edited), a signature
 * the signer's key does not confirm (re-hashed by someone without the key), an unknown signer,
 * a terminal key other than the terminal's registered one, or time running backwards.
 * `terminalKeys`: the public keys the terminals table knows (a signer `terminal:<id>` must use its terminal's).
 * `signaturesCheckedThrough`: an entry (counter and hash) up to which an earlier run checked every
 * signature. If the chain still passes through that exact hash, nothing before it can have changed
 * (every hash covers the one before), so only later signatures are checked again — Ed25519 costs
 * ~0.1–0.7 ms an entry, a year of sales is 100 000 entries; the links and hashes are always checked.
 */
export function verifyChain(
  terminalId: string,
  entries: readonly StoredEntry[],
  signers: ReadonlyMap<string, SignerKey>,
  terminalKeys: ReadonlyMap<string, string> = new Map(),
  signaturesCheckedThrough: { counter: number; hash: string } | null = null,
): ChainVerdict {
  const anchor = signaturesCheckedThrough;
  const trusted = anchor !== null && entries.some((e) => e.counter === anchor.counter && e.hash === anchor.hash) ? anchor.counter : 0;
  let prev: StoredEntry | null = null;
  let lastGood: ChainVerdict['lastGood'] = null;
  const fail = (e: StoredEntry, reason: BreakReason, detailWords: Words, counter = e.counter): ChainVerdict => {
    const message = inWords(detailWords, 'en');
    return {
    terminalId,
    entries: entries.length,
    lastGood,
    firstBreak: {
      counter,
      kind: counter === e.counter ? e.kind : null,
      at: counter === e.counter ? e.at : null,
      reason,
      detail: message,
      detailWords,
      message: `Entry ${counter}${counter === e.counter ? ` (${e.kind}, ${e.at})` : ''}: ${message}`,
    },
  };
  };
  for (const e of entries) {
    const expected = (prev?.counter ?? 0) + 1;
    if (e.counter > expected) return fail(e, 'MISSING', { key: 'refusals:journalBreak.missing', values: { before: expected - 1, after: e.counter } }, expected);
    if (e.counter < expected) return fail(e, 'OUT_OF_ORDER', { key: 'refusals:journalBreak.outOfOrder', values: { before: prev?.counter } });
    if (e.prev_hash !== (prev?.hash ?? GENESIS_HASH)) return fail(e, 'PREVIOUS_HASH', { key: 'refusals:journalBreak.previousHash', values: { before: expected - 1 } });
    const hash = chainHash({ terminalId: e.terminal_id, counter: e.counter, kind: e.kind, at: e.at, prevHash: e.prev_hash, content: e.content });
    if (e.terminal_id !== terminalId || hash !== e.hash) return fail(e, 'HASH', { key: 'refusals:journalBreak.hash' });
    const signer = signers.get(e.signer_id);
    if (!signer) return fail(e, 'UNKNOWN_SIGNER', { key: 'refusals:journalBreak.unknownSigner', values: { signer: e.signer_id } });
    if (e.signer_id.startsWith(TERMINAL_SIGNER_PREFIX)) {
      const registered = terminalKeys.get(e.signer_id.slice(TERMINAL_SIGNER_PREFIX.length));
      if (registered !== undefined && registered.trim() !== signer.publicKey.trim()) return fail(e, 'FOREIGN_KEY', { key: 'refusals:journalBreak.foreignKey' });
    }
    if (e.counter > trusted && !verifyJournalSignature(signer.algorithm, signer.publicKey, e.hash, e.signature)) {
      return fail(e, 'SIGNATURE', { key: 'refusals:journalBreak.signature' });
    }
    if (prev && e.at < prev.at) return fail(e, 'TIME', { key: 'refusals:journalBreak.time', values: { before: prev.counter, at: prev.at } });
    prev = e;
    lastGood = { counter: e.counter, hash: e.hash };
  }
  return { terminalId, entries: entries.length, lastGood, firstBreak: null };
}
