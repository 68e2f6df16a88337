import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserLanguage } from './instance';
import { wordsIn } from '../../../shared/i18n/create-i18n';

/*
 * Issue 16: before the box office has said which language the terminal speaks (it is starting, or
 * does not answer), the window speaks the browser's — in Electron, the computer's.
 */
afterEach(() => vi.unstubAllGlobals());

describe("the window's language before the terminal's is known", () => {
  it("is the browser's when the box office speaks it", () => {
    vi.stubGlobal('navigator', { language: 'de-DE' });
    expect(browserLanguage()).toBe('de');
    expect(wordsIn(browserLanguage())('common:app.notAnswering')).toBe('Die Kasse antwortet nicht');
    vi.stubGlobal('navigator', { language: 'de-AT' });
    expect(browserLanguage()).toBe('de');
  });

  it('is English otherwise', () => {
    vi.stubGlobal('navigator', { language: 'fr-FR' });
    expect(browserLanguage()).toBe('en');
    vi.stubGlobal('navigator', { language: 'en-GB' });
    expect(browserLanguage()).toBe('en');
  });
});
