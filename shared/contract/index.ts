import type { z } from 'zod';
import { authOperations } from './auth';
import { systemOperations } from './system';
import { userOperations } from './users';
import { doorOperations } from './door';
import { printingOperations } from './printing';
import { refundOperations } from './refunds';
import { bookingOperations } from './booking';
import { loyaltyOperations } from './loyalty';
import { orderOperations } from './orders';
import { shiftOperations } from './shifts';
import { promocodeOperations } from './promocodes';
import { concessionOperations } from './concessions';
import { catalogOperations } from './catalog';
import { contractOperations } from './contracts';
import { schedulingOperations } from './scheduling';
import { priceOperations } from './prices';
import { reportOperations } from './reports';
import { settlementOperations } from './settlements';
import { syncOperations } from './sync';
import { backupOperations } from './backups';
import { moneyTrailOperations } from './money-trail';
import { voucherOperations } from './vouchers';
import type { OperationDef } from './operation';

/** Every operation the main process offers, by name. Add an area's operations here. */
export const contract = {
  ...authOperations,
  ...systemOperations,
  ...userOperations,
  ...doorOperations,
  ...printingOperations,
  ...refundOperations,
  ...bookingOperations,
  ...loyaltyOperations,
  ...orderOperations,
  ...shiftOperations,
  ...promocodeOperations,
  ...concessionOperations,
  ...catalogOperations,
  ...contractOperations,
  ...schedulingOperations,
  ...priceOperations,
  ...reportOperations,
  ...settlementOperations,
  ...syncOperations,
  ...backupOperations,
  ...moneyTrailOperations,
  ...voucherOperations,
} satisfies Record<string, OperationDef>;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** What a caller sends (before defaults are applied). */
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type ResultOf<N extends OperationName> = Exclude<Contract[N]['__result'], undefined>;

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './result';
export * from './operation';
export type { SessionUser, SignedIn, SetupStatus } from './auth';
export type { SystemStatus, ProgrammeSession } from './system';
export type { UserSummary } from './users';
export type { ScanAnswer, ScannedTicket, DoorSessionRef, DoorSessionState, DoorScanLine } from './door';
export type { Paper, PrinterKind, PrinterRole, PrintDocuments, PrinterChoice, CupsPrinterInfo, SystemPrinterInfo, CupsNote, PrintersState, PrintResult, PendingPrintJob, OrderPdf } from './printing';
export type { OrderHistory, OrderHistoryLine, OrderDetails, OrderDetailsTicket, OrderDetailsLine, RefundResult, RefundPreview, RefundPromocode, ExchangeResult, CounterRefundReason, ItemDisposition } from './refunds';
export type { SeatMap, SeatMapSeat, SeatState, HoldResult, Reservation } from './booking';
export type { CustomerSummary } from './loyalty';
export type { Quote, QuoteLine, SaleResult, SoldTicket, OrderDraft, SaleInput } from './orders';
export type { ShiftReport, BlindXReport, CurrentShift } from './shifts';
export type { PromocodeSummary, PromocodeFilmOption } from './promocodes';
export type { ConcessionItemSummary, PreorderSummary } from './concessions';
export type { CinemaSettings, HallSummary, HallSeat, HallSeatMap, HallSeatMapSaved, HallRemoved, DistributorSummary, FilmSummary } from './catalog';
export type { RentalContractSummary, ContractSplit } from './contracts';
export type { SchedulingOptions, CopyDayResult, SkippedCopy } from './scheduling';
export type { PriceCardCell, PriceDefault, PriceSettings, PricePreview } from './prices';
export type { SyncStatus, SyncSettings, SyncTestResult, SyncConflictSummary, SyncConflictKind, SyncJoinResult, EnrolmentCodeIssued, CinemaTerminal, CinemaTerminals } from './sync';
export type { BackupSummary, BackupList, RestoreAnswer } from './backups';
export type { VatLine, ShiftFiscal, JournalCheck, JournalEntrySummary, JournalOverview, AuditExportResult } from './money-trail';
export type { Dashboard, DashboardPeriod, RevenueReport, PopularityReport, ConcessionReport, ShiftsReport, ReportJob, GeneratedReport, ReportKind } from './reports';
export type { SettlementWeekRow, DistributorBalance, SettlementPayment } from './settlements';
export type { VoucherSale, VoucherLookup, VoucherReport, VoucherMovementLine } from './vouchers';
