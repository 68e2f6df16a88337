import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE_ALPHABET, groupCode, newEnrolmentCode, readEnrolmentCode } from './enrolment-code';

const bytes = fc.uint8Array({ minLength: 10, maxLength: 10 });

describe('enrolment codes', () => {
  it('reads back every code it makes, grouped or not, in any case', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const code = newEnrolmentCode(b);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{11}$/);
        expect(readEnrolmentCode(groupCode(code).toLowerCase())).toEqual({ ok: true, code });
      }),
    );
  });

  it('catches every single mistyped character and swapped neighbours', () => {
    fc.assert(
      fc.property(bytes, fc.nat(10), fc.nat(31), (b, at, by) => {
        const code = newEnrolmentCode(b);
        const wrong = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[at]!) + 1 + (by % 31)) % 32]!;
        expect(readEnrolmentCode(code.slice(0, at) + wrong + code.slice(at + 1))).toEqual({ ok: false, problem: 'CHECK' });
      }),
    );
    const code = newEnrolmentCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(readEnrolmentCode(code[1]! + code[0]! + code.slice(2)).ok).toBe(false);
  });

  it('reads O, I and L as 0, 1 and 1; refuses other letters and wrong lengths', () => {
    const code = newEnrolmentCode(new Uint8Array([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]));
    expect(code.startsWith('0101010101')).toBe(true);
    expect(readEnrolmentCode(`OIOL-OIOL-O1${code.slice(-1)}`)).toEqual({ ok: true, code });
    expect(readEnrolmentCode('ABCD-EFGH-JU7')).toEqual({ ok: false, problem: 'CHARACTER' });
    expect(readEnrolmentCode('ABCD-EFGH')).toEqual({ ok: false, problem: 'LENGTH' });
  });
});
