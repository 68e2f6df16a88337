/**
 * Enrolment codes (issue 17): 10 random characters of Crockford's base 32 (50 bits) and a check
 * character (Luhn mod 32, catches every single typo and most swapped neighbours), shown grouped
 * as ABCD-EFGH-JKM. Typed codes are read leniently: case, dashes and spaces do not matter, and
 * O, I and L are read as 0, 1 and 1.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_RANDOM_CHARS = 10;
const N = CODE_ALPHABET.length;

/** The check character of a run of code characters (Luhn mod N). */
export function checkCharOf(body: string): string {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let v = CODE_ALPHABET.indexOf(body[i]!);
    if (v < 0) throw new Error(`not a code character: ${body[i]}`);
    if (double) {
      v *= 2;
      v = Math.floor(v / N) + (v % N);
    }
    sum += v;
    double = !double;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N]!;
}

/** A new code from random bytes (at least CODE_RANDOM_CHARS of them; each gives one character). */
export function newEnrolmentCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < CODE_RANDOM_CHARS) throw new Error(`an enrolment code needs ${CODE_RANDOM_CHARS} random bytes`);
  let body = '';
  for (let i = 0; i < CODE_RANDOM_CHARS; i++) body += CODE_ALPHABET[randomBytes[i]! % N];
  return body + checkCharOf(body);
}

/** ABCDEFGHJKM → ABCD-EFGH-JKM */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export type CodeReading = { ok: true; code: string } | { ok: false; problem: 'LENGTH' | 'CHARACTER' | 'CHECK' };

/** A typed code as the centre hashes it (11 characters, no dashes), or why it cannot be one. */
export function readEnrolmentCode(typed: string): CodeReading {
  const raw = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (raw.length !== CODE_RANDOM_CHARS + 1) return { ok: false, problem: 'LENGTH' };
  if ([...raw].some((ch) => !CODE_ALPHABET.includes(ch))) return { ok: false, problem: 'CHARACTER' };
  if (checkCharOf(raw.slice(0, -1)) !== raw.slice(-1)) return { ok: false, problem: 'CHECK' };
  return { ok: true, code: raw };
}
