import fc from 'fast-check';
import { hostileValue } from './hostile-values';

/** The JSON Schema subset `z.toJSONSchema` emits for our contract. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  propertyNames?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
}

/** Ids the fuzzer knows: real ones of this cinema, ones of another cinema, and ones nobody has. */
export interface IdPool {
  ids: readonly string[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const aroundNow = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true });

function plausibleString(s: JsonSchema, pool: IdPool): fc.Arbitrary<string> {
  const format = typeof s.format === 'string' ? s.format : undefined;
  if (format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool.ids) }, { weight: 1, arbitrary: fc.uuid({ version: [4, 7] }) });
  if (format === 'date') return aroundNow.map(isoDay);
  if (format === 'date-time') return aroundNow.map((d) => d.toISOString());
  if (format === 'email') return fc.emailAddress();
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 30, 60));
  if (s.pattern) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(s.pattern);
    } catch {
      re = null;
    }
    if (re) return fc.stringMatching(re).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function plausibleNumber(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  const min = Math.max(lo, -(2 ** 31));
  const max = Math.min(Math.max(hi, min), 2 ** 31 - 1);
  const inRange = integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  // The edges and just past them: off-by-one is where money bugs live.
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(lo, hi, lo - 1, hi + 1) });
}

/**
 * Values shaped like the schema wants them, with a field now and then replaced by a hostile value,
 * left out, or joined by a field the schema does not know — so the fuzzer reaches past validation
 * into the handlers (real ids, valid dates) as well as knocking on the validator.
 */
export function schemaArbitrary(s: JsonSchema, pool: IdPool, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return hostileValue;
  const variants = s.anyOf ?? s.oneOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((v) => schemaArbitrary(v, pool, depth + 1)));
  if (s.allOf && s.allOf.length > 0) return schemaArbitrary(s.allOf[0]!, pool, depth + 1);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return plausibleString(s, pool);
    case 'integer':
      return plausibleNumber(s, true);
    case 'number':
      return plausibleNumber(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items ? fieldArbitrary(s.items, pool, depth + 1) : hostileValue;
      return fc.array(item, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) });
    }
    case 'object':
      return objectArbitrary(s, pool, depth);
    default:
      return hostileValue;
  }
}

/** A field's value: mostly plausible, sometimes hostile. */
function fieldArbitrary(s: JsonSchema, pool: IdPool, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: schemaArbitrary(s, pool, depth) }, { weight: 1, arbitrary: hostileValue });
}

const EXTRA_FIELDS = ['price', 'role', 'userId', 'cinemaId', 'total', 'isAdmin', 'status', 'discount', '__proto__', 'constructor', 'id', ''];

function objectArbitrary(s: JsonSchema, pool: IdPool, depth: number): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const fields = props.map(([name, schema]) =>
    fc
      .record({
        // Required fields are usually there, optional ones half the time; both are sometimes missing.
        present: fc.double({ min: 0, max: 1, noNaN: true }).map((r) => r < (required.has(name) ? 0.92 : 0.5)),
        value: fieldArbitrary(schema, pool, depth + 1),
      })
      .map(({ present, value }) => [name, present, value] as const),
  );
  const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_FIELDS), fc.string({ maxLength: 12 })), hostileValue), { maxLength: 2 });
  const withExtras = fc.oneof({ weight: 5, arbitrary: fc.constant([] as [string, unknown][]) }, { weight: 1, arbitrary: extras });
  const propertyNames = s.propertyNames;
  if (props.length === 0 && propertyNames && typeof s.additionalProperties === 'object') {
    const valueSchema = s.additionalProperties;
    return fc.dictionary(plausibleString(propertyNames, pool), fieldArbitrary(valueSchema, pool, depth + 1), { maxKeys: 4 });
  }
  return fc.tuple(fc.tuple(...fields), withExtras).map(([chosen, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [name, present, value] of chosen) if (present) out[name] = value;
    // defineProperty so "__proto__" becomes an own field, as JSON.parse would make it.
    for (const [name, value] of extra) Object.defineProperty(out, name, { value, enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** What the fuzzer sends as an operation's input: the schema's shape bent out of shape, or plain garbage. */
export function fuzzInput(schema: JsonSchema, pool: IdPool): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: schemaArbitrary(schema, pool) }, { weight: 1, arbitrary: hostileValue });
}
