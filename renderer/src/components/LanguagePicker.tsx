import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_INFO, isLanguage } from '../../../shared/i18n/languages';
import { call } from '../api/client';
import { useSession } from '../stores/session';

/** The signed-in person's own language: chosen here, kept with their account on every terminal. */
export function LanguagePicker() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const updateUser = useSession((s) => s.updateUser);
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  const choose = async (value: string) => {
    setBusy(true);
    try {
      updateUser(await call('auth.setLanguage', { language: isLanguage(value) ? value : null }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('language.mine')}</span>
      <select value={user.language ?? ''} disabled={busy} onChange={(e) => void choose(e.target.value)} data-testid="language-picker" title={t('language.mine')}>
        <option value="">{t('language.sameAsTerminal')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_INFO[l].name}
          </option>
        ))}
      </select>
    </label>
  );
}
