import { setI18n } from 'react-i18next';
import { createI18n } from '../../../shared/i18n/create-i18n';
import { languageOfLocale, type Language } from '../../../shared/i18n/languages';

/**
 * The language of the browser (in Electron: the computer's), for what the window says before the
 * box office has told it the terminal's — "Starting…", or why the box office does not answer.
 */
export const browserLanguage = (): Language => languageOfLocale(typeof navigator === 'undefined' ? null : navigator.language);

/**
 * The window's words: one i18next instance (react-i18next re-renders every `useTranslation()`
 * when its language changes). Code outside React (a confirm() before leaving a form) reads it too.
 */
export const i18n = createI18n(browserLanguage());
// Components rendered on their own (unit tests, which load this file first) find it without a provider.
setI18n(i18n);
