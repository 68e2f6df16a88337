import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, OperationName } from '../../../shared/contract';
import { HALL_TYPES, SEAT_KINDS, TICKET_TYPES } from '../../../shared/enums';
import { applyBasisPoints } from '../../../shared/money';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { newId } from '../ids';
import { localInstant } from '../scheduling/cinema-time';
import { bandsOverlap, weekdaysText } from './price-defaults';

let t: TempCore;
afterEach(async () => t?.close());

const refusal = <N extends OperationName>(op: N, input: InputOf<N>, token: string) => t.refusal(op, input, token);

async function snapshot() {
  const db = t.core.services.db;
  return {
    defaults: await db.selectFrom('price_defaults').selectAll().orderBy('id').execute(),
    factors: await db.selectFrom('price_factors').selectAll().orderBy('id').execute(),
    outbox: (await db.selectFrom('outbox').select('seq').execute()).length,
  };
}

const WEEKDAYS_MON_FRI = 0b0111110;
const WEEKEND = 0b1000001;

describe('price bands (pure)', () => {
  it('names weekdays as staff read them', () => {
    expect(weekdaysText(127)).toBe('every day');
    expect(weekdaysText(WEEKDAYS_MON_FRI)).toBe('Mon–Fri');
    expect(weekdaysText(WEEKEND)).toBe('Sat, Sun');
    expect(weekdaysText(0b0010100)).toBe('Tue, Thu');
  });

  it('property: bands overlap symmetrically, exactly when some weekday minute is in both', () => {
    const time = fc.integer({ min: 0, max: 48 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`);
    const band = fc
      .record({ hallType: fc.constantFrom(...HALL_TYPES.slice(0, 2)), weekdayMask: fc.integer({ min: 1, max: 127 }), a: time, b: time })
      .filter((x) => x.a !== x.b)
      .map(({ hallType, weekdayMask, a, b }) => ({ hallType, weekdayMask, bandStart: a < b ? a : b, bandEnd: a < b ? b : a }));
    fc.assert(
      fc.property(band, band, (x, y) => {
        expect(bandsOverlap(x, y)).toBe(bandsOverlap(y, x));
        let shared = false;
        for (let d = 0; d < 7; d++)
          for (let m = 0; m < 48; m++) {
            const t0 = `${String(Math.floor(m / 2)).padStart(2, '0')}:${m % 2 ? '30' : '00'}`;
            const inBand = (b: typeof x) => b.weekdayMask & (1 << d) && b.bandStart <= t0 && t0 < b.bandEnd;
            if (x.hallType === y.hallType && inBand(x) && inBand(y)) shared = true;
          }
        expect(bandsOverlap(x, y)).toBe(shared);
      }),
      { numRuns: 200 },
    );
  });
});

describe('prices (rule 3)', () => {
  it('a cashier reads the price settings; a manager splits a band by weekdays and new sessions take it', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const manager = await t.signIn('MANAGER');
    const settings = await t.call('prices.get', {}, cashier);
    expect(settings.currency).toBe('EUR');
    expect(settings.defaults).toHaveLength(12);
    expect(settings.seatKindFactors).toEqual({ STANDARD: 10_000, VIP: 15_000, LOVESEAT: 17_500, WHEELCHAIR: 10_000, COMPANION: 10_000 });
    expect((await refusal('prices.setFactors', { ticketType: { CHILD: 5000 } }, cashier)).code).toBe('FORBIDDEN');

    const evening = settings.defaults.find((d) => d.hallType === 'STANDARD' && d.bandStart === '17:00')!;
    const before = await snapshot();
    const clash = await refusal('prices.saveDefault', { hallType: 'STANDARD', weekdayMask: WEEKEND, bandStart: '20:00', bandEnd: '24:00', basePrice: 1400 }, manager);
    expect(clash).toMatchObject({ code: 'CONFLICT', message: 'This band overlaps the STANDARD band 17:00–24:00 on Sat, Sun (€12.00); change its hours or weekdays first.' });
    expect((await refusal('prices.saveDefault', { hallType: 'STANDARD', weekdayMask: WEEKEND, bandStart: '20:00', bandEnd: '19:00', basePrice: 1400 }, manager)).message).toMatch(
      /must end after it starts: 20:00–19:00/,
    );
    expect((await refusal('prices.saveDefault', { hallType: 'STANDARD', weekdayMask: 0, bandStart: '25:00', bandEnd: '24:30', basePrice: -1 }, manager)).message).toMatch(
      /Weekdays: choose at least one weekday; Band start must be a time like 17:00; Band end must be a time like 17:00; Base price must not be negative/,
    );
    expect((await refusal('prices.saveDefault', { id: newId(), hallType: 'STANDARD', weekdayMask: WEEKEND, bandStart: '20:00', bandEnd: '21:00', basePrice: 1 }, manager)).code).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);

    await t.call('prices.saveDefault', { id: evening.id, hallType: 'STANDARD', weekdayMask: WEEKDAYS_MON_FRI, bandStart: '17:00', bandEnd: '24:00', basePrice: 1200 }, manager);
    const saved = await t.call('prices.saveDefault', { hallType: 'STANDARD', weekdayMask: WEEKEND, bandStart: '17:00', bandEnd: '24:00', basePrice: 1400 }, manager);
    expect(saved.defaults.filter((d) => d.hallType === 'STANDARD' && d.bandStart === '17:00').map((d) => [d.weekdayMask, d.basePrice])).toEqual(
      expect.arrayContaining([
        [WEEKDAYS_MON_FRI, 1200],
        [WEEKEND, 1400],
      ]),
    );
    const { films, halls } = await t.call('scheduling.options', {}, manager);
    const film = films.find((f) => f.title === 'The Glass Orchard')!;
    const hall = halls.find((h) => h.name === 'Hall 1')!;
    const saturday = await t.call('sessions.create', { filmId: film.id, hallId: hall.id, startsAt: localInstant('2026-12-05', '19:00', 'Europe/Berlin').toISOString() }, manager);
    const friday = await t.call('sessions.create', { filmId: film.id, hallId: hall.id, startsAt: localInstant('2026-12-04', '19:00', 'Europe/Berlin').toISOString() }, manager);
    expect([saturday.basePrice, friday.basePrice]).toEqual([1400, 1200]);

    // Removing the weekend band leaves Saturday evenings without a default.
    const weekendBand = saved.defaults.find((d) => d.weekdayMask === WEEKEND)!;
    const removed = await t.call('prices.removeDefault', { id: weekendBand.id }, manager);
    expect(removed.defaults.some((d) => d.id === weekendBand.id)).toBe(false);
    expect((await refusal('prices.removeDefault', { id: weekendBand.id }, manager)).code).toBe('NOT_FOUND');
    expect(
      (await refusal('sessions.create', { filmId: film.id, hallId: hall.id, startsAt: localInstant('2026-12-05', '22:00', 'Europe/Berlin').toISOString() }, manager)).message,
    ).toMatch(/no default price for a STANDARD hall on Saturday at 22:00/);
    const actions = await t.core.services.db.selectFrom('audit_log').select('action').where('action', 'like', 'price_default.%').execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['price_default.create', 'price_default.remove', 'price_default.update']);
  });

  it('previews every seat kind × ticket type of a session exactly as ticketPrice computes it, and follows new factors', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    const manager = await t.signIn('MANAGER');
    const day = await t.call('programme.day', { date: '2026-11-26' }, cashier);
    const vip = day.sessions.find((s) => s.hall.name === 'Hall 2 VIP')!;
    const preview = await t.call('prices.preview', { sessionId: vip.id }, cashier);
    expect(preview).toMatchObject({ sessionId: vip.id, hallName: 'Hall 2 VIP', basePrice: vip.basePrice, currency: 'EUR' });
    expect(preview.rows.map((r) => [r.seatKind, r.seats])).toEqual([
      ['VIP', 24],
      ['LOVESEAT', 16],
    ]);
    expect(preview.rows[0]!.prices).toEqual({
      ADULT: applyBasisPoints(vip.basePrice, 15_000, 10_000),
      CHILD: applyBasisPoints(vip.basePrice, 15_000, 7_000),
      STUDENT: applyBasisPoints(vip.basePrice, 15_000, 8_000),
      SENIOR: applyBasisPoints(vip.basePrice, 15_000, 7_500),
    });
    const before = await snapshot();
    expect((await refusal('prices.setFactors', { seatKind: { VIP: 0 } }, manager)).message).toMatch(/Seat kind factor for VIP recliner must be more than ×0/);
    expect((await refusal('prices.setFactors', { seatKind: { KING: 20_000 } } as never, manager)).code).toBe('VALIDATION');
    expect((await refusal('prices.setFactors', {}, manager)).message).toMatch(/Nothing to change/);
    expect(await snapshot()).toEqual(before);
    const settings = await t.call('prices.setFactors', { seatKind: { VIP: 16_000 }, ticketType: { CHILD: 6_500 } }, manager);
    expect(settings.seatKindFactors.VIP).toBe(16_000);
    expect(settings.ticketTypeFactors.CHILD).toBe(6_500);
    const after = await t.call('prices.preview', { sessionId: vip.id }, cashier);
    expect(after.rows[0]!.prices.CHILD).toBe(applyBasisPoints(vip.basePrice, 16_000, 6_500));
    expect((await refusal('prices.preview', { sessionId: newId() }, cashier)).code).toBe('NOT_FOUND');
  });

  it('property: every previewed price is base × seat factor × type factor, half-up, whatever the factors', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const day = await t.call('programme.day', { date: '2026-11-27' }, manager);
    const session = day.sessions.find((s) => s.hall.name === 'Hall 3 IMAX')!;
    const factor = fc.integer({ min: 1, max: 100_000 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 100_000 }), factor, factor, async (base, seatBp, typeBp) => {
        await t.call('sessions.setBasePrice', { sessionId: session.id, basePrice: base }, manager);
        await t.call('prices.setFactors', { seatKind: { WHEELCHAIR: seatBp }, ticketType: { STUDENT: typeBp } }, manager);
        const preview = await t.call('prices.preview', { sessionId: session.id }, manager);
        const row = preview.rows.find((r) => r.seatKind === 'WHEELCHAIR')!;
        expect(row.prices.STUDENT).toBe(applyBasisPoints(base, seatBp, typeBp));
        expect(Number.isSafeInteger(row.prices.STUDENT)).toBe(true);
        for (const r of preview.rows) for (const tt of TICKET_TYPES) expect(r.prices[tt]).toBeGreaterThanOrEqual(0);
        expect(preview.rows.every((r) => SEAT_KINDS.includes(r.seatKind))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
