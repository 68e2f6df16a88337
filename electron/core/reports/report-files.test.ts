import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportKind } from '../../../shared/contract/reports';
import { formatCount, formatMoney, formatPercentBp, minorDigits } from '../../../shared/money';
import type { TempCore } from '../testing/temp-core';
import { coreWithHistory } from '../history/testing';
import { accrueEndedWeeks } from '../settlements/accrue-ended-weeks';
import { systemContext } from '../system-context';
import { pdfText } from '../printing/testing/read-pdf';
import { generateReportFile } from './generate-report-file';
import { documentTitle } from './report-document';

/*
 * Issue 15 items 2 and 3: each report's PDF, read back as text (pdftotext, as a person's viewer
 * would extract it), holds every figure and every word its XLSX twin holds — nothing cut off,
 * nothing "…" — and no heading ends a page without its table. Over a year of generated sales,
 * with a film and a distributor renamed to names far longer than any column.
 */

const LONG_FILM = 'The Extraordinarily Long Director’s Cut Title of a Film That Never Ends, Part Two: Return of the Sequel';
const LONG_DISTRIBUTOR = 'Internationale Filmverleih- und Lizenzverwertungsgesellschaft mbH & Co. KG Niederlassung Süd';
const KINDS: ReportKind[] = ['REVENUE', 'POPULARITY', 'CONCESSIONS', 'SHIFTS', 'SETTLEMENTS', 'VOUCHERS'];
const DEFINITIONS: Record<ReportKind, string> = {
  REVENUE: 'refunded and exchanged-away tickets are not counted',
  POPULARITY: 'refunded and exchanged-away tickets are not counted',
  CONCESSIONS: 'refunded units are not counted',
  SHIFTS: 'refunded and exchanged-away tickets are not counted), as in the revenue report',
  SETTLEMENTS: 'rounded once per week',
  VOUCHERS: 'A voucher is not revenue when sold',
};

/** Every cell of every sheet as the PDF must show it: figures formatted by their number format, texts as they are. */
async function xlsxTexts(file: string, currency: string): Promise<{ figures: string[]; texts: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const scale = 10 ** minorDigits(currency);
  const figures: string[] = [];
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const raw = cell.value;
        const value = raw && typeof raw === 'object' && 'result' in raw ? raw.result : raw;
        const fmt = cell.numFmt ?? '';
        if (typeof value === 'number') {
          if (fmt.includes('#,##0.') || fmt.includes(currency) || /[€$£¥]/.test(fmt)) figures.push(formatMoney(Math.round(value * scale), currency));
          else if (fmt.includes('%')) figures.push(formatPercentBp(Math.round(value * 10_000)));
          else figures.push(formatCount(value));
        } else if (value instanceof Date) figures.push(value.toISOString().slice(0, 10));
        else if (typeof value === 'string') texts.push(value);
      }),
    ),
  );
  return { figures, texts };
}

describe('report files: the PDF holds every figure of its XLSX, uncut', { timeout: 600_000 }, () => {
  let t: TempCore;
  let sqlite: Database.Database;
  let cinemaId: string;
  let currency: string;
  let from: string;
  let to: string;

  beforeAll(async () => {
    let history;
    ({ t, sqlite, history } = await coreWithHistory({ days: 365, halls: 2, seed: 3 }));
    cinemaId = t.core.terminal().cinemaId!;
    currency = (sqlite.prepare('SELECT currency FROM cinemas WHERE id = ?').get(cinemaId) as { currency: string }).currency;
    from = history.firstDate;
    to = history.lastDate;
    // The best-selling film and its distributor get names longer than any column.
    const top = sqlite
      .prepare(`SELECT s.film_id AS film FROM tickets t JOIN sessions s ON s.id = t.session_id GROUP BY s.film_id ORDER BY count(*) DESC LIMIT 1`)
      .get() as { film: string };
    sqlite.prepare('UPDATE films SET title = ? WHERE id = ?').run(LONG_FILM, top.film);
    sqlite.prepare('UPDATE distributors SET legal_name = ? WHERE id = (SELECT distributor_id FROM films WHERE id = ?)').run(LONG_DISTRIBUTOR, top.film);
    // Item 8: other scripts print in reports too (Japanese, Cyrillic from the fallback fonts and DejaVu).
    const others = sqlite.prepare(`SELECT s.film_id AS film FROM tickets t JOIN sessions s ON s.id = t.session_id GROUP BY s.film_id ORDER BY count(*) DESC LIMIT 2 OFFSET 1`).all() as { film: string }[];
    sqlite.prepare('UPDATE films SET title = ? WHERE id = ?').run('千と千尋の神隠し', others[0]!.film);
    sqlite.prepare('UPDATE films SET title = ? WHERE id = ?').run('Иди и смотри', others[1]!.film);
    const services = t.core.services;
    await accrueEndedWeeks(services.db, services.clock, systemContext(services), { cinemaId });
  }, 600_000);
  afterAll(async () => {
    sqlite.close();
    await t.close();
  });

  it.each(KINDS)('%s', async (kind) => {
    const base = { kind, cinemaId, from, to, generatedBy: 'Manager Mia', generatedAt: '2026-11-25T13:03:00.000Z' };
    const pdfFile = join(t.dir, `${kind}.pdf`);
    const xlsxFile = join(t.dir, `${kind}.xlsx`);
    await generateReportFile(t.core.services.db, { ...base, format: 'PDF', file: pdfFile });
    await generateReportFile(t.core.services.db, { ...base, format: 'XLSX', file: xlsxFile });

    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' ');
    const { figures, texts } = await xlsxTexts(xlsxFile, currency);
    expect(figures.length).toBeGreaterThan(10);
    const words = new Set(text.split(' '));
    const missingFigures = [...new Set(figures)].filter((f) => !text.includes(f));
    expect(missingFigures, `${kind}: figures of the XLSX not in the PDF`).toEqual([]);
    const missingWords = [...new Set(texts.flatMap((s) => s.split(/\s+/)).filter(Boolean))].filter((w) => !words.has(w) && !text.includes(w));
    expect(missingWords, `${kind}: words of the XLSX not in the PDF`).toEqual([]);
    expect(text).not.toContain('…');
    // Item 3: no internal rule numbers, no doubled words in a title.
    expect(text).not.toMatch(/\brule \d+/i);
    expect(text).not.toMatch(/reports report/i);
    // Item 4: the time of generation in the cinema's zone (Berlin: UTC+1 in November).
    expect(text).toContain('25 Nov 2026, 14:03 CET');
    // Item 9: each report says what it counts.
    expect(text).toContain(DEFINITIONS[kind]);

    // No heading alone at the bottom of a page: a page that shows a table's title shows its header row after it.
    const pages = await pdfText(readFileSync(pdfFile));
    // Every page has its footer, and no page is only a footer.
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    const footer = `${documentTitle(kind)} · `;
    for (const page of pages) {
      const body = page.slice(0, page.lastIndexOf(footer));
      for (const title of titlesOf(body)) {
        const after = body.slice(body.indexOf(title) + title.length);
        expect(after.length, `"${title}" ends a page`).toBeGreaterThan(60);
      }
    }
  });
});

/** Table titles: the bold headings each report writes (matched loosely: the words that start a table). */
function titlesOf(page: string): string[] {
  const known = [
    'Revenue by business day',
    'Revenue by film',
    'Revenue by hall',
    'Revenue by cashier',
    'Payments by method',
    'Film popularity',
    'Concession sales by item',
    'Concession sales by business day',
    'Distributor settlements per contract week',
    'Payments to distributors',
  ];
  return known.filter((k) => page.includes(k) && !page.includes(`${k} (continued)`));
}
