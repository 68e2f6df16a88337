/**
 * The media a CUPS job asks for, read from the PDF itself: a slip's page is as long as its
 * content (80 × 101 mm), ticket stock has its fixed size, A4 stays A4. Without it a queue prints
 * every slip centred on its default paper (A4 or Letter).
 */

const MM_PER_POINT = 25.4 / 72;

export interface PageSize {
  /** Points (1/72 inch), as the PDF says. */
  width: number;
  height: number;
}

/** The MediaBox of every page (pdfkit writes page objects uncompressed). */
export function pdfPageSizes(pdf: Buffer): PageSize[] {
  const text = pdf.toString('latin1');
  const sizes: PageSize[] = [];
  for (const m of text.matchAll(/\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/g)) {
    sizes.push({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) });
  }
  return sizes;
}

const near = (a: number, b: number) => Math.abs(a - b) < 2;
const mm = (points: number) => Math.round(points * MM_PER_POINT * 10) / 10;

/** Named sizes a queue knows by name (portrait or landscape: CUPS turns the page). */
const NAMED: [string, number, number][] = [
  ['A4', 595.28, 841.89],
  ['Letter', 612, 792],
];

/** "80x101mm" for a custom page, or the name of a standard one ("A4"). */
export function mediaName(pages: readonly PageSize[]): string | null {
  if (pages.length === 0) return null;
  // One size for the whole job: the largest page (a multi-page job of slips uses one size anyway).
  const width = Math.max(...pages.map((p) => p.width));
  const height = Math.max(...pages.map((p) => p.height));
  for (const [name, w, h] of NAMED) if ((near(width, w) && near(height, h)) || (near(width, h) && near(height, w))) return name;
  return `Custom.${mm(width)}x${mm(height)}mm`;
}

/**
 * lp options for the job's media. `media` is the IPP name queues map to their sizes; `PageSize`
 * is what a PPD queue's filters use for the exact custom size (media alone is rounded to whole points).
 */
export function cupsMediaOptions(pdf: Buffer): string[] {
  const name = mediaName(pdfPageSizes(pdf));
  if (!name) return [];
  return ['-o', `media=${name}`, '-o', `PageSize=${name}`];
}
