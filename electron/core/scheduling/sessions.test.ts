import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, OperationName } from '../../../shared/contract';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { newId } from '../ids';
import { localInstant } from './cinema-time';

let t: TempCore;
afterEach(async () => t?.close());

const TZ = 'Europe/Berlin';
/** The demo week runs 2026-11-25 … 12-01 (halls full); these days are free for the tests. */
const FREE_DAY = '2026-12-05';
const at = (date: string, time: string) => localInstant(date, time, TZ).toISOString();

async function setup() {
  t = await startTempCore();
  const manager = await t.signIn('MANAGER');
  const options = await t.call('scheduling.options', {}, manager);
  const film = (title: string) => options.films.find((f) => f.title === title)!;
  const hall = (name: string) => options.halls.find((h) => h.name === name)!;
  return { manager, options, film, hall, db: t.core.services.db };
}

const refusal = <N extends OperationName>(op: N, input: InputOf<N>, token: string) => t.refusal(op, input, token);

async function counts() {
  const db = t.core.services.db;
  const [sessions = 0, audit = 0, outbox = 0] = await Promise.all(
    (['sessions', 'audit_log', 'outbox'] as const).map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ),
  );
  const statuses = await db.selectFrom('sessions').select(['id', 'status', 'starts_at', 'hall_id', 'base_price']).orderBy('id').execute();
  return { sessions, audit, outbox, statuses };
}

/** Sells a ticket the quick way (the sale itself is another area's): rows as a sale writes them. */
async function sellTicket(sessionId: string) {
  const db = t.core.services.db;
  const session = await db.selectFrom('sessions').select(['hall_id']).where('id', '=', sessionId).executeTakeFirstOrThrow();
  const seat = await db.selectFrom('seats').select('id').where('hall_id', '=', session.hall_id).executeTakeFirstOrThrow();
  const cashier = await db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow();
  const terminal = await db.selectFrom('terminals').select(['id', 'cinema_id']).executeTakeFirstOrThrow();
  const stamp = { updated_at: '0000000000001-0000-x', origin: terminal.id };
  const shiftId = newId();
  const orderId = newId();
  await db.insertInto('shifts').values({ id: shiftId, cinema_id: terminal.cinema_id, terminal_id: terminal.id, cashier_id: cashier.id, opened_at: '2026-11-25T11:00:00.000Z', opening_float: 0, ...stamp }).execute();
  await db
    .insertInto('orders')
    .values({ id: orderId, number: `T-${orderId.slice(-6)}`, cinema_id: terminal.cinema_id, terminal_id: terminal.id, cashier_id: cashier.id, shift_id: shiftId, subtotal: 1200, total: 1200, status: 'PAID', paid_at: '2026-11-25T11:30:00.000Z', ...stamp })
    .execute();
  await db
    .insertInto('tickets')
    .values({ id: newId(), session_id: sessionId, seat_id: seat.id, order_id: orderId, price: 1200, qr_payload: 'x', sold_by: cashier.id, terminal_id: terminal.id, sold_at: '2026-11-25T11:30:00.000Z', ...stamp })
    .execute();
}

describe('scheduling a session (rule 1)', () => {
  it('creates a SCHEDULED session ending after ads + film, priced from the default band, audited and queued for sync', async () => {
    const { manager, film, hall, db } = await setup();
    const glass = film('The Glass Orchard'); // 128 min
    const before = await counts();
    const s = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:00'), adsMinutes: 20 }, manager);
    expect(s).toMatchObject({ status: 'SCHEDULED', startsAt: at(FREE_DAY, '14:00'), endsAt: at(FREE_DAY, '16:28'), basePrice: 950, adsMinutes: 20, format: '2D' });
    expect(s.hall).toMatchObject({ name: 'Hall 1', cleaningMinutes: 15 });
    const after = await counts();
    expect(after.sessions).toBe(before.sessions + 1);
    expect(await db.selectFrom('audit_log').select('action').where('entity_id', '=', s.id).execute()).toEqual([{ action: 'session.create' }]);
    expect(await db.selectFrom('outbox').select('op').where('row_id', '=', s.id).execute()).toEqual([{ op: 'UPSERT' }]);
    // Evening band and an explicit price.
    const evening = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '19:00'), adsMinutes: 20 }, manager);
    expect(evening.basePrice).toBe(1200);
    const priced = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 2 VIP').id, startsAt: at(FREE_DAY, '19:00'), basePrice: 1590 }, manager);
    expect(priced.basePrice).toBe(1590);
    // The day now shows them, with ads and cleaning for the timeline.
    const day = await t.call('programme.day', { date: FREE_DAY }, manager);
    expect(day.sessions.map((x) => x.id)).toEqual([s.id, evening.id, priced.id]);
  });

  it('refuses an overlap in the hall counting cleaning, naming the conflicting session; touching the cleaning end is fine', async () => {
    const { manager, film, hall } = await setup();
    const glass = film('The Glass Orchard'); // 14:00 + 20 + 128 = 16:28, cleaning 15 → 16:43
    const paws = film('Paws & Whiskers: The Great Escape'); // 92 min
    const hall1 = hall('Hall 1').id;
    await t.call('sessions.create', { filmId: glass.id, hallId: hall1, startsAt: at(FREE_DAY, '14:00'), adsMinutes: 20 }, manager);
    const before = await counts();
    const error = await refusal('sessions.create', { filmId: paws.id, hallId: hall1, startsAt: at(FREE_DAY, '16:40'), adsMinutes: 15 }, manager);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Hall 1 is busy then: “The Glass Orchard” 14:00–16:28 (cleaning until 16:43) overlaps this session 16:40–18:27 (cleaning until 18:42).',
    );
    // Starting before it also collides: this one's own cleaning runs into 14:00.
    expect((await refusal('sessions.create', { filmId: paws.id, hallId: hall1, startsAt: at(FREE_DAY, '12:00'), adsMinutes: 15 }, manager)).message).toMatch(/“The Glass Orchard” 14:00–16:28/);
    expect(await counts()).toEqual(before);
    // Exactly when cleaning ends, and in another hall at the same time: fine.
    await t.call('sessions.create', { filmId: paws.id, hallId: hall1, startsAt: at(FREE_DAY, '16:43'), adsMinutes: 15 }, manager);
    await t.call('sessions.create', { filmId: paws.id, hallId: hall('Hall 2 VIP').id, startsAt: at(FREE_DAY, '16:40'), adsMinutes: 15 }, manager);
    // Before, ending exactly so that cleaning finishes at 14:00: 11:58 + 15 + 92 = 13:45, +15 = 14:00.
    await t.call('sessions.create', { filmId: paws.id, hallId: hall1, startsAt: at(FREE_DAY, '11:58'), adsMinutes: 15 }, manager);
  });

  it('refuses a start in the past, a film without an ACTIVE contract that day, and inactive halls and films — changing nothing', async () => {
    const { manager, film, hall, db } = await setup();
    const glass = film('The Glass Orchard');
    const hall1 = hall('Hall 1').id;
    const before = await counts();
    const past = await refusal('sessions.create', { filmId: glass.id, hallId: hall1, startsAt: '2026-11-25T11:00:00Z' }, manager);
    expect(past).toMatchObject({ code: 'VALIDATION', message: "A session can't start in the past: Wed 25 Nov 12:00 has already gone (it is Wed 25 Nov 13:00 now)." });

    const contracts = await t.call('contracts.list', { filmId: glass.id }, manager);
    const { endDate } = contracts[0]!;
    const later = '2027-06-01';
    const none = await refusal('sessions.create', { filmId: glass.id, hallId: hall1, startsAt: at(later, '14:00') }, manager);
    expect(none.code).toBe('CONFLICT');
    expect(none.message).toBe(`There is no ACTIVE rental contract for “The Glass Orchard” in this cinema on ${later}. Its ACTIVE contract runs from ${contracts[0]!.startDate} to ${endDate}.`);

    // A DRAFT covering the day is named as such.
    await t.call('contracts.create', { filmId: glass.id, startDate: '2027-05-01', endDate: '2027-07-01', splits: [{ week: 1, percentBp: 5000 }] }, manager);
    expect((await refusal('sessions.create', { filmId: glass.id, hallId: hall1, startsAt: at(later, '14:00') }, manager)).message).toMatch(
      /Its contract from 2027-05-01 to 2027-07-01 is still a DRAFT; activate it first/,
    );
    const afterDraft = await counts();

    await db.updateTable('halls').set({ active: 0 }).where('id', '=', hall1).execute();
    expect(await refusal('sessions.create', { filmId: glass.id, hallId: hall1, startsAt: at(FREE_DAY, '14:00') }, manager)).toMatchObject({
      code: 'CONFLICT',
      message: "Hall 1 is deactivated; sessions can't be scheduled in it.",
    });
    await db.updateTable('halls').set({ active: 1 }).where('id', '=', hall1).execute();
    await db.updateTable('films').set({ active: 0 }).where('id', '=', glass.id).execute();
    expect(await refusal('sessions.create', { filmId: glass.id, hallId: hall1, startsAt: at(FREE_DAY, '14:00') }, manager)).toMatchObject({
      code: 'CONFLICT',
      message: "“The Glass Orchard” is deactivated and can't be scheduled.",
    });
    expect(await refusal('sessions.create', { filmId: newId(), hallId: hall1, startsAt: at(FREE_DAY, '14:00') }, manager)).toMatchObject({ code: 'NOT_FOUND' });
    await db.updateTable('films').set({ active: 1 }).where('id', '=', glass.id).execute();
    expect(await refusal('sessions.create', { filmId: glass.id, hallId: newId(), startsAt: at(FREE_DAY, '14:00') }, manager)).toMatchObject({ code: 'NOT_FOUND' });
    // Bad input is named field by field.
    const bad = await refusal('sessions.create', { filmId: 'x', hallId: hall1, startsAt: 'tomorrow', adsMinutes: -5, basePrice: 1.5 } as never, manager);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/Film must be a valid id/);
    expect(bad.message).toMatch(/Start must be a date and time/);
    expect(bad.message).toMatch(/Adverts before the film must not be negative/);
    expect(bad.message).toMatch(/Base price must be a whole number/);
    const { statuses: s1, sessions: n1 } = await counts();
    expect({ s1, n1 }).toEqual({ s1: afterDraft.statuses, n1: before.sessions });
  });

  it('refuses a start without a default price band, asking for a base price', async () => {
    const { manager, film, hall, db } = await setup();
    await db.updateTable('price_defaults').set({ active: 0 }).where('hall_type', '=', 'STANDARD').execute();
    const error = await refusal('sessions.create', { filmId: film('The Glass Orchard').id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:00') }, manager);
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/no default price for a STANDARD hall on Saturday at 14:00. Enter a base price/) });
  });
});

describe('moving, cancelling, putting on sale, repricing', () => {
  it('moves a session in time and to another hall with the same checks; refuses with sold tickets', async () => {
    const { manager, film, hall } = await setup();
    const glass = film('The Glass Orchard');
    const a = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:00'), adsMinutes: 20 }, manager);
    const b = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '18:00'), adsMinutes: 20 }, manager);
    const before = await counts();
    expect((await refusal('sessions.move', { sessionId: b.id, startsAt: at(FREE_DAY, '16:00') }, manager)).message).toMatch(/Hall 1 is busy then: “The Glass Orchard” 14:00–16:28/);
    expect((await refusal('sessions.move', { sessionId: b.id }, manager)).message).toMatch(/give a new start, a new hall or both/);
    expect(await counts()).toEqual(before);
    // Moving onto its own old slot is no conflict with itself.
    const moved = await t.call('sessions.move', { sessionId: b.id, startsAt: at(FREE_DAY, '17:30') }, manager);
    expect(moved).toMatchObject({ startsAt: at(FREE_DAY, '17:30'), endsAt: at(FREE_DAY, '19:58') });
    const other = await t.call('sessions.move', { sessionId: b.id, hallId: hall('Hall 2 VIP').id, startsAt: at(FREE_DAY, '15:00') }, manager);
    expect(other.hall.name).toBe('Hall 2 VIP');
    await sellTicket(a.id);
    expect((await refusal('sessions.move', { sessionId: a.id, startsAt: at(FREE_DAY, '10:00') }, manager)).message).toBe(
      '1 ticket is sold for “The Glass Orchard” Sat 5 Dec 14:00 in Hall 1; refund or exchange them before moving it.',
    );
  });

  it('cancels a session only without sold tickets: “N tickets are sold; refund them first”', async () => {
    const { manager, film, hall, db } = await setup();
    const a = await t.call('sessions.create', { filmId: film('The Glass Orchard').id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:00') }, manager);
    await sellTicket(a.id);
    await sellTicket(a.id).catch(() => undefined); // same seat: refused by the unique index, still one sold
    const before = await counts();
    const error = await refusal('sessions.cancel', { sessionId: a.id }, manager);
    expect(error).toMatchObject({ code: 'CONFLICT', message: '1 ticket is sold for “The Glass Orchard” Sat 5 Dec 14:00 in Hall 1; refund them first, then cancel the session.' });
    expect(await counts()).toEqual(before);
    await db.updateTable('tickets').set({ status: 'REFUNDED' }).where('session_id', '=', a.id).execute();
    const cancelled = await t.call('sessions.cancel', { sessionId: a.id }, manager);
    expect(cancelled.status).toBe('CANCELLED');
    expect((await refusal('sessions.cancel', { sessionId: a.id }, manager)).message).toMatch(/already cancelled/);
    // Its slot is free again.
    await t.call('sessions.create', { filmId: film('The Glass Orchard').id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:30') }, manager);
    // A session that is over can't be cancelled.
    const day = await t.call('programme.day', { date: '2026-11-25' }, manager);
    const over = day.sessions.find((s) => Date.parse(s.endsAt) < Date.parse('2026-11-25T12:00:00Z'))!;
    expect((await refusal('sessions.cancel', { sessionId: over.id }, manager)).message).toMatch(/is over; it can't be cancelled/);
  });

  it('puts sessions on sale all or nothing, and reprices one still ahead', async () => {
    const { manager, film, hall } = await setup();
    const glass = film('The Glass Orchard');
    const a = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:00') }, manager);
    const b = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 2 VIP').id, startsAt: at(FREE_DAY, '14:00') }, manager);
    await t.call('sessions.cancel', { sessionId: b.id }, manager);
    const before = await counts();
    expect((await refusal('sessions.putOnSale', { sessionIds: [a.id, b.id] }, manager)).message).toMatch(/is cancelled; it can't go on sale/);
    expect(await counts()).toEqual(before);
    const [onSale] = await t.call('sessions.putOnSale', { sessionIds: [a.id] }, manager);
    expect(onSale!.status).toBe('ON_SALE');
    expect((await refusal('sessions.putOnSale', { sessionIds: [a.id] }, manager)).message).toMatch(/already on sale/);
    const repriced = await t.call('sessions.setBasePrice', { sessionId: a.id, basePrice: 1099 }, manager);
    expect(repriced.basePrice).toBe(1099);
    expect((await refusal('sessions.setBasePrice', { sessionId: b.id, basePrice: 1099 }, manager)).message).toMatch(/cancelled; it can't be repriced/);
    expect((await refusal('sessions.setBasePrice', { sessionId: a.id, basePrice: -1 }, manager)).code).toBe('VALIDATION');
  });
});

describe('copying a day', () => {
  it('copies every session to other days at the same local times, skipping and reporting each conflict', async () => {
    const { manager, film, hall } = await setup();
    const glass = film('The Glass Orchard');
    const paws = film('Paws & Whiskers: The Great Escape');
    const a = await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at(FREE_DAY, '14:00'), adsMinutes: 20, basePrice: 1111 }, manager);
    await t.call('sessions.create', { filmId: paws.id, hallId: hall('Hall 2 VIP').id, startsAt: at(FREE_DAY, '11:00') }, manager);
    // On the 7th, Hall 1 is already taken at 15:00.
    await t.call('sessions.create', { filmId: paws.id, hallId: hall('Hall 1').id, startsAt: at('2026-12-07', '15:00') }, manager);
    const before = await counts();
    const result = await t.call('sessions.copyDay', { fromDate: FREE_DAY, toDates: ['2026-12-06', '2026-12-07'] }, manager);
    expect(result.created).toHaveLength(3);
    expect(result.skipped).toEqual([
      {
        date: '2026-12-07',
        filmTitle: 'The Glass Orchard',
        hallName: 'Hall 1',
        startsAt: at('2026-12-07', '14:00'),
        reason: expect.stringMatching(/^Hall 1 is busy then: “Paws & Whiskers: The Great Escape” 15:00–16:47/),
      },
    ]);
    const copyOfA = result.created.find((s) => s.startsAt === at('2026-12-06', '14:00'))!;
    expect(copyOfA).toMatchObject({ status: 'SCHEDULED', basePrice: 1111, adsMinutes: 20, endsAt: at('2026-12-06', '16:28') });
    expect((await counts()).sessions).toBe(before.sessions + 3);
    expect(a.id).not.toBe(copyOfA.id);
    // Copying again skips everything (each would overlap its own copy) and creates nothing.
    const again = await t.call('sessions.copyDay', { fromDate: FREE_DAY, toDates: ['2026-12-06'] }, manager);
    expect(again.created).toHaveLength(0);
    expect(again.skipped).toHaveLength(2);
    expect((await refusal('sessions.copyDay', { fromDate: FREE_DAY, toDates: [FREE_DAY] }, manager)).message).toMatch(/onto itself/);
    expect((await refusal('sessions.copyDay', { fromDate: '2026-12-20', toDates: ['2026-12-21'] }, manager)).message).toBe('There are no sessions on 2026-12-20 to copy.');
    // Across the change to summer time the local clock time is kept.
    await t.call('contracts.create', { filmId: glass.id, startDate: '2027-03-20', endDate: '2027-04-30', splits: [{ week: 1, percentBp: 5000 }] }, manager).then((c) =>
      t.call('contracts.activate', { contractId: c.id }, manager),
    );
    await t.call('sessions.create', { filmId: glass.id, hallId: hall('Hall 1').id, startsAt: at('2027-03-27', '20:00') }, manager);
    const dst = await t.call('sessions.copyDay', { fromDate: '2027-03-27', toDates: ['2027-03-28'] }, manager);
    expect(dst.created[0]!.startsAt).toBe('2027-03-28T18:00:00.000Z'); // 20:00 CEST
  });
});
