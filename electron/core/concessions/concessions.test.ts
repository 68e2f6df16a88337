import { afterEach, describe, expect, it } from 'vitest';
import { startTempCore, type TempCore } from '../testing/temp-core';

let t: TempCore;
afterEach(async () => t?.close());

const ghost = '0190f7a2-0000-7000-8000-000000000000';

async function itemsSnapshot(t: TempCore) {
  const db = t.core.services.db;
  return {
    items: await db.selectFrom('concession_items').selectAll().orderBy('id').execute(),
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
  };
}

const refusal = (t: TempCore, op: string, input: unknown, token: string) => t.refusal(op, input, token);

describe('concession items (managers; the counter lists active ones)', () => {
  it('creates, edits, deactivates and reactivates an item; the cashier sees only active items', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const cashier = await t.signIn('CASHIER');
    const item = await t.call('concessions.createItem', { name: 'Pretzel', category: 'Snacks', price: 350, vatBp: 700, stock: 20 }, manager);
    expect(item).toMatchObject({ name: 'Pretzel', category: 'Snacks', price: 350, vatBp: 700, stock: 20, active: true });
    const edited = await t.call('concessions.updateItem', { itemId: item.id, name: 'Salted pretzel', category: 'Snacks', price: 380, vatBp: 700, trackStock: true }, manager);
    expect(edited).toMatchObject({ name: 'Salted pretzel', price: 380, stock: 20 });
    expect((await t.call('concessions.listItems', {}, cashier)).some((i) => i.id === item.id)).toBe(true);

    await t.call('concessions.setItemActive', { itemId: item.id, active: false }, manager);
    expect((await t.call('concessions.listItems', {}, cashier)).some((i) => i.id === item.id)).toBe(false);
    // A cashier asking for inactive items still gets only what can be sold.
    expect((await t.call('concessions.listItems', { includeInactive: true }, cashier)).some((i) => i.id === item.id)).toBe(false);
    expect((await t.call('concessions.listItems', { includeInactive: true }, manager)).find((i) => i.id === item.id)).toMatchObject({ active: false });
    await t.call('concessions.setItemActive', { itemId: item.id, active: true }, manager);

    const untracked = await t.call('concessions.updateItem', { itemId: item.id, name: 'Salted pretzel', category: 'Snacks', price: 380, vatBp: 700, trackStock: false }, manager);
    expect(untracked.stock).toBeNull();
    const actions = (await t.core.services.db.selectFrom('audit_log').select('action').where('entity_id', '=', item.id).execute()).map((a) => a.action);
    expect(actions).toEqual(['concession_item.create', 'concession_item.update', 'concession_item.deactivate', 'concession_item.activate', 'concession_item.update']);
  });

  it('refuses bad items by field, duplicate names and unknown ids — changing nothing', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const cashier = await t.signIn('CASHIER');
    const before = await itemsSnapshot(t);
    const bad = await refusal(t, 'concessions.createItem', { name: ' ', category: 'x', price: -1, vatBp: 10_001, stock: 1.5 }, manager);
    expect(bad.code).toBe('VALIDATION');
    for (const f of ['Name must not be empty', 'Price must not be negative', 'VAT must be at most 100 %', 'Stock must be a whole number']) expect(bad.message).toContain(f);
    expect(await refusal(t, 'concessions.createItem', { name: 'hot DOG', category: 'Snacks', price: 100, vatBp: 700, stock: null }, manager)).toMatchObject({
      code: 'CONFLICT',
      message: 'There is already an item called "Hot dog"; give this one another name.',
    });
    expect(await refusal(t, 'concessions.updateItem', { itemId: ghost, name: 'x', category: '', price: 1, vatBp: 0, trackStock: false }, manager)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(t, 'concessions.setItemActive', { itemId: ghost, active: false }, manager)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(t, 'concessions.createItem', { name: 'Free popcorn', category: '', price: 0, vatBp: 700, stock: null, cinemaId: ghost }, manager)).toMatchObject({ code: 'VALIDATION' });
    expect(await refusal(t, 'concessions.createItem', { name: 'Pretzel', category: '', price: 350, vatBp: 700, stock: null }, cashier)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await itemsSnapshot(t)).toEqual(before);
  });

  it('adjusts counted stock with a reason (audited), never below zero, never on an uncounted item', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const items = await t.call('concessions.listItems', {}, manager);
    const hotDog = items.find((i) => i.name === 'Hot dog')!;
    const popcorn = items.find((i) => i.name === 'Popcorn small')!;
    expect(hotDog.stock).toBe(40);
    expect(await t.call('concessions.adjustStock', { itemId: hotDog.id, change: 24, reason: 'Delivery from Metro' }, manager)).toMatchObject({ stock: 64 });
    expect(await t.call('concessions.adjustStock', { itemId: hotDog.id, change: -4, reason: 'Dropped on the floor' }, manager)).toMatchObject({ stock: 60 });
    const audit = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'concession_item.adjust_stock').execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      { name: 'Hot dog', before: 40, change: 24, after: 64, reason: 'Delivery from Metro' },
      { name: 'Hot dog', before: 64, change: -4, after: 60, reason: 'Dropped on the floor' },
    ]);

    const before = await itemsSnapshot(t);
    expect(await refusal(t, 'concessions.adjustStock', { itemId: hotDog.id, change: -61, reason: 'Stocktake' }, manager)).toMatchObject({
      code: 'VALIDATION',
      message: 'Only 60 of "Hot dog" in stock; 61 cannot be taken out.',
    });
    expect(await refusal(t, 'concessions.adjustStock', { itemId: popcorn.id, change: 5, reason: 'Delivery' }, manager)).toMatchObject({
      message: expect.stringMatching(/stock of "Popcorn small" is not counted/),
    });
    expect(await refusal(t, 'concessions.adjustStock', { itemId: hotDog.id, change: 0, reason: 'Nothing' }, manager)).toMatchObject({ message: expect.stringMatching(/Change must add or remove at least one piece/) });
    expect(await refusal(t, 'concessions.adjustStock', { itemId: hotDog.id, change: 5, reason: '' }, manager)).toMatchObject({ message: expect.stringMatching(/Reason must not be empty/) });
    expect(await itemsSnapshot(t)).toEqual(before);
  });
});
