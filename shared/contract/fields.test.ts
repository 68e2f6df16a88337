/**
 * Issue 12, item 11: NUL and the other control characters are refused in every name and text
 * field. Walks the input schema of every operation of the contract (so fields added later are
 * covered) down to each string a caller can send, and checks each refuses a control character
 * anywhere in it — with the builder's message, or (ids, dates, e-mails) by its own format.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type OperationName } from './index';
import { CONTROL_CHARACTER_MESSAGE, text } from './fields';

/**
 * NUL, the other C0 controls people meet (tab, line feed, carriage return, escape), DEL, a C1 control, the Unicode line separator;
 * the bidirectional override and isolate controls, a byte-order mark and a lone surrogate (the hostile test stored all four).
 */
const CONTROLS = ['\u0000', '\u0001', '\t', '\n', '\r', '\u000b', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029', '\u202e', '\u202a', '\u2066', '\u2069', '\ufeff', '\ud800', '\udfff'];

interface Leaf {
  where: string;
  schema: z.ZodType;
  /** Set for ids, dates, e-mails: refused by the format itself. */
  format: string | undefined;
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** Every string a caller can send, with its path ("cinema.name", "genres.0"). */
function stringLeaves(schema: unknown, where: string, out: Leaf[]): Leaf[] {
  const def = defOf(schema);
  const into = (child: unknown, suffix = '') => stringLeaves(child, where + suffix, out);
  switch (def.type) {
    case 'string':
      out.push({ where, schema: schema as z.ZodType, format: def.format as string | undefined });
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) into(child, `.${key}`);
      break;
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
      into(def.in); // what the caller sends; the out side sees it transformed
      break;
    case 'union':
      (def.options as unknown[]).forEach((option, i) => into(option, `|${i}`));
      break;
    case 'intersection':
      into(def.left);
      into(def.right);
      break;
    case 'record':
      into(def.keyType, '.key');
      into(def.valueType, '.*');
      break;
    case 'tuple':
      (def.items as unknown[]).forEach((item, i) => into(item, `.${i}`));
      break;
    case 'lazy':
      into((def.getter as () => unknown)());
      break;
    default: // numbers, booleans, enums, literals, dates: no text
      break;
  }
  return out;
}

const leaves = (Object.keys(contract) as OperationName[]).flatMap((op) => stringLeaves(contract[op].input, op, []));

describe('control characters in text fields (issue 12, item 11)', () => {
  it('finds the string fields of every operation', () => {
    const operations = new Set(leaves.map((l) => l.where.split('.').slice(0, 2).join('.')));
    console.log(`${leaves.length} string fields (${leaves.filter((l) => !l.format).length} text, the rest ids/dates/e-mails) in ${operations.size} operations`);
    expect(leaves.length).toBeGreaterThan(80);
    expect(leaves.map((l) => l.where)).toEqual(expect.arrayContaining(['users.create.displayName', 'films.create.title', 'films.create.genres.0', 'setup.createFirstAdmin.cinema.name', 'auth.login.password', 'tickets.scan.code']));
  });

  it('every string field of every operation refuses each control character anywhere in it', () => {
    const letThrough: string[] = [];
    for (const leaf of leaves) {
      for (const c of CONTROLS) {
        for (const value of [`Ki${c}no`, `Kino${c}`, `${c}Kino`, `${'1'.repeat(4)}${c}${'2'.repeat(4)}`]) {
          const parsed = leaf.schema.safeParse(value);
          if (parsed.success) {
            // Around the text, whitespace controls (tab, line breaks) are trimmed away: fine, none is kept.
            if ([...String(parsed.data)].some((ch) => CONTROLS.includes(ch))) letThrough.push(`${leaf.where} kept ${JSON.stringify(parsed.data)}`);
            continue;
          }
          // A control character that is kept (inside, or a password's) is named in the user's words;
          // formats (ids, dates, e-mails) refuse by their shape; "Kino" may be refused for itself.
          const kept = [...value.trim()].some((ch) => CONTROLS.includes(ch));
          const messages = parsed.error.issues.map((i) => i.message);
          if (!leaf.format && kept && !messages.includes(CONTROL_CHARACTER_MESSAGE)) letThrough.push(`${leaf.where} refused ${JSON.stringify(value)} without saying why: ${messages.join('; ')}`);
        }
      }
    }
    expect(letThrough).toEqual([]);
  });

  it('names and text keep every visible character: accents, other scripts, emoji, spaces inside', () => {
    const name = text().max(80);
    for (const ok of ['Kino Nord', 'Olga Petrova-Łukasiewicz', 'Ciné Lumière', 'מזל טוב', 'اختبار', '映画館', 'Popcorn 🍿 XL', 'e\u0301', '\u200b', '👨\u200d👩\u200d👧', 'می\u200cخواهم', 'שלום\u200f 3D']) {
      expect(name.parse(ok)).toBe(ok);
    }
    expect(name.parse('  Kino Nord \t\n')).toBe('Kino Nord'); // around it: trimmed, not refused
    expect(text({ trim: false }).parse(' pass word ')).toBe(' pass word ');
    expect(name.safeParse('Kino\u0000Nord').error?.issues).toEqual([expect.objectContaining({ message: CONTROL_CHARACTER_MESSAGE })]);
  });
});
