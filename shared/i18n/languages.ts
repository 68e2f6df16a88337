/**
 * The languages the box office speaks. Adding one: a folder of catalogues beside `en/` (same keys,
 * the typecheck and `catalogues.test.ts` hold it to that), a line here and one in `resources.ts`.
 *
 * No Node and no DOM imports in this file.
 */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language a terminal speaks until someone chooses another. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's own name (shown in the language picker in that language) and the locale its dates, numbers and money are written in. */
export const LANGUAGE_INFO: Readonly<Record<Language, { name: string; locale: string }>> = {
  en: { name: 'English', locale: 'en-GB' },
  de: { name: 'Deutsch', locale: 'de-DE' },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of a locale as a computer or browser names it ("de-DE", "de_AT.UTF-8" → de); English when the box office does not speak it. */
export function languageOfLocale(locale: string | null | undefined): Language {
  const base = locale?.toLowerCase().split(/[-_.]/)[0];
  return isLanguage(base) ? base : DEFAULT_LANGUAGE;
}

/** The locale ("de-DE") of a language: Intl formats dates, times, numbers and money by it. */
export function localeOf(language: Language): string {
  return LANGUAGE_INFO[language].locale;
}
