import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/contract';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { insertTestPreorder } from '../concessions/insert-test-preorder';
import { loadPromocodeForOrder } from './promocodes';
import { checkPromocode } from './check-promocode';

let t: TempCore;
afterEach(async () => t?.close());

const fields = (over: Partial<InputOf<'promocodes.create'>> = {}): InputOf<'promocodes.create'> => ({
  code: 'spring-25',
  kind: 'PERCENT',
  value: 2500,
  validFrom: '2026-12-01',
  validTo: '2026-12-31',
  maxUses: 100,
  perCustomerLimit: 2,
  minOrder: 1500,
  appliesTo: 'TICKETS',
  filmIds: [],
  active: true,
  ...over,
});

async function snapshot(t: TempCore) {
  const db = t.core.services.db;
  return {
    promocodes: await db.selectFrom('promocodes').selectAll().orderBy('id').execute(),
    films: await db.selectFrom('promocode_films').selectAll().orderBy('id').execute(),
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
  };
}

const refusal = (t: TempCore, op: 'promocodes.create' | 'promocodes.update' | 'promocodes.setActive', input: unknown, token: string) => t.refusal(op, input, token);

describe('promocodes (managers, rule 7)', () => {
  it('creates a code in capitals with its films, lists it with its uses, and audits it', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const { films } = await t.call('promocodes.list', {}, manager);
    expect(films.length).toBeGreaterThan(3);
    const created = await t.call('promocodes.create', fields({ filmIds: [films[0]!.id, films[1]!.id] }), manager);
    expect(created).toMatchObject({ code: 'SPRING-25', kind: 'PERCENT', value: 2500, uses: 0, active: true, editable: true, minOrder: 1500 });
    expect(created.films.map((f) => f.id).sort()).toEqual([films[0]!.id, films[1]!.id].sort());
    const list = await t.call('promocodes.list', {}, manager);
    expect(list.promocodes.map((p) => p.code)).toEqual(['SPRING-25', 'WELCOME10']);
    const audit = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'promocode.create').execute();
    expect(audit).toHaveLength(1);
    const outbox = await t.core.services.db.selectFrom('outbox').selectAll().where('row_id', '=', created.id).execute();
    expect(outbox.length).toBeGreaterThan(0);
  });

  it('refuses a duplicate code whatever its case, and bad fields each by name — changing nothing', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const before = await snapshot(t);
    expect(await refusal(t, 'promocodes.create', fields({ code: 'welcome10' }), manager)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/"WELCOME10" already exists/) });
    const bad = await refusal(t, 'promocodes.create', fields({ code: 'two words', kind: 'PERCENT', value: 10_001, validFrom: '2026-12-31', validTo: '2026-12-01', maxUses: 0 }), manager);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/Code may use letters, digits, dash and underscore only/);
    expect(bad.message).toMatch(/Uses: at least 1, or leave it empty for no limit/);
    const crossField = await refusal(t, 'promocodes.create', fields({ value: 10_001, validFrom: '2026-12-31', validTo: '2026-12-01' }), manager);
    expect(crossField.message).toMatch(/Value: a percentage must be at most 100 %/);
    expect(crossField.message).toMatch(/Valid until must not be before the first day \(2026-12-31\)/);
    expect(await refusal(t, 'promocodes.create', fields({ value: 12.5 }), manager)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Value must be a whole number/) });
    expect(await refusal(t, 'promocodes.create', fields({ appliesTo: 'CONCESSIONS', filmIds: ['0190f7a2-0000-7000-8000-000000000000'] }), manager)).toMatchObject({
      message: expect.stringMatching(/Films: a code for concessions only cannot be limited to films/),
    });
    expect(await refusal(t, 'promocodes.create', fields({ filmIds: ['0190f7a2-0000-7000-8000-000000000000'] }), manager)).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/chosen films does not exist/),
    });
    expect(await refusal(t, 'promocodes.create', { ...fields(), price: 1 }, manager)).toMatchObject({ code: 'VALIDATION' });
    expect(await refusal(t, 'promocodes.create', { code: 'X' }, manager)).toMatchObject({ code: 'VALIDATION' });
    expect(await snapshot(t)).toEqual(before);
  });

  it('edits a code (including its film list) and deactivates it; refuses unknown ids and taken codes', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const { films } = await t.call('promocodes.list', {}, manager);
    const p = await t.call('promocodes.create', fields({ filmIds: [films[0]!.id] }), manager);
    const edited = await t.call('promocodes.update', { ...fields({ code: 'Spring-30', kind: 'FIXED', value: 300, filmIds: [films[2]!.id], maxUses: null }), promocodeId: p.id }, manager);
    expect(edited).toMatchObject({ code: 'SPRING-30', kind: 'FIXED', value: 300, maxUses: null, films: [{ id: films[2]!.id }] });
    expect(await t.core.services.db.selectFrom('promocode_films').selectAll().where('promocode_id', '=', p.id).execute()).toHaveLength(1);

    const before = await snapshot(t);
    expect(await refusal(t, 'promocodes.update', { ...fields({ code: 'WELCOME10' }), promocodeId: p.id }, manager)).toMatchObject({ code: 'CONFLICT' });
    expect(await refusal(t, 'promocodes.update', { ...fields(), promocodeId: '0190f7a2-0000-7000-8000-000000000000' }, manager)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(t, 'promocodes.setActive', { promocodeId: 'nope', active: false }, manager)).toMatchObject({ code: 'VALIDATION' });
    expect(await snapshot(t)).toEqual(before);

    const off = await t.call('promocodes.setActive', { promocodeId: p.id, active: false }, manager);
    expect(off.active).toBe(false);
    expect((await t.call('promocodes.list', {}, manager)).promocodes.at(-1)!.code).toBe('SPRING-30');
    const actions = (await t.core.services.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).execute()).map((a) => a.action);
    expect(actions).toEqual(['promocode.create', 'promocode.update', 'promocode.deactivate']);
  });

  it('counts uses from orders that are not refunded or cancelled, and feeds the sale’s checker', async () => {
    t = await startTempCore({ now: '2026-12-05T15:00:00Z' });
    const manager = await t.signIn('MANAGER');
    const p = await t.call('promocodes.create', fields({ appliesTo: 'ALL', maxUses: 2, perCustomerLimit: null, minOrder: 0 }), manager);
    const items = [{ name: 'Cola 0.5 l', quantity: 1 }];
    await insertTestPreorder(t.core.services, { items, promocodeId: p.id });
    await insertTestPreorder(t.core.services, { items, promocodeId: p.id, orderStatus: 'REFUNDED', status: 'CANCELLED' });
    await insertTestPreorder(t.core.services, { items, promocodeId: p.id, orderStatus: 'CANCELLED', status: 'CANCELLED' });
    expect((await t.call('promocodes.list', {}, manager)).promocodes.find((x) => x.id === p.id)!.uses).toBe(1);

    const cinema = await t.core.services.db.selectFrom('cinemas').selectAll().executeTakeFirstOrThrow();
    const loaded = await loadPromocodeForOrder(t.core.services.db, 'spring-25', cinema.id, null);
    expect(loaded.usage).toEqual({ uses: 1, customerUses: 0 });
    const decide = () =>
      checkPromocode({
        ...loaded,
        lines: [{ key: 'popcorn', kind: 'CONCESSION', amount: 590 }],
        customerId: null,
        now: t.clock.now(),
        day: { timezone: cinema.timezone, dayStart: cinema.business_day_start },
        currency: cinema.currency,
      });
    expect(decide()).toMatchObject({ ok: true, discount: 148 });
    await insertTestPreorder(t.core.services, { items, promocodeId: p.id, orderStatus: 'PARTIALLY_REFUNDED' });
    const again = await loadPromocodeForOrder(t.core.services.db, 'SPRING-25', cinema.id, null);
    expect(again.usage.uses).toBe(2);
    await expect(loadPromocodeForOrder(t.core.services.db, 'NOPE', cinema.id, null)).rejects.toThrow(/no promocode "NOPE"/);
  });

  it('is for managers: a cashier may not list or create codes', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    expect(await t.core.call({ op: 'promocodes.list', input: {}, token: cashier })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await refusal(t, 'promocodes.create', fields(), cashier)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
