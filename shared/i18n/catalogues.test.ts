import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from './resources';
import { LANGUAGES, localeOf } from './languages';
import { createI18n, wordsIn } from './create-i18n';
import * as lists from '../enums';
import { enums } from './en/enums';

type Tree = { readonly [key: string]: string | Tree };

/** "ns:a.b.c" → its string, for every leaf of a namespace tree. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const keysOf = (language: keyof typeof resources): Map<string, string> =>
  new Map([...Object.entries(resources[language])].flatMap(([ns, tree]) => [...leaves(tree as Tree)].map(([k, v]) => [`${ns}:${k}`, v] as const)));

const english = keysOf('en');
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A form after a plural label (catalogue.ts): a language adds it where its own verb changes. */
const AFTER_PLURAL = /_plural(?=_|$)/;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every English key, no other, each with words and the same placeholders', (language) => {
    const other = keysOf(language);
    const base = (k: string) => k.replace(PLURAL, '');
    // Plural keys are compared by their stem: a language has the forms its own plural rules need.
    const englishStems = new Set([...english.keys()].map(base));
    const otherStems = new Set([...other.keys()].map(base));
    expect([...englishStems].filter((k) => !otherStems.has(k)), 'missing in ' + language).toEqual([]);
    expect([...otherStems].filter((k) => !englishStems.has(k) && !(AFTER_PLURAL.test(k) && englishStems.has(k.replace(AFTER_PLURAL, '')))), 'only in ' + language).toEqual([]);
    const categories = new Intl.PluralRules(localeOf(language)).resolvedOptions().pluralCategories;
    for (const stem of englishStems) {
      const isPlural = [...english.keys()].some((k) => k !== stem && base(k) === stem);
      if (isPlural) for (const c of categories) expect(other.has(`${stem}_${c}`), `${language} ${stem}_${c}`).toBe(true);
    }
    for (const [key, text] of other) {
      expect(text.trim(), `${language} ${key} is empty`).not.toBe('');
      const singular = key.replace(AFTER_PLURAL, '');
      const source = english.get(key) ?? english.get(singular) ?? english.get(`${base(singular)}_other`) ?? '';
      expect(placeholders(text), `${language} ${key} placeholders`).toEqual(placeholders(source));
    }
  });

  it('every key the code asks for exists in English', () => {
    const roots = ['renderer/src', 'electron', 'shared'].map((d) => join(__dirname, '../..', d));
    const missing: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === 'node_modules' || name === 'i18n') continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name) && !/\.test\./.test(name)) {
          // Literal keys only: `t('counter:pay')`, `t("enums:role.ADMIN")`.
          for (const m of readFileSync(path, 'utf8').matchAll(/\bt\(\s*['"]([a-zA-Z]+:[\w.]+)['"]/g)) {
            const key = m[1]!;
            if (!english.has(key) && !english.has(`${key}_other`) && ![...english.keys()].some((k) => k.startsWith(`${key}.`))) missing.push(`${path}: ${key}`);
          }
        }
      }
    };
    roots.forEach(walk);
    expect(missing).toEqual([]);
  });

  it('has a word for every value of every closed list of shared/enums.ts', () => {
    const listOf: Record<keyof typeof enums, readonly string[]> = {
      role: lists.ROLES,
      roleInSentence: lists.ROLES,
      hallType: lists.HALL_TYPES,
      seatKind: lists.SEAT_KINDS,
      ticketType: lists.TICKET_TYPES,
      ticketStatus: lists.TICKET_STATUSES,
      orderStatus: lists.ORDER_STATUSES,
      paymentMethod: lists.PAYMENT_METHODS,
      refundReason: lists.REFUND_REASONS,
      sessionStatus: lists.SESSION_STATUSES,
      scanResult: lists.SCAN_RESULTS,
      contractStatus: lists.CONTRACT_STATUSES,
      dealType: lists.DEAL_TYPES,
      promocodeKind: lists.PROMOCODE_KINDS,
      promocodeScope: lists.PROMOCODE_SCOPES,
    };
    for (const [name, values] of Object.entries(listOf)) expect(Object.keys(enums[name as keyof typeof enums]).sort(), name).toEqual([...values].sort());
  });

  it('speaks each language, with plurals by its own rules', () => {
    expect(wordsIn('de')('enums:paymentMethod.CASH')).toBe('Bar');
    expect(createI18n('en').t('common:action.save')).toBe('Save');
    expect(wordsIn('de')('common:area.counter.label')).toBe('Kasse');
  });
});
