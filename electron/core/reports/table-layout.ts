import type { ReportColumn } from './report-document';

/** The width of a text in points, in the regular or bold face at a size. */
export type Measure = (text: string, bold: boolean, size: number) => number;

export interface ColumnLayout {
  /** Each column's width in points; they add up to the table's width. */
  widths: number[];
  /** Whether the column's body cells may wrap (text only; figures and dates never do). */
  wraps: boolean[];
  fontSize: number;
  /** Every cell fits on one line at this width. */
  fitsWithoutWrapping: boolean;
}

/** The narrowest a wrapping text column gets, unless its content is narrower still. */
const MIN_TEXT = 60;
const SMALLEST_FONT = 6;

/**
 * Columns sized from their content. Figures and dates get the width of their widest cell (never
 * wrapped, never cut); headings may wrap between words; text columns share what is left in
 * proportion to their content and wrap. When everything fits on one line, the spare width is
 * shared out. Only if even that cannot fit does the font get smaller, half a point at a time.
 */
export function layoutColumns(
  table: { table: { columns: ReportColumn[] }; header: string[]; body: string[][]; totals: string[] | null },
  width: number,
  measure: Measure,
  fontSize: number,
  pad: number,
): ColumnLayout {
  const columns = table.table.columns;
  const wraps = columns.map((c) => c.kind === 'text');
  const cached = new Map<string, number>();
  const m = (text: string, bold: boolean, size: number) => {
    const key = `${bold ? 'b' : 'r'}${size}|${text}`;
    let w = cached.get(key);
    if (w === undefined) cached.set(key, (w = measure(text, bold, size)));
    return w;
  };
  const longestWord = (text: string, bold: boolean, size: number) => Math.max(0, ...text.split(/\s+/).map((word) => m(word, bold, size)));

  let layout: ColumnLayout | null = null;
  for (let size = fontSize; size >= SMALLEST_FONT; size -= 0.5) {
    const natural: number[] = [];
    const min: number[] = [];
    columns.forEach((_, i) => {
      const cells = table.body.map((r) => r[i] ?? '');
      const bold = table.totals ? [table.totals[i] ?? ''] : [];
      const widest = Math.max(m(table.header[i]!, true, size), ...cells.map((t) => m(t, false, size)), ...bold.map((t) => m(t, true, size)));
      natural.push(widest + 2 * pad);
      const headerWord = longestWord(table.header[i]!, true, size);
      if (!wraps[i]) {
        const widestValue = Math.max(0, ...cells.map((t) => m(t, false, size)), ...bold.map((t) => m(t, true, size)));
        min.push(Math.max(widestValue, headerWord) + 2 * pad);
      } else {
        const words = Math.max(headerWord, ...cells.map((t) => longestWord(t, false, size)), ...bold.map((t) => longestWord(t, true, size)));
        // A word longer than the column is broken by the line wrapper, so it need not set the minimum.
        min.push(Math.min(widest, Math.max(MIN_TEXT, Math.min(words, MIN_TEXT * 2))) + 2 * pad);
      }
    });
    const sumNatural = natural.reduce((s, w) => s + w, 0);
    if (sumNatural <= width) {
      const scale = width / sumNatural;
      return { widths: natural.map((w) => w * scale), wraps, fontSize: size, fitsWithoutWrapping: true };
    }
    const sumMin = min.reduce((s, w) => s + w, 0);
    if (sumMin <= width) {
      // Fixed columns keep their minimum; text columns get theirs plus a share of the rest.
      const widths = [...min];
      const spare = width - sumMin;
      const wants = columns.map((_, i) => (wraps[i] ? natural[i]! - min[i]! : 0));
      const wanted = wants.reduce((s, w) => s + w, 0);
      if (wanted > 0) wants.forEach((w, i) => (widths[i]! += (spare * w) / wanted));
      else widths.forEach((_, i) => (widths[i]! += spare / widths.length));
      return { widths, wraps, fontSize: size, fitsWithoutWrapping: false };
    }
    layout = { widths: min.map((w) => (w * width) / sumMin), wraps, fontSize: size, fitsWithoutWrapping: false };
  }
  return layout!;
}
