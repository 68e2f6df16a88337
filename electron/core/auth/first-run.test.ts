import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';

let t: TempCore;
afterEach(async () => t?.close());

const firstAdmin = {
  username: 'olga',
  displayName: 'Olga Petrova',
  password: 'cinema-2026',
  cinema: { name: 'Kino Nord', address: 'Hafenstraße 1, Hamburg', timezone: 'Europe/Berlin', currency: 'EUR' },
};

describe('first run', () => {
  it('a new install without demo data needs its first administrator', async () => {
    t = await startTempCore({ demo: false });
    expect(await t.call('setup.status', {})).toMatchObject({ needsFirstAdmin: true, cinema: null, demo: false });
  });

  it('creates the cinema, registers the terminal, signs the admin in, and then refuses to run again', async () => {
    t = await startTempCore({ demo: false });
    const signedIn = await t.call('setup.createFirstAdmin', firstAdmin);
    expect(signedIn.user).toMatchObject({ username: 'olga', role: 'ADMIN' });
    expect(await t.call('setup.status', {})).toMatchObject({ needsFirstAdmin: false, cinema: { name: 'Kino Nord', timezone: 'Europe/Berlin' } });
    const terminal = await t.core.services.db.selectFrom('terminals').selectAll().executeTakeFirstOrThrow();
    expect(terminal.public_key).toMatch(/BEGIN PUBLIC KEY/);
    expect(await t.call('system.status', {}, signedIn.token)).toMatchObject({ cinema: { name: 'Kino Nord' }, businessDate: '2026-11-25' });
    const again = await t.core.call({ op: 'setup.createFirstAdmin', input: { ...firstAdmin, username: 'eve' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } });
  });

  it('refuses a bad time zone, currency or weak password and creates nothing', async () => {
    t = await startTempCore({ demo: false });
    const bad = await t.core.call({
      op: 'setup.createFirstAdmin',
      input: { ...firstAdmin, password: 'olga12345', cinema: { ...firstAdmin.cinema, timezone: 'Mars/Olympus', currency: 'euro' } },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Time zone must be an IANA/) } });
    const weak = await t.core.call({ op: 'setup.createFirstAdmin', input: { ...firstAdmin, password: 'olga12345' } });
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/must not contain the user name/) } });
    expect(await t.core.services.db.selectFrom('cinemas').selectAll().execute()).toHaveLength(0);
    expect(await t.core.services.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });
});
