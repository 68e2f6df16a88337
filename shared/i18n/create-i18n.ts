import i18next, { type i18n, type TFunction } from 'i18next';
import { resources, NAMESPACES, type Namespace } from './resources';
import { DEFAULT_LANGUAGE, isLanguage, localeOf, type Language } from './languages';
import { formatCount, formatMoney } from '../money';
import { formatClockInZone, formatDateInZone, formatDayAndClock, formatInstant } from '../cinema-time';

/** A sum of money as a message value: `t('…', { total: { minor: 1250, currency: 'EUR' } })` with `{{total, money}}`. */
export interface MoneyValue {
  minor: number;
  currency: string;
}

/** An instant as a message value, shown in the cinema's zone: `{{at, dateTime}}`, `{{at, date}}`, `{{at, time}}` or `{{at, dayTime}}`. */
export interface InstantValue {
  instant: string | number | Date;
  timeZone: string;
}

const localeFor = (lng: string | undefined) => localeOf(isLanguage(lng) ? lng : DEFAULT_LANGUAGE);

/**
 * A ready i18next instance in `language` (catalogues are bundled, so it is ready at once), with
 * the formats every message may use: `money`, `count`, `dateTime` and `date`, each written in the
 * language's locale. A missing key in another language falls back to English rather than showing
 * the key; the catalogue test keeps that from ever being needed.
 */
export function createI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...Object.keys(resources)],
    ns: NAMESPACES,
    defaultNS: 'common',
    // React escapes on render; PDFs and XLSX are not HTML.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const formatter = instance.services.formatter;
  formatter?.add('money', (v: MoneyValue, lng) => formatMoney(v.minor, v.currency, localeFor(lng)));
  formatter?.add('count', (v: number, lng) => formatCount(v, localeFor(lng)));
  formatter?.add('dateTime', (v: InstantValue, lng) => formatInstant(v.instant, v.timeZone, localeFor(lng)));
  formatter?.add('date', (v: InstantValue, lng) => formatDateInZone(v.instant, v.timeZone, localeFor(lng)));
  formatter?.add('time', (v: InstantValue, lng) => formatClockInZone(v.instant, v.timeZone, localeFor(lng)));
  formatter?.add('dayTime', (v: InstantValue, lng) => formatDayAndClock(v.instant, v.timeZone, localeFor(lng)));
  return instance;
}

/** A `t` that knows every namespace: keys read "counter:pay". */
export type Words = TFunction<Namespace[]>;

const fixed = new Map<Language, Words>();

/** The words of one language, for code that writes in it without React (slips, reports, refusals). */
export function wordsIn(language: Language): Words {
  let t = fixed.get(language);
  if (!t) {
    t = createI18n(language).getFixedT(language, NAMESPACES);
    fixed.set(language, t);
  }
  return t;
}
