import Database from 'better-sqlite3';
import { isLanguage, languageOfLocale, type Language } from '../../../shared/i18n/languages';
import { TERMINAL_LANGUAGE_KEY } from './identity';

/**
 * The language a start that failed is explained in, before the core runs and anyone signs in:
 * the terminal's own (read from its database, read-only, when it can be read), else the
 * computer's (`systemLocale`: Electron's app.getLocale(), "de-DE"), else English.
 */
export function startLanguage(databaseFile: string, systemLocale: string | null, nativeBinding?: string): Language {
  try {
    const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true, nativeBinding });
    try {
      const row = sqlite.prepare('SELECT value FROM local_meta WHERE key = ?').get(TERMINAL_LANGUAGE_KEY) as { value?: unknown } | undefined;
      if (isLanguage(row?.value)) return row.value;
    } finally {
      sqlite.close();
    }
  } catch {
    // Missing, damaged or locked: the computer's language will do.
  }
  return languageOfLocale(systemLocale);
}
