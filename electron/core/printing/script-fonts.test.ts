import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderDocument } from './order-document';
import { THERMAL_MARGIN, THERMAL_WIDTH } from './pdf-kit';
import { fontRuns, visualOrder } from './script-fonts';
import { renderTicketSlips } from './ticket-slip-pdf';
import { writeReportPdf } from '../reports/write-report-pdf';

/*
 * Issue 15 item 8: a film title in any script prints (no empty boxes) and stays on the 80 mm
 * slip, wrapping when long. The slips are read back with poppler (pdftotext, pdffonts), as a
 * person's viewer would.
 */

const TITLES = {
  japanese: '千と千尋の神隠し　劇場版リマスター特別上映',
  arabic: 'الرجل الذي باع ظهره',
  hebrew: 'הסיפור של אבא שלי',
  cyrillic: 'Иди и смотри',
  greek: 'Ο Θίασος',
  mixed: 'ONE PIECE FILM RED 赤い髪のシャンクス Special Edition',
  korean: '헤어질 결심 감독판',
  chinese: '这个杀手不太冷 让子弹飞',
};

const dir = mkdtempSync(join(tmpdir(), 'box-office-scripts-'));
afterAll(() => (process.env.KEEP_SLIPS ? undefined : rmSync(dir, { recursive: true, force: true })));

function slipOrder(titles: string[]): OrderDocument {
  const ticket = (filmTitle: string, i: number) => ({
    id: `01900000-0000-7000-8000-00000000000${i}`,
    status: 'SOLD',
    sessionId: 's1',
    seatId: `seat-${i}`,
    filmTitle,
    ageRating: 'FSK 12',
    format: '2D',
    language: 'ja',
    hallName: 'Saal 1',
    startsAt: '2026-11-25T19:30:00.000Z',
    endsAt: '2026-11-25T21:30:00.000Z',
    rowLabel: 'D',
    seatNumber: 7 + i,
    seatKind: 'STANDARD',
    ticketType: 'ADULT',
    price: 1250,
    discount: 0,
    qrPayload: 'v1.test-payload',
    scannedAt: null,
  });
  // Only what a ticket slip reads; the rest of an order document does not matter here.
  return {
    number: 'T1-000042',
    cinema: { name: 'Aurora Cinema', address: 'Kastanienallee 1, Berlin', timezone: 'Europe/Berlin', currency: 'EUR', ticketVatBp: 700 },
    tickets: titles.map(ticket),
  } as unknown as OrderDocument;
}

describe('every script prints', () => {
  it('cuts a mixed title into runs of one font each', () => {
    expect(fontRuns('ONE PIECE 赤い髪', 'bold').map((r) => r.font)).toEqual(['bold', 'cjk-bold']);
    expect(fontRuns('Иди и смотри', 'regular').map((r) => r.font)).toEqual(['regular']);
    expect(fontRuns('الرجل الذي', 'regular').map((r) => r.font)).toEqual(['arabic-regular']);
    expect(fontRuns('אבא 2', 'regular').map((r) => r.font)).toEqual(['hebrew-regular', 'regular']);
    // Hangul in Noto Sans KR; a Chinese title wholly in Noto Sans SC (one style of Han, though Noto Sans JP has some of its characters).
    expect(fontRuns('헤어질 결심 2', 'bold').map((r) => r.font)).toEqual(['korean-bold', 'bold']);
    expect(fontRuns('这个杀手不太冷', 'regular').map((r) => r.font)).toEqual(['chinese-regular']);
    expect(fontRuns('千と千尋の神隠し', 'regular').map((r) => r.font)).toEqual(['cjk-regular']);
  });

  it('a Japanese, Arabic, Hebrew, Cyrillic, Greek, mixed, Korean and Chinese title on the 80 mm slip: read back, embedded, inside the paper', async () => {
    const pdf = await renderTicketSlips(slipOrder(Object.values(TITLES)), 'THERMAL_80');
    const file = join(dir, 'slips.pdf');
    writeFileSync(file, pdf);
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
    const flat = (s: string) => s.replace(/\s+/g, '');
    Object.values(TITLES).forEach((title, i) => {
      const page = flat(pages[i]!);
      // Right-to-left text may come back in visual order: either way every letter is there, in one of the two orders.
      const want = flat(title);
      const found = page.includes(want) || page.includes([...want].reverse().join(''));
      expect(found, `page ${i + 1} lacks "${title}": ${pages[i]}`).toBe(true);
    });
    // The Noto faces are embedded, as subsets, beside DejaVu; nothing is left to the printer's fonts.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    for (const face of ['NotoSansJP', 'NotoNaskhArabic', 'NotoSansHebrew', 'NotoSansKR', 'NotoSansHans', 'DejaVuSans']) expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${face}`));
    expect(fonts.split('\n').slice(2).filter((l) => l.trim() && !/ yes +yes /.test(l))).toEqual([]);
    // Nothing runs off the roll: every word's box lies inside the printable width.
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const xMax = [...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xMax.length).toBeGreaterThan(50);
    expect(Math.max(...xMax)).toBeLessThanOrEqual(THERMAL_WIDTH - THERMAL_MARGIN + 0.5);
    const xMin = [...boxes.matchAll(/xMin="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...xMin)).toBeGreaterThanOrEqual(THERMAL_MARGIN - 0.5);
    // The long Japanese title wraps onto more than one line.
    const japaneseLines = pages[0]!.split('\n').filter((l) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(l));
    expect(japaneseLines.length).toBeGreaterThan(1);
  });

  it('a Korean and a Chinese film title in a report PDF: read back, in their Noto faces', async () => {
    const file = join(dir, 'report.pdf');
    const films = ['헤어질 결심', '这个杀手不太冷', '千と千尋の神隠し', 'Иди и смотри'];
    await writeReportPdf(
      {
        title: 'Film popularity',
        kind: 'POPULARITY',
        cinema: 'Aurora Cinema',
        currency: 'EUR',
        timezone: 'Europe/Berlin',
        from: '2026-11-01',
        to: '2026-11-30',
        generatedBy: 'Manager Mia',
        generatedAt: '2026-11-25T13:03:00.000Z',
        tables: [
          {
            title: 'Film popularity',
            sheet: 'Films',
            columns: [
              { header: 'Film', kind: 'text', width: 3 },
              { header: 'Tickets', kind: 'int', width: 1, total: true },
            ],
            rows: films.map((f, i) => [f, 100 - i]),
            chart: { valueColumn: 1, label: 'Tickets' },
          },
        ],
      },
      file,
    );
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const film of films) expect(text, `the report lacks "${film}"`).toContain(film.replace(/\s+/g, ''));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    for (const face of ['NotoSansKR', 'NotoSansHans', 'NotoSansJP']) expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${face}`));
  });

  it('puts a right-to-left line with Latin and digits in visual order (bidi): the number left of the Hebrew, the Latin word between', async () => {
    // The pieces as the line holds them (logical order, levels from the bidi algorithm) and as they are drawn.
    const drawn = visualOrder([
      { font: 'hebrew-regular', text: 'אבא ', level: 1 },
      { font: 'regular', text: 'Avatar', level: 2 },
      { font: 'hebrew-regular', text: ' אמא ', level: 1 },
      { font: 'regular', text: '(', level: 1 },
      { font: 'regular', text: '2', level: 2 },
      { font: 'regular', text: ')', level: 1 },
    ]);
    expect(drawn.map((p) => p.text)).toEqual(['(', '2', ')', ' אמא ', 'Avatar', 'אבא ']);
    expect(visualOrder([{ font: 'regular', text: 'Avatar ', level: 0 }, { font: 'hebrew-regular', text: 'אבא', level: 1 }]).map((p) => p.text)).toEqual(['Avatar ', 'אבא']);

    // Read back from the slip: where each word lies on the line.
    const titles = ['הסיפור של אבא 2', 'אבא Avatar אמא', 'الرجل 3'];
    const file = join(dir, 'bidi.pdf');
    writeFileSync(file, await renderTicketSlips(slipOrder(titles), 'THERMAL_80'));
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const pages = boxes.split('<page ').slice(1);
    const xOf = (page: string, letters: string) => {
      const words = [...page.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), text: m[2]! }));
      const sorted = (w: string) => [...w].sort().join('');
      const word = words.find((w) => sorted(w.text) === sorted(letters));
      expect(word, `"${letters}" on the page: ${words.map((w) => w.text).join(' ')}`).toBeDefined();
      return word!.x;
    };
    expect(xOf(pages[0]!, '2')).toBeLessThan(xOf(pages[0]!, 'אבא'));
    expect(xOf(pages[0]!, 'אבא')).toBeLessThan(xOf(pages[0]!, 'הסיפור'));
    expect(xOf(pages[1]!, 'אמא')).toBeLessThan(xOf(pages[1]!, 'Avatar'));
    expect(xOf(pages[1]!, 'Avatar')).toBeLessThan(xOf(pages[1]!, 'אבא'));
    expect(xOf(pages[2]!, '3')).toBeLessThan(xOf(pages[2]!, 'الرجل'));
  });
});
