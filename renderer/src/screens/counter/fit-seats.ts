/** Space the map needs around its seats: row labels (20 px) and their gaps (6 px) on both sides. */
const LABELS_WIDTH = 2 * (20 + 6);
const GAP = 4;
export const SEAT_MIN = 16;
export const SEAT_MAX = 36;

/**
 * The largest seat (px) that fits a hall of `columns` × `rows` into `width` × `height` (issue 13,
 * item 2: the whole hall in view beside the order at 1024×768), between SEAT_MIN and SEAT_MAX.
 */
export function fitSeat(width: number, height: number, columns: number, rows: number): number {
  if (columns <= 0 || rows <= 0 || width <= 0 || height <= 0) return SEAT_MAX;
  const byWidth = (width - LABELS_WIDTH - (columns - 1) * GAP) / columns;
  const byHeight = (height - (rows - 1) * GAP) / rows;
  return Math.max(SEAT_MIN, Math.min(SEAT_MAX, Math.floor(Math.min(byWidth, byHeight))));
}
