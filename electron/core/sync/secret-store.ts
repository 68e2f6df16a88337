import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Words } from '../../../shared/i18n/message-key';

/** How this terminal reaches the central database: the URL and its own login role. */
export interface CentralCredentials {
  /** postgres://host:port/database (user and password are kept apart). */
  url: string;
  user: string;
  password: string;
}

/**
 * Where the terminal keeps its central credentials. Electron encrypts them with the OS keychain
 * (safeStorage, electron/safe-storage-secret-store.ts); the bridge and the tests keep a 0600 file.
 */
export interface SecretStore {
  load(): CentralCredentials | null;
  save(credentials: CentralCredentials): void;
  clear(): void;
}

export const CREDENTIALS_FILE = 'central-credentials.json';

/** Reads and writes bytes in a file only the app's OS user may read. */
export function fileBytesStore(dataDir: string, fileName: string) {
  const file = join(dataDir, fileName);
  return {
    file,
    read: (): Buffer | null => (existsSync(file) ? readFileSync(file) : null),
    write(bytes: Buffer): void {
      writeFileSync(file, bytes, { mode: 0o600 });
      chmodSync(file, 0o600);
    },
    remove: () => rmSync(file, { force: true }),
  };
}

export function parseCredentials(text: string): CentralCredentials | null {
  try {
    const v = JSON.parse(text) as Partial<CentralCredentials>;
    return typeof v.url === 'string' && typeof v.user === 'string' && typeof v.password === 'string' ? { url: v.url, user: v.user, password: v.password } : null;
  } catch {
    return null;
  }
}

/**
 * Why the OS offers no real encryption for the central password, or null when it does. On Linux
 * without a keyring (GNOME Keyring/libsecret, KWallet) Electron's safeStorage falls back to its
 * `basic_text` backend: "encrypted" with a key fixed in Chromium's source — as good as plain text.
 */
export function weakKeychainWords(platform: string, available: boolean, linuxBackend: string | null): Words | null {
  if (!available) return { key: 'refusals:sync.noKeychain' };
  if (platform === 'linux' && (linuxBackend === 'basic_text' || linuxBackend === 'unknown')) return { key: 'refusals:sync.noKeyring' };
  return null;
}

/** The bridge/test store: plain JSON in a 0600 file of the data folder (not encrypted: development and tests). */
export class FileSecretStore implements SecretStore {
  private readonly bytes;
  constructor(dataDir: string) {
    this.bytes = fileBytesStore(dataDir, CREDENTIALS_FILE);
  }
  load(): CentralCredentials | null {
    const b = this.bytes.read();
    return b ? parseCredentials(b.toString('utf8')) : null;
  }
  save(credentials: CentralCredentials): void {
    this.bytes.write(Buffer.from(JSON.stringify(credentials), 'utf8'));
  }
  clear(): void {
    this.bytes.remove();
  }
}
