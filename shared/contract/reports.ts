import { z } from 'zod';
import type { PaymentMethod } from '../enums';
import { operation } from './operation';
import { MANAGERS } from './roles';
import { id, isoDate } from './fields';
import type { ErrorCode } from './result';

/** Rule 15: the reports a manager can run for any period of the terminal's cinema. */
export const REPORT_KINDS = ['REVENUE', 'POPULARITY', 'CONCESSIONS', 'SHIFTS', 'SETTLEMENTS', 'VOUCHERS'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportHeader {
  cinema: { name: string; currency: string; timezone: string };
  from: string;
  to: string;
}

export interface RevenueDay {
  date: string;
  orders: number;
  tickets: number;
  ticketGross: number;
  ticketDiscounts: number;
  ticketNet: number;
  concessions: number;
  total: number;
}
export interface RevenueLine {
  key: string;
  label: string;
  tickets: number;
  ticketNet: number;
  concessions: number;
  total: number;
}
export interface RevenueMethod {
  method: PaymentMethod;
  payments: number;
  refunds: number;
  net: number;
  count: number;
}
export interface RevenueReport extends ReportHeader {
  byDay: RevenueDay[];
  byFilm: RevenueLine[];
  byHall: RevenueLine[];
  byCashier: RevenueLine[];
  byMethod: RevenueMethod[];
  totals: Omit<RevenueDay, 'date'>;
}

export interface PopularityFilm {
  filmId: string;
  title: string;
  sessions: number;
  seats: number;
  tickets: number;
  /** tickets / seats offered, basis points. */
  occupancyBp: number;
  revenue: number;
  revenuePerSession: number;
}
export interface PopularityReport extends ReportHeader {
  films: PopularityFilm[];
  totals: Omit<PopularityFilm, 'filmId' | 'title'>;
}

export interface ConcessionItemLine {
  itemId: string;
  name: string;
  category: string;
  quantity: number;
  revenue: number;
}
export interface ConcessionDay {
  date: string;
  quantity: number;
  revenue: number;
}
export interface ConcessionReport extends ReportHeader {
  byItem: ConcessionItemLine[];
  byDay: ConcessionDay[];
  totals: { quantity: number; revenue: number };
}

export interface ZReportLine {
  shiftId: string;
  date: string;
  cashier: string;
  openedAt: string;
  closedAt: string | null;
  orders: number;
  tickets: number;
  cash: number;
  card: number;
  bonus: number;
  refunds: number;
  openingFloat: number;
  expectedCash: number;
  countedCash: number | null;
  difference: number | null;
}
export interface ShiftsReport extends ReportHeader {
  shifts: ZReportLine[];
  totals: Omit<ZReportLine, 'shiftId' | 'date' | 'cashier' | 'openedAt' | 'closedAt' | 'countedCash' | 'difference'> & { countedCash: number; difference: number };
}

export interface GeneratedReport {
  id: string;
  kind: ReportKind;
  format: 'PDF' | 'XLSX';
  from: string;
  to: string;
  fileName: string;
  generatedAt: string;
  generatedBy: string;
}

export interface ReportJob {
  jobId: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  /** 0–100. */
  progress: number;
  step: string;
  report: GeneratedReport | null;
  error: string | null;
  /** Why it failed, for programs (DISK_FULL, DATABASE_DAMAGED, …); null while running or done. */
  errorCode: ErrorCode | null;
}

export interface DashboardPeriod {
  from: string;
  to: string;
  revenue: number;
  tickets: number;
  orders: number;
  concessions: number;
  occupancyBp: number;
  sessions: number;
}
/** Tickets that stand ÷ seats offered, for one hall or one part of the day. */
export interface OccupancyShare {
  /** The hall's name, or the part of the day in English ("Before 14:00"): a screen words it from `hours`. */
  label: string;
  /** A part of the day: from and until which hour (local, 24 = midnight); null at the open ends. */
  hours?: { from: number | null; until: number | null };
  tickets: number;
  seats: number;
  occupancyBp: number;
}

export interface Dashboard {
  currency: string;
  businessDate: string;
  today: DashboardPeriod;
  week: DashboardPeriod;
  topFilms: { title: string; tickets: number; revenue: number }[];
  /** Today's sales by local hour of the sale. */
  byHour: { hour: number; tickets: number; revenue: number }[];
  /** This reporting week, day by day. */
  byDay: { date: string; revenue: number; tickets: number }[];
  /** The reporting week before, day by day (the same weekdays, for the comparison). */
  lastWeekByDay: { date: string; revenue: number; tickets: number }[];
  lastWeek: DashboardPeriod;
  /** This week's sessions: occupancy by hall and by part of the day. */
  occupancyByHall: OccupancyShare[];
  occupancyByTimeOfDay: OccupancyShare[];
  refreshedAt: string;
}

const period = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'schema:predicate.endsAfterStart', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, { message: 'schema:predicate.atMostThreeYears', path: ['to'] });

export const reportOperations = {
  'dashboard.summary': operation<Dashboard>()({
    input: z.object({}).strict(),
    access: MANAGERS,
    summary: "Today and this reporting week at a glance: revenue, tickets, occupancy, top films, sales by hour.",
  }),
  'reports.revenue': operation<RevenueReport>()({
    input: period,
    access: MANAGERS,
    summary: 'Revenue by business day, film, hall, cashier and payment method for a period.',
  }),
  'reports.popularity': operation<PopularityReport>()({
    input: period,
    access: MANAGERS,
    summary: 'Film popularity for sessions in a period: tickets, occupancy and revenue per session.',
  }),
  'reports.concessions': operation<ConcessionReport>()({
    input: period,
    access: MANAGERS,
    summary: 'Concession sales by item and by business day for a period.',
  }),
  'reports.shifts': operation<ShiftsReport>()({
    input: period,
    access: MANAGERS,
    summary: 'The Z reports of the shifts opened in a period.',
  }),
  'reports.export': operation<ReportJob>()({
    input: z
      .object({
        kind: z.enum(REPORT_KINDS, { message: 'reports:kind' }),
        format: z.enum(['PDF', 'XLSX'], { message: 'reports:format' }),
        from: isoDate,
        to: isoDate,
        distributorId: id.optional(),
      })
      .strict()
      .refine((p) => p.from <= p.to, { message: 'schema:predicate.endsAfterStart', path: ['to'] }),
    access: MANAGERS,
    summary: 'Starts writing a report file (PDF or XLSX) in the background; poll reports.job for progress.',
  }),
  'reports.job': operation<ReportJob>()({
    input: z.object({ jobId: id }).strict(),
    access: MANAGERS,
    summary: 'Progress of a report being written, and the report once it is done.',
  }),
  'reports.list': operation<GeneratedReport[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    access: MANAGERS,
    summary: "Report files generated on this terminal for its cinema, newest first.",
  }),
  'reports.file': operation<{ fileName: string; mimeType: string; base64: string }>()({
    input: z.object({ reportId: id }).strict(),
    access: MANAGERS,
    summary: 'The bytes of a generated report (base64), to open, print or save.',
  }),
};
