import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfText } from '../printing/testing/read-pdf';
import type { ReportDocument } from './report-document';
import { writeReportPdf } from './write-report-pdf';

/*
 * Issue 16: the PDF's own words around a table — a chart naming only its largest bars, a table
 * going on over a page — are in the reader's language like its headings.
 */

let folder: string;
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** 60 films, so the chart names its 15 largest and the table goes on over the next page. */
const report = (language: 'en' | 'de'): ReportDocument => ({
  title: 'Filme',
  kind: 'POPULARITY',
  cinema: 'Kino am Park',
  currency: 'EUR',
  timezone: 'Europe/Berlin',
  from: '2026-11-01',
  to: '2026-11-30',
  generatedBy: 'Lena',
  generatedAt: '2026-12-01T09:00:00Z',
  language,
  tables: [
    {
      title: 'Films',
      sheet: 'Films',
      columns: [
        { header: 'Film', kind: 'text', width: 3 },
        { header: 'Tickets', kind: 'int', width: 1, total: true },
      ],
      rows: Array.from({ length: 60 }, (_, i) => [`Film ${i + 1}`, 100 + i]),
      chart: { valueColumn: 1, label: 'Tickets per film' },
    },
  ],
});

async function textOf(language: 'en' | 'de'): Promise<string> {
  folder = mkdtempSync(join(tmpdir(), 'report-pdf-'));
  const file = join(folder, 'report.pdf');
  await writeReportPdf(report(language), file);
  return (await pdfText(readFileSync(file))).join('\n').replace(/\s+/g, ' ');
}

describe('a report PDF speaks its reader\'s language around its tables', () => {
  it('German: the chart names its 15 largest bars and a table going on says so in German', async () => {
    const text = await textOf('de');
    expect(text).toContain('Tickets per film (die 15 mit den höchsten Werten)');
    expect(text).toContain('Films (Fortsetzung)');
    expect(text).not.toMatch(/with the most|continued/);
  });

  it('English keeps its words', async () => {
    const text = await textOf('en');
    expect(text).toContain('Tickets per film (the 15 with the most)');
    expect(text).toContain('Films (continued)');
  });
});
