import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_INFO } from '../../../../shared/i18n/languages';

/**
 * The language of this window until someone signs in (a shared counter: the next cashier may read
 * another language). Only the window changes; signing in or out brings back the person's or the
 * terminal's language (useWindowLanguage).
 */
export function LoginLanguage() {
  const { t, i18n } = useTranslation('login');
  return (
    <label className="language-picker login-language">
      <span className="visually-hidden">{t('language')}</span>
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} title={t('language')} data-testid="login-language">
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_INFO[l].name}
          </option>
        ))}
      </select>
    </label>
  );
}
