import { describe, expect, it } from 'vitest';
import { cupsMediaOptions, mediaName, pdfPageSizes } from './page-size';

const pdf = (...pages: [number, number][]) => Buffer.from(`%PDF-1.3\n${pages.map(([w, h], i) => `${i + 3} 0 obj\n<< /Type /Page /MediaBox [0 0 ${w} ${h}] >>`).join('\n')}`);

describe('the media a CUPS job asks for', () => {
  it('is the slip’s own size in millimetres, A4 and Letter by name in either orientation, the largest page of a mixed job', () => {
    expect(mediaName(pdfPageSizes(pdf([226.77, 286.3])))).toBe('Custom.80x101mm');
    expect(mediaName(pdfPageSizes(pdf([595.28, 841.89])))).toBe('A4');
    expect(mediaName(pdfPageSizes(pdf([841.89, 595.28])))).toBe('A4');
    expect(mediaName(pdfPageSizes(pdf([612, 792])))).toBe('Letter');
    expect(mediaName(pdfPageSizes(pdf([144, 396])))).toBe('Custom.50.8x139.7mm');
    expect(mediaName(pdfPageSizes(pdf([226.77, 300], [226.77, 380])))).toBe('Custom.80x134.1mm');
    expect(cupsMediaOptions(pdf([226.77, 286.3]))).toEqual(['-o', 'media=Custom.80x101mm', '-o', 'PageSize=Custom.80x101mm']);
    expect(cupsMediaOptions(Buffer.from('not a pdf'))).toEqual([]);
  });
});
