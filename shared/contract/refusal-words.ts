import type { z } from 'zod';
import { formatMoney, minorToDecimalString } from '../money';
import type { Language } from '../i18n/languages';

/*
 * The one place where the contract's zod issues become sentences a cashier or manager reads:
 * the field named by the label on its form, limits in the user's units (VAT in %, not basis
 * points; durations in minutes; money in the cinema's currency). The schemas keep their rules;
 * only the words are made here.
 */

/** How a number of the contract is shown to its user. */
export type FieldUnit = 'percent' | 'factor' | 'minutes' | 'money' | 'years' | 'weeks' | 'points' | 'count';

export interface FieldWords {
  /** The label on the form, as it reads at the start of a sentence. */
  label: string;
  unit?: FieldUnit;
  /** One entry of a list or map field ("Genre" for genres.0 → "Genre 1"). */
  item?: string;
}

/** Field name (the last name in an issue's path) → its words. Names not here are spelled out from the name. */
export const FIELD_WORDS: Readonly<Record<string, FieldWords>> = {
  // cinema settings
  name: { label: 'Name' },
  address: { label: 'Address' },
  legalName: { label: 'Legal name' },
  taxNumber: { label: 'VAT / tax number' },
  taxId: { label: 'Tax ID' },
  timezone: { label: 'Time zone' },
  currency: { label: 'Currency' },
  ticketVatBp: { label: 'Ticket VAT', unit: 'percent' },
  vatBp: { label: 'VAT', unit: 'percent' },
  businessDayStart: { label: 'Business day starts at' },
  weekStartDay: { label: 'Reporting week starts on' },
  salesCloseMinutes: { label: 'Sales close', unit: 'minutes' },
  holdMinutes: { label: 'Seat hold', unit: 'minutes' },
  bonusAccrualBp: { label: 'Bonus accrual', unit: 'percent' },
  bonusMaxShareBp: { label: 'Points may pay up to', unit: 'percent' },
  reservationReleaseMinutes: { label: 'Reservations free themselves', unit: 'minutes' },
  idCheckRatings: { label: 'Ratings that need an ID check', item: 'Rating', unit: 'years' },
  // halls and seats
  cleaningMinutes: { label: 'Cleaning between sessions', unit: 'minutes' },
  seats: { label: 'Seats', item: 'Seat' },
  rowLabel: { label: 'Row' },
  number: { label: 'Seat number' },
  gridX: { label: 'Column on the grid', unit: 'count' },
  gridY: { label: 'Row on the grid', unit: 'count' },
  seatKind: { label: 'Seat kind factor', unit: 'factor' },
  ticketType: { label: 'Ticket type factor', unit: 'factor' },
  // distributors
  contactName: { label: 'Contact name' },
  email: { label: 'E-mail' },
  phone: { label: 'Phone' },
  bankName: { label: 'Bank name' },
  bankAccount: { label: 'IBAN' },
  bankCode: { label: 'BIC' },
  // films and sessions
  title: { label: 'Title' },
  durationMinutes: { label: 'Running time (minutes)', unit: 'minutes' },
  adsMinutes: { label: 'Adverts before the film', unit: 'minutes' },
  ageRating: { label: 'Age rating' },
  genres: { label: 'Genres', item: 'Genre' },
  releaseDate: { label: 'Release date' },
  distributorId: { label: 'Distributor' },
  filmId: { label: 'Film' },
  filmIds: { label: 'Films' },
  weekdayMask: { label: 'Weekdays' },
  validFrom: { label: 'Valid from' },
  validTo: { label: 'Valid until' },
  hallId: { label: 'Hall' },
  startsAt: { label: 'Start' },
  basePrice: { label: 'Base price', unit: 'money' },
  price: { label: 'Price', unit: 'money' },
  cells: { label: 'Prices', unit: 'money' },
  // contracts
  startDate: { label: 'First day' },
  endDate: { label: 'Last day' },
  splits: { label: 'Weekly shares', item: 'Week' },
  percentBp: { label: 'Share', unit: 'percent' },
  week: { label: 'Week', unit: 'weeks' },
  minimumGuarantee: { label: 'Weekly minimum guarantee', unit: 'money' },
  houseAllowance: { label: 'Weekly house allowance', unit: 'money' },
  // money at the counter
  amount: { label: 'Amount', unit: 'money' },
  tendered: { label: 'Cash handed over', unit: 'money' },
  countedCash: { label: 'Counted cash', unit: 'money' },
  openingFloat: { label: 'Opening float', unit: 'money' },
  minOrder: { label: 'Minimum order', unit: 'money' },
  bonusPoints: { label: 'Bonus points', unit: 'points' },
  quantity: { label: 'Quantity', unit: 'count' },
  stock: { label: 'Stock', unit: 'count' },
  maxUses: { label: 'Uses', unit: 'count' },
  perCustomerLimit: { label: 'Uses per customer', unit: 'count' },
  // accounts
  username: { label: 'User name' },
  displayName: { label: 'Display name' },
  password: { label: 'Password' },
  newPassword: { label: 'New password' },
  currentPassword: { label: 'Current password' },
  pin: { label: 'PIN' },
  managerPin: { label: "Manager's PIN" },
  role: { label: 'Role' },
  reason: { label: 'Reason' },
  code: { label: 'Code' },
  url: { label: 'Address' },
};

export interface RefusalContext {
  /** The cinema's currency for money limits; without it a plain decimal is shown. */
  currency?: string | null;
  /** The input as sent, to tell a missing field from a wrong one (zod's issues do not carry it). */
  input?: unknown;
  /** The language the refusal is read in (issue 16); English when not given. */
  language?: Language;
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

function wordsOf(key: string): FieldWords {
  const known = FIELD_WORDS[key];
  if (known) return known;
  if (/Bp$/.test(key)) return { label: spelledOut(key), unit: 'percent' };
  if (/Minutes$/.test(key)) return { label: spelledOut(key), unit: 'minutes' };
  return { label: spelledOut(key) };
}

/** The field an issue is about, in words ("VAT on tickets", "Genre 1", "Seat 4: Row"), and its unit. */
export function fieldOf(path: Path): { label: string; unit?: FieldUnit } {
  const parts: string[] = [];
  let words: FieldWords | null = null;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (typeof key === 'number') continue; // named with its list, below
    const afterName = i > 0 && typeof path[i - 1] !== 'number';
    if (words && afterName && words.item) {
      parts[parts.length - 1] = `${words.item} “${String(key)}”`; // a map's entry: Rating “FSK 16”
      continue;
    }
    if (words && afterName && words.unit === 'factor') {
      parts[parts.length - 1] = `${words.label} for ${String(key)}`; // seatKind.VIP
      continue;
    }
    if (afterName) parts.pop(); // a field of a nested object (cinema.timezone) goes by its own label
    words = wordsOf(String(key));
    const next = path[i + 1];
    parts.push(typeof next === 'number' ? `${words.item ?? words.label} ${next + 1}` : words.label);
  }
  if (!words || parts.length === 0) return { label: 'This form' };
  const last = parts.pop()!;
  return { label: parts.length ? `${parts.join(', ')}: ${lowerFirst(last)}` : last, unit: words.unit };
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A number limit in the field's unit: 10000 bp → "100 %", 90 → "90 minutes", 1250 → "€12.50". */
export function limitText(value: number | bigint, unit: FieldUnit | undefined, currency?: string | null): string {
  const n = Number(value);
  switch (unit) {
    case 'percent':
      return `${minorToDecimalString(n, 2).replace(/\.?0+$/, '')} %`;
    case 'factor':
      return `×${minorToDecimalString(n, 4).replace(/\.?0+$/, '')}`;
    case 'minutes':
      return plural(n, 'minute');
    case 'years':
      return plural(n, 'year');
    case 'weeks':
      return plural(n, 'week');
    case 'points':
      return plural(n, 'point');
    case 'money':
      return currency ? formatMoney(n, currency) : minorToDecimalString(n, 2);
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

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of fields',
  date: 'a date',
};

/** zod's own English ("Invalid input: …", "Too big: …") is not for the user: a schema's own message is. */
const isZodDefault = (message: string) => /^(Invalid|Too (big|small)|Unrecognized|Expected|Required)\b/.test(message);

/** A limit said as a bare number ("must be at most 10000"): said again here in the field's unit. Other words of a schema stay. */
const isGenericLimit = (message: string) =>
  isZodDefault(message) || /^(must be (at (least|most)|more than|less than)|is too large|must not be (negative|empty)|has more|at most)\b/.test(message);

/** What is wrong, without the field: "must be at most 100 %", "is missing". */
function problemOf(issue: Issue, unit: FieldUnit | undefined, context: RefusalContext): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (context.input !== undefined && valueAt(context.input, issue.path) === undefined) return 'is missing';
      const expected = TYPE_WORDS[issue.expected];
      if (unit === 'money' && issue.expected === 'number') return 'must be an amount';
      return expected ? `must be ${expected}` : 'has the wrong kind of value';
    }
    case 'too_big': {
      if (!isGenericLimit(issue.message)) return issue.message;
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${plural(max, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `may have at most ${plural(max, 'entry', 'entries')}`;
      return issue.inclusive === false ? `must be less than ${limitText(max, unit, context.currency)}` : `must be at most ${limitText(max, unit, context.currency)}`;
    }
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'must not be empty'; // "enter your user name" said plainly
      if (!isGenericLimit(issue.message)) return issue.message;
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${plural(min, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? 'needs at least one entry' : `needs at least ${plural(min, 'entry', 'entries')}`;
      if (issue.inclusive === false) return `must be more than ${limitText(min, unit, context.currency)}`;
      // Whole basis points or cents: at least 1 means more than nothing.
      if (min === 1 && (unit === 'percent' || unit === 'factor' || unit === 'money')) return `must be more than ${limitText(0, unit, context.currency)}`;
      return min === 0 ? 'must not be negative' : `must be at least ${limitText(min, unit, context.currency)}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${limitText(Number(issue.divisor), unit, context.currency)}`;
    case 'invalid_value':
      if (!isZodDefault(issue.message)) return issue.message;
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'has a field it does not take' : 'has fields it does not take'}: ${issue.keys.join(', ')}`;
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner ? `name ${problemOf(inner as Issue, undefined, {})}` : 'has a name that is not allowed';
    }
    case 'invalid_element': {
      const inner = issue.issues[0];
      return inner ? problemOf(inner as Issue, unit, {}) : 'has an entry that is not allowed';
    }
    case 'invalid_format':
      return isZodDefault(issue.message) ? 'is not written the way it should be' : issue.message;
    case 'invalid_union':
      return isZodDefault(issue.message) ? 'is not one of the choices' : issue.message;
    default:
      return isZodDefault(issue.message) ? 'is not valid' : issue.message;
  }
}

/** One issue as a sentence naming its field: "VAT on tickets must be at most 100 %." */
export function describeIssue(issue: Issue, context: RefusalContext = {}): string {
  const field = fieldOf(issue.path);
  const problem = problemOf(issue, field.unit, context);
  // "Ticket VAT must be…"; a schema's own words that are no predicate ("choose at least one weekday") follow a colon.
  const sentence = /^(must|is|are|may|has|have|needs|name)\s/.test(problem) ? `${field.label} ${problem}` : `${field.label}: ${problem}`;
  return `${sentence}.`;
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
  const first = issues.slice(0, 5).map((issue) => describeIssue(issue, context).replace(/\.$/, ''));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `Please check the form — ${first.join('; ')}${more}.`;
}
