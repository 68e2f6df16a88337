import { createHash, createHmac } from 'node:crypto';

/**
 * A terminal's key on the centre's shared login (central migration 0015): derived from the
 * terminal's own password, so nothing new is stored on the terminal, and not the password itself,
 * so a key seen by the pooler or a server log cannot log in. 256 bits, as 64 hexadecimal digits.
 */
export function terminalKeyOf(password: string): string {
  return createHmac('sha256', password).update('box-office terminal key v1').digest('hex');
}

/** What the centre keeps of a key: its SHA-256, as 64 hexadecimal digits (sync_terminals.key_hash). */
export function terminalKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
