import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/tables';
import type { TerminalIdentity } from '../context';
import { newId } from '../ids';
import { preparedQuery } from '../db/prepared-query';
import { DEFAULT_LANGUAGE, isLanguage } from '../../../shared/i18n/languages';

export const SIGNING_KEY_FILE = 'terminal-signing-key.pem';

/** local_meta key of the language this terminal speaks (issue 16). */
export const TERMINAL_LANGUAGE_KEY = 'terminal_language';

const metaValue = preparedQuery((db, p: { key: string }) => db.selectFrom('local_meta').select('value').where('key', '=', p.key));
const metaWrite = preparedQuery((db, p: { key: string; value: string }) =>
  db
    .insertInto('local_meta')
    .values({ key: p.key, value: p.value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: p.value })),
);

export async function readMeta(db: Kysely<DB> | Transaction<DB>, key: string): Promise<string | null> {
  const row = await metaValue.first(db, { key });
  return row?.value ?? null;
}

export async function writeMeta(db: Kysely<DB> | Transaction<DB>, key: string, value: string): Promise<void> {
  await metaWrite.run(db, { key, value });
}

/** This terminal's id and name, born on its first start and kept in the local database. */
export async function ensureTerminalIdentity(db: Kysely<DB>): Promise<TerminalIdentity> {
  let id = await readMeta(db, 'terminal_id');
  let name = await readMeta(db, 'terminal_name');
  if (!id) {
    id = newId();
    await writeMeta(db, 'terminal_id', id);
  }
  if (!name) {
    name = `Counter ${hostname().slice(0, 24)}`;
    await writeMeta(db, 'terminal_name', name);
  }
  const cinemaId = await readMeta(db, 'cinema_id');
  const language = await readMeta(db, TERMINAL_LANGUAGE_KEY);
  return { id, name, cinemaId, language: isLanguage(language) ? language : DEFAULT_LANGUAGE };
}

/**
 * The terminal's Ed25519 ticket-signing key pair. The private key stays in a 0600 file of the
 * data folder, read only by the main process; the public key is shared through the terminals table.
 */
export function ensureSigningKey(dataDir: string): { privateKeyPem: string; publicKeyPem: string } {
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const privateKeyPem = readFileSync(file, 'utf8');
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, publicKeyPem };
}
