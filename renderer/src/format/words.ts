import { wordsIn, type Words } from '../../../shared/i18n/create-i18n';
import { DEFAULT_LANGUAGE, LANGUAGES, localeOf } from '../../../shared/i18n/languages';

/** The words of the language whose locale this is ("de-DE" → German), English when none: for formatters that take a locale. */
export function wordsFor(locale: string | undefined): Words {
  return wordsIn(LANGUAGES.find((l) => localeOf(l) === locale) ?? DEFAULT_LANGUAGE);
}
