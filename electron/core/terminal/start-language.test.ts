import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startLanguage } from './start-language';
import { TERMINAL_LANGUAGE_KEY } from './identity';

/*
 * Issue 16: a start that failed is explained before anyone signs in — in the terminal's language
 * when its database can still be read, else in the computer's.
 */

const folder = mkdtempSync(join(tmpdir(), 'start-language-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function terminalSpeaking(language: string | null): string {
  const file = join(folder, `${language ?? 'none'}.sqlite`);
  const db = new Database(file);
  db.exec('CREATE TABLE local_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  if (language) db.prepare('INSERT INTO local_meta (key, value) VALUES (?, ?)').run(TERMINAL_LANGUAGE_KEY, language);
  db.close();
  return file;
}

describe('the language a failed start is explained in', () => {
  it("is the terminal's own when its database can be read, whatever the computer speaks", () => {
    expect(startLanguage(terminalSpeaking('de'), 'en-US')).toBe('de');
    expect(startLanguage(terminalSpeaking('en'), 'de-DE')).toBe('en');
  });

  it("is the computer's when the terminal has none, its database is missing or damaged", () => {
    expect(startLanguage(terminalSpeaking(null), 'de-DE')).toBe('de');
    expect(startLanguage(join(folder, 'missing.sqlite'), 'de_AT.UTF-8')).toBe('de');
    const damaged = join(folder, 'damaged.sqlite');
    writeFileSync(damaged, 'not a database at all, just text');
    expect(startLanguage(damaged, 'de-CH')).toBe('de');
  });

  it('is English when the computer speaks a language the box office does not', () => {
    expect(startLanguage(join(folder, 'missing.sqlite'), 'fr-FR')).toBe('en');
    expect(startLanguage(join(folder, 'missing.sqlite'), null)).toBe('en');
  });
});
