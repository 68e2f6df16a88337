import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { newId } from '../ids';

let t: TempCore;
afterEach(async () => t?.close());

const table = (name: 'films' | 'distributors') => t.core.services.db.selectFrom(name).selectAll().orderBy('id').execute();
const audit = (action: string) => t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

const DISTRIBUTOR = {
  legalName: 'Kinowelt Test GmbH',
  taxId: 'DE123456789',
  contactName: 'Ada Example',
  email: 'ada@kinowelt.example',
  phone: '+49 30 1234',
  address: 'Somewhere 1, Berlin',
  bankName: 'Test Bank',
  bankAccount: 'DE89 3704 0044 0532 0130 00',
  bankCode: 'TESTDEFFXXX',
};

describe('distributors', () => {
  it('creates, edits and finds a distributor by name, tax id or contact', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const d = await t.call('distributors.create', DISTRIBUTOR, manager);
    expect(d).toMatchObject({ ...DISTRIBUTOR, active: true, films: 0, contracts: 0 });
    expect(await audit('distributor.create')).toHaveLength(1);
    const edited = await t.call('distributors.update', { distributorId: d.id, ...DISTRIBUTOR, phone: '', contactName: 'Bea Example' }, manager);
    expect(edited).toMatchObject({ phone: '', contactName: 'Bea Example' });
    for (const search of ['kinowelt', 'de123456789', 'BEA', 'ada@kino']) {
      expect((await t.call('distributors.list', { search }, manager)).map((x) => x.id), search).toEqual([d.id]);
    }
    expect(await t.call('distributors.list', { search: '%' }, manager)).toEqual([]);
    expect((await t.call('distributors.list', {}, manager)).length).toBe(5);
  });

  it('refuses duplicates (legal name, tax id) and bad e-mail addresses; nothing changes', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const before = await table('distributors');
    await expect(t.call('distributors.create', { ...DISTRIBUTOR, legalName: 'lichtspiel filmverleih gmbh' }, manager)).rejects.toThrow(
      /CONFLICT: There is already a distributor called "Lichtspiel Filmverleih GmbH"/,
    );
    await expect(t.call('distributors.create', { ...DISTRIBUTOR, taxId: 'de 281447903' }, manager)).rejects.toThrow(
      /The tax id de 281447903 already belongs to "Lichtspiel Filmverleih GmbH"/,
    );
    const r = await t.core.call({ op: 'distributors.create', input: { ...DISTRIBUTOR, legalName: '', email: 'not-mail' }, token: manager });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Legal name must not be empty.*E-mail must be an e-mail/) } });
    expect(await table('distributors')).toEqual(before);
  });

  it('a distributor with active contracts stays active; without them it is deactivated, never deleted', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const lichtspiel = (await t.call('distributors.list', { search: 'Lichtspiel' }, manager))[0]!;
    expect(lichtspiel.contracts).toBeGreaterThan(0);
    const before = await table('distributors');
    await expect(t.call('distributors.setActive', { distributorId: lichtspiel.id, active: false }, manager)).rejects.toThrow(
      /Lichtspiel Filmverleih GmbH stays active: it has \d+ active rental contracts? \("/,
    );
    expect(await table('distributors')).toEqual(before);
    const d = await t.call('distributors.create', DISTRIBUTOR, manager);
    expect((await t.call('distributors.setActive', { distributorId: d.id, active: false }, manager)).active).toBe(false);
    expect((await t.call('distributors.list', {}, manager)).at(-1)!.id).toBe(d.id);
    expect(await audit('distributor.deactivate')).toHaveLength(1);
  });
});

describe('films', () => {
  it('creates a film with a distributor, lists and searches it by title, genre or distributor', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const d = await t.call('distributors.create', DISTRIBUTOR, manager);
    const film = await t.call(
      'films.create',
      { title: 'The Long Projection', durationMinutes: 131, ageRating: 'FSK 12', genres: ['Drama', 'Docufiction'], releaseDate: '2026-12-03', distributorId: d.id },
      manager,
    );
    expect(film).toMatchObject({ title: 'The Long Projection', durationMinutes: 131, genres: ['Drama', 'Docufiction'], distributor: { id: d.id, legalName: DISTRIBUTOR.legalName }, active: true, sessions: 0 });
    expect((await t.call('distributors.list', { search: 'Kinowelt' }, manager))[0]!.films).toBe(1);
    for (const search of ['long proj', 'docufiction', 'kinowelt']) expect((await t.call('films.list', { search }, manager)).map((f) => f.id), search).toEqual([film.id]);
    expect(await audit('film.create')).toHaveLength(1);
  });

  it('refuses a zero duration, repeated genres, an unknown or deactivated distributor, a duplicate; nothing changes', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const before = await table('films');
    const r = await t.core.call({ op: 'films.create', input: { title: 'X', durationMinutes: 0, genres: ['Drama', 'drama'] }, token: manager });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Running time \(minutes\) must be at least 1 minute.*Genres: a genre is listed twice/) } });
    await expect(t.call('films.create', { title: 'X', durationMinutes: 90, distributorId: newId() }, manager)).rejects.toThrow(/NOT_FOUND: The chosen distributor does not exist/);
    const d = await t.call('distributors.create', DISTRIBUTOR, manager);
    await t.call('distributors.setActive', { distributorId: d.id, active: false }, manager);
    await expect(t.call('films.create', { title: 'X', durationMinutes: 90, distributorId: d.id }, manager)).rejects.toThrow(/Kinowelt Test GmbH is deactivated/);
    const existing = (await t.call('films.list', {}, manager))[0]!;
    await expect(t.call('films.create', { title: existing.title.toUpperCase(), durationMinutes: 90, releaseDate: existing.releaseDate }, manager)).rejects.toThrow(
      /is already in the catalogue/,
    );
    expect(await table('films')).toEqual(before);
  });

  it('edits a film; the duration of a film with upcoming sessions is fixed, the rest may change', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const shown = (await t.call('films.list', {}, manager)).find((f) => f.upcomingSessions > 0)!;
    const fields = { title: shown.title, durationMinutes: shown.durationMinutes, ageRating: shown.ageRating, genres: shown.genres, releaseDate: shown.releaseDate, distributorId: shown.distributor?.id ?? null };
    const before = await table('films');
    await expect(t.call('films.update', { filmId: shown.id, ...fields, durationMinutes: shown.durationMinutes + 10 }, manager)).rejects.toThrow(
      new RegExp(`The duration of "${shown.title}" stays ${shown.durationMinutes} minutes: it has \\d+ upcoming sessions? \\(the first in Hall`),
    );
    await expect(t.call('films.setActive', { filmId: shown.id, active: false }, manager)).rejects.toThrow(/stays active: it has \d+ upcoming/);
    expect(await table('films')).toEqual(before);
    const edited = await t.call('films.update', { filmId: shown.id, ...fields, ageRating: 'FSK 16', genres: ['Thriller'] }, manager);
    expect(edited).toMatchObject({ ageRating: 'FSK 16', genres: ['Thriller'] });
    expect(JSON.parse((await audit('film.update'))[0]!.details)).toEqual({ ageRating: { before: shown.ageRating, after: 'FSK 16' }, genres: { before: shown.genres, after: ['Thriller'] } });
  });

  it('a film without sessions is deactivated and reactivated; it leaves the active list', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const film = await t.call('films.create', { title: 'Short One', durationMinutes: 12 }, manager);
    expect((await t.call('films.setActive', { filmId: film.id, active: false }, manager)).active).toBe(false);
    expect((await t.call('films.list', { includeInactive: false }, manager)).some((f) => f.id === film.id)).toBe(false);
    expect((await t.call('films.setActive', { filmId: film.id, active: true }, manager)).active).toBe(true);
    expect(await t.core.call({ op: 'films.list', input: {}, token: await t.signIn('CASHIER') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
