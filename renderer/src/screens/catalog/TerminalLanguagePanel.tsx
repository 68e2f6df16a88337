import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_INFO, isLanguage, type Language } from '../../../../shared/i18n/languages';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { useUnsavedChanges } from '../../shell/unsaved-changes';
import { useSession } from '../../stores/session';
import { useStatus } from '../../stores/status';

/**
 * "This terminal": the language the terminal speaks at sign-in and to staff who chose none of
 * their own. An administrator or manager sets it; the window follows at once (issue 16).
 */
export function TerminalLanguagePanel() {
  const { t } = useTranslation(['catalog', 'common']);
  const role = useSession((s) => s.user?.role);
  const current: Language = useStatus((s) => s.setup?.language) ?? DEFAULT_LANGUAGE;
  const [choice, setChoice] = useState<Language>(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Language | null>(null);
  useUnsavedChanges(choice !== current);
  const mayChange = role === 'ADMIN' || role === 'MANAGER';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await call('terminal.setLanguage', { language: choice });
      // The window speaks the terminal's language unless the person chose their own.
      await useStatus.getState().loadSetup();
      setSaved(choice);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={t('terminal.title')} testId="terminal-settings">
      <form className="form" onSubmit={(e) => void save(e)} noValidate aria-label={t('terminal.title')}>
        <p className="muted">{t('terminal.explain')}</p>
        {saved && (
          <Notice tone="success" testId="terminal-language-saved">
            {t('terminal.saved', { language: LANGUAGE_INFO[saved].name })}
          </Notice>
        )}
        <ErrorBanner error={error} testId="terminal-language-error" />
        <SelectField
          label={t('terminal.language')}
          value={choice}
          disabled={!mayChange}
          hint={mayChange ? undefined : t('terminal.onlyManagers')}
          onChange={(e) => {
            if (isLanguage(e.target.value)) setChoice(e.target.value);
            setSaved(null);
          }}
          testId="terminal-language"
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_INFO[l].name}
            </option>
          ))}
        </SelectField>
        {mayChange && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} disabled={choice === current} testId="terminal-language-save">
              {t('terminal.save')}
            </Button>
          </div>
        )}
      </form>
    </Panel>
  );
}
