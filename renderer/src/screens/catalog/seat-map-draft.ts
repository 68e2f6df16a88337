import type { HallSeat } from '../../../../shared/contract';
import type { SeatKind } from '../../../../shared/enums';
import type { Language } from '../../../../shared/i18n/languages';
import { generateSeatGrid, rowLabelAt, seatMapProblems, seatName, type SeatPlace } from '../../../../shared/seat-map';

/**
 * The seat-map editor's working copy: pure functions from one draft to the next, so the editor
 * component only wires clicks and keys to them (and tests need no DOM).
 */

export interface DraftSeat extends SeatPlace {
  /** Stable within the editor: the seat's id, or "new-…" for a seat not saved yet. */
  key: string;
  id?: string;
  hasHistory: boolean;
  inUse: boolean;
}

let counter = 0;
const newKey = () => `new-${++counter}`;

export function draftFrom(seats: readonly HallSeat[]): DraftSeat[] {
  return seats.map((s) => ({ ...s, key: s.id }));
}

/** What the save sends: removed seats without history are left out (deleted), with history sent inactive. */
export function toSaveInput(draft: readonly DraftSeat[]) {
  return draft
    .filter((s) => s.active || (s.id && s.hasHistory))
    .map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      rowLabel: s.rowLabel,
      number: s.number,
      gridX: s.gridX,
      gridY: s.gridY,
      kind: s.kind,
      active: s.active,
    }));
}

/** True when saving would change something. */
export function isDirty(original: readonly DraftSeat[], draft: readonly DraftSeat[]): boolean {
  return JSON.stringify(toSaveInput(original)) !== JSON.stringify(toSaveInput(draft));
}

/** The problems the main process would refuse the save for, seen before saving. */
export function draftProblems(draft: readonly DraftSeat[], language?: Language): string[] {
  return seatMapProblems(
    draft.filter((s) => s.active || (s.id && s.hasHistory)),
    language,
  );
}

/** A fresh layout; seats already known by the same name keep their identity (and history). */
export function generate(draft: readonly DraftSeat[], rows: number, seatsPerRow: number, rowLabels: string[]): DraftSeat[] {
  const known = new Map(draft.filter((s) => s.id).map((s) => [seatName(s), s]));
  const fresh = generateSeatGrid({ rows, seatsPerRow, rowLabels }).map((p): DraftSeat => {
    const old = known.get(seatName(p));
    if (old) {
      known.delete(seatName(p));
      return { ...old, ...p, kind: old.kind };
    }
    return { ...p, key: newKey(), hasHistory: false, inUse: false };
  });
  // Saved seats not in the new layout stay as removed ghosts (history ones are kept deactivated),
  // unless a new seat now stands in their place.
  const taken = new Set(fresh.map((s) => `${s.gridX},${s.gridY}`));
  const leftovers = [...known.values()].filter((s) => !taken.has(`${s.gridX},${s.gridY}`)).map((s) => ({ ...s, active: false }));
  const displaced = [...known.values()].filter((s) => taken.has(`${s.gridX},${s.gridY}`) && s.hasHistory);
  // A seat with history whose place is now taken moves to the right edge of its line, deactivated.
  const width = Math.max(0, ...fresh.map((s) => s.gridX + 1), ...leftovers.map((s) => s.gridX + 1));
  const moved = displaced.map((s, i) => ({ ...s, active: false, gridX: width + i }));
  return [...fresh, ...leftovers, ...moved];
}

export interface RemoveOutcome {
  draft: DraftSeat[];
  /** Seats that will be kept deactivated (they have tickets or holds). */
  kept: string[];
  /** Seats that may not be removed now (a ticket or hold for a session to come). */
  refused: string[];
}

export function removeSeats(draft: readonly DraftSeat[], keys: ReadonlySet<string>): RemoveOutcome {
  const kept: string[] = [];
  const refused: string[] = [];
  const next = draft.flatMap((s): DraftSeat[] => {
    if (!keys.has(s.key) || !s.active) return [s];
    if (s.inUse) {
      refused.push(seatName(s));
      return [s];
    }
    if (!s.id) return []; // never saved: simply gone
    if (s.hasHistory) kept.push(seatName(s));
    return [{ ...s, active: false }];
  });
  return { draft: next, kept, refused };
}

export function restoreSeats(draft: readonly DraftSeat[], keys: ReadonlySet<string>): DraftSeat[] {
  return draft.map((s) => (keys.has(s.key) && !s.active ? { ...s, active: true } : s));
}

export function setKind(draft: readonly DraftSeat[], keys: ReadonlySet<string>, kind: SeatKind): DraftSeat[] {
  return draft.map((s) => (keys.has(s.key) && s.active ? { ...s, kind } : s));
}

/** Renames every seat on the lines of the selection whose label is `from`. */
export function renameRow(draft: readonly DraftSeat[], from: string, to: string): DraftSeat[] {
  const label = to.trim();
  return draft.map((s) => (s.rowLabel === from ? { ...s, rowLabel: label } : s));
}

/**
 * Renumbers the rows touched by the selection (or every row) 1… from the left, skipping aisles.
 * Seats in use and removed seats keep their numbers; the others are numbered around them.
 */
export function renumber(draft: readonly DraftSeat[], keys: ReadonlySet<string>): DraftSeat[] {
  const lines = new Set(draft.filter((s) => keys.size === 0 || keys.has(s.key)).map((s) => s.gridY));
  const out = new Map<string, DraftSeat>();
  for (const line of lines) {
    const seats = draft.filter((s) => s.gridY === line);
    const movable = seats.filter((s) => s.active && !s.inUse).sort((a, b) => a.gridX - b.gridX);
    const taken = new Set(seats.filter((s) => !movable.includes(s)).map((s) => s.number));
    let n = 0;
    for (const s of movable) {
      do n++;
      while (taken.has(n));
      out.set(s.key, { ...s, number: n });
    }
  }
  return draft.map((s) => out.get(s.key) ?? s);
}

/** A seat in an empty place: the row of its line (or the next free letter), numbered after the row's last seat. */
export function addSeat(draft: readonly DraftSeat[], x: number, y: number): DraftSeat[] {
  if (draft.some((s) => s.gridX === x && s.gridY === y)) return [...draft];
  const line = draft.filter((s) => s.gridY === y);
  const used = new Set(draft.map((s) => s.rowLabel));
  let rowLabel = line[0]?.rowLabel;
  for (let i = y; !rowLabel; i++) if (!used.has(rowLabelAt(i))) rowLabel = rowLabelAt(i);
  const number = Math.max(0, ...draft.filter((s) => s.rowLabel === rowLabel).map((s) => s.number)) + 1;
  return [...draft, { rowLabel, number, gridX: x, gridY: y, kind: 'STANDARD', active: true, key: newKey(), hasHistory: false, inUse: false }];
}

/** The keys of seats inside the rectangle between two grid cells (inclusive). */
export function keysInRect(draft: readonly DraftSeat[], a: { x: number; y: number }, b: { x: number; y: number }): Set<string> {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return new Set(draft.filter((s) => s.gridX >= x0 && s.gridX <= x1 && s.gridY >= y0 && s.gridY <= y1).map((s) => s.key));
}

/** The map's size in cells (at least one of each). */
export function gridSize(draft: readonly DraftSeat[]): { width: number; height: number } {
  return {
    width: Math.max(1, ...draft.map((s) => s.gridX + 1)),
    height: Math.max(1, ...draft.map((s) => s.gridY + 1)),
  };
}
