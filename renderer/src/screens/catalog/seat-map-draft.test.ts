import { describe, expect, it } from 'vitest';
import { seatName } from '../../../../shared/seat-map';
import { addSeat, draftFrom, draftProblems, generate, isDirty, keysInRect, removeSeats, renameRow, renumber, restoreSeats, setKind, toSaveInput } from './seat-map-draft';

const saved = (name: string, x: number, y: number, extra: Partial<{ hasHistory: boolean; inUse: boolean }> = {}) => ({
  id: `id-${name}`,
  rowLabel: name[0]!,
  number: Number(name.slice(1)),
  gridX: x,
  gridY: y,
  kind: 'STANDARD' as const,
  active: true,
  hasHistory: extra.hasHistory ?? false,
  inUse: extra.inUse ?? false,
});

describe('seat-map editor draft', () => {
  it('removing: new seats vanish, saved ones wait for the save, history ones are kept, seats in use refused', () => {
    const draft = draftFrom([saved('A1', 0, 0), saved('A2', 1, 0, { hasHistory: true }), saved('A3', 2, 0, { hasHistory: true, inUse: true })]);
    const withNew = generate(draft, 1, 4, []);
    expect(withNew.filter((s) => s.active).map(seatName)).toEqual(['A1', 'A2', 'A3', 'A4']);
    const outcome = removeSeats(withNew, new Set(withNew.map((s) => s.key)));
    expect(outcome.kept).toEqual(['A2']);
    expect(outcome.refused).toEqual(['A3']);
    expect(outcome.draft.map((s) => `${seatName(s)}:${s.active}`)).toEqual(['A1:false', 'A2:false', 'A3:true']);
    // A1 has no history: left out of the save (deleted); A2 is sent deactivated.
    expect(toSaveInput(outcome.draft).map((s) => `${s.rowLabel}${s.number}:${s.active}`)).toEqual(['A2:false', 'A3:true']);
    const restored = restoreSeats(outcome.draft, new Set(['id-A1']));
    expect(restored.find((s) => s.key === 'id-A1')?.active).toBe(true);
  });

  it('kinds, row names, renumbering and the dirty flag', () => {
    const original = draftFrom([saved('A1', 0, 0), saved('A2', 1, 0), saved('A3', 3, 0), saved('B1', 0, 1)]);
    expect(isDirty(original, original)).toBe(false);
    const wheel = setKind(original, new Set(['id-A1']), 'WHEELCHAIR');
    expect(draftProblems(wheel)).toEqual([expect.stringMatching(/Wheelchair place A1 needs a companion seat right beside it \(A2: Standard seat\)/)]);
    const pair = setKind(wheel, new Set(['id-A2']), 'COMPANION');
    expect(draftProblems(pair)).toEqual([]);
    expect(isDirty(original, pair)).toBe(true);
    const renamed = renameRow(pair, 'A', 'AA');
    expect(renamed.filter((s) => s.rowLabel === 'AA')).toHaveLength(3);
    const gap = removeSeats(renamed, new Set(['id-A2'])).draft.filter((s) => s.active);
    expect(renumber(gap, new Set()).filter((s) => s.rowLabel === 'AA').map((s) => s.number)).toEqual([1, 2]);
    expect(keysInRect(original, { x: 0, y: 0 }, { x: 1, y: 1 })).toEqual(new Set(['id-A1', 'id-A2', 'id-B1']));
  });

  it('adds a seat in an empty place with its line\'s row and the next number; regenerating keeps kinds', () => {
    const draft = draftFrom([saved('A1', 0, 0), saved('A2', 1, 0)]);
    const added = addSeat(draft, 3, 0);
    expect(added.map((s) => `${seatName(s)}@${s.gridX}`)).toEqual(['A1@0', 'A2@1', 'A3@3']);
    expect(addSeat(added, 0, 2).at(-1)).toMatchObject({ rowLabel: 'C', number: 1 });
    expect(addSeat(draft, 0, 0)).toHaveLength(2);
    const vip = setKind(draft, new Set(['id-A1']), 'VIP');
    expect(generate(vip, 1, 3, []).map((s) => s.kind)).toEqual(['VIP', 'STANDARD', 'STANDARD']);
  });
});
