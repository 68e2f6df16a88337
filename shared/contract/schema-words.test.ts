/**
 * Issue 16.2: the contract's zod schemas say what is wrong with a field in catalogue keys, never in
 * English, so refusal-words.ts can put every refusal into the reader's language. Read from the
 * source (a `message` that is a sentence fails here) and from the schemas themselves (a choice's
 * word group has a word for every option), then a few bad inputs refused in German.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { contract, type OperationName } from './index';
import { describeRefusal, refusalsByField } from './refusal-words';
import { resources } from '../i18n/resources';
import type { Language } from '../i18n/languages';

const CONTRACT = __dirname;
const SOURCES = [
  ...readdirSync(CONTRACT)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(CONTRACT, f)),
  join(CONTRACT, '../legal-ids.ts'),
];

type Catalogue = { readonly [key: string]: string | Catalogue };

/** What a key names in a language's catalogue: a sentence, a group of words (`enums:role`), or nothing. */
function lookUp(key: string, language: Language): string | Catalogue | undefined {
  const [namespace, path] = key.split(':') as [string, string | undefined];
  let node: string | Catalogue | undefined = (resources[language] as unknown as Catalogue)[namespace];
  for (const part of (path ?? '').split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

const isSentenceKey = (key: string) => /^schema:(predicate|statement)\.\w+$/.test(key) && (typeof lookUp(key, 'en') === 'string' || typeof lookUp(`${key}_other`, 'en') === 'string');
const isGroupKey = (key: string) => /^[a-z]\w*:[\w.]+$/.test(key) && typeof lookUp(key, 'en') === 'object';

/** Zod checks whose second argument may be a message written as a bare string. */
const CHECKS = new Set(['min', 'max', 'length', 'regex', 'refine', 'int', 'gt', 'gte', 'lt', 'lte', 'positive', 'nonnegative', 'nonempty', 'multipleOf', 'email', 'uuid', 'enum', 'literal', 'number', 'string', 'boolean', 'array']);

/** Every schema message of a file that is not a catalogue key, with its line. */
function englishMessages(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Expression>();
  const found: string[] = [];
  const where = (node: ts.Node) => `${file.slice(CONTRACT.length - 'contract'.length)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  /** A message is a key literal, a constant holding one, a choice of two, or `words.key` of a typed `Words`. */
  const check = (node: ts.Expression, at: ts.Node): void => {
    if (ts.isParenthesizedExpression(node)) return check(node.expression, at);
    if (ts.isConditionalExpression(node)) return (check(node.whenTrue, at), check(node.whenFalse, at));
    if (ts.isIdentifier(node) && consts.has(node.text)) return check(consts.get(node.text)!, at);
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'key') return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!isSentenceKey(node.text) && !isGroupKey(node.text)) found.push(`${where(at)} ${JSON.stringify(node.text)}`);
      return;
    }
    found.push(`${where(at)} ${node.getText(source).slice(0, 80)}`);
  };
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) consts.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && ['message', 'error'].includes(node.name.getText(source))) check(node.initializer, node);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && CHECKS.has(node.expression.name.text)) {
      for (const arg of node.arguments.slice(1)) if (ts.isStringLiteral(arg) || ts.isTemplateLiteral(arg)) check(arg, arg);
    }
    ts.forEachChild(node, visit);
  };
  collect(source);
  visit(source);
  return found;
}

/** The keys the sources write: `'schema:…'` anywhere (messages, `{ key: 'schema:…' }` words). */
const keysUsed = new Set(SOURCES.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(schema:[\w.]+)'/g)].map((m) => m[1]!)));

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** Every field name of the contract's inputs (filled by `choices` as it walks them). */
const allFields: string[] = [];

/** Every choice of every operation's input: an enum's options or a discriminated union's, with its message. */
function choices(schema: unknown, where: string, out: { where: string; values: string[]; message: string | undefined }[], seen = new Set<unknown>()) {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  const message = typeof def.error === 'function' ? (def.error as (issue: unknown) => unknown)({}) : undefined;
  const into = (child: unknown, suffix = '') => choices(child, where + suffix, out, seen);
  switch (def.type) {
    case 'enum':
      out.push({ where, values: Object.values(def.entries as Record<string, string>), message: typeof message === 'string' ? message : undefined });
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
        allFields.push(key);
        into(child, `.${key}`);
      }
      break;
    case 'union': {
      const options = def.options as unknown[];
      if (typeof def.discriminator === 'string') {
        const values = options.map((o) => (defOf(defOf(o).shape ? (defOf(o).shape as Record<string, unknown>)[def.discriminator as string] : o).values as unknown[])?.[0]).map(String);
        out.push({ where: `${where}.${def.discriminator}`, values, message: typeof message === 'string' ? message : undefined });
      }
      options.forEach((o, i) => into(o, `|${i}`));
      break;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      into(def.innerType);
      break;
    case 'array':
      into(def.element, '.0');
      break;
    case 'pipe':
      into(def.in);
      into(def.out);
      break;
    case 'record':
      into(def.keyType, '.key');
      into(def.valueType, '.*');
      break;
    case 'intersection':
      into(def.left);
      into(def.right);
      break;
  }
  return out;
}

const allChoices = (Object.keys(contract) as OperationName[]).flatMap((op) => choices(contract[op].input, op, []));

describe('the contract says what is wrong in catalogue keys (issue 16.2)', () => {
  it('no schema message in shared/contract (or legal-ids) is an English sentence: each is a key of the catalogues', () => {
    expect(SOURCES.flatMap(englishMessages)).toEqual([]);
  });

  it('every key of the schema namespace is written by a schema, so the catalogue holds no dead words', () => {
    const sentences = (group: 'predicate' | 'statement') => Object.keys(resources.en.schema[group]).map((k) => `schema:${group}.${k.replace(/_(one|other)$/, '')}`);
    const unused = [...new Set([...sentences('predicate'), ...sentences('statement')])].filter((k) => !keysUsed.has(k));
    expect(unused).toEqual([]);
    expect(keysUsed.size).toBeGreaterThan(60);
  });

  it('every choice names a group of words, with a word for each of its options in every language', () => {
    expect(allChoices.length).toBeGreaterThan(20);
    expect(allChoices.filter((c) => c.message === undefined).map((c) => `${c.where}: ${c.values.join(', ')}`)).toEqual([]);
    const without: string[] = [];
    for (const c of allChoices) {
      expect(isGroupKey(c.message!), `${c.where}: ${c.message}`).toBe(true);
      for (const language of ['en', 'de'] as const) {
        const group = lookUp(c.message!, language) as Catalogue;
        const other = resources[language].schema.choice as Catalogue;
        for (const v of c.values) if (typeof (group[v] ?? other[v]) !== 'string') without.push(`${language} ${c.where} ${c.message} ${v}`);
      }
    }
    expect(without).toEqual([]);
  });

  it('every field of every operation has a label, so a refusal never spells out a field name in English', () => {
    const unlabelled = [...new Set(allFields)].filter((name) => !(name in resources.de.fields.label));
    expect(unlabelled).toEqual([]);
  });

  it('the German schema words hold no English word', () => {
    const english = Object.entries(leaves(resources.de.schema as unknown as Catalogue)).filter(([, text]) => ENGLISH.test(text.replace(/\{\{[^}]*\}\}/g, '')));
    expect(english).toEqual([]);
  });
});

/** "a.b" → its words, for every leaf of a catalogue. */
function leaves(tree: Catalogue, prefix = ''): Record<string, string> {
  return Object.assign({}, ...Object.entries(tree).map(([k, v]) => (typeof v === 'string' ? { [prefix + k]: v } : leaves(v, `${prefix}${k}.`))));
}

/** The refusal of a bad input in a language: the banner and each field's sentence. */
function refusal(op: OperationName, input: Record<string, unknown>, language: Language) {
  const parsed = contract[op].input.safeParse(input);
  if (parsed.success) throw new Error(`${op} accepted ${JSON.stringify(input)}`);
  const context = { currency: 'EUR', input, language };
  return { fields: refusalsByField(parsed.error.issues, context), banner: describeRefusal(parsed.error.issues, context) };
}

/** Words only English has: none may appear in a German refusal. */
const ENGLISH = /\b(must|be|the|of|one|choose|least|most|is|are|may|not|time|like|type|and|or|with|at|only|missing|empty|needs?|give|take|twice|listed|weekdays?|seats?|choices?|form|field|printer|order)\b/i;

const uuid = '00000000-0000-4000-8000-000000000001';
const cinema = { name: 'Kino', address: '', timezone: 'Europe/Berlin', currency: 'EUR', ticketVatBp: 700, businessDayStart: '06:00', weekStartDay: 4, salesCloseMinutes: 15, holdMinutes: 10, bonusAccrualBp: 500, bonusMaxShareBp: 5000, holdWheelchairUntilFull: true };
const promocode = { code: 'SOMMER', kind: 'PERCENT', value: 1000, validFrom: '2027-06-01', validTo: '2027-05-01', maxUses: null, perCustomerLimit: null, minOrder: 0, appliesTo: 'ALL', filmIds: [], active: true };

/** Bad inputs of each kind a schema's own words are for: a format, a choice, a rule across fields (refine), a list; English and German. */
const CASES: { what: string; op: OperationName; input: Record<string, unknown>; en: Record<string, string>; de: Record<string, string> }[] = [
  {
    what: 'a time field',
    op: 'cinema.update',
    input: { ...cinema, businessDayStart: '25:00' },
    en: { businessDayStart: 'Business day starts at must be a time like 06:00.' },
    de: { businessDayStart: 'Beginn des Geschäftstags muss eine Uhrzeit wie 06:00 sein.' },
  },
  {
    what: 'a choice, named with the enum words',
    op: 'users.create',
    input: { username: 'lena2', displayName: 'Lena Hoffmann', role: 'BOSS', password: 'lena-2026x' },
    en: { role: 'Role must be one of Administrator, Manager, Cashier, Usher.' },
    de: { role: 'Rolle muss einer dieser Werte sein: Administrator/in, Leitung, Kassierer/in, Einlasskraft.' },
  },
  {
    what: 'a choice between payment methods (a discriminated union)',
    op: 'vouchers.sell',
    input: { amount: 2500, payments: [{ method: 'CHEQUE', amount: 2500 }] },
    en: { 'payments.0.method': 'Payment 1: method must be one of Cash, Card.' },
    de: { 'payments.0.method': 'Zahlung 1: Zahlungsart muss einer dieser Werte sein: Bar, Karte.' },
  },
  {
    what: 'a rule across fields (superRefine with a value)',
    op: 'promocodes.create',
    input: promocode,
    en: { validTo: 'Valid until must not be before the first day (2027-06-01).' },
    de: { validTo: 'Ende der Gültigkeit darf nicht vor dem ersten Tag (2027-06-01) liegen.' },
  },
  {
    what: 'a refine on a list',
    op: 'films.create',
    input: { title: 'Heat', durationMinutes: 170, genres: ['Drama', 'drama'] },
    en: { genres: 'Genres: a genre is listed twice.' },
    de: { genres: 'Genres: Ein Genre steht doppelt in der Liste.' },
  },
  {
    what: 'an empty list',
    op: 'booking.hold',
    input: { sessionId: uuid, seatIds: [] },
    en: { seatIds: 'Seats: choose at least one seat.' },
    de: { seatIds: 'Plätze: Wählen Sie mindestens einen Platz.' },
  },
  {
    what: 'a weekday mask of none',
    op: 'prices.saveDefault',
    input: { hallType: 'STANDARD', weekdayMask: 0, bandStart: '17:00', bandEnd: '24:00', basePrice: 1000 },
    en: { weekdayMask: 'Weekdays: choose at least one weekday.' },
    de: { weekdayMask: 'Wochentage: Wählen Sie mindestens einen Wochentag.' },
  },
  {
    what: 'an IBAN of the wrong length (a problem with values)',
    op: 'distributors.create',
    input: { legalName: 'Leuchtturm Filmverleih GmbH', bankAccount: 'DE02 1203 0000 0000 2020 5' },
    en: { bankAccount: 'IBAN must have 22 characters for an IBAN from DE (this one has 21).' },
    de: { bankAccount: 'IBAN muss als IBAN aus DE 22 Zeichen haben (diese hat 21).' },
  },
  {
    what: 'a limit on a field whose label is plural (the verb agrees)',
    op: 'promocodes.create',
    input: { ...promocode, validTo: '2027-07-01', maxUses: 2_000_000, perCustomerLimit: 'two' },
    en: { maxUses: 'Uses must be at most 1000000.', perCustomerLimit: 'Uses per customer must be a number.' },
    de: { maxUses: 'Einlösungen dürfen höchstens 1000000 betragen.', perCustomerLimit: 'Einlösungen pro Kunde müssen eine Zahl sein.' },
  },
  {
    what: 'a missing list with a plural label',
    op: 'booking.hold',
    input: { sessionId: uuid },
    en: { seatIds: 'Seats are missing.' },
    de: { seatIds: 'Plätze fehlen.' },
  },
  {
    what: 'an entry of a list with a plural label stays singular',
    op: 'films.create',
    input: { title: 'Heat', durationMinutes: 170, genres: ['Drama', 'x'.repeat(41)] },
    en: { 'genres.1': 'Genre 2 must be at most 40 characters.' },
    de: { 'genres.1': 'Genre 2 darf höchstens 40 Zeichen lang sein.' },
  },
  {
    what: 'a factor per seat kind, the kind named by its word',
    op: 'prices.setFactors',
    input: { seatKind: { VIP: 0 } },
    en: { 'seatKind.VIP': 'Seat kind factor for VIP recliner must be more than ×0.' },
    de: { 'seatKind.VIP': 'Faktor der Platzart für VIP-Sessel muss größer als ×0 sein.' },
  },
  {
    what: 'fields the input should not have: a known name by its label, another quoted as sent',
    op: 'halls.create',
    input: { name: 'Saal 1', type: 'STANDARD', cleaningMinutes: 10, price: 1, centralAddress: 'central.example:5432/box' },
    en: { input: 'This form has fields it does not take: price, “centralAddress”.' },
    de: { input: 'Dieses Formular hat Felder, die hier nicht vorgesehen sind: Preis, „centralAddress“.' },
  },
  {
    what: 'a printer chosen by kind without its name',
    op: 'printing.choosePrinter',
    input: { role: 'TICKETS', kind: 'CUPS' },
    en: { name: 'Name: choose a printer.' },
    de: { name: 'Name: Wählen Sie einen Drucker.' },
  },
];

describe('a refusal in German has no English words', () => {
  it.each(CASES)('$what ($op)', ({ op, input, en, de }) => {
    expect(refusal(op, input, 'en').fields).toEqual(en);
    const german = refusal(op, input, 'de');
    expect(german.fields).toEqual(de);
    expect(german.banner).not.toMatch(ENGLISH);
    for (const sentence of Object.values(german.fields)) expect(sentence).not.toMatch(ENGLISH);
  });
});
