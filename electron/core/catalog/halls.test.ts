import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { insertSession } from './testing';

let t: TempCore;
afterEach(async () => t?.close());

const audit = (action: string) => t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const hallRows = () => t.core.services.db.selectFrom('halls').selectAll().orderBy('id').execute();
const outboxFor = (table: string) => t.core.services.db.selectFrom('outbox').selectAll().where('table_name', '=', table as never).execute();

describe('halls', () => {
  it('lists the demo halls with their seats and sessions', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const halls = await t.call('halls.list', {}, manager);
    expect(halls.map((h) => [h.name, h.type, h.seats])).toEqual([
      ['Hall 1', 'STANDARD', 120],
      ['Hall 2 VIP', 'VIP', 40],
      ['Hall 3 IMAX', 'IMAX', 300],
    ]);
    expect(halls.every((h) => h.active && h.sessions > 0 && h.upcomingSessions > 0)).toBe(true);
  });

  it('creates a hall, audited and in the outbox; a taken name (any case) is refused and nothing changes', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const outboxBefore = (await outboxFor('halls')).length;
    const hall = await t.call('halls.create', { name: 'Hall 4', type: '4DX', cleaningMinutes: 20 }, manager);
    expect(hall).toMatchObject({ name: 'Hall 4', type: '4DX', cleaningMinutes: 20, active: true, seats: 0, sessions: 0 });
    expect(await audit('hall.create')).toHaveLength(1);
    expect((await outboxFor('halls')).length).toBe(outboxBefore + 1);

    const before = await hallRows();
    await expect(t.call('halls.create', { name: 'hall 1', type: 'VIP', cleaningMinutes: 10 }, manager)).rejects.toThrow(
      /CONFLICT: There is already a hall called "Hall 1"/,
    );
    expect(await hallRows()).toEqual(before);
  });

  it('refuses bad input with a message per field', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const before = await hallRows();
    const r = await t.core.call({ op: 'halls.create', input: { name: '  ', type: 'DRIVE_IN', cleaningMinutes: -5 }, token: manager });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(/Name must not be empty/);
      expect(r.error.message).toMatch(/Type must be one of Standard, VIP, IMAX, 4DX/);
      expect(r.error.message).toMatch(/Cleaning between sessions must not be negative/);
    }
    expect(await hallRows()).toEqual(before);
  });

  it('renames and retypes a hall; renaming onto another hall is refused', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const [h1, h2] = await t.call('halls.list', {}, manager);
    const updated = await t.call('halls.update', { hallId: h1!.id, name: 'Saal Eins', type: 'VIP', cleaningMinutes: 10 }, manager);
    expect(updated).toMatchObject({ name: 'Saal Eins', type: 'VIP', cleaningMinutes: 10 });
    const before = await hallRows();
    await expect(t.call('halls.update', { hallId: h2!.id, name: 'SAAL EINS', type: 'VIP', cleaningMinutes: 30 }, manager)).rejects.toThrow(/CONFLICT/);
    expect(await hallRows()).toEqual(before);
    await expect(t.call('halls.update', { hallId: '0190f0f0-0000-7000-8000-000000000000', name: 'X', type: 'VIP', cleaningMinutes: 1 }, manager)).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('refuses longer cleaning that the planned sessions no longer leave room for, naming both', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await t.call('halls.create', { name: 'Studio', type: 'STANDARD', cleaningMinutes: 10 }, manager);
    await insertSession(t, hall.id, '2026-11-26T14:00:00.000Z'); // until 16:00
    await insertSession(t, hall.id, '2026-11-26T16:20:00.000Z');
    const before = await hallRows();
    await expect(t.call('halls.update', { hallId: hall.id, name: 'Studio', type: 'STANDARD', cleaningMinutes: 30 }, manager)).rejects.toThrow(
      /CONFLICT: Cleaning in Studio cannot become 30 minutes: ".+" \(26 Nov 2026, 15:00\) and ".+" \(26 Nov 2026, 17:20\) are only 20 minutes apart/,
    );
    expect(await hallRows()).toEqual(before);
    expect((await t.call('halls.update', { hallId: hall.id, name: 'Studio', type: 'STANDARD', cleaningMinutes: 20 }, manager)).cleaningMinutes).toBe(20);
  });

  it('refuses to deactivate or delete a hall with upcoming sessions, naming the first', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const [h1] = await t.call('halls.list', {}, manager);
    const before = await hallRows();
    await expect(t.call('halls.setActive', { hallId: h1!.id, active: false }, manager)).rejects.toThrow(/Hall 1 cannot be deactivated: it has \d+ upcoming sessions \(the first is "/);
    await expect(t.call('halls.delete', { hallId: h1!.id }, manager)).rejects.toThrow(/cannot be deleted or deactivated/);
    expect(await hallRows()).toEqual(before);
  });

  it('deletes a hall without sessions (seats too); one with past sessions is deactivated and says why', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const empty = await t.call('halls.create', { name: 'Pop-up', type: 'STANDARD', cleaningMinutes: 10 }, manager);
    await t.call('seatMap.save', { hallId: empty.id, seats: [{ rowLabel: 'A', number: 1, gridX: 0, gridY: 0, kind: 'STANDARD' }] }, manager);
    const gone = await t.call('halls.delete', { hallId: empty.id }, manager);
    expect(gone).toEqual({ outcome: 'DELETED', message: 'Pop-up and its 1 seat were deleted.' });
    expect(await t.core.services.db.selectFrom('seats').select('id').where('hall_id', '=', empty.id).execute()).toHaveLength(0);
    expect((await outboxFor('seats')).some((o) => o.op === 'DELETE')).toBe(true);

    const old = await t.call('halls.create', { name: 'Hall 2', type: 'STANDARD', cleaningMinutes: 10 }, manager);
    await insertSession(t, old.id, '2026-11-20T18:00:00.000Z');
    await insertSession(t, old.id, '2026-11-21T18:00:00.000Z');
    const kept = await t.call('halls.delete', { hallId: old.id }, manager);
    expect(kept.outcome).toBe('DEACTIVATED');
    expect(kept.message).toBe('Hall 2 has 2 sessions in its history; it was deactivated, not deleted, so past sales and reports keep their hall.');
    expect((await t.call('halls.list', {}, manager)).find((h) => h.id === old.id)).toMatchObject({ active: false, sessions: 2 });
    const reactivated = await t.call('halls.setActive', { hallId: old.id, active: true }, manager);
    expect(reactivated.active).toBe(true);
  });

  it('is for managers: a cashier may list halls but not change them', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    expect((await t.call('halls.list', {}, cashier)).length).toBe(3);
    expect(await t.core.call({ op: 'halls.create', input: { name: 'Mine', type: 'VIP', cleaningMinutes: 1 }, token: cashier })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('cinema settings', () => {
  it('reads and saves every setting, audited with what changed', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const s = await t.call('cinema.get', {}, manager);
    expect(s).toMatchObject({ name: 'Aurora Cinema', timezone: 'Europe/Berlin', currency: 'EUR', businessDayStart: '06:00', weekStartDay: 4, holdMinutes: 5 });
    const { id: _id, currencyEditable: _c, ...fields } = s;
    const saved = await t.call(
      'cinema.update',
      { ...fields, name: 'Aurora Kino', businessDayStart: '05:30', weekStartDay: 5, salesCloseMinutes: 20, holdMinutes: 7, bonusAccrualBp: 500, holdWheelchairUntilFull: false },
      manager,
    );
    expect(saved).toMatchObject({ name: 'Aurora Kino', businessDayStart: '05:30', weekStartDay: 5, salesCloseMinutes: 20, holdMinutes: 7, bonusAccrualBp: 500, holdWheelchairUntilFull: false });
    const [entry] = await audit('cinema.update');
    expect(JSON.parse(entry!.details)).toMatchObject({ name: { before: 'Aurora Cinema', after: 'Aurora Kino' }, businessDayStart: { before: '06:00', after: '05:30' } });
    expect((await t.call('system.status', {}, manager)).cinema.name).toBe('Aurora Kino');
  });

  it('refuses impossible values and names each field; nothing changes', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const { id: _id, currencyEditable: _c, ...fields } = await t.call('cinema.get', {}, manager);
    const before = await t.core.services.db.selectFrom('cinemas').selectAll().execute();
    const r = await t.core.call({
      op: 'cinema.update',
      input: { ...fields, timezone: 'Mars/Olympus', businessDayStart: '25:00', weekStartDay: 7, holdMinutes: 0, ticketVatBp: 12000, currency: 'euro' },
      token: manager,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      for (const f of ['Time zone must be', 'Currency must be', 'Business day starts at must be', 'Reporting week starts on must be at most 6', 'Ticket VAT must be at most 100 %', 'and 1 more'])
        expect(r.error.message).toContain(f);
      expect(r.error.details).toMatchObject({ fields: { holdMinutes: 'Seat hold must be at least 1 minute.' } });
    }
    expect(await t.core.services.db.selectFrom('cinemas').selectAll().execute()).toEqual(before);
  });

  it('lets the currency change only while the cinema has no sales', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const { id: _id, currencyEditable, ...fields } = await t.call('cinema.get', {}, manager);
    expect(currencyEditable).toBe(true);
    expect((await t.call('cinema.update', { ...fields, currency: 'CHF' }, manager)).currency).toBe('CHF');
    const { insertSoldTicket } = await import('./testing');
    const hall = (await t.call('halls.list', {}, manager))[0]!;
    const seat = (await t.call('seatMap.get', { hallId: hall.id }, manager)).seats[0]!;
    await insertSoldTicket(t, await insertSession(t, hall.id, '2026-11-24T18:00:00.000Z'), seat.id);
    expect((await t.call('cinema.get', {}, manager)).currencyEditable).toBe(false);
    await expect(t.call('cinema.update', { ...fields, currency: 'EUR' }, manager)).rejects.toThrow(/CONFLICT: The currency stays CHF: this cinema already has sales/);
    expect((await t.call('cinema.get', {}, manager)).currency).toBe('CHF');
    // Other settings still save with the currency unchanged.
    expect((await t.call('cinema.update', { ...fields, currency: 'CHF', name: 'Renamed' }, manager)).name).toBe('Renamed');
  });

  it('is for managers only', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    expect(await t.core.call({ op: 'cinema.get', input: {}, token: cashier })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
