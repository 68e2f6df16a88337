import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create as createFont, type Font } from 'fontkit';
import bidiFactory from 'bidi-js';
import type { Doc } from './pdf-kit';

/**
 * Every script on slips and reports. DejaVu Sans (the documents' 'regular' and 'bold') writes
 * Latin, Greek and Cyrillic; Japanese, Korean and Chinese characters, Arabic and Hebrew are written
 * in Noto (shipped from npm), chosen per character: a text is cut into runs of one font each. A text one
 * font covers whole (nearly all of them) is written by pdfkit as before; a mixed one is laid out
 * here, word by word (and character by character in CJK), on baselines that line up. Fonts are
 * parsed once per process when first needed and embedded as subsets of the glyphs used.
 */

export type Face = 'regular' | 'bold';

const requireHere = createRequire(import.meta.url ?? __filename);
/** The packages export only a script entry; their font files sit beside it in fonts/. */
const fontFile = (pkg: string, file: string) => join(dirname(requireHere.resolve(pkg)), '..', 'fonts', file);

interface Fallback {
  name: string;
  files: Record<Face, string>;
  /** Characters this font is preferred for even where DejaVu has a glyph (its Arabic and Hebrew are basic). */
  prefers: (cp: number) => boolean;
}

const inRanges = (cp: number, ranges: [number, number][]) => ranges.some(([a, b]) => cp >= a && cp <= b);

const CJK: [number, number][] = [[0x2e80, 0x9fff], [0xf900, 0xfaff], [0xff00, 0xffef], [0x20000, 0x2fa1f]];
const HANGUL: [number, number][] = [[0x1100, 0x11ff], [0x3130, 0x318f], [0xa960, 0xa97f], [0xac00, 0xd7ff]];

const FALLBACKS: Fallback[] = [
  {
    name: 'korean',
    files: { regular: fontFile('@embedpdf/fonts-kr', 'NotoSansKR-Regular.otf'), bold: fontFile('@embedpdf/fonts-kr', 'NotoSansKR-Bold.otf') },
    prefers: (cp) => inRanges(cp, HANGUL),
  },
  // Han characters: Noto Sans JP first (kana and kanji), Noto Sans SC for what it lacks (Simplified Chinese).
  {
    name: 'cjk',
    files: { regular: fontFile('@embedpdf/fonts-jp', 'NotoSansJP-Regular.otf'), bold: fontFile('@embedpdf/fonts-jp', 'NotoSansJP-Bold.otf') },
    prefers: (cp) => inRanges(cp, CJK),
  },
  {
    name: 'chinese',
    files: { regular: fontFile('@embedpdf/fonts-sc', 'NotoSansHans-Regular.otf'), bold: fontFile('@embedpdf/fonts-sc', 'NotoSansHans-Bold.otf') },
    prefers: (cp) => inRanges(cp, CJK),
  },
  {
    name: 'arabic',
    files: { regular: fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Regular.ttf'), bold: fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Bold.ttf') },
    prefers: (cp) => inRanges(cp, [[0x0600, 0x06ff], [0x0750, 0x077f], [0x08a0, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfeff]]),
  },
  {
    name: 'hebrew',
    files: { regular: fontFile('@embedpdf/fonts-hebrew', 'NotoSansHebrew-Regular.ttf'), bold: fontFile('@embedpdf/fonts-hebrew', 'NotoSansHebrew-Bold.ttf') },
    prefers: (cp) => inRanges(cp, [[0x0590, 0x05ff], [0xfb1d, 0xfb4f]]),
  },
];

const parsed = new Map<string, Font>();
function parsedFont(path: string): Font {
  let f = parsed.get(path);
  if (!f) {
    const font = createFont(readFileSync(path));
    if (!('layout' in font)) throw new Error(`${path} is a font collection, not a single font.`);
    parsed.set(path, (f = font));
  }
  return f;
}

let base: Record<Face, Font> | null = null;
/** pdf-kit hands its DejaVu faces over, so coverage is checked against the very fonts it embeds. */
export function setBaseFonts(fonts: Record<Face, Font>): void {
  base = fonts;
}

const isSpace = (cp: number) => cp === 0x20 || cp === 0xa0 || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200b);

/** The registered font name that writes a character: DejaVu's face, or a fallback's ('cjk-bold'). */
function fontFor(cp: number, face: Face, fallbacks: readonly Fallback[]): string {
  for (const f of fallbacks) if (f.prefers(cp) && parsedFont(f.files[face]).hasGlyphForCodePoint(cp)) return `${f.name}-${face}`;
  if (!base || base[face].hasGlyphForCodePoint(cp)) return face;
  for (const f of fallbacks) if (parsedFont(f.files[face]).hasGlyphForCodePoint(cp)) return `${f.name}-${face}`;
  return face;
}

const byName = (name: string) => FALLBACKS.find((f) => f.name === name)!;
/** A Chinese text (no kana, and a character only the Chinese font has) is written in the Chinese font throughout, not in two styles of Han. */
const CHINESE_FIRST = [byName('korean'), byName('chinese'), byName('cjk'), ...FALLBACKS.filter((f) => !['korean', 'chinese', 'cjk'].includes(f.name))];
function fallbacksFor(text: string, face: Face): readonly Fallback[] {
  if (/[\u3040-\u30ff\u31f0-\u31ff]/.test(text)) return FALLBACKS;
  const japanese = parsedFont(byName('cjk').files[face]);
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (inRanges(cp, CJK) && !japanese.hasGlyphForCodePoint(cp)) return CHINESE_FIRST;
  }
  return FALLBACKS;
}

export interface Run {
  font: string;
  text: string;
}

/** The text cut into runs of one font each; spaces and marks go with the run they sit in. */
export function fontRuns(text: string, face: Face): Run[] {
  const runs: Run[] = [];
  const fallbacks = /[\u2e80-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u.test(text) ? fallbacksFor(text, face) : FALLBACKS;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    // Spaces, joiners and combining marks stay in the current run (an Arabic phrase stays one run, shaped right to left).
    const font = last && (isSpace(cp) || (cp >= 0x0300 && cp <= 0x036f) || cp === 0x200c || cp === 0x200d) ? last.font : fontFor(cp, face, fallbacks);
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** Whether the text needs no font beyond the face itself (the fast, ordinary case: no Noto is ever loaded for it). */
const plain = (text: string) => /^[\u0020-\u024f\u2000-\u20cf\u2100-\u218f\u2190-\u21ff\u2200-\u22ff\u2500-\u257f\n\t]*$/.test(text);

/** Makes sure `name` is registered on this document (a fallback only when a text needs it). */
function useFont(doc: Doc, name: string): void {
  const registered = (doc as unknown as { _registeredFonts: Record<string, unknown> })._registeredFonts;
  if (registered[name]) return;
  const [script, face] = name.split('-') as [string, Face];
  const fallback = FALLBACKS.find((f) => f.name === script);
  if (fallback) doc.registerFont(name, parsedFont(fallback.files[face]) as unknown as Buffer);
}

export interface TextOptions {
  face: Face;
  size: number;
  width: number;
  align?: 'left' | 'center' | 'right';
  /** false: one line (the caller has made the width fit). */
  lineBreak?: boolean;
}

/** The one font a text can be written in, or null when it mixes scripts no single font covers. */
function singleFont(text: string, face: Face): string | null {
  if (plain(text)) return face;
  // Right-to-left text is laid out here too: pdfkit's line wrapper loses a space between reversed words.
  if (/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(text)) return null;
  const runs = fontRuns(text, face);
  return runs.length <= 1 ? (runs[0]?.font ?? face) : null;
}

/** The width of a text on one line. */
export function textWidth(doc: Doc, text: string, face: Face, size: number): number {
  let w = 0;
  for (const run of plain(text) ? [{ font: face, text }] : fontRuns(text, face)) {
    useFont(doc, run.font);
    w += doc.font(run.font).fontSize(size).widthOfString(run.text);
  }
  doc.font(face);
  return w;
}

interface Piece {
  font: string;
  text: string;
  width: number;
  /** Bidi embedding level (odd: right to left). */
  level: number;
}
type Line = { pieces: Piece[]; width: number };

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const rtlFont = (font: string) => font.startsWith('arabic-') || font.startsWith('hebrew-');
let bidiInstance: ReturnType<typeof bidiFactory> | null = null;
const bidi = () => (bidiInstance ??= bidiFactory());

/** A text cut where its bidi level changes (levels per UTF-16 unit from `start`; none: all left to right). */
function byLevel(text: string, start: number, levels: Uint8Array | null): { text: string; level: number }[] {
  if (!levels) return [{ text, level: 0 }];
  const out: { text: string; level: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const level = levels[start + i]!;
    const last = out[out.length - 1];
    if (last && last.level === level) last.text += text[i];
    else out.push({ text: text[i]!, level });
  }
  return out;
}

/**
 * A line's pieces in the order they are drawn left to right (Unicode bidi rule L2): from the
 * highest level down to the lowest odd one, every run of pieces at that level or higher is
 * reversed. A right-to-left piece in an Arabic or Hebrew font is put right to left by the font's
 * shaping; any other (spaces, brackets, dashes among right-to-left words) is reversed and mirrored here.
 */
export function visualOrder<P extends { level: number; text: string; font: string }>(pieces: readonly P[]): P[] {
  const out = [...pieces];
  const levels = out.map((p) => p.level);
  const odd = levels.filter((l) => l % 2 === 1);
  if (odd.length === 0) return out;
  for (let level = Math.max(...levels); level >= Math.min(...odd); level--) {
    for (let i = 0; i < out.length; i++) {
      if (out[i]!.level < level) continue;
      let j = i;
      while (j + 1 < out.length && out[j + 1]!.level >= level) j++;
      out.splice(i, j - i + 1, ...out.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return out.map((p) => (p.level % 2 === 1 && !rtlFont(p.font) ? { ...p, text: [...p.text].reverse().map((ch) => bidi().getMirroredCharacter(ch) ?? ch).join('') } : p));
}

const breaksEverywhere = (font: string) => font.startsWith('cjk-') || font.startsWith('chinese-');
/**
 * pdfkit lays a text out word by word (for its cache) and joins the words left to right, which
 * loses a space in right-to-left text; any `features` makes it shape the whole piece at once.
 */
const shaping = (font: string) => (rtlFont(font) ? { features: [] as PDFKit.Mixins.OpenTypeFeatures[] } : {});

/** Greedy lines of a mixed text: words (and single CJK characters) never cut unless one alone is too wide. */
function mixedLines(doc: Doc, text: string, o: TextOptions): Line[] {
  // Levels of the whole text (its first strong letter sets the direction); lines are broken in logical order, then each is put in visual order.
  const levels = RTL.test(text) ? bidi().getEmbeddingLevels(text).levels : null;
  const atoms: Piece[] = [];
  let at = 0;
  for (const run of fontRuns(text, o.face)) {
    const parts = breaksEverywhere(run.font) ? [...run.text] : run.text.split(/(?<=\s)/);
    useFont(doc, run.font);
    doc.font(run.font).fontSize(o.size);
    for (const p of parts) {
      for (const part of byLevel(p, at, levels)) if (part.text) atoms.push({ font: run.font, text: part.text, level: part.level, width: doc.widthOfString(part.text, shaping(run.font)) });
      at += p.length;
    }
  }
  const lines: Line[] = [{ pieces: [], width: 0 }];
  for (const atom of atoms) {
    let line = lines[lines.length - 1]!;
    if (o.lineBreak !== false && line.pieces.length > 0 && line.width + atom.width > o.width + 0.01 && atom.text.trim()) {
      line = { pieces: [], width: 0 };
      lines.push(line);
    }
    const prev = line.pieces[line.pieces.length - 1];
    if (prev && prev.font === atom.font && prev.level === atom.level) {
      prev.text += atom.text;
      prev.width += atom.width;
    } else line.pieces.push({ ...atom });
    line.width += atom.width;
  }
  for (const line of lines) {
    // Trailing spaces take no room at the end of a line.
    const last = line.pieces[line.pieces.length - 1];
    if (last && last.text !== last.text.trimEnd()) {
      doc.font(last.font).fontSize(o.size);
      const trimmed = last.text.trimEnd();
      line.width -= last.width - doc.widthOfString(trimmed);
      last.width = doc.widthOfString(trimmed);
      last.text = trimmed;
    }
    if (levels) line.pieces = visualOrder(line.pieces);
  }
  return lines;
}

/** Line height and baseline of a set of fonts at a size (the tallest sets both). */
function metrics(doc: Doc, fonts: string[], size: number): { height: number; ascent: (font: string) => number; maxAscent: number } {
  const ascentOf = (font: string) => {
    doc.font(font).fontSize(size);
    return ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * size;
  };
  let height = 0;
  let maxAscent = 0;
  for (const f of fonts) {
    doc.font(f).fontSize(size);
    height = Math.max(height, doc.currentLineHeight(false));
    maxAscent = Math.max(maxAscent, ascentOf(f));
  }
  return { height, ascent: ascentOf, maxAscent };
}

/** The height a text takes at a width. */
export function textHeight(doc: Doc, text: string, o: TextOptions): number {
  const font = singleFont(text, o.face);
  if (font) {
    useFont(doc, font);
    const h = doc.font(font).fontSize(o.size).heightOfString(text, { width: o.width, lineGap: 0, lineBreak: o.lineBreak ?? true });
    doc.font(o.face);
    return o.lineBreak === false ? doc.font(font).currentLineHeight(false) : h;
  }
  const lines = mixedLines(doc, text, o);
  const h = lines.reduce((s, l) => s + metrics(doc, l.pieces.map((p) => p.font), o.size).height, 0);
  doc.font(o.face);
  return h;
}

/** Writes a text at (x, y) and returns the height it took. */
export function drawText(doc: Doc, text: string, x: number, y: number, o: TextOptions): number {
  const font = singleFont(text, o.face);
  if (font) {
    useFont(doc, font);
    doc.font(font).fontSize(o.size).text(text, x, y, { width: o.width, align: o.align ?? 'left', lineBreak: o.lineBreak ?? true, lineGap: 0 });
    const h = doc.y - y;
    doc.font(o.face);
    return h;
  }
  let top = y;
  for (const line of mixedLines(doc, text, o)) {
    const m = metrics(doc, line.pieces.map((p) => p.font), o.size);
    let cx = x + (o.align === 'center' ? (o.width - line.width) / 2 : o.align === 'right' ? o.width - line.width : 0);
    for (const p of line.pieces) {
      doc.font(p.font).fontSize(o.size).text(p.text, cx, top + m.maxAscent - m.ascent(p.font), { lineBreak: false, lineGap: 0, ...shaping(p.font) });
      cx += p.width;
    }
    top += m.height;
  }
  doc.font(o.face);
  doc.y = top;
  return top - y;
}
