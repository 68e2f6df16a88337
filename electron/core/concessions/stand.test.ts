import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PICKUP_CODE_ALPHABET } from '../../../shared/contract/concessions';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { insertTestPreorder } from './insert-test-preorder';
import { issuePickupCode, newPickupCode } from './pickup-code';

let t: TempCore;
afterEach(async () => t?.close());

async function preorderRows(t: TempCore) {
  const db = t.core.services.db;
  return {
    preorders: await db.selectFrom('concession_preorders').selectAll().orderBy('id').execute(),
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
  };
}

const refusal = (t: TempCore, op: string, input: unknown, token: string) => t.refusal(op, input, token);

describe('newPickupCode (rule 10)', () => {
  it('gives 6 characters of the unambiguous alphabet, never one that is taken', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 6, maxLength: 60 }), fc.array(fc.string({ minLength: 6, maxLength: 6 })), (draws, takenList) => {
        let i = 0;
        const random = (n: number) => draws[i++ % draws.length]! % n;
        const taken = new Set(takenList);
        try {
          const code = newPickupCode(random, (c) => taken.has(c));
          expect(code).toMatch(/^[A-Z0-9]{6}$/);
          expect(code).not.toMatch(/[0O1IL]/);
          expect(taken.has(code)).toBe(false);
        } catch (e) {
          // Only a random source that keeps repeating taken codes may exhaust the tries.
          expect(String(e)).toMatch(/Could not find a free pickup code/);
        }
      }),
    );
    expect(PICKUP_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
  });

  it('draws again on a collision', () => {
    const draws = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    let i = 0;
    expect(newPickupCode(() => draws[i++]!, (c) => c === 'AAAAAA')).toBe('BBBBBB');
  });

  it('is unique among the open preorders of the cinema', async () => {
    t = await startTempCore();
    const cinemaId = t.core.services.terminal.get().cinemaId!;
    await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], pickupCode: 'AAAAAA' });
    await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], pickupCode: 'BBBBBB', status: 'PICKED_UP' });
    const draws = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    let i = 0;
    // AAAAAA is open (taken); BBBBBB was picked up, so it is free again.
    expect(await issuePickupCode(t.core.services.db, cinemaId, () => draws[i++]!)).toBe('BBBBBB');
  });
});

describe('the concession stand (sellers)', () => {
  it('lists the open preorders with items and session, soonest session first', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const { sessions } = await t.call('programme.day', {}, cashier);
    const [early, late] = [sessions[0]!, sessions.at(-1)!];
    const a = await insertTestPreorder(t.core.services, { items: [{ name: 'Popcorn large', quantity: 2 }, { name: 'Cola 0.5 l', quantity: 1 }], sessionId: late.id });
    const b = await insertTestPreorder(t.core.services, { items: [{ name: 'Nachos with cheese dip', quantity: 1 }], sessionId: early.id });
    await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], status: 'PICKED_UP' });

    const queue = await t.call('stand.queue', {}, cashier);
    expect(queue.map((p) => p.pickupCode)).toEqual([b.pickupCode, a.pickupCode]);
    expect(queue[1]).toMatchObject({
      status: 'PENDING',
      items: [
        { name: 'Cola 0.5 l', quantity: 1 },
        { name: 'Popcorn large', quantity: 2 },
      ],
      session: { id: late.id, filmTitle: late.film.title, hallName: late.hall.name, startsAt: late.startsAt },
    });
  });

  it('finds a preorder by code in any case, with spaces, and says clearly when a code cannot exist', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const p = await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], pickupCode: 'K7MX2Q' });
    expect((await t.call('stand.find', { pickupCode: 'k7m x2q' }, cashier)).id).toBe(p.preorderId);
    expect((await t.call('stand.find', { pickupCode: 'k7m-x2q' }, cashier)).id).toBe(p.preorderId);
    expect(await refusal(t, 'stand.find', { pickupCode: 'K7MX2R' }, cashier)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No preorder has the pickup code K7MX2R/) });
    expect(await refusal(t, 'stand.find', { pickupCode: 'K7MX20' }, cashier)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/never contain 0, O, 1, I or L/) });
    expect(await refusal(t, 'stand.find', { pickupCode: 'K7M' }, cashier)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/must be 6 characters/) });
    expect(await refusal(t, 'stand.find', { pickupCode: 42 }, cashier)).toMatchObject({ code: 'VALIDATION' });
  });

  it('moves PENDING → READY → PICKED_UP, audited, and refuses every other transition — changing nothing', async () => {
    t = await startTempCore({ now: '2026-11-25T18:00:00Z' });
    const cashier = await t.signIn('CASHIER');
    const usher = await t.signIn('USHER');
    const p = await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }] });

    let before = await preorderRows(t);
    expect(await refusal(t, 'stand.markPickedUp', { preorderId: p.preorderId }, cashier)).toMatchObject({
      code: 'CONFLICT',
      message: `Preorder ${p.pickupCode} is not ready yet: pack it and mark it ready first.`,
    });
    expect(await refusal(t, 'stand.markReady', { preorderId: p.preorderId }, usher)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(t, 'stand.markReady', { preorderId: '0190f7a2-0000-7000-8000-000000000000' }, cashier)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await preorderRows(t)).toEqual(before);

    const ready = await t.call('stand.markReady', { preorderId: p.preorderId }, cashier);
    expect(ready).toMatchObject({ status: 'READY', readyAt: '2026-11-25T18:00:00.000Z' });
    before = await preorderRows(t);
    expect(await refusal(t, 'stand.markReady', { preorderId: p.preorderId }, cashier)).toMatchObject({ message: `Preorder ${p.pickupCode} is already marked ready.` });
    expect(await preorderRows(t)).toEqual(before);

    t.clock.advance(5 * 60_000);
    const done = await t.call('stand.markPickedUp', { preorderId: p.preorderId }, cashier);
    expect(done).toMatchObject({ status: 'PICKED_UP', pickedUpAt: '2026-11-25T18:05:00.000Z' });
    before = await preorderRows(t);
    expect(await refusal(t, 'stand.markPickedUp', { preorderId: p.preorderId }, cashier)).toMatchObject({ message: `Preorder ${p.pickupCode} was already picked up at 19:05.` });
    expect(await refusal(t, 'stand.markReady', { preorderId: p.preorderId }, cashier)).toMatchObject({ code: 'CONFLICT' });
    expect(await preorderRows(t)).toEqual(before);

    // The picked-up preorder leaves the queue but can still be looked up.
    expect(await t.call('stand.queue', {}, cashier)).toEqual([]);
    expect((await t.call('stand.find', { pickupCode: p.pickupCode }, cashier)).status).toBe('PICKED_UP');
    const actions = (await t.core.services.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.preorderId).execute()).map((a) => a.action);
    expect(actions).toEqual(['preorder.ready', 'preorder.picked_up']);
  });

  it('two tills handing over the same preorder at once: one wins, the other is told', async () => {
    t = await startTempCore();
    const [a, b] = [await t.signIn('CASHIER'), await t.signIn('MANAGER')];
    const p = await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], status: 'READY' });
    const results = await Promise.all([a, b].map((token) => t.core.call({ op: 'stand.markPickedUp', input: { preorderId: p.preorderId }, token })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/already picked up/) } });
    expect(await t.core.services.db.selectFrom('audit_log').select('id').where('entity_id', '=', p.preorderId).execute()).toHaveLength(1);
  });

  it('hands nothing out for a cancelled preorder or an unpaid order', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const cancelled = await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], status: 'CANCELLED', orderStatus: 'REFUNDED' });
    expect(await refusal(t, 'stand.markReady', { preorderId: cancelled.preorderId }, cashier)).toMatchObject({ message: expect.stringMatching(/was cancelled/) });
    const unpaid = await insertTestPreorder(t.core.services, { items: [{ name: 'Hot dog', quantity: 1 }], orderStatus: 'CANCELLED' });
    expect(await refusal(t, 'stand.markReady', { preorderId: unpaid.preorderId }, cashier)).toMatchObject({ message: expect.stringMatching(/is not paid \(status: Cancelled\)/) });
  });
});
