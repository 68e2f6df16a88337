import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { setBaseFonts } from './script-fonts';

/**
 * What every layout shares: the embedded DejaVu Sans (it has €, £, umlauts and the rest of Latin,
 * Greek and Cyrillic, unlike the PDF base fonts) with Noto for CJK, Arabic and Hebrew chosen per
 * character (script-fonts.ts), paper sizes, and the PDF → Buffer plumbing.
 */

// import.meta.url under ESM (tests, the bridge); __filename in the CommonJS bundle of Electron's main.
const requireHere = createRequire(import.meta.url ?? __filename);
export const FONT_REGULAR = requireHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = requireHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export const MM = 72 / 25.4;

export type { Paper } from '../../../shared/contract/printing';

/** Thermal slips are 80 mm wide with about 72 mm printable; A4 is for reprints and e-mail. */
export const THERMAL_WIDTH = 80 * MM;
export const THERMAL_MARGIN = 4 * MM;
export const A4: [number, number] = [595.28, 841.89];

export type Doc = PDFKit.PDFDocument;

/** A document without pages yet: each layout adds its own pages of the size it needs. */
export function newDocument(title: string): Doc {
  const doc = new PDFDocument({
    autoFirstPage: false,
    // null: no default font is loaded (pdfkit would parse Helvetica); ours are registered below.
    font: null as unknown as string,
    info: { Title: title, Creator: 'Box office', Producer: 'Box office' },
  });
  useFonts(doc);
  return doc;
}

/**
 * Registers the two faces on a document. pdfkit takes a parsed fontkit font as well as bytes:
 * handing it the process's one parsed font spares every document re-reading the TTF's tables
 * (cmap, glyf, GSUB/GPOS for shaping), which was most of a slip's time. Each document still
 * embeds its own subset of only the glyphs it uses.
 */
export function useFonts(doc: Doc): void {
  const f = fonts();
  doc.registerFont('regular', f.regular as unknown as Buffer);
  doc.registerFont('bold', f.bold as unknown as Buffer);
  doc.font('regular');
}

/** Ends the document and collects its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * Draws a QR code as vector squares (crisp on any printer, any zoom), with its quiet zone,
 * `size` points wide at (x, y). Level M: readable even when a slip is creased.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  // One byte-mode segment: the library's search for the shortest mix of modes (half the symbol's
  // cost) buys nothing for a ticket's base64url code — it comes out as version 10 either way.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < n; row++) {
    let runStart = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(row, col);
      if (dark && runStart < 0) runStart = col;
      if (!dark && runStart >= 0) {
        // A touch of overlap so adjacent squares leave no hairline gaps when rasterised.
        doc.rect(x + (quiet + runStart) * cell, y + (quiet + row) * cell, (col - runStart) * cell + 0.05, cell + 0.05);
        runStart = -1;
      }
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/** The font files, read and parsed once per process; fontkit fonts are read-only once parsed. */
let parsedFonts: { regular: Font; bold: Font } | null = null;
function fonts(): { regular: Font; bold: Font } {
  if (!parsedFonts) {
    parsedFonts = { regular: parseFont(FONT_REGULAR), bold: parseFont(FONT_BOLD) };
    setBaseFonts(parsedFonts);
  }
  return parsedFonts;
}

function parseFont(path: string): Font {
  const font = createFont(readFileSync(path));
  if (!('layout' in font)) throw new Error(`${path} is a font collection, not a single font.`);
  return font;
}

/**
 * A scratch document to measure a roll slip before its page is made (a roll page is exactly as
 * long as its content). One per process, each measurement on a fresh page whose bytes are thrown
 * away, renewed now and then so it never grows.
 */
let scratch: { doc: Doc; uses: number } | null = null;
export function scratchPage(width: number): Doc {
  if (!scratch || scratch.uses >= 200) {
    const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    useFonts(doc);
    doc.on('data', () => undefined);
    scratch = { doc, uses: 0 };
  }
  scratch.uses += 1;
  scratch.doc.addPage({ size: [width, 100_000], margin: 0 });
  return scratch.doc;
}
