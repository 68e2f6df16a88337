/**
 * Issue 12, item 11, through the dispatcher on a real SQLite file: a name with NUL or another
 * control character is refused with the field named and the reason in the user's words, and
 * nothing is stored. (shared/contract/fields.test.ts checks every string field of the contract;
 * tests/fuzz checks no control character reaches the database.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { schema } from '../../shared/i18n/en/schema';
import { startTempCore, type TempCore } from './testing/temp-core';

/** The contract's words for a control character, as an English reader sees them. */
const CONTROL_CHARACTER_MESSAGE = schema.predicate.controlCharacters;

let t: TempCore;
afterEach(async () => t?.close());

const rows = (table: 'users' | 'films' | 'customers' | 'cinemas') => t.core.services.db.selectFrom(table).select('id').execute().then((r) => r.length);

describe('names with control characters (issue 12, item 11)', () => {
  it('refuses NUL, escape, a line separator in a staff, film, genre and customer name; stores nothing', async () => {
    t = await startTempCore();
    const admin = await t.signIn('ADMIN');
    const manager = await t.signIn('MANAGER');
    const cashier = await t.signIn('CASHIER');
    const before = { users: await rows('users'), films: await rows('films'), customers: await rows('customers') };
    const attempts = [
      { op: 'users.create', token: admin, field: 'displayName', label: 'Display name', input: { username: 'lena2', displayName: 'Lena\u0000Hoffmann', role: 'CASHIER', password: 'lena-2026x' } },
      { op: 'films.create', token: manager, field: 'title', label: 'Title', input: { title: 'Harbour\u001b[31mLights', durationMinutes: 104 } },
      { op: 'films.create', token: manager, field: 'genres.0', label: 'Genre 1', input: { title: 'Harbour Lights', durationMinutes: 104, genres: ['Drama\u0000'] } },
      { op: 'customers.create', token: cashier, field: 'name', label: 'Name', input: { name: 'Anna\u2028Schmidt', phone: '+49 40 1234567', cardNumber: '2600199999' } },
    ];
    for (const a of attempts) {
      const answer = await t.core.call({ op: a.op, input: a.input, token: a.token });
      expect(answer, a.op).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: `Please check the form — ${a.label} ${CONTROL_CHARACTER_MESSAGE}.`, details: { fields: { [a.field]: `${a.label} ${CONTROL_CHARACTER_MESSAGE}.` } } },
      });
    }
    expect({ users: await rows('users'), films: await rows('films'), customers: await rows('customers') }).toEqual(before);
    // The same names without the control character go through.
    expect(await t.call('films.create', { title: 'Harbour Lights', durationMinutes: 104, genres: ['Drama'] }, manager)).toMatchObject({ title: 'Harbour Lights' });
  });

  it('the first-run screen refuses a cinema name with NUL and creates nothing', async () => {
    t = await startTempCore({ demo: false });
    const answer = await t.core.call({
      op: 'setup.createFirstAdmin',
      input: { username: 'olga', displayName: 'Olga Petrova', password: 'cinema-2026', cinema: { name: 'Kino\u0000Nord', address: '', timezone: 'Europe/Berlin', currency: 'EUR' } },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: { 'cinema.name': `Name ${CONTROL_CHARACTER_MESSAGE}.` } } } });
    expect({ cinemas: await rows('cinemas'), users: await rows('users') }).toEqual({ cinemas: 0, users: 0 });
  });
});
