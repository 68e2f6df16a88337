import ExcelJS from 'exceljs';
import { minorDigits } from '../../../shared/money';
import type { Cell, ReportDocument, ReportTable } from './report-document';

/**
 * A report as an XLSX workbook, streamed row by row (exceljs' WorkbookWriter commits each row to
 * the file): one sheet per breakdown, typed numbers (money in currency units with the currency's
 * number format, percentages as percent, business days as real dates), a frozen header, an
 * autofilter, and a totals row of SUM formulas (with their results cached for viewers that don't
 * calculate).
 */

function currencyFormat(currency: string): { fmt: string; digits: number } {
  const digits = minorDigits(currency);
  const symbol = new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  const decimals = digits > 0 ? `.${'0'.repeat(digits)}` : '';
  return { fmt: `#,##0${decimals} "${symbol.replace(/"/g, '')}";-#,##0${decimals} "${symbol.replace(/"/g, '')}"`, digits };
}

/** Excel column letters for 1-based index. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function sheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  for (let k = 2; used.has(base.toLowerCase()); k++) base = `${name.slice(0, 27)} (${k})`;
  used.add(base.toLowerCase());
  return base;
}

export async function writeReportXlsx(doc: ReportDocument, file: string, progress: (p: number) => void = () => undefined): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = doc.generatedBy;
  workbook.created = new Date(doc.generatedAt);
  workbook.title = `${doc.title} ${doc.from} – ${doc.to}`;
  const money = currencyFormat(doc.currency);
  const scale = 10 ** money.digits;
  const used = new Set<string>();

  const toValue = (value: Cell, kind: ReportTable['columns'][number]['kind']): ExcelJS.CellValue => {
    if (value === null || value === undefined) return null;
    if (kind === 'money' && typeof value === 'number') return value / scale;
    if (kind === 'percent' && typeof value === 'number') return value / 10_000;
    if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
    return value;
  };
  const numFmt = (kind: ReportTable['columns'][number]['kind']) =>
    kind === 'money' ? money.fmt : kind === 'percent' ? '0.0%' : kind === 'date' ? 'yyyy-mm-dd' : kind === 'int' ? '#,##0' : undefined;

  for (const [index, table] of doc.tables.entries()) {
    const sheet = workbook.addWorksheet(sheetName(table.sheet, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c, i) => ({
      header: c.header,
      key: `c${i}`,
      width: Math.max(10, Math.round(c.width * 12)),
      style: numFmt(c.kind) ? { numFmt: numFmt(c.kind) } : {},
    }));
    const lastRow = table.rows.length + 1;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(2, lastRow), column: table.columns.length } };
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(row.map((v, i) => toValue(v, table.columns[i]!.kind))).commit();
    }
    if (table.columns.some((c) => c.total) || table.totalsOverride) {
      const totals = table.columns.map((c, i): ExcelJS.CellValue => {
        if (i === 0) return 'Total';
        if (table.totalsOverride && i in table.totalsOverride) return toValue(table.totalsOverride[i]!, c.kind);
        if (!c.total) return null;
        const sum = table.rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0);
        const letter = columnLetter(i + 1);
        const result = toValue(sum, c.kind) as number;
        return table.rows.length > 0 ? { formula: `SUM(${letter}2:${letter}${lastRow})`, result } : 0;
      });
      const row = sheet.addRow(totals);
      row.font = { bold: true };
      row.commit();
    }
    sheet.commit();
    progress(Math.round(((index + 1) / doc.tables.length) * 90));
  }
  await workbook.commit();
  progress(100);
}
