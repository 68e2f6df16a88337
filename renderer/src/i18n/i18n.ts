import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, localeOf, type Language } from '../../../shared/i18n/languages';
import { useSession } from '../stores/session';
import { useStatus } from '../stores/status';
import { i18n } from './instance';

export { i18n };

/** The language this window speaks: the signed-in person's, else the terminal's. */
export function useWindowLanguage(): void {
  const mine = useSession((s) => s.user?.language ?? null);
  const terminal = useStatus((s) => s.setup?.language ?? null);
  const language: Language = mine ?? terminal ?? DEFAULT_LANGUAGE;
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
}

/** The locale ("de-DE") dates, times, numbers and money are written in, by the window's language. */
export function useLocale(): string {
  const { i18n: current } = useTranslation();
  return localeOf(isLanguage(current.language) ? current.language : DEFAULT_LANGUAGE);
}
