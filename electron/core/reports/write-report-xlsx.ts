import ExcelJS from 'exceljs';
import { minorDigits, spreadsheetMoneyFormat } from '../../../shared/money';
import { printedIn } from '../printing/print-format';
import { formatCell, totalsRow, type Cell, type ReportDocument, type ReportTable } from './report-document';

/**
 * A report as an XLSX workbook, streamed row by row (exceljs' WorkbookWriter commits each row to
 * the file): one sheet per breakdown, typed numbers (money in currency units with the currency's
 * number format, percentages as percent, business days as real dates), a frozen header, an
 * autofilter, a totals row of SUM formulas (with their results cached for viewers that don't
 * calculate) and the table's footnote under it. Amounts use the number format of the cinema's
 * money format (shared/money.ts), so the sheet reads like the PDF; columns are as wide as their
 * widest cell as the PDF writes it (long text wraps beyond 60 characters).
 */

const MAX_TEXT_WIDTH = 60;

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
  const words = printedIn(doc.language);
  const moneyFormat = spreadsheetMoneyFormat(doc.currency, words.locale);
  const scale = 10 ** minorDigits(doc.currency);
  const used = new Set<string>();

  const toValue = (value: Cell, kind: ReportTable['columns'][number]['kind']): ExcelJS.CellValue => {
    if (value === null || value === undefined) return null;
    if (kind === 'money' && typeof value === 'number') return value / scale;
    if (kind === 'percent' && typeof value === 'number') return value / 10_000;
    if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
    return value;
  };
  const numFmt = (kind: ReportTable['columns'][number]['kind']) =>
    kind === 'money' ? moneyFormat : kind === 'percent' ? '0.0" "%' : kind === 'date' ? 'yyyy-mm-dd' : kind === 'int' ? '#,##0' : undefined;

  for (const [index, table] of doc.tables.entries()) {
    const sheet = workbook.addWorksheet(sheetName(table.sheet, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const totals = table.columns.some((c) => c.total) || table.totalsOverride ? totalsRow(table, words) : null;
    sheet.columns = table.columns.map((c, i) => {
      const widest = Math.max(c.header.length, ...[...table.rows, ...(totals ? [totals] : [])].map((r) => formatCell(r[i] ?? null, c.kind, doc.currency, words.locale).length));
      const wrap = c.kind === 'text' && widest > MAX_TEXT_WIDTH;
      return {
        header: c.header,
        key: `c${i}`,
        width: Math.min(MAX_TEXT_WIDTH, widest + 2),
        style: { ...(numFmt(c.kind) ? { numFmt: numFmt(c.kind) } : {}), ...(wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}) },
      };
    });
    const lastRow = table.rows.length + 1;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(2, lastRow), column: table.columns.length } };
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(row.map((v, i) => toValue(v, table.columns[i]!.kind))).commit();
    }
    if (totals) {
      const totalCells = table.columns.map((c, i): ExcelJS.CellValue => {
        if (i === 0) return words.t('documents:report.total');
        if (table.totalsOverride && i in table.totalsOverride) return toValue(table.totalsOverride[i]!, c.kind);
        if (!c.total) return null;
        const sum = table.rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0);
        const letter = columnLetter(i + 1);
        const result = toValue(sum, c.kind) as number;
        return table.rows.length > 0 ? { formula: `SUM(${letter}2:${letter}${lastRow})`, result } : 0;
      });
      const row = sheet.addRow(totalCells);
      row.font = { bold: true };
      row.commit();
    }
    if (table.note) {
      sheet.addRow([]).commit();
      const note = sheet.addRow([table.note]);
      note.font = { italic: true };
      note.commit();
    }
    sheet.commit();
    progress(Math.round(((index + 1) / doc.tables.length) * 90));
  }
  await workbook.commit();
  progress(100);
}
