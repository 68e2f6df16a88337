import { safeStorage } from 'electron';
import { DomainError } from './core/errors';
import { fileBytesStore, parseCredentials, weakKeychainWords, type CentralCredentials, type SecretStore } from './core/sync/secret-store';
import type { Words } from '../shared/i18n/message-key';

/**
 * Central credentials encrypted with the operating system's keychain (Electron safeStorage:
 * DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux), in a 0600 file of the data
 * folder. Where no keychain is available — or on Linux only safeStorage's `basic_text` fallback,
 * a fixed key — nothing is stored and the admin is told why.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly bytes;

  constructor(dataDir: string) {
    this.bytes = fileBytesStore(dataDir, 'central-credentials.enc');
  }

  /** Asked when used (after the app is ready: the Linux backend is chosen then). */
  private weakness(): Words | null {
    const available = safeStorage.isEncryptionAvailable();
    const backend = process.platform === 'linux' && available ? safeStorage.getSelectedStorageBackend() : null;
    return weakKeychainWords(process.platform, available, backend);
  }

  load(): CentralCredentials | null {
    const b = this.bytes.read();
    if (!b || this.weakness()) return null;
    try {
      return parseCredentials(safeStorage.decryptString(b));
    } catch {
      return null;
    }
  }

  save(credentials: CentralCredentials): void {
    const whyWords = this.weakness();
    if (whyWords) throw new DomainError('VALIDATION', whyWords);
    this.bytes.write(safeStorage.encryptString(JSON.stringify(credentials)));
  }

  clear(): void {
    this.bytes.remove();
  }
}
