import { createHash } from 'node:crypto';

/** The previous hash of a terminal's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  terminalId: string;
  counter: number;
  kind: string;
  at: string;
  prevHash: string;
  content: string;
}

/**
 * What a link's hash covers, as one UTF-8 text: version, terminal, counter, kind, instant, the
 * previous hash and the canonical content, one per line. Plain enough that the central
 * PostgreSQL recomputes it with sha256() (central migration 0006) and an auditor with sha256sum.
 */
export function chainText(link: ChainLink): string {
  return `v1\n${link.terminalId}\n${link.counter}\n${link.kind}\n${link.at}\n${link.prevHash}\n${link.content}`;
}

/** SHA-256 of chainText, lower-case hex. */
export function chainHash(link: ChainLink): string {
  return createHash('sha256').update(chainText(link), 'utf8').digest('hex');
}
