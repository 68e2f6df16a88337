import fc from 'fast-check';

/**
 * Values nobody should ever get past the API: wrong types, edge numbers, NaN-like strings, SQL
 * metacharacters, unicode edge cases, 1 MB strings, deep nesting, arrays where objects go.
 * Some are not JSON (NaN, undefined, BigInt, Date): Electron's IPC carries them (structured clone).
 */
const ONE_MB = 1 << 20;

function deepObject(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

export const HOSTILE_NUMBERS: readonly unknown[] = [
  0, -0, -1, 1.5, -1.5, 0.1 + 0.2, NaN, Infinity, -Infinity,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE,
  2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1e21, -1e21, 10n ** 30n,
];

export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\t\n', 'NaN', 'Infinity', '-Infinity', '-1', '1e999', '0x1F', '1_000', 'null', 'undefined', 'true', '[]', '{}',
  // SQL metacharacters
  "'", '"', '`', ';', '--', '/*', "'; DROP TABLE users; --", '" OR 1=1 --', "' OR '1'='1", "x'); DELETE FROM tickets; --",
  '%', '_', '%_%', '\\', "\\'; SELECT * FROM sqlite_master; --", 'admin\' --', '1; ATTACH DATABASE \'/tmp/x\' AS x; --',
  // unicode edge cases: lone surrogates, RTL override, zero-width, BOM, emoji (ZWJ family), combining marks, NUL
  '\uD800', '\uDFFF', 'a\uD800b', '\u202Eevil\u202C', '\u200B', '\u200D', '\uFEFF', '\u0000', 'a\u0000b', 'ticket\u0000.pdf',
  'מזל טוב', 'اختبار', '😀', '👨‍👩‍👧‍👦', 'e\u0301\u0301\u0301', 'Ｆｕｌｌｗｉｄｔｈ', '\u2028\u2029', '\r\n\r\n', 'İ', 'ß',
  // other classics
  '<script>alert(1)</script>', '../../../../etc/passwd', '..\\..\\windows\\win.ini', '${7*7}', '{{7*7}}', '%s%n%x', '__proto__', 'constructor',
  // ids that don't exist or are malformed
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '019a0000-0000-7000-8000-000000000000',
  '019A0000-0000-7000-8000-00000000000A', '019a0000-0000-7000-8000-00000000000', '{019a0000-0000-7000-8000-000000000000}',
  // dates that are not
  '2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '2026-11-25T25:61:00Z', '1970-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2026-11-25T19:30:00',
  // huge strings
  'A'.repeat(ONE_MB), '😀'.repeat(ONE_MB / 4), "'".repeat(64 * 1024), '9'.repeat(400),
];

export const HOSTILE_STRUCTURES: readonly unknown[] = [
  null, undefined, true, false, [], [[]], {}, [{}], [null], { a: 1 }, new Date(NaN), new Date(0),
  deepObject(5000), deepArray(5000), Array.from({ length: 10_000 }, (_, i) => i),
  JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"isAdmin": true}}}'),
  Object.create(null),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRUCTURES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withNullPrototype: true, withTypedArray: true }) },
);
