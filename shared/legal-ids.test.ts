import { describe, expect, it } from 'vitest';
import { knownRating } from './age-ratings';
import { bicProblem, ibanPrinted, ibanProblem, taxIdProblem } from './legal-ids';
import { contract } from './contract';
import { refusalsByField } from './contract/refusal-words';
import { wordsIn } from './i18n/create-i18n';
import type { Words } from './i18n/message-key';

/** A problem's words as an English reader sees them. */
const english = (problem: Words | null) => (problem ? wordsIn('en')(problem.key, problem.values ?? {}) : null);

describe('IBAN (ISO 13616)', () => {
  it('accepts real IBANs however spaced or cased, and prints them in groups of four', () => {
    for (const iban of ['DE02 1203 0000 0000 2020 51', 'de02120300000000202051', 'GB33BUKB20201555555555', 'AT611904300234573201', 'NL91ABNA0417164300', 'CH9300762011623852957'])
      expect(ibanProblem(iban), iban).toBeNull();
    expect(ibanPrinted('de02120300000000202051')).toBe('DE02 1203 0000 0000 2020 51');
  });
  it('refuses a mistyped digit, two swapped digits, a wrong length for the country, and no IBAN at all', () => {
    expect(english(ibanProblem('DE02 1203 0000 0000 2020 52'))).toMatch(/check digits/);
    expect(english(ibanProblem('DE02 1203 0000 0000 2002 51'))).toMatch(/check digits/);
    expect(english(ibanProblem('DE02 1203 0000 0000 2020 5'))).toMatch(/22 characters for an IBAN from DE/);
    expect(english(ibanProblem('12345678'))).toMatch(/must be an IBAN/);
  });
});

describe('BIC (ISO 9362)', () => {
  it('takes 8 or 11 characters: bank, country, location, branch', () => {
    expect(bicProblem('COBADEFFXXX')).toBeNull();
    expect(bicProblem('cobadeff')).toBeNull();
    expect(english(bicProblem('COBADEF'))).toMatch(/8 or 11/);
    expect(english(bicProblem('COBA12FFXXX'))).toMatch(/8 or 11/);
  });
});

describe('tax ids', () => {
  it('a VAT id by its country format (German USt-IdNr: DE + 9 digits) or a German Steuernummer', () => {
    for (const ok of ['DE123456789', 'DE 123 456 789', 'ATU12345678', 'NL123456789B01', '21/815/08150', '123/456/78901', '2181508150', '9181081508155']) expect(taxIdProblem(ok), ok).toBeNull();
    expect(english(taxIdProblem('DE12345678'))).toBe('must be a VAT id like DE123456789 for DE');
    expect(english(taxIdProblem('ATU1234'))).toMatch(/ATU12345678/);
    expect(english(taxIdProblem('12-34'))).toMatch(/VAT id like DE123456789 or a tax number like 21\/815\/08150/);
  });
});

describe('age ratings per country', () => {
  it('FSK ratings with the minimum age each implies, found however written', () => {
    expect(knownRating('fsk16')).toEqual({ name: 'FSK 16', minAge: 16 });
    expect(knownRating('FSK 0')?.minAge).toBe(0);
    expect(knownRating('12A')?.minAge).toBe(12);
    expect(knownRating('ab 16')).toBeNull();
  });
});

describe('the contract refuses them by field, in words', () => {
  const distributor = { legalName: 'Leuchtturm Filmverleih GmbH' };
  const refused = (input: Record<string, unknown>) => {
    const parsed = contract['distributors.create'].input.safeParse({ ...distributor, ...input });
    return parsed.success ? null : refusalsByField(parsed.error.issues, { input });
  };
  it('IBAN, BIC, tax id and emoji in a legal name; good ones stored in their printed form', () => {
    expect(refused({ bankAccount: 'DE02 1203 0000 0000 2020 52' })).toEqual({ bankAccount: 'IBAN has wrong check digits: a digit is mistyped or two are swapped.' });
    expect(refused({ bankCode: 'COBA' })).toEqual({ bankCode: 'BIC must be a BIC of 8 or 11 characters like COBADEFFXXX.' });
    expect(refused({ taxId: 'DE1234' })).toEqual({ taxId: 'Tax ID must be a VAT id like DE123456789 for DE.' });
    expect(refused({ legalName: 'Leuchtturm 🎬 GmbH' })).toEqual({ legalName: 'Legal name must not contain emoji or pictographs.' });
    expect(refused({ bankName: 'Bank\u0007' })).toEqual({ bankName: expect.stringMatching(/^Bank name must not contain invisible control characters/) });
    const ok = contract['distributors.create'].input.parse({ ...distributor, bankAccount: 'de02120300000000202051', bankCode: 'cobadeffxxx', taxId: 'DE123456789' });
    expect(ok).toMatchObject({ bankAccount: 'DE02 1203 0000 0000 2020 51', bankCode: 'COBADEFFXXX', taxId: 'DE123456789' });
  });
  it('a film rating from the lists; an ID-check rating of the lists carries its own age', () => {
    const film = contract['films.create'].input.safeParse({ title: 'Heat', durationMinutes: 170, ageRating: 'ab 16' });
    expect(film.success ? null : refusalsByField(film.error.issues)).toEqual({ ageRating: expect.stringMatching(/^Age rating must be one of FSK 0, FSK 6, FSK 12, FSK 16, FSK 18/) });
    expect(contract['films.create'].input.parse({ title: 'Heat', durationMinutes: 170, ageRating: 'fsk16' })).toMatchObject({ ageRating: 'FSK 16' });
    const settings = contract['cinema.update'].input.pick({ idCheckRatings: true }).safeParse({ idCheckRatings: { 'FSK 16': 17 } });
    expect(settings.success ? null : refusalsByField(settings.error.issues)).toEqual({ 'idCheckRatings.FSK 16': 'Rating “FSK 16”: means 16 years, not 17.' });
  });
});

describe('what is printed on receipts and settlements holds no emoji', () => {
  it("the cinema's name and address, a distributor's address", () => {
    const cinema = contract['cinema.update'].input.pick({ name: true, address: true });
    expect(cinema.safeParse({ name: 'Kino 🍿 Mitte', address: '' }).success).toBe(false);
    expect(cinema.safeParse({ name: 'Kino Mitte', address: 'Torstraße 1 🎬' }).success).toBe(false);
    expect(cinema.parse({ name: 'Kino Mitte', address: 'Torstraße 1, 10119 Berlin' })).toEqual({ name: 'Kino Mitte', address: 'Torstraße 1, 10119 Berlin' });
    const distributor = contract['distributors.create'].input.safeParse({ legalName: 'Leuchtturm Filmverleih GmbH', address: 'Hafen 2 ⚓' });
    expect(distributor.success ? null : refusalsByField(distributor.error.issues)).toEqual({ address: expect.stringMatching(/emoji/) });
  });
});
