import { describe, expect, it } from 'vitest';
import { contract } from './index';
import type { Language } from '../i18n/languages';
import { describeIssue, describeRefusal, limitText, refusalsByField } from './refusal-words';

/** The refusal words for an input the contract refuses. */
function refusal(op: keyof typeof contract, input: Record<string, unknown>, currency = 'EUR', language: Language = 'en') {
  const parsed = contract[op].input.safeParse(input);
  if (parsed.success) throw new Error(`${op} accepted ${JSON.stringify(input)}`);
  const context = { currency, input, language };
  return { fields: refusalsByField(parsed.error.issues, context), banner: describeRefusal(parsed.error.issues, context) };
}

/** Intl writes a no-break space before the euro sign (and in "12,50 €"); plain spaces read better in a test. */
const plain = (text: string) => text.replaceAll('\u00a0', ' ');

const cinema = {
  name: 'Kino',
  address: '',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  ticketVatBp: 700,
  businessDayStart: '06:00',
  weekStartDay: 4,
  salesCloseMinutes: 15,
  holdMinutes: 10,
  bonusAccrualBp: 500,
  bonusMaxShareBp: 5000,
  holdWheelchairUntilFull: true,
};
const film = { title: 'Heat', durationMinutes: 170, ageRating: '', genres: [] };

describe('refusals in the user\'s words', () => {
  it('a number over its limit: the label and the limit in the user\'s unit (VAT in %, not basis points)', () => {
    const r = refusal('cinema.update', { ...cinema, ticketVatBp: 50_000 });
    expect(r.fields).toEqual({ ticketVatBp: 'Ticket VAT must be at most 100 %.' });
    expect(r.banner).toBe('Please check the form — Ticket VAT must be at most 100 %.');
  });

  it('durations in minutes', () => {
    expect(refusal('films.create', { ...film, durationMinutes: 900 }).fields).toEqual({ durationMinutes: 'Running time (minutes) must be at most 600 minutes.' });
    expect(refusal('films.create', { ...film, durationMinutes: -90 }).fields).toEqual({ durationMinutes: 'Running time (minutes) must be at least 1 minute.' });
    expect(refusal('cinema.update', { ...cinema, holdMinutes: 0 }).fields).toEqual({ holdMinutes: 'Seat hold must be at least 1 minute.' });
  });

  it('a text too long, counted in characters, and an entry of a list named by its number', () => {
    expect(refusal('films.create', { ...film, genres: ['Drama', 'x'.repeat(41)] }).fields).toEqual({ 'genres.1': 'Genre 2 must be at most 40 characters.' });
    expect(refusal('films.create', { ...film, title: '' }).fields).toEqual({ title: 'Title must not be empty.' });
  });

  it('a missing field is missing, not "expected string, received undefined"', () => {
    const { title: _, ...noTitle } = film;
    expect(refusal('films.create', noTitle).fields).toEqual({ title: 'Title is missing.' });
    expect(refusal('films.create', { ...film, durationMinutes: 'long' }).fields).toEqual({ durationMinutes: 'Running time (minutes) must be a number.' });
  });

  it('a factor per seat kind, written as a multiplier', () => {
    expect(refusal('prices.setFactors', { seatKind: { VIP: 0 } }).fields).toEqual({ 'seatKind.VIP': 'Seat kind factor for VIP recliner must be more than ×0.' });
    expect(refusal('prices.setFactors', { seatKind: { VIP: 200_000 } }).fields).toEqual({ 'seatKind.VIP': 'Seat kind factor for VIP recliner must be at most ×10.' });
  });

  it('a seat of the map is named by its place in the list', () => {
    const hallId = '00000000-0000-4000-8000-000000000001';
    const seat = { rowLabel: 'A'.repeat(20), number: 1, gridX: 0, gridY: 0, kind: 'STANDARD' };
    const r = refusal('seatMap.save', { hallId, seats: [seat] });
    expect(Object.values(r.fields)[0]).toMatch(/^Seat 1: row must be at most \d+ characters\.$/);
  });

  it('a choice out of its list names the choices; an unknown field is named', () => {
    expect(refusal('halls.create', { name: 'Saal 1', type: 'HUGE', cleaningMinutes: 10 }).fields.type).toMatch(/^Type must be one of /);
    expect(refusal('halls.create', { name: 'Saal 1', type: 'STANDARD', cleaningMinutes: 10, price: 1 }).banner).toBe(
      'Please check the form — This form has a field it does not take: price.',
    );
  });

  it('a schema\'s own words stay (a format), with the label in front', () => {
    expect(refusal('cinema.update', { ...cinema, businessDayStart: '25:00' }).fields).toEqual({ businessDayStart: 'Business day starts at must be a time like 06:00.' });
  });

  it('money limits in the cinema\'s currency', () => {
    expect(limitText(123456, 'money', 'EUR')).toBe('€1,234.56');
    expect(limitText(1250, 'percent')).toBe('12.5 %');
    expect(limitText(1, 'minutes')).toBe('1 minute');
    expect(describeIssue({ code: 'too_big', origin: 'number', maximum: 100_000_000, inclusive: true, path: ['tendered'], message: 'Too big: expected number to be <=100000000', input: 0 } as never, { currency: 'EUR' })).toBe(
      'Cash handed over must be at most €1,000,000.00.',
    );
  });

  describe('in German', () => {
    const de = (op: keyof typeof contract, input: Record<string, unknown>) => refusal(op, input, 'EUR', 'de');

    it('names the field by its German label, the limit in German units', () => {
      const r = de('cinema.update', { ...cinema, ticketVatBp: 50_000 });
      expect(r.fields).toEqual({ ticketVatBp: 'MwSt. auf Tickets darf höchstens 100 % betragen.' });
      expect(r.banner).toBe('Bitte prüfen Sie das Formular — MwSt. auf Tickets darf höchstens 100 % betragen.');
      expect(de('films.create', { ...film, durationMinutes: 900 }).fields).toEqual({ durationMinutes: 'Laufzeit (Minuten) darf höchstens 600 Minuten betragen.' });
      expect(de('films.create', { ...film, durationMinutes: -90 }).fields).toEqual({ durationMinutes: 'Laufzeit (Minuten) muss mindestens 1 Minute betragen.' });
    });

    it('texts, lists, missing fields, factors and unknown fields', () => {
      expect(de('films.create', { ...film, genres: ['Drama', 'x'.repeat(41)] }).fields).toEqual({ 'genres.1': 'Genre 2 darf höchstens 40 Zeichen lang sein.' });
      const { title: _, ...noTitle } = film;
      expect(de('films.create', noTitle).fields).toEqual({ title: 'Titel fehlt.' });
      expect(de('films.create', { ...film, durationMinutes: 'long' }).fields).toEqual({ durationMinutes: 'Laufzeit (Minuten) muss eine Zahl sein.' });
      expect(de('prices.setFactors', { seatKind: { VIP: 0 } }).fields).toEqual({ 'seatKind.VIP': 'Faktor der Platzart für VIP-Sessel muss größer als ×0 sein.' });
      expect(de('prices.setFactors', { seatKind: { VIP: 200_000 } }).fields).toEqual({ 'seatKind.VIP': 'Faktor der Platzart für VIP-Sessel darf höchstens ×10 betragen.' });
      expect(de('halls.create', { name: 'Saal 1', type: 'STANDARD', cleaningMinutes: 10, price: 1 }).banner).toBe(
        'Bitte prüfen Sie das Formular — Dieses Formular hat ein Feld, das hier nicht vorgesehen ist: Preis.',
      );
    });

    it('a seat of the map keeps its noun capitalised', () => {
      const hallId = '00000000-0000-4000-8000-000000000001';
      const seat = { rowLabel: 'A'.repeat(20), number: 1, gridX: 0, gridY: 0, kind: 'STANDARD' };
      expect(Object.values(de('seatMap.save', { hallId, seats: [seat] }).fields)[0]).toMatch(/^Platz 1: Reihe darf höchstens \d+ Zeichen lang sein\.$/);
    });

    it('limits: percent with a decimal comma, minutes, money in euros the German way', () => {
      expect(limitText(1250, 'percent', null, 'de')).toBe('12,5 %');
      expect(limitText(90, 'minutes', null, 'de')).toBe('90 Minuten');
      expect(limitText(1, 'minutes', null, 'de')).toBe('1 Minute');
      expect(plain(limitText(1250, 'money', 'EUR', 'de'))).toBe('12,50 €');
      expect(plain(limitText(123456, 'money', 'EUR', 'de'))).toBe('1.234,56 €');
      const tooMuchCash = { code: 'too_big', origin: 'number', maximum: 100_000_000, inclusive: true, path: ['tendered'], message: 'Too big: expected number to be <=100000000', input: 0 } as never;
      expect(plain(describeIssue(tooMuchCash, { currency: 'EUR', language: 'de' }))).toBe('Gegebenes Bargeld darf höchstens 1.000.000,00 € betragen.');
    });
  });
});
