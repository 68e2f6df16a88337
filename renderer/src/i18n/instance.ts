import { setI18n } from 'react-i18next';
import { createI18n } from '../../../shared/i18n/create-i18n';
import { DEFAULT_LANGUAGE } from '../../../shared/i18n/languages';

/**
 * The window's words: one i18next instance (react-i18next re-renders every `useTranslation()`
 * when its language changes). Code outside React (a confirm() before leaving a form) reads it too.
 */
export const i18n = createI18n(DEFAULT_LANGUAGE);
// Components rendered on their own (unit tests, which load this file first) find it without a provider.
setI18n(i18n);
