import type { SeatKind } from './enums';
import { wordsIn } from './i18n/create-i18n';
import { DEFAULT_LANGUAGE, type Language } from './i18n/languages';
import type { Words } from './i18n/message-key';

/**
 * A hall's seat map as a grid, shared by the main process (which validates every save) and the
 * seat-map editor (which generates layouts and shows the same problems before saving).
 *
 * grid_y is the row line (0 = front, nearest the screen), grid_x the column; an aisle is a column
 * with no seat. "Beside" means the same grid line and the next column.
 *
 * No Node and no DOM imports in this file.
 */

export interface SeatPlace {
  rowLabel: string;
  number: number;
  gridX: number;
  gridY: number;
  kind: SeatKind;
  active: boolean;
}

/** How big a map may get: larger than any real auditorium, small enough to draw. */
export const SEAT_MAP_LIMITS = { maxRows: 60, maxSeatsPerRow: 80, maxGrid: 200, maxNumber: 999, maxRowLabel: 4 } as const;

/** Row labels A…Z, then AA, AB, … (spreadsheet style), for rows counted from the front. */
export function rowLabelAt(index: number): string {
  let n = index;
  let label = '';
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

export interface GenerateOptions {
  rows: number;
  seatsPerRow: number;
  /** Custom labels, front row first; missing ones continue A, B, … */
  rowLabels?: readonly string[];
}

/** rows × seats, numbered 1… from the left, every seat STANDARD and active. */
export function generateSeatGrid({ rows, seatsPerRow, rowLabels }: GenerateOptions): SeatPlace[] {
  const seats: SeatPlace[] = [];
  for (let y = 0; y < rows; y++) {
    const rowLabel = rowLabels?.[y]?.trim() || rowLabelAt(y);
    for (let x = 0; x < seatsPerRow; x++) {
      seats.push({ rowLabel, number: x + 1, gridX: x, gridY: y, kind: 'STANDARD', active: true });
    }
  }
  return seats;
}

const SEAT_LABELS_KEPT = 20_000;
const seatLabels = new Map<string, string>();

/** A seat as cashiers, customers and messages say it: "Row C, seat 7", "Reihe C, Platz 7" — the one place that writes it (words: counter:seat.label). */
export function seatLabel(row: string, number: number | string, language: Language = DEFAULT_LANGUAGE): string {
  // i18next takes ~50 µs a call and a sale labels every ticket line: the few thousand seats of a
  // cinema are written once each per language.
  const key = `${language}\u0000${row}\u0000${number}`;
  let label = seatLabels.get(key);
  if (label === undefined) {
    if (seatLabels.size >= SEAT_LABELS_KEPT) seatLabels.clear();
    label = wordsIn(language)('counter:seat.label', { row, number: String(number) });
    seatLabels.set(key, label);
  }
  return label;
}

/** The same seat as words, for a refusal or message put into its reader's language where it is read. */
export function seatWords(row: string, number: number | string): Words {
  return { key: 'counter:seat.label', values: { row, number: String(number) } };
}

/** "A5": how a seat is named on the seat-map editor's grid. */

export function seatName(seat: Pick<SeatPlace, 'rowLabel' | 'number'>): string {
  return `${seat.rowLabel}${seat.number}`;
}

const placeKey = (x: number, y: number) => `${x},${y}`;

/**
 * Everything wrong with a map, each problem in a manager's words naming the seats; empty when
 * the map may be saved. Inactive seats still hold their name and place (they keep their history).
 */
export function seatMapProblems(seats: readonly SeatPlace[], language: Language = DEFAULT_LANGUAGE): string[] {
  const t = wordsIn(language);
  const problems: string[] = [];
  const byName = new Map<string, SeatPlace>();
  const byPlace = new Map<string, SeatPlace>();
  const lineOfRow = new Map<string, number>();
  const rowOfLine = new Map<number, string>();

  for (const s of seats) {
    const name = seatName(s);
    const label = s.rowLabel.trim();
    if (!label) problems.push(t('catalog:problem.noRowLabel', { column: s.gridX + 1, line: s.gridY + 1 }));
    else if (label.length > SEAT_MAP_LIMITS.maxRowLabel) problems.push(t('catalog:problem.rowLabelTooLong', { label, max: SEAT_MAP_LIMITS.maxRowLabel }));
    if (!Number.isInteger(s.number) || s.number < 1 || s.number > SEAT_MAP_LIMITS.maxNumber) {
      problems.push(t('catalog:problem.numberOutside', { seat: name, max: SEAT_MAP_LIMITS.maxNumber }));
    }
    if (!Number.isInteger(s.gridX) || !Number.isInteger(s.gridY) || s.gridX < 0 || s.gridY < 0 || s.gridX >= SEAT_MAP_LIMITS.maxGrid || s.gridY >= SEAT_MAP_LIMITS.maxGrid) {
      problems.push(t('catalog:problem.outsideMap', { seat: name }));
    }
    const twin = byName.get(name);
    if (twin) problems.push(t('catalog:problem.twoSeats', { seat: name }));
    else byName.set(name, s);
    const other = byPlace.get(placeKey(s.gridX, s.gridY));
    if (other) problems.push(t('catalog:problem.samePlace', { other: seatName(other), seat: name }));
    else byPlace.set(placeKey(s.gridX, s.gridY), s);

    const line = lineOfRow.get(s.rowLabel);
    if (line === undefined) lineOfRow.set(s.rowLabel, s.gridY);
    else if (line !== s.gridY) problems.push(t('catalog:problem.rowSplit', { row: s.rowLabel, seat: name }));
    const row = rowOfLine.get(s.gridY);
    if (row === undefined) rowOfLine.set(s.gridY, s.rowLabel);
    else if (row !== s.rowLabel) problems.push(t('catalog:problem.rowsShareLine', { row, other: s.rowLabel, line: s.gridY + 1 }));
  }

  const activeAt = (x: number, y: number) => {
    const s = byPlace.get(placeKey(x, y));
    return s && s.active ? s : undefined;
  };

  // Rule 13: a wheelchair place is sold with or beside a companion seat.
  for (const s of seats) {
    if (!s.active || s.kind !== 'WHEELCHAIR') continue;
    const left = activeAt(s.gridX - 1, s.gridY);
    const right = activeAt(s.gridX + 1, s.gridY);
    if (left?.kind !== 'COMPANION' && right?.kind !== 'COMPANION') {
      const beside = [left, right].filter((n): n is SeatPlace => !!n).map((n) => t('catalog:problem.besideSeat', { seat: seatName(n), kind: t(`enums:seatKind.${n.kind}`) }));
      problems.push(
        beside.length ? t('catalog:problem.wheelchair', { seat: seatName(s), beside: beside.join(', ') }) : t('catalog:problem.wheelchairAlone', { seat: seatName(s) }),
      );
    }
  }

  // Loveseats come in pairs: every run of loveseats side by side has an even length.
  const lines = new Map<number, SeatPlace[]>();
  for (const s of seats) if (s.active && s.kind === 'LOVESEAT') lines.set(s.gridY, [...(lines.get(s.gridY) ?? []), s]);
  for (const run of [...lines.values()].flatMap(loveseatRuns)) {
    if (run.length % 2 === 1) {
      const names = run.map(seatName);
      problems.push(
        run.length === 1 ? t('catalog:problem.loveseatAlone', { seat: names[0] }) : t('catalog:problem.loveseatsOdd', { seats: names.join(', ') }),
      );
    }
  }
  return problems;
}

function loveseatRuns(line: SeatPlace[]): SeatPlace[][] {
  const sorted = [...line].sort((a, b) => a.gridX - b.gridX);
  const runs: SeatPlace[][] = [];
  for (const s of sorted) {
    const last = runs.at(-1);
    if (last && last.at(-1)!.gridX === s.gridX - 1) last.push(s);
    else runs.push([s]);
  }
  return runs;
}

/** Seats per kind among the active ones, for the editor's counts and the hall list. */
export function countByKind(seats: readonly Pick<SeatPlace, 'kind' | 'active'>[]): Record<SeatKind, number> {
  const counts: Record<SeatKind, number> = { STANDARD: 0, VIP: 0, LOVESEAT: 0, WHEELCHAIR: 0, COMPANION: 0 };
  for (const s of seats) if (s.active) counts[s.kind]++;
  return counts;
}

/** Renumbers each row 1… from the left, skipping aisles (what "renumber" in the editor does). */
export function renumberRows<T extends SeatPlace>(seats: readonly T[], start: 'left' | 'right' = 'left'): T[] {
  const byLine = new Map<number, T[]>();
  for (const s of seats) byLine.set(s.gridY, [...(byLine.get(s.gridY) ?? []), s]);
  const out = new Map<T, T>();
  for (const line of byLine.values()) {
    const sorted = [...line].sort((a, b) => (start === 'left' ? a.gridX - b.gridX : b.gridX - a.gridX));
    sorted.forEach((s, i) => out.set(s, { ...s, number: i + 1 }));
  }
  return seats.map((s) => out.get(s)!);
}
