import type { z } from 'zod';
import { formatMoney, minorToDecimalString } from '../money';
import { DEFAULT_LANGUAGE, localeOf, type Language } from '../i18n/languages';
import { pluralLabels, resources } from '../i18n/resources';
import { wordsIn, type Words } from '../i18n/create-i18n';

/*
 * The one place where the contract's zod issues become sentences a cashier or manager reads:
 * the field named by the label on its form, limits in the user's units (VAT in %, not basis
 * points; durations in minutes; money in the cinema's currency). The schemas keep their rules;
 * only the words are made here.
 */

/** How a number of the contract is shown to its user. */
export type FieldUnit = 'percent' | 'factor' | 'minutes' | 'money' | 'years' | 'weeks' | 'points' | 'count';

/** How a field's number is said; its label and its entries' word ("Genre 1") are in the `fields` catalogue. */
interface FieldKind {
  unit?: FieldUnit;
}


/** Field name (the last name in an issue's path) → its unit. Labels: `fields:label.<name>`; names not there are spelled out from the name. */
const FIELD_UNITS: Readonly<Record<string, FieldKind>> = {
  ticketVatBp: { unit: 'percent' },
  vatBp: { unit: 'percent' },
  salesCloseMinutes: { unit: 'minutes' },
  holdMinutes: { unit: 'minutes' },
  bonusAccrualBp: { unit: 'percent' },
  bonusMaxShareBp: { unit: 'percent' },
  reservationReleaseMinutes: { unit: 'minutes' },
  idCheckRatings: { unit: 'years' },
  cleaningMinutes: { unit: 'minutes' },
  gridX: { unit: 'count' },
  gridY: { unit: 'count' },
  seatKind: { unit: 'factor' },
  ticketType: { unit: 'factor' },
  durationMinutes: { unit: 'minutes' },
  adsMinutes: { unit: 'minutes' },
  basePrice: { unit: 'money' },
  price: { unit: 'money' },
  cells: { unit: 'money' },
  percentBp: { unit: 'percent' },
  week: { unit: 'weeks' },
  minimumGuarantee: { unit: 'money' },
  houseAllowance: { unit: 'money' },
  amount: { unit: 'money' },
  tendered: { unit: 'money' },
  countedCash: { unit: 'money' },
  openingFloat: { unit: 'money' },
  minOrder: { unit: 'money' },
  bonusPoints: { unit: 'points' },
  quantity: { unit: 'count' },
  stock: { unit: 'count' },
  maxUses: { unit: 'count' },
  perCustomerLimit: { unit: 'count' },
};

export interface RefusalContext {
  /** The cinema's currency for money limits; without it a plain decimal is shown. */
  currency?: string | null;
  /** The input as sent, to tell a missing field from a wrong one (zod's issues do not carry it). */
  input?: unknown;
  /** The language the refusal is read in (issue 16); English when not given. */
  language?: Language;
  /** The field's label is a plural noun in that language: the words after it take the plural verb (fieldOf says). */
  plural?: boolean;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** "salesCloseMinutes" → "Sales close minutes", for a field no one has labelled yet. */
function spelledOut(key: string): string {
  const words = key
    .replace(/Bp$/, '')
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const labels = (language: Language) => resources[language].fields.label as Readonly<Record<string, string>>;
const items = (language: Language) => resources[language].fields.item as Readonly<Record<string, string>>;

function unitOf(key: string): FieldUnit | undefined {
  const known = FIELD_UNITS[key];
  if (known) return known.unit;
  if (/Bp$/.test(key)) return 'percent';
  if (/Minutes$/.test(key)) return 'minutes';
  return undefined;
}

/**
 * The field an issue is about, in words ("Ticket VAT", "Genre 1", "Seat 4: row"), its unit, and
 * whether the words that head the sentence are a plural noun in the language ("Einlösungen").
 */
export function fieldOf(path: Path, language: Language = DEFAULT_LANGUAGE): { label: string; unit?: FieldUnit; plural: boolean } {
  const t = wordsIn(language);
  const parts: string[] = [];
  let field: { key: string; unit?: FieldUnit } | null = null;
  let plural = false; // only a plain label can be plural: "Genre 2", "Freigabe „FSK 16“" and a factor are one thing
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key === 'number') continue; // named with its list, below
    const afterName = i > 0 && typeof path[i - 1] !== 'number';
    const item = field ? items(language)[field.key] : undefined;
    if (field && afterName && item) {
      parts[parts.length - 1] = t('fields:mapEntry', { item, name: String(key) }); // a map's entry: Rating “FSK 16”
      plural = false;
      continue;
    }
    if (field && afterName && field.unit === 'factor') {
      parts[parts.length - 1] = t('fields:factorFor', { label: labelOf(field.key, language), name: enumWord(field.key, String(key), language) }); // seatKind.VIP
      plural = false;
      continue;
    }
    if (afterName) parts.pop(); // a field of a nested object (cinema.timezone) goes by its own label
    field = { key: String(key), unit: unitOf(String(key)) };
    const next = path[i + 1];
    parts.push(typeof next === 'number' ? t('fields:listEntry', { item: items(language)[field.key] ?? labelOf(field.key, language), n: next + 1 }) : labelOf(field.key, language));
    plural = typeof next !== 'number' && pluralLabels[language].has(field.key);
  }
  if (!field || parts.length === 0) return { label: t('fields:form'), plural: false };
  const last = parts.pop()!;
  // English writes a label inside a sentence in lower case ("Seat 4: row"); German nouns keep their capital.
  const inner = language === 'en' ? lowerFirst(last) : last;
  return { label: parts.length ? t('fields:nested', { outer: parts.join(', '), inner }) : last, unit: field.unit, plural };
}

const labelOf = (key: string, language: Language) => labels(language)[key] ?? spelledOut(key);

/** A map's key that is a value of a closed list (seatKind.VIP) by its word ("VIP-Sessel"); other keys as written. */
function enumWord(field: string, value: string, language: Language): string {
  const group = (resources[language].enums as unknown as Readonly<Record<string, Readonly<Record<string, string>> | undefined>>)[field];
  return group?.[value] ?? value;
}

/** A field the input should not have, by its label when the contract knows the name ("price"), else quoted as sent ("„centralAddress“"). */
function unknownFieldName(key: string, language: Language): string {
  const label = labels(language)[key];
  if (!label) return wordsIn(language)('fields:asSent', { name: key });
  return language === 'en' ? lowerFirst(label) : label;
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** A decimal as the language writes it, without grouping: 12.5 → "12.5" / "12,5". */
const decimal = (n: number, fractionDigits: number, language: Language) =>
  Number(minorToDecimalString(n, fractionDigits)).toLocaleString(localeOf(language), { maximumFractionDigits: fractionDigits, useGrouping: false });

/** A number limit in the field's unit: 10000 bp → "100 %", 90 → "90 minutes" / "90 Minuten", 1250 → "€12.50" / "12,50 €". */
export function limitText(value: number | bigint, unit: FieldUnit | undefined, currency?: string | null, language: Language = DEFAULT_LANGUAGE): string {
  const n = Number(value);
  const t = wordsIn(language);
  switch (unit) {
    case 'percent':
      return `${decimal(n, 2, language)} %`;
    case 'factor':
      return `×${decimal(n, 4, language)}`;
    case 'minutes':
      return t('fields:unit.minute', { count: n });
    case 'years':
      return t('fields:unit.year', { count: n });
    case 'weeks':
      return t('fields:unit.week', { count: n });
    case 'points':
      return t('fields:unit.point', { count: n });
    case 'money':
      return currency ? formatMoney(n, currency, localeOf(language)) : decimal(n, 2, language);
    default:
      return String(n);
  }
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const TYPES = ['string', 'number', 'int', 'boolean', 'array', 'object', 'date'] as const;
const isTypeWord = (type: string): type is (typeof TYPES)[number] => (TYPES as readonly string[]).includes(type);

/** zod's own English ("Invalid input: …", "Too big: …") is not for the user: the field's problem is said here instead. */
const isZodDefault = (message: string) => /^(Invalid|Too (big|small)|Unrecognized|Expected|Required)\b/.test(message);

/**
 * A schema's own words are a catalogue key, never English (schema-words.test.ts holds it):
 * `schema:predicate.…` follows the field's label ("… must be a time like 06:00"), `schema:statement.…`
 * stands after it and a colon ("…: choose at least one weekday"); values come from the issue's
 * `params` and its limit (`count`, and `limit` in the field's unit). On a choice (an enum, a
 * discriminated union) the key may name a group of words by value (`enums:role`, `reports:kind`):
 * the choices are then named with those words.
 */
const isKey = (message: string) => /^[a-z][A-Za-z]*:[\w.]+$/.test(message);

type Catalogue = { readonly [key: string]: string | Catalogue };

/** The words under a key that names a group of words ("enums:role" → { ADMIN: 'Administrator', … }), or null. */
function wordGroup(key: string, language: Language): Readonly<Record<string, string>> | null {
  const [namespace, path] = key.split(':') as [string, string];
  let node: string | Catalogue | undefined = (resources[language] as unknown as Catalogue)[namespace];
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node && typeof node === 'object' ? (node as Readonly<Record<string, string>>) : null;
}

/** The choices a value may take, in words: "Administrator, Manager, Cashier, Usher"; a value without a word in the group keeps its name. */
function choiceWords(values: readonly unknown[], key: string | null, language: Language): string {
  const group = key ? wordGroup(key, language) : null;
  const other = resources[language].schema.choice as Readonly<Record<string, string>>;
  return values.map((v) => (group ? (group[String(v)] ?? other[String(v)]) : undefined) ?? String(v)).join(', ');
}

/** What is wrong, without the field, in words ("must be at most 100 %", "is missing"); `own` when the words stand after a colon. */
interface Problem {
  words: string;
  own?: boolean;
}

/**
 * The words that follow a field's label, in the plural form where the label is plural in the
 * language (i18next's context `plural`: "Einlösungen müssen …"); a key without one keeps its own.
 */
function wordsAfterLabel(context: RefusalContext): Words {
  const t = wordsIn(context.language ?? DEFAULT_LANGUAGE);
  if (!context.plural) return t;
  return ((key: string, options?: Record<string, unknown>) => t(key as 'refusals:field.missing', { ...options, context: 'plural' })) as unknown as Words;
}

/** A schema's own words for the issue, from its catalogue key; null when the issue carries zod's default. */
function schemaWords(issue: Issue, unit: FieldUnit | undefined, context: RefusalContext): Problem | null {
  const message = issue.message;
  if (isZodDefault(message)) return null;
  const language = context.language ?? DEFAULT_LANGUAGE;
  const t = wordsAfterLabel(context);
  if (!isKey(message)) return { words: message, own: true }; // English a schema should not have: shown as it is
  if (wordGroup(message, language)) {
    const values = issue.code === 'invalid_value' ? issue.values : issue.code === 'invalid_union' ? (issue as { options?: unknown[] }).options : undefined;
    return { words: values ? t('refusals:field.oneOf', { choices: choiceWords(values, message, language) }) : t('refusals:field.notAChoice') };
  }
  const bound = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
  const values: Record<string, unknown> = { ...(issue.code === 'custom' ? issue.params : undefined) };
  if (bound !== undefined) Object.assign(values, { count: Number(bound), limit: limitText(Number(bound), unit, context.currency, language) });
  return { words: t(message as 'schema:predicate.time', values), own: message.startsWith('schema:statement.') };
}

function problemOf(issue: Issue, unit: FieldUnit | undefined, context: RefusalContext): Problem {
  const language = context.language ?? DEFAULT_LANGUAGE;
  const t = wordsAfterLabel(context);
  const limit = (n: number) => limitText(n, unit, context.currency, language);
  if (issue.code === 'invalid_type') {
    if (context.input !== undefined && valueAt(context.input, issue.path) === undefined) return { words: t('refusals:field.missing') };
    if (unit === 'money' && issue.expected === 'number') return { words: t('refusals:field.mustBeAmount') };
    return isTypeWord(issue.expected) ? { words: t('refusals:field.mustBe', { what: t(`fields:type.${issue.expected}`) }) } : { words: t('refusals:field.wrongKind') };
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) return { words: t('refusals:field.notEmpty') }; // "enter your user name" said plainly
  const own = schemaWords(issue, unit, context);
  if (own) return own;
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { words: t('refusals:field.atMostCharacters', { count: max }) };
      if (issue.origin === 'array' || issue.origin === 'set') return { words: t('refusals:field.atMostEntries', { count: max }) };
      return { words: t(issue.inclusive === false ? 'refusals:field.lessThan' : 'refusals:field.atMost', { limit: limit(max) }) };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return { words: t('refusals:field.atLeastCharacters', { count: min }) };
      if (issue.origin === 'array' || issue.origin === 'set') return { words: min <= 1 ? t('refusals:field.needsAnEntry') : t('refusals:field.atLeastEntries', { count: min }) };
      if (issue.inclusive === false) return { words: t('refusals:field.moreThan', { limit: limit(min) }) };
      // Whole basis points or cents: at least 1 means more than nothing.
      if (min === 1 && (unit === 'percent' || unit === 'factor' || unit === 'money')) return { words: t('refusals:field.moreThan', { limit: limit(0) }) };
      return { words: min === 0 ? t('refusals:field.notNegative') : t('refusals:field.atLeast', { limit: limit(min) }) };
    }
    case 'not_multiple_of':
      return { words: t('refusals:field.multipleOf', { limit: limit(Number(issue.divisor)) }) };
    case 'invalid_value':
      return {
        words: issue.values.length === 1 ? t('refusals:field.mustBe', { what: String(issue.values[0]) }) : t('refusals:field.oneOf', { choices: choiceWords(issue.values, null, language) }),
      };
    case 'unrecognized_keys':
      return { words: t('refusals:field.unknownFields', { count: issue.keys.length, names: issue.keys.map((k) => unknownFieldName(k, language)).join(', ') }) };
    case 'invalid_key': {
      const inner = issue.issues[0];
      if (!inner) return { words: t('refusals:field.badName') };
      return { words: t('refusals:field.nameProblem', { problem: problemOf(inner as Issue, undefined, { language }).words }) };
    }
    case 'invalid_element': {
      const inner = issue.issues[0];
      return inner ? problemOf(inner as Issue, unit, { language, plural: context.plural }) : { words: t('refusals:field.badEntry') };
    }
    case 'invalid_format':
      return { words: t('refusals:field.badFormat') };
    case 'invalid_union':
      return { words: t('refusals:field.notAChoice') };
    default:
      return { words: t('refusals:field.notValid') };
  }
}

/** One issue as a sentence naming its field: "Ticket VAT must be at most 100 %." / "MwSt. auf Tickets darf höchstens 100 % betragen." */
export function describeIssue(issue: Issue, context: RefusalContext = {}): string {
  const language = context.language ?? DEFAULT_LANGUAGE;
  const field = fieldOf(issue.path, language);
  const problem = problemOf(issue, field.unit, { ...context, plural: field.plural });
  const t = wordsIn(language);
  // A predicate ("must be a time like 06:00") follows the label; a statement ("choose at least one weekday") stands after a colon.
  return t(problem.own ? 'refusals:field.sentenceOwn' : 'refusals:field.sentence', { field: field.label, problem: problem.words });
}

/** The key a form's field goes by: the issue's path joined with dots ("cinema.timezone", "genres.0"). */
export const pathKey = (path: Path) => (path.length ? path.map(String).join('.') : 'input');

/** Field path → the first sentence about it, so a form can show each beside its input. */
export function refusalsByField(issues: readonly Issue[], context: RefusalContext = {}): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[pathKey(issue.path)] ??= describeIssue(issue, context);
  return fields;
}

/** The banner's sentence: every problem (five at most), each naming its field. */
export function describeRefusal(issues: readonly Issue[], context: RefusalContext = {}): string {
  const t = wordsIn(context.language ?? DEFAULT_LANGUAGE);
  const problems = issues
    .slice(0, 5)
    .map((issue) => describeIssue(issue, context).replace(/\.$/, ''))
    .join('; ');
  return issues.length > 5 ? t('refusals:field.bannerMore', { problems, count: issues.length - 5 }) : t('refusals:field.banner', { problems });
}
