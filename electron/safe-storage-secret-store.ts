import { safeStorage } from 'electron';
import { fileBytesStore, parseCredentials, type CentralCredentials, type SecretStore } from './core/sync/secret-store';

/**
 * Central credentials encrypted with the operating system's keychain (Electron safeStorage:
 * DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux), in a 0600 file of the data
 * folder. Where no keychain is available, nothing is stored and the admin is told so.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly bytes;

  constructor(dataDir: string) {
    this.bytes = fileBytesStore(dataDir, 'central-credentials.enc');
  }

  load(): CentralCredentials | null {
    const b = this.bytes.read();
    if (!b || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return parseCredentials(safeStorage.decryptString(b));
    } catch {
      return null;
    }
  }

  save(credentials: CentralCredentials): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('This computer offers no encrypted storage (keychain) for the central password; it was not saved.');
    }
    this.bytes.write(safeStorage.encryptString(JSON.stringify(credentials)));
  }

  clear(): void {
    this.bytes.remove();
  }
}
