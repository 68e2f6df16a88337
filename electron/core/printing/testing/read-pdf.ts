import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import jsQR from 'jsqr';

// pdf.js 6 expects Promise.withResolvers and ArrayBuffer#transferToFixedLength (Node 22+); the project supports Node 20 too.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= function withResolvers<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
const AB = ArrayBuffer.prototype as unknown as { transferToFixedLength?: (n?: number) => ArrayBuffer; transfer?: (n?: number) => ArrayBuffer };
AB.transferToFixedLength ??= function (this: ArrayBuffer, length = this.byteLength) {
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return copy;
};
AB.transfer ??= AB.transferToFixedLength;
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * Test helpers that read a PDF the way a person or a door scanner would: its text (pdf.js), each
 * page rendered to pixels (pdf.js on @napi-rs/canvas), and the QR codes found in those pixels (jsQR).
 */

async function open(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

/** The text of each page, items joined by spaces. */
export async function pdfText(pdf: Buffer): Promise<string[]> {
  const doc = await open(pdf);
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await doc.cleanup();
  return pages;
}

export interface RenderedPage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  png: Buffer;
  /** Page size in PDF points. */
  points: { width: number; height: number };
}

/** Renders every page at `dpi`. */
export async function renderPdf(pdf: Buffer, dpi = 200): Promise<RenderedPage[]> {
  const doc = await open(pdf);
  const pages: RenderedPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: Canvas; context: SKRSContext2D } } }).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: null, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const base = page.getViewport({ scale: 1 });
    pages.push({ width: canvas.width, height: canvas.height, rgba: image.data as Uint8ClampedArray, png: canvas.toBuffer('image/png'), points: { width: base.width, height: base.height } });
  }
  await doc.cleanup();
  return pages;
}

/** The text of the QR code on each page (null where none was found). */
export async function pdfQrCodes(pdf: Buffer): Promise<(string | null)[]> {
  const pages = await renderPdf(pdf, 150);
  return pages.map((p) => jsQR(p.rgba, p.width, p.height)?.data ?? null);
}
