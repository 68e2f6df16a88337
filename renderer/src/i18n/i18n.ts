import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, localeOf, type Language } from '../../../shared/i18n/languages';
import { useSession } from '../stores/session';
import { useStatus } from '../stores/status';
import { browserLanguage, i18n } from './instance';

export { i18n };

/** The language this window speaks: the signed-in person's, else the terminal's, else (the box office not answering yet) the browser's. */
export function useWindowLanguage(): void {
  const mine = useSession((s) => s.user?.language ?? null);
  const terminal = useStatus((s) => s.setup?.language ?? null);
  // Signing in or out also ends a language chosen on the login screen for this window only.
  const who = useSession((s) => s.user?.id ?? null);
  const language: Language = mine ?? terminal ?? browserLanguage();
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, who]);
  // The document's language follows whatever the window speaks (the login screen's choice too).
  useEffect(() => {
    const mark = (lng: string) => (document.documentElement.lang = lng);
    mark(i18n.language);
    i18n.on('languageChanged', mark);
    return () => i18n.off('languageChanged', mark);
  }, []);
}

/** The locale ("de-DE") dates, times, numbers and money are written in, by the window's language. */
export function useLocale(): string {
  const { i18n: current } = useTranslation();
  return localeOf(isLanguage(current.language) ? current.language : DEFAULT_LANGUAGE);
}
