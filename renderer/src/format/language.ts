const names = new Map<string, Intl.DisplayNames | null>();

/** "de" → "German"; anything that is not a language code ("OmU", "") is shown as it is. */
export function languageName(code: string, locale?: string): string {
  const trimmed = code.trim();
  if (!/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/i.test(trimmed)) return trimmed;
  const key = locale ?? '';
  let dn = names.get(key);
  if (dn === undefined) {
    try {
      dn = new Intl.DisplayNames(locale, { type: 'language' });
    } catch {
      dn = null;
    }
    names.set(key, dn);
  }
  try {
    const name = dn?.of(trimmed);
    return name && name.toLowerCase() !== trimmed.toLowerCase() ? name : trimmed;
  } catch {
    return trimmed;
  }
}

/** "2D · German" — the format and language line of a session. */
export function formatAndLanguage(format: string, language: string, locale?: string): string {
  const lang = languageName(language, locale);
  return [format, lang].filter(Boolean).join(' · ');
}
