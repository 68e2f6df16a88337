import { describe, expect, it } from 'vitest';
import { weakKeychainWords } from './secret-store';
import { inWords } from '../errors';

const weakKeychainReason = (platform: string, available: boolean, backend: string | null, language: 'en' | 'de' = 'en') => {
  const words = weakKeychainWords(platform, available, backend);
  return words && inWords(words, language);
};

describe('where the central password may be stored', () => {
  it("refuses Linux's basic_text fallback (a fixed key) and no keychain at all, saying why", () => {
    expect(weakKeychainReason('linux', true, 'basic_text')).toMatch(/no keyring .* not saved/);
    expect(weakKeychainReason('linux', true, 'unknown')).toMatch(/no keyring/);
    expect(weakKeychainReason('win32', false, null)).toMatch(/no encrypted storage/);
    expect(weakKeychainReason('linux', true, 'basic_text', 'de')).toMatch(/keinen Schlüsselbund .* nicht gespeichert/);
  });

  it('accepts a real keyring or the OS keychain', () => {
    expect(weakKeychainReason('linux', true, 'gnome_libsecret')).toBeNull();
    expect(weakKeychainReason('linux', true, 'kwallet5')).toBeNull();
    expect(weakKeychainReason('darwin', true, null)).toBeNull();
    expect(weakKeychainReason('win32', true, null)).toBeNull();
  });
});
