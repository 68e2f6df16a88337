import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Who signs the journal (rule 16). The terminal's own Ed25519 key is the default; where the law
 * asks for a certified device or service (Germany's TSE, for example), an implementation of this
 * interface plugs in through `CoreServices.journalSigner` and the sale does not change: it hands
 * over the entry's hash and stores what comes back. The signer's public key is kept in
 * `journal_signers` beside the entries, so any verifier can check every signature offline.
 */
export interface JournalSigner {
  /** Stable id stored with every entry, e.g. `terminal:<terminal id>` or `tse:<serial number>`. */
  readonly id: string;
  /** How `verifyJournalSignature` checks it; `Ed25519` is the one this app verifies itself. */
  readonly algorithm: string;
  readonly publicKeyPem: string;
  /** Signs the entry's hash (64 hex characters as UTF-8); returns the signature, base64. */
  sign(hashHex: string): string | Promise<string>;
}

export const TERMINAL_SIGNER_PREFIX = 'terminal:';

/** The default signer: the terminal's Ed25519 key (the one that signs ticket codes). */
export function terminalKeySigner(terminalId: string, keys: { privateKeyPem: string; publicKeyPem: string }): JournalSigner {
  const privateKey = createPrivateKey(keys.privateKeyPem);
  return {
    id: `${TERMINAL_SIGNER_PREFIX}${terminalId}`,
    algorithm: 'Ed25519',
    publicKeyPem: keys.publicKeyPem,
    sign: (hashHex) => sign(null, Buffer.from(hashHex, 'utf8'), privateKey).toString('base64'),
  };
}

const publicKeys = new Map<string, KeyObject>();

/** Checks one entry's signature with the signer's public key; false for an algorithm it does not know. */
export function verifyJournalSignature(algorithm: string, publicKeyPem: string, hashHex: string, signatureB64: string): boolean {
  if (algorithm !== 'Ed25519') return false;
  let key = publicKeys.get(publicKeyPem);
  if (!key) {
    key = createPublicKey(publicKeyPem);
    publicKeys.set(publicKeyPem, key);
  }
  try {
    return verify(null, Buffer.from(hashHex, 'utf8'), key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}
