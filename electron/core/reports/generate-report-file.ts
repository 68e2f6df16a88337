import type { Kysely } from 'kysely';
import type { ConcessionReport, PopularityReport, ReportKind, RevenueReport, ShiftsReport } from '../../../shared/contract/reports';
import type { DB } from '../db/tables';
import { loadSettlementWeeks } from '../settlements/settlement-ledger';
import { concessionDocument, documentTitle, popularityDocument, revenueDocument, settlementsDocument, shiftsDocument, vouchersDocument, type ReportDocument } from './report-document';
import { voucherReport } from '../vouchers/voucher-report';
import { printedIn } from '../printing/print-format';
import type { Language } from '../../../shared/i18n/languages';
import { cinemaInfo, concessionReport, popularityReport, revenueReport, shiftsReport } from './report-queries';

export interface ReportFileRequest {
  kind: ReportKind;
  format: 'PDF' | 'XLSX';
  cinemaId: string;
  from: string;
  to: string;
  distributorId?: string;
  generatedBy: string;
  /** Also "now" for the settlement's running week. */
  generatedAt: string;
  file: string;
  /** The reader's language (the one who asked for it, else the terminal's): the job passes it to the worker. */
  language?: Language;
}

export type ReportQuery = { kind: 'REVENUE' | 'POPULARITY' | 'CONCESSIONS' | 'SHIFTS'; cinemaId: string; from: string; to: string };
export type ReportData = RevenueReport | PopularityReport | ConcessionReport | ShiftsReport;

/** The figures of an on-screen report (the same functions the files are written from). */
export async function loadReportData(db: Kysely<DB>, query: ReportQuery): Promise<ReportData> {
  const scope = { cinemaId: query.cinemaId, from: query.from, to: query.to };
  switch (query.kind) {
    case 'REVENUE':
      return revenueReport(db, scope);
    case 'POPULARITY':
      return popularityReport(db, scope);
    case 'CONCESSIONS':
      return concessionReport(db, scope);
    case 'SHIFTS':
      return shiftsReport(db, scope);
  }
}

/** Aggregates the report in SQL, then streams it to `file`; progress 0–100 (queries take the first half). */
export async function generateReportFile(db: Kysely<DB>, request: ReportFileRequest, progress: (p: number, step: string) => void = () => undefined): Promise<void> {
  const scope = { cinemaId: request.cinemaId, from: request.from, to: request.to };
  const p = printedIn(request.language);
  const adding = p.t('documents:report.step.adding');
  progress(2, adding);
  const info = await cinemaInfo(db, request.cinemaId);
  const half = (n: number) => progress(Math.round(n / 2), adding);
  let tables;
  let distributor: string | null = null;
  switch (request.kind) {
    case 'REVENUE':
      tables = revenueDocument(await revenueReport(db, scope, half), p);
      break;
    case 'POPULARITY':
      tables = popularityDocument(await popularityReport(db, scope), p);
      break;
    case 'CONCESSIONS':
      tables = concessionDocument(await concessionReport(db, scope), p);
      break;
    case 'SHIFTS':
      tables = shiftsDocument(await shiftsReport(db, scope), info.timezone, p);
      break;
    case 'VOUCHERS':
      tables = vouchersDocument(await voucherReport(db, scope), p);
      break;
    case 'SETTLEMENTS': {
      const clock = { now: () => new Date(request.generatedAt) };
      const { weeks, payments } = await loadSettlementWeeks(db, clock, request.cinemaId, { from: request.from, to: request.to, distributorId: request.distributorId });
      if (request.distributorId) {
        const d = await db.selectFrom('distributors').select('legal_name').where('id', '=', request.distributorId).executeTakeFirst();
        distributor = d?.legal_name ?? null;
      }
      tables = settlementsDocument(weeks, payments, { timezone: info.timezone, dayStart: info.dayStart }, info.currency, p);
      break;
    }
  }
  const writingStep = p.t('documents:report.step.writing');
  progress(50, writingStep);
  const doc: ReportDocument = {
    title: documentTitle(request.kind, distributor, p),
    kind: request.kind,
    cinema: info.name,
    currency: info.currency,
    timezone: info.timezone,
    from: request.from,
    to: request.to,
    generatedBy: request.generatedBy,
    generatedAt: request.generatedAt,
    language: p.language,
    tables,
  };
  const writing = (n: number) => progress(50 + Math.round(n / 2), writingStep);
  // Only the writer this file needs is loaded (pdfkit and exceljs are large: a cold report worker
  // spends most of its start-up loading them).
  if (request.format === 'PDF') await (await import('./write-report-pdf')).writeReportPdf(doc, request.file, writing);
  else await (await import('./write-report-xlsx')).writeReportXlsx(doc, request.file, writing);
}
