import { afterEach, describe, expect, it } from 'vitest';
import type { HallSeat } from '../../../shared/contract';
import { generateSeatGrid, seatName, type SeatPlace } from '../../../shared/seat-map';
import { startTempCore, type TempCore } from '../testing/temp-core';
import { insertHold, insertSession, insertSoldTicket } from './testing';

let t: TempCore;
afterEach(async () => t?.close());

type SeatIn = Omit<SeatPlace, 'active'> & { id?: string; active?: boolean };
const toInput = (s: HallSeat | SeatPlace): SeatIn => ({
  ...('id' in s ? { id: s.id } : {}),
  rowLabel: s.rowLabel,
  number: s.number,
  gridX: s.gridX,
  gridY: s.gridY,
  kind: s.kind,
  active: s.active,
});
const seatRows = (hallId: string) => t.core.services.db.selectFrom('seats').selectAll().where('hall_id', '=', hallId).orderBy('id').execute();

async function newHall(token: string, name = 'Studio') {
  return t.call('halls.create', { name, type: 'STANDARD', cleaningMinutes: 10 }, token);
}

describe('seat-map editor', () => {
  it('generates rows × seats, makes an aisle, sets a wheelchair + companion pair, in one audited save', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const grid = generateSeatGrid({ rows: 5, seatsPerRow: 10 });
    const first = await t.call('seatMap.save', { hallId: hall.id, seats: grid.map(toInput) }, manager);
    expect(first).toMatchObject({ created: 50, updated: 0, deleted: 0, deactivated: [] });
    expect(first.hall.seats).toBe(50);
    expect(first.message).toBe('Seat map of Studio saved: 50 seats added.');

    // An aisle after seat 5 of every row: drop column 5 (the 6th seats), then wheelchair E1 with companion E2.
    const seats = first.seats.filter((s) => s.gridX !== 5);
    const edited = seats.map((s) => (s.rowLabel === 'E' && s.number === 1 ? { ...s, kind: 'WHEELCHAIR' as const } : s.rowLabel === 'E' && s.number === 2 ? { ...s, kind: 'COMPANION' as const } : s));
    const second = await t.call('seatMap.save', { hallId: hall.id, seats: edited.map(toInput) }, manager);
    expect(second).toMatchObject({ created: 0, updated: 2, deleted: 5 });
    expect(second.hall.seats).toBe(45);
    expect(second.seats.find((s) => seatName(s) === 'E1')?.kind).toBe('WHEELCHAIR');
    const entries = await t.core.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'seatmap.save').execute();
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]!.details)).toMatchObject({ deleted: ['A6', 'B6', 'C6', 'D6', 'E6'] });
  });

  it('refuses a wheelchair place without a companion beside it, naming the seats; nothing changes', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const { seats } = await t.call('seatMap.save', { hallId: hall.id, seats: generateSeatGrid({ rows: 2, seatsPerRow: 4 }).map(toInput) }, manager);
    const before = await seatRows(hall.id);
    const bad = seats.map((s) => (seatName(s) === 'A1' ? { ...toInput(s), kind: 'WHEELCHAIR' as const } : toInput(s)));
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: bad }, manager)).rejects.toThrow(
      /VALIDATION: The seat map was not saved: Wheelchair place A1 needs a companion seat right beside it \(A2: Standard seat\)/,
    );
    // A companion on the other row does not count: it must be on the same row, next to it.
    const below = bad.map((s) => (s.rowLabel === 'B' && s.number === 1 ? { ...s, kind: 'COMPANION' as const } : s));
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: below }, manager)).rejects.toThrow(/Wheelchair place A1 needs a companion/);
    expect(await seatRows(hall.id)).toEqual(before);
  });

  it('refuses a loveseat without a partner and odd runs of loveseats', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const grid = generateSeatGrid({ rows: 1, seatsPerRow: 6 }).map(toInput);
    const odd = grid.map((s) => (s.number <= 3 ? { ...s, kind: 'LOVESEAT' as const } : s));
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: odd }, manager)).rejects.toThrow(/Loveseats A1, A2, A3 are an odd number side by side/);
    const pairs = grid.map((s) => (s.number <= 4 ? { ...s, kind: 'LOVESEAT' as const } : s));
    expect((await t.call('seatMap.save', { hallId: hall.id, seats: pairs }, manager)).created).toBe(6);
    expect(await seatRows(hall.id)).toHaveLength(6);
  });

  it('refuses duplicate names and places, and seats of another hall', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const dupName = [
      { rowLabel: 'A', number: 1, gridX: 0, gridY: 0, kind: 'STANDARD' as const },
      { rowLabel: 'A', number: 1, gridX: 1, gridY: 0, kind: 'STANDARD' as const },
    ];
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: dupName }, manager)).rejects.toThrow(/two seats called A1/);
    const dupPlace = [
      { rowLabel: 'A', number: 1, gridX: 0, gridY: 0, kind: 'STANDARD' as const },
      { rowLabel: 'A', number: 2, gridX: 0, gridY: 0, kind: 'STANDARD' as const },
    ];
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: dupPlace }, manager)).rejects.toThrow(/Seats A1 and A2 are in the same place/);
    const other = (await t.call('halls.list', {}, manager)).find((h) => h.name === 'Hall 1')!;
    const foreign = (await t.call('seatMap.get', { hallId: other.id }, manager)).seats[0]!;
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: [toInput(foreign)] }, manager)).rejects.toThrow(/is not a seat of Studio/);
    expect(await seatRows(hall.id)).toHaveLength(0);
    const r = await t.core.call({ op: 'seatMap.save', input: { hallId: hall.id, seats: [{ rowLabel: '', number: 0, gridX: -1, gridY: 0, kind: 'SOFA' }] }, token: manager });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('renames a row, swaps seat numbers and renumbers in one save (names stay unique throughout)', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const { seats } = await t.call('seatMap.save', { hallId: hall.id, seats: generateSeatGrid({ rows: 2, seatsPerRow: 3 }).map(toInput) }, manager);
    const swapped = seats.map((s) =>
      s.rowLabel === 'A' ? { ...toInput(s), rowLabel: 'AA' } : { ...toInput(s), number: 4 - s.number },
    );
    const saved = await t.call('seatMap.save', { hallId: hall.id, seats: swapped }, manager);
    expect(saved.updated).toBe(5); // B2 keeps its number
    expect(saved.seats.map((s) => `${seatName(s)}@${s.gridX}`)).toEqual(['AA1@0', 'AA2@1', 'AA3@2', 'B3@0', 'B2@1', 'B1@2']);
    expect(saved.seats.map((s) => s.id).sort()).toEqual(seats.map((s) => s.id).sort());
  });

  it('a removed seat with tickets in the past is deactivated, not deleted, and the answer says so', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const { seats } = await t.call('seatMap.save', { hallId: hall.id, seats: generateSeatGrid({ rows: 1, seatsPerRow: 4 }).map(toInput) }, manager);
    const a3 = seats.find((s) => seatName(s) === 'A3')!;
    await insertSoldTicket(t, await insertSession(t, hall.id, '2026-11-20T18:00:00.000Z'), a3.id);
    const map = await t.call('seatMap.get', { hallId: hall.id }, manager);
    expect(map.seats.find((s) => s.id === a3.id)).toMatchObject({ hasHistory: true, inUse: false });

    const saved = await t.call('seatMap.save', { hallId: hall.id, seats: seats.filter((s) => s.number >= 3).map(toInput).filter((s) => s.number !== 3) }, manager);
    expect(saved.deleted).toBe(2);
    expect(saved.deactivated).toEqual(['A3']);
    expect(saved.message).toMatch(/A3 was deactivated, not deleted: it keeps its tickets in the records/);
    expect(saved.seats.map((s) => [seatName(s), s.active])).toEqual([
      ['A3', false],
      ['A4', true],
    ]);
    expect(saved.hall.seats).toBe(1);

    // Restoring it (or regenerating the row) brings the same seat back.
    const regenerated = await t.call('seatMap.save', { hallId: hall.id, seats: generateSeatGrid({ rows: 1, seatsPerRow: 4 }).map(toInput) }, manager);
    expect(regenerated.seats.find((s) => seatName(s) === 'A3')).toMatchObject({ id: a3.id, active: true });
    expect(regenerated.created).toBe(2);
  });

  it('a seat with a ticket for a session to come, or a live hold, may not be removed, renamed or moved', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    const hall = await newHall(manager);
    const { seats } = await t.call('seatMap.save', { hallId: hall.id, seats: generateSeatGrid({ rows: 1, seatsPerRow: 4 }).map(toInput) }, manager);
    const [a1, a2] = seats;
    const session = await insertSession(t, hall.id, '2026-11-26T18:00:00.000Z');
    await insertSoldTicket(t, session, a1!.id);
    await insertHold(t, session, a2!.id, '2026-11-25T12:04:00.000Z');
    const before = await seatRows(hall.id);

    await expect(t.call('seatMap.save', { hallId: hall.id, seats: seats.slice(1).map(toInput) }, manager)).rejects.toThrow(
      /CONFLICT: A1 cannot be removed: it has a ticket sold or a seat held for a session still to come/,
    );
    const renamed = seats.map((s) => (s.id === a1!.id ? { ...toInput(s), number: 9 } : s.id === a2!.id ? { ...toInput(s), gridX: 7 } : toInput(s)));
    await expect(t.call('seatMap.save', { hallId: hall.id, seats: renamed }, manager)).rejects.toThrow(/A1 cannot be renamed to A9; A2 cannot be moved: they have/);
    expect(await seatRows(hall.id)).toEqual(before);

    // Changing its kind is fine (the ticket's price is already paid), and once the hold expires A2 may go.
    const vip = seats.map((s) => (s.id === a1!.id ? { ...toInput(s), kind: 'VIP' as const } : toInput(s)));
    expect((await t.call('seatMap.save', { hallId: hall.id, seats: vip }, manager)).updated).toBe(1);
    t.clock.set('2026-11-25T12:10:00Z');
    const without = await t.call('seatMap.save', { hallId: hall.id, seats: vip.filter((s) => s.id !== a2!.id) }, manager);
    expect(without.deactivated).toEqual(['A2']);
  });

  it('a seat map of a hall of no cinema of this terminal is not found; cashiers may read but not save', async () => {
    t = await startTempCore();
    const cashier = await t.signIn('CASHIER');
    expect(await t.core.call({ op: 'seatMap.get', input: { hallId: '0190f0f0-0000-7000-8000-000000000000' }, token: cashier })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const hall = (await t.call('halls.list', {}, cashier))[0]!;
    expect((await t.call('seatMap.get', { hallId: hall.id }, cashier)).seats).toHaveLength(120);
    expect(await t.core.call({ op: 'seatMap.save', input: { hallId: hall.id, seats: [] }, token: cashier })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the demo halls load and save back unchanged', async () => {
    t = await startTempCore();
    const manager = await t.signIn('MANAGER');
    for (const hall of await t.call('halls.list', {}, manager)) {
      const { seats } = await t.call('seatMap.get', { hallId: hall.id }, manager);
      const saved = await t.call('seatMap.save', { hallId: hall.id, seats: seats.map(toInput) }, manager);
      expect(saved).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
  });
});
