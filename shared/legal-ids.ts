/*
 * The identifiers a cinema's paperwork carries, checked the way banks and tax offices check them:
 * IBAN (ISO 13616, mod-97 check digits), BIC (ISO 9362), VAT ids by country format and the German
 * Steuernummer. Pure functions: the contract refuses with them (their words are keys of the `schema` catalogue), the forms may hint with them.
 */
import type { Words } from './i18n/message-key';

/** IBAN length by country (ISO 13616 registry) for the countries a cinema here pays most. */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AT: 20, BE: 16, CH: 21, CZ: 24, DE: 22, DK: 18, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22, IT: 27,
  LI: 21, LU: 20, NL: 18, NO: 15, PL: 28, PT: 25, SE: 24, SK: 24, SI: 19, HU: 28, HR: 21,
};

/** "de02 1203 0000 0000 2020 51" → "DE02120300000000202051". */
export const ibanElectronic = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();

/** The IBAN as printed on paper, in groups of four: "DE02 1203 0000 0000 2020 51". */
export const ibanPrinted = (text: string) => ibanElectronic(text).replace(/(.{4})(?=.)/g, '$1 ');

/** Why this is no IBAN, or null when it is one (format, country length, mod-97 = 1). */
export function ibanProblem(text: string): Words | null {
  const iban = ibanElectronic(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return { key: 'schema:predicate.iban' };
  const length = IBAN_LENGTH[iban.slice(0, 2)];
  if (length && iban.length !== length) return { key: 'schema:predicate.ibanLength', values: { length, country: iban.slice(0, 2), actual: iban.length } };
  // Move the first four to the end, letters to 10…35, then the remainder by 97 must be 1.
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1 ? null : { key: 'schema:predicate.ibanCheckDigits' };
}

/** Why this is no BIC, or null: 4 letters bank, 2 letters country, 2 location, optionally 3 branch. */
export function bicProblem(text: string): Words | null {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(text.replace(/\s/g, '').toUpperCase()) ? null : { key: 'schema:predicate.bic' };
}

/** VAT identification numbers by country (the country code, then its own format). */
const VAT_ID: Readonly<Record<string, RegExp>> = {
  DE: /^DE\d{9}$/,
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
  DK: /^DK\d{8}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  FR: /^FR[0-9A-Z]{2}\d{9}$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  IT: /^IT\d{11}$/,
  LU: /^LU\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
};

/** An example of each country's VAT id, for the message. */
const VAT_EXAMPLE: Readonly<Record<string, string>> = { DE: 'DE123456789', AT: 'ATU12345678', NL: 'NL123456789B01', FR: 'FR12345678901', CH: 'CHE123456789' };

/**
 * Why this is neither a VAT id nor a German Steuernummer, or null. A VAT id is its country code
 * and that country's format (German USt-IdNr: DE + 9 digits); a Steuernummer is 10 to 13 digits,
 * written with slashes (21/815/08150) or as one number (the 13-digit federal form).
 */
export function taxIdProblem(text: string): Words | null {
  const compact = text.replace(/[\s.-]/g, '').toUpperCase();
  if (compact === '') return null;
  const country = /^[A-Z]{2}/.exec(compact)?.[0];
  if (country) {
    const format = VAT_ID[country];
    if (format) {
      if (format.test(compact)) return null;
      const example = VAT_EXAMPLE[country];
      return example ? { key: 'schema:predicate.vatIdLike', values: { example, country } } : { key: 'schema:predicate.vatIdOfCountry', values: { country } };
    }
    return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(compact) ? null : { key: 'schema:predicate.vatId' };
  }
  if (/^\d{2,3}\/\d{3,4}\/\d{4,5}$/.test(text.trim()) || /^\d{10,13}$/.test(compact)) return null;
  return { key: 'schema:predicate.taxId' };
}

/** Emoji and other pictographs: no bank, tax office or receipt printer takes them in a legal name. */
export const PICTOGRAPH = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u200D/u;
