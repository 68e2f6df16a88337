import type { SeatKind } from '../../../shared/enums';

export interface PlacedSeat {
  id: string;
  /** Grid position: x across the hall, y from the screen (0 = front row). */
  x: number;
  y: number;
  kind: SeatKind;
  /** Active and neither sold nor held by anyone. */
  free: boolean;
}

/** Seats kept for wheelchair users and their companions (rule 13): never picked for a general group. */
const KEPT_KINDS: ReadonlySet<SeatKind> = new Set(['WHEELCHAIR', 'COMPANION']);

/** Where the best row lies, as a share of the hall's depth from the screen (two thirds back). */
export const BEST_ROW_DEPTH = 2 / 3;
/** A row further from the best row costs this much per row of the hall's depth; being off-centre costs 1 per half-width. */
const ROW_WEIGHT = 2;

/**
 * "Best available" (issue 13, item 4): `count` adjacent free seats of one kind in one row —
 * the block the house would sell first:
 * - adjacent means consecutive grid columns in one row: an aisle (a gap in x) splits a row;
 * - wheelchair places and companion seats are kept for wheelchair users (rule 13) and never picked;
 * - a block that would leave one lone free seat beside it (between it and a taken seat, an aisle or
 *   the wall) is taken only when no block of that size leaves none;
 * - among the rest, the lowest score wins: ROW_WEIGHT × (distance of the row from the best row,
 *   two thirds back, as a share of the hall's depth) + (distance of the block's centre from the
 *   hall's centre line, as a share of half the hall's width); ties go to the row nearer the best
 *   row, then to the row further back (away from the screen), then to the left block, so the
 *   answer does not depend on the order of the seats.
 * Returns the seat ids left to right, or null when no `count` seats sit together.
 */
export function bestSeats(seats: readonly PlacedSeat[], count: number): string[] | null {
  if (!Number.isInteger(count) || count < 1 || seats.length === 0) return null;
  const minX = Math.min(...seats.map((s) => s.x));
  const maxX = Math.max(...seats.map((s) => s.x));
  const minY = Math.min(...seats.map((s) => s.y));
  const maxY = Math.max(...seats.map((s) => s.y));
  const centreX = (minX + maxX) / 2;
  const halfWidth = Math.max(1, (maxX - minX) / 2);
  const depth = Math.max(1, maxY - minY);
  const bestY = minY + BEST_ROW_DEPTH * depth;

  type Block = { ids: string[]; orphans: boolean; score: number; rowOff: number; y: number; x: number };
  let best: Block | null = null;
  const better = (a: Block, b: Block | null) =>
    !b ||
    (a.orphans !== b.orphans ? !a.orphans : a.score !== b.score ? a.score < b.score : a.rowOff !== b.rowOff ? a.rowOff < b.rowOff : a.y !== b.y ? a.y > b.y : a.x < b.x);

  const rows = new Map<number, PlacedSeat[]>();
  for (const s of seats) rows.set(s.y, [...(rows.get(s.y) ?? []), s]);
  for (const [y, rowSeats] of rows) {
    const row = [...rowSeats].sort((a, b) => a.x - b.x);
    const rowOff = Math.abs(y - bestY) / depth;
    // Runs: maximal stretches of free, pickable seats of one kind at consecutive x.
    let start = 0;
    while (start < row.length) {
      if (!pickable(row[start]!)) {
        start++;
        continue;
      }
      let end = start;
      while (end + 1 < row.length && pickable(row[end + 1]!) && row[end + 1]!.x === row[end]!.x + 1 && row[end + 1]!.kind === row[start]!.kind) end++;
      const run = row.slice(start, end + 1);
      for (let i = 0; i + count <= run.length; i++) {
        const left = i;
        const right = run.length - (i + count);
        const block = run.slice(i, i + count);
        const mid = (block[0]!.x + block[block.length - 1]!.x) / 2;
        const candidate: Block = {
          ids: block.map((s) => s.id),
          orphans: left === 1 || right === 1,
          score: ROW_WEIGHT * rowOff + Math.abs(mid - centreX) / halfWidth,
          rowOff,
          y,
          x: block[0]!.x,
        };
        if (better(candidate, best)) best = candidate;
      }
      start = end + 1;
    }
  }
  return best ? best.ids : null;
}

function pickable(s: PlacedSeat): boolean {
  return s.free && !KEPT_KINDS.has(s.kind);
}
