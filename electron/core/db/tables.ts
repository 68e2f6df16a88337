import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  BonusTransactionKind,
  ContractStatus,
  DealType,
  HallType,
  OrderStatus,
  OutboxOp,
  PaymentHistoryKind,
  PaymentKind,
  PaymentMethod,
  PreorderStatus,
  PriceFactorDimension,
  PromocodeKind,
  PromocodeScope,
  ReportFormat,
  RevocationReason,
  Role,
  ScanResult,
  SeatKind,
  SessionStatus,
  ShiftStatus,
  TicketStatus,
  TicketType,
} from '../../../shared/enums';

/**
 * The local SQLite schema as kysely sees it (created by migrations/local/0001-initial-schema.ts).
 *
 * Column value conventions:
 * - `id`: UUIDv7 text made by the app (`newId()`), never by SQLite.
 * - `..._at`: ISO-8601 UTC instant exactly as `Date#toISOString()` writes it
 *   (`2026-11-25T15:00:00.000Z`); the database refuses any other shape, so text order is time order.
 * - `..._date`: calendar date `YYYY-MM-DD` (the cinema's business day).
 * - money: integer minor units; `..._bp`: basis points (10000 = 100 %); flags: 0 or 1.
 * - `updated_at`: hybrid-logical-clock string; `origin`: the terminal that last wrote the row
 *   (both from `ctx.stamp()`).
 * `Generated<T>` marks a column with a database default: optional on insert.
 */

/** Instant text, defaulting to the current time when omitted on insert. */
type CreatedAt = Generated<string>;
/** 0 or 1. */
type Flag = number;
/** A JSON document stored as text (validated by SQLite). */
type JsonText = string;

/** What every synced row carries. */
export interface SyncColumns {
  created_at: CreatedAt;
  updated_at: string;
  origin: string;
}

// Sync machinery and local bookkeeping (never synced) -------------------------------------------

export interface LocalMetaTable {
  key: string;
  value: string;
}

/** The single row (id = 1); `applying = 1` inside a sync pull's transaction silences the outbox. */
export interface SyncApplyFlagTable {
  id: number;
  applying: Generated<number>;
}

/** Hourly report sums (migration 0002): local, kept by triggers, never written by the app. */
export interface ReportOrderHoursTable {
  cinema_id: string;
  hour: string;
  cashier_id: string;
  orders: number;
  concessions: number;
  tickets: number;
  gross: number;
  discount: number;
}

export interface ReportTicketDaysTable {
  cinema_id: string;
  day: string;
  film_id: string;
  hall_id: string;
  tickets: number;
  gross: number;
  discount: number;
}

export interface ReportPaymentHoursTable {
  cinema_id: string;
  hour: string;
  method: string;
  kind: string;
  payments: number;
  amount: number;
}

export interface OutboxTable {
  seq: Generated<number>;
  table_name: SyncedTable;
  row_id: string;
  op: OutboxOp;
  /** `updated_at` of the row written (of the old row for a delete). */
  hlc: string;
  created_at: CreatedAt;
}

export interface LoginAttemptsTable {
  /** Lower-cased user name as typed (known or not). */
  username: string;
  failures: Generated<number>;
  locked_until: string | null;
  last_failure_at: string | null;
}

// Cinemas, halls, seats --------------------------------------------------------------------------

export interface CinemasTable extends SyncColumns {
  id: string;
  name: string;
  address: Generated<string>;
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: string;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  ticket_vat_bp: Generated<number>;
  /** 'HH:MM' local time at which a business day ends and the next begins (rule 12). */
  business_day_start: Generated<string>;
  /** 0 = Sunday … 6 = Saturday; default 4 (Thursday). */
  week_start_day: Generated<number>;
  /** Sales close this many minutes after a session starts. */
  sales_close_minutes: Generated<number>;
  /** How long a seat hold lasts (rule 4), default 5. */
  hold_minutes: Generated<number>;
  bonus_accrual_bp: Generated<number>;
  /** Share of an order payable with points. */
  bonus_max_share_bp: Generated<number>;
  hold_wheelchair_until_full: Generated<Flag>;
  active: Generated<Flag>;
  /** The company that runs the cinema, as receipts must name it (rule 16); '' until set. */
  legal_name: Generated<string>;
  /** VAT identification or tax number printed on receipts; '' until set. */
  tax_number: Generated<string>;
  /** Reservations free themselves this many minutes before the start (rule 18), default 30. */
  reservation_release_minutes: Generated<number>;
  /** A closing cashier counts the drawer before the expected cash is shown (issue 13). */
  blind_cash_up: Generated<Flag>;
  /** JSON object: age rating → minimum age, for the ratings that need an ID check (rule 20). */
  id_check_ratings: Generated<string>;
}

export interface HallsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  name: string;
  type: Generated<HallType>;
  cleaning_minutes: number;
  active: Generated<Flag>;
}

export interface SeatsTable extends SyncColumns {
  id: string;
  hall_id: string;
  row_label: string;
  number: number;
  grid_x: number;
  grid_y: number;
  kind: Generated<SeatKind>;
  active: Generated<Flag>;
}

// Terminals and staff ----------------------------------------------------------------------------

export interface TerminalsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  name: string;
  /** Ed25519 ticket-signing public key (SPKI PEM). */
  public_key: string;
  revoked_at: string | null;
}

export interface UsersTable extends SyncColumns {
  id: string;
  /** Unique ignoring case; printable ASCII without spaces. */
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  pin_hash: string | null;
  /** null: every cinema (e.g. an administrator). */
  cinema_id: string | null;
  active: Generated<Flag>;
  /** The language this person works in; null: the terminal's (issue 16). */
  language: Generated<string | null>;
}

// Catalogue --------------------------------------------------------------------------------------

export interface DistributorsTable extends SyncColumns {
  id: string;
  legal_name: string;
  tax_id: string | null;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_code: string | null;
  active: Generated<Flag>;
}

export interface FilmsTable extends SyncColumns {
  id: string;
  title: string;
  duration_minutes: number;
  age_rating: Generated<string>;
  /** JSON array of genre names. */
  genres: Generated<JsonText>;
  release_date: string | null;
  distributor_id: string | null;
  active: Generated<Flag>;
}

// Rental contracts and settlements ---------------------------------------------------------------

export interface RentalContractsTable extends SyncColumns {
  id: string;
  film_id: string;
  distributor_id: string;
  cinema_id: string;
  start_date: string;
  end_date: string;
  deal_type: Generated<DealType>;
  /** Weekly minimum guarantee, minor units. */
  minimum_guarantee: number | null;
  /** Weekly house allowance for a 90/10 deal (required for NINETY_TEN). */
  house_allowance: number | null;
  status: Generated<ContractStatus>;
}

export interface ContractSplitsTable extends SyncColumns {
  id: string;
  contract_id: string;
  /** 1-based; the last split applies to every later week. */
  week_number: number;
  percent_bp: number;
}

export interface ContractWeekOverridesTable extends SyncColumns {
  id: string;
  contract_id: string;
  week_number: number;
  percent_bp: number;
  reason: string;
  user_id: string;
}

/**
 * The settlement ledger. ACCRUAL: one per contract week (unique), with the week's figures and
 * `amount_due`, `amount_paid = 0`. PAYMENT: money sent, `amount_paid > 0`, `amount_due = 0`, `paid_at`.
 */
export interface PaymentHistoryTable extends SyncColumns {
  id: string;
  contract_id: string;
  kind: PaymentHistoryKind;
  week_number: number | null;
  week_start_date: string | null;
  week_end_date: string | null;
  /** The percent applied that week (after any override). */
  percent_bp: number | null;
  gross: number | null;
  discounts: number | null;
  /** Net ticket revenue: after discounts, VAT excluded. */
  net: number | null;
  amount_due: Generated<number>;
  amount_paid: Generated<number>;
  paid_at: string | null;
  method: string | null;
  reference: string | null;
}

// Programme and prices ---------------------------------------------------------------------------

export interface SessionsTable extends SyncColumns {
  id: string;
  film_id: string;
  hall_id: string;
  starts_at: string;
  ends_at: string;
  ads_minutes: Generated<number>;
  base_price: number;
  /** e.g. 2D, 3D, IMAX. */
  format: Generated<string>;
  language: Generated<string>;
  subtitles: string | null;
  status: Generated<SessionStatus>;
}

export interface PriceDefaultsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  hall_type: HallType;
  /** Bit d set = applies on weekday d (0 = Sunday … 6 = Saturday); 127 = every day. */
  weekday_mask: Generated<number>;
  /** 'HH:MM' local time, inclusive. */
  band_start: Generated<string>;
  /** 'HH:MM' local time, exclusive, up to '24:00'; always after band_start. */
  band_end: Generated<string>;
  base_price: number;
  active: Generated<Flag>;
}

export interface PriceFactorsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  dimension: PriceFactorDimension;
  /** A SeatKind when dimension = SEAT_KIND, a TicketType when TICKET_TYPE. */
  key: SeatKind | TicketType;
  /** Multiplier in basis points: 10000 = ×1, 15000 = ×1.5. */
  factor_bp: number;
}

/** Rule 19: a fixed price for a default price band, per ticket type and seat kind ('ANY' = every kind without its own). */
export interface PriceCardsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  price_default_id: string;
  ticket_type: TicketType;
  seat_kind: SeatKind | 'ANY';
  price: number;
}

/** Rule 18: seats kept under a name and phone without payment until `release_at`. */
export interface ReservationsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  session_id: string;
  code: string;
  customer_name: string;
  phone: string;
  status: 'ACTIVE' | 'PICKED_UP' | 'CANCELLED';
  release_at: string;
  order_id: string | null;
  created_by: string;
  terminal_id: string;
}

export interface ReservationSeatsTable extends SyncColumns {
  id: string;
  reservation_id: string;
  session_id: string;
  seat_id: string;
}

/** A cashier's short reservation of a seat (local only, not synced). Expired rows count as free. */
export interface SeatHoldsTable {
  id: string;
  session_id: string;
  seat_id: string;
  terminal_id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: string;
}

// Loyalty ----------------------------------------------------------------------------------------

export interface CustomersTable extends SyncColumns {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  card_number: string | null;
  /** Home cinema; null = none in particular. */
  cinema_id: string | null;
}

export interface BonusAccountsTable extends SyncColumns {
  id: string;
  customer_id: string;
  card_number: string;
}

export interface BonusTransactionsTable extends SyncColumns {
  id: string;
  account_id: string;
  kind: BonusTransactionKind;
  /** Signed points (minor units): ACCRUAL > 0, REDEMPTION < 0, REVERSAL/ADJUSTMENT either way. */
  amount: number;
  order_id: string | null;
  note: string | null;
}

/** View: balance = SUM(amount) of the account's ledger (0 for an empty one). */
export interface BonusBalancesView {
  account_id: ColumnType<string, never, never>;
  balance: ColumnType<number, never, never>;
}

// Promocodes -------------------------------------------------------------------------------------

export interface PromocodesTable extends SyncColumns {
  id: string;
  /** null: valid in every cinema. */
  cinema_id: string | null;
  /** Letters, digits, '-' and '_'; unique ignoring case. */
  code: string;
  kind: PromocodeKind;
  /** Basis points for PERCENT (≤ 10000), minor units for FIXED. */
  value: number;
  /** First and last business day it is valid (inclusive); null = open-ended. */
  valid_from: string | null;
  valid_to: string | null;
  max_uses: number | null;
  per_customer_limit: number | null;
  min_order: Generated<number>;
  applies_to: Generated<PromocodeScope>;
  active: Generated<Flag>;
}

/** A promocode's optional film list (none = every film). */
export interface PromocodeFilmsTable extends SyncColumns {
  id: string;
  promocode_id: string;
  film_id: string;
}

// Orders, tickets, payments ----------------------------------------------------------------------

export interface OrdersTable extends SyncColumns {
  id: string;
  /** Human-readable, unique per terminal. */
  number: string;
  cinema_id: string;
  terminal_id: string;
  cashier_id: string;
  shift_id: string;
  customer_id: string | null;
  promocode_id: string | null;
  subtotal: number;
  discount: Generated<number>;
  /** = subtotal − discount (checked). */
  total: number;
  /** Points spent (also a BONUS payment). */
  bonus_redeemed: Generated<number>;
  bonus_earned: Generated<number>;
  status: Generated<OrderStatus>;
  paid_at: string | null;
}

export interface OrderConcessionLinesTable extends SyncColumns {
  id: string;
  order_id: string;
  item_id: string;
  quantity: number;
  unit_price: number;
  discount: Generated<number>;
  /** = quantity × unit_price − discount (checked). */
  total: number;
  vat_bp: number;
  refunded_quantity: Generated<number>;
  preorder_id: string | null;
  /** Of the refunded units, those that did not go back to stock (migration 0005). */
  wasted_quantity: Generated<number>;
}

export interface TicketsTable extends SyncColumns {
  id: string;
  session_id: string;
  seat_id: string;
  order_id: string;
  ticket_type: Generated<TicketType>;
  /** Before discount; the ticket's amount is price − discount. */
  price: number;
  discount: Generated<number>;
  /** At most one SOLD ticket per (session, seat). */
  status: Generated<TicketStatus>;
  qr_payload: string;
  sold_by: string;
  terminal_id: string;
  sold_at: string;
  scanned_at: string | null;
  scanned_by: string | null;
  scanned_terminal_id: string | null;
  /** Set (with status EXCHANGED) on the ticket an exchange replaced. */
  exchanged_to_ticket_id: string | null;
}

export interface TicketRevocationsTable extends SyncColumns {
  id: string;
  ticket_id: string;
  reason: RevocationReason;
  revoked_at: string;
}

export interface TicketScansTable extends SyncColumns {
  id: string;
  /** null when the code named no known ticket (forged). */
  ticket_id: string | null;
  session_id: string;
  result: ScanResult;
  scanned_at: string;
  user_id: string;
  terminal_id: string;
  /** The raw scanned code. */
  payload: string | null;
}

export interface PaymentsTable extends SyncColumns {
  id: string;
  order_id: string;
  shift_id: string;
  method: PaymentMethod;
  kind: Generated<PaymentKind>;
  /** Always positive; `kind` says which way the money went. */
  amount: number;
  /** CASH only: tendered = amount + change. */
  cash_tendered: number | null;
  change_given: number | null;
  /** CARD only. */
  card_approval_code: string | null;
  card_last4: string | null;
  /** A REFUND's original payment. */
  refunds_payment_id: string | null;
  /** A REFUND's reason (REFUND_REASONS, migration 0005). */
  refund_reason: Generated<string | null>;
}

// Concessions ------------------------------------------------------------------------------------

export interface ConcessionItemsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  name: string;
  category: Generated<string>;
  price: number;
  vat_bp: number;
  /** null: not stock-tracked. */
  stock: number | null;
  active: Generated<Flag>;
}

export interface ConcessionPreordersTable extends SyncColumns {
  id: string;
  order_id: string;
  cinema_id: string;
  session_id: string | null;
  /** 6 characters, A–Z and 0–9; unique among PENDING/READY preorders of the cinema. */
  pickup_code: string;
  status: Generated<PreorderStatus>;
  ready_at: string | null;
  picked_up_at: string | null;
}

// Shifts, reports, audit -------------------------------------------------------------------------

export interface ShiftsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  terminal_id: string;
  cashier_id: string;
  opened_at: string;
  opening_float: number;
  /** Set, with counted/expected cash and difference (= counted − expected), when CLOSED. */
  closed_at: string | null;
  counted_cash: number | null;
  expected_cash: number | null;
  difference: number | null;
  status: Generated<ShiftStatus>;
}

export interface ReportsTable extends SyncColumns {
  id: string;
  cinema_id: string;
  kind: string;
  /** JSON object of the report's parameters. */
  parameters: Generated<JsonText>;
  format: ReportFormat;
  /** Path on the terminal that generated it. */
  file_path: string;
  generated_at: string;
  generated_by: string;
}

/** Append-only: UPDATE and DELETE are refused by triggers. Synced, but has `at` instead of created_at. */
export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  /** The manager whose PIN authorised the action. */
  override_user_id: string | null;
  /** No foreign key: the first run and failed sign-ins are recorded before the terminal row exists. */
  terminal_id: string;
  /** e.g. 'user.create'. */
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON object. */
  details: Generated<JsonText>;
  updated_at: string;
  origin: string;
}

// Money trail (rule 16, local migration 0007): local and append-only; the journal carries them to the centre.

export type FiscalReceiptKind = 'SALE' | 'REFUND' | 'EXCHANGE' | 'VOUCHER_SALE';

/** A receipt or slip, numbered per terminal without gaps. */
export interface FiscalReceiptsTable {
  id: string;
  terminal_id: string;
  number: number;
  kind: FiscalReceiptKind;
  order_id: string | null;
  /** A refund/exchange slip: the receipt it corrects. */
  refers_to_id: string | null;
  shift_id: string;
  issued_at: string;
  /** Signed: money taken (+) or given back (−). */
  amount: number;
  /** JSON array of { rateBp, net, vat, gross } (signed like amount). */
  vat: JsonText;
  /** JSON array of { method, amount } (signed like amount). */
  payments: JsonText;
  journal_counter: number;
}

/** A shift's Z report, numbered per terminal without gaps. */
export interface ZReportsTable {
  id: string;
  terminal_id: string;
  number: number;
  shift_id: string;
  closed_at: string;
  receipts: number;
  first_receipt: number | null;
  last_receipt: number | null;
  /** Every sale this terminal ever took, never lowered by a refund. */
  grand_total: number;
  /** Every refund this terminal ever gave. */
  grand_total_refunds: number;
  /** JSON object: the Z report's figures as printed. */
  figures: JsonText;
  journal_counter: number;
}

export interface JournalSignersTable {
  id: string;
  algorithm: string;
  public_key: string;
  first_used_at: string;
}

/** One link of the hash chain (rule 16). */
export interface JournalEntriesTable {
  terminal_id: string;
  counter: number;
  kind: string;
  at: string;
  /** Canonical JSON (sorted keys), hashed byte for byte. */
  content: string;
  prev_hash: string;
  hash: string;
  signer_id: string;
  signature: string;
}

// Gift vouchers (rule 17, local migration 0010) ---------------------------------------------------

export type GiftVoucherMovementKind = 'SALE' | 'REDEMPTION' | 'REFUND' | 'ADJUSTMENT';

/** A voucher of the chain (synced without a cinema scope, written once). */
export interface GiftVouchersTable extends SyncColumns {
  id: string;
  /** scrypt of the normalised code (voucher-code.ts): the code itself is kept nowhere. */
  code_hash: string;
  /** Its last 4 characters, for journals, receipts and reports. */
  code_last4: string;
  /** The cinema that sold it (no foreign key: another cinema's row is never here). */
  cinema_id: string;
  /** What it was sold for. */
  amount: number;
  currency: string;
  sold_at: string;
}

/** What moved a voucher's balance, signed; a row of the cinema that made it, written once. */
export interface GiftVoucherMovementsTable extends SyncColumns {
  id: string;
  voucher_id: string;
  cinema_id: string;
  kind: GiftVoucherMovementKind;
  amount: number;
  order_id: string | null;
  payment_id: string | null;
  terminal_id: string;
  at: string;
  note: string | null;
}

/** The centre's sums of a voucher's movements per cinema (pulled, never pushed). */
export interface GiftVoucherBalancesTable {
  id: string;
  balance: number;
  /** JSON object: cinema id → that cinema's movements summed. */
  by_cinema: JsonText;
  updated_at: string;
  origin: string;
}

// The database -----------------------------------------------------------------------------------

export interface DB {
  cinemas: CinemasTable;
  price_cards: PriceCardsTable;
  reservations: ReservationsTable;
  reservation_seats: ReservationSeatsTable;
  halls: HallsTable;
  seats: SeatsTable;
  terminals: TerminalsTable;
  users: UsersTable;
  distributors: DistributorsTable;
  films: FilmsTable;
  rental_contracts: RentalContractsTable;
  contract_splits: ContractSplitsTable;
  contract_week_overrides: ContractWeekOverridesTable;
  payment_history: PaymentHistoryTable;
  sessions: SessionsTable;
  price_defaults: PriceDefaultsTable;
  price_factors: PriceFactorsTable;
  seat_holds: SeatHoldsTable;
  customers: CustomersTable;
  bonus_accounts: BonusAccountsTable;
  bonus_transactions: BonusTransactionsTable;
  bonus_balances: BonusBalancesView;
  promocodes: PromocodesTable;
  promocode_films: PromocodeFilmsTable;
  orders: OrdersTable;
  order_concession_lines: OrderConcessionLinesTable;
  tickets: TicketsTable;
  ticket_revocations: TicketRevocationsTable;
  ticket_scans: TicketScansTable;
  payments: PaymentsTable;
  concession_items: ConcessionItemsTable;
  concession_preorders: ConcessionPreordersTable;
  shifts: ShiftsTable;
  reports: ReportsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  local_meta: LocalMetaTable;
  login_attempts: LoginAttemptsTable;
  sync_apply_flag: SyncApplyFlagTable;
  report_order_hours: ReportOrderHoursTable;
  report_ticket_days: ReportTicketDaysTable;
  report_payment_hours: ReportPaymentHoursTable;
  fiscal_receipts: FiscalReceiptsTable;
  z_reports: ZReportsTable;
  journal_signers: JournalSignersTable;
  journal_entries: JournalEntriesTable;
  gift_vouchers: GiftVouchersTable;
  gift_voucher_movements: GiftVoucherMovementsTable;
  gift_voucher_balances: GiftVoucherBalancesTable;
}

/**
 * Tables whose rows sync with the central database, parents before children (an order in which
 * rows can be applied without breaking foreign keys). Each has `id`, `updated_at` and `origin`,
 * and outbox triggers.
 */
export const SYNCED_TABLES = [
  'cinemas',
  'halls',
  'seats',
  'terminals',
  'users',
  'distributors',
  'films',
  'rental_contracts',
  'contract_splits',
  'contract_week_overrides',
  'payment_history',
  'sessions',
  'price_defaults',
  'price_factors',
  'price_cards',
  'customers',
  'bonus_accounts',
  'promocodes',
  'promocode_films',
  'concession_items',
  'shifts',
  'orders',
  'reservations',
  'reservation_seats',
  'bonus_transactions',
  'concession_preorders',
  'order_concession_lines',
  'tickets',
  'ticket_revocations',
  'ticket_scans',
  'payments',
  'gift_vouchers',
  'gift_voucher_movements',
  'reports',
  'audit_log',
] as const satisfies readonly (keyof DB)[];
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** Tables that stay on this terminal. */
export const LOCAL_TABLES = ['seat_holds', 'outbox', 'local_meta', 'login_attempts', 'sync_apply_flag', 'report_order_hours', 'report_ticket_days', 'report_payment_hours', 'fiscal_receipts', 'z_reports', 'journal_signers', 'journal_entries'] as const satisfies readonly (keyof DB)[];
export type LocalTable = (typeof LOCAL_TABLES)[number];

/** Tables the centre writes and terminals only pull (no outbox): a voucher's sums per cinema. */
export const PULLED_TABLES = ['gift_voucher_balances'] as const satisfies readonly (keyof DB)[];

// Compile-time: every synced table has the sync columns.
type MissingSyncColumns = {
  [T in SyncedTable]: DB[T] extends { id: string; updated_at: string; origin: string } ? never : T;
}[SyncedTable];
const everySyncedTableIsStamped: [MissingSyncColumns] extends [never] ? true : MissingSyncColumns = true;
void everySyncedTableIsStamped;

// Row types ---------------------------------------------------------------------------------------

/** A row as selected / as inserted / as updated, for any table. */
export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;

export type CinemaRow = Row<'cinemas'>;
export type HallRow = Row<'halls'>;
export type SeatRow = Row<'seats'>;
export type TerminalRow = Row<'terminals'>;
export type UserRow = Row<'users'>;
export type DistributorRow = Row<'distributors'>;
export type FilmRow = Row<'films'>;
export type RentalContractRow = Row<'rental_contracts'>;
export type ContractSplitRow = Row<'contract_splits'>;
export type ContractWeekOverrideRow = Row<'contract_week_overrides'>;
export type PaymentHistoryRow = Row<'payment_history'>;
export type SessionRow = Row<'sessions'>;
export type PriceDefaultRow = Row<'price_defaults'>;
export type PriceFactorRow = Row<'price_factors'>;
export type SeatHoldRow = Row<'seat_holds'>;
export type CustomerRow = Row<'customers'>;
export type BonusAccountRow = Row<'bonus_accounts'>;
export type BonusTransactionRow = Row<'bonus_transactions'>;
export type BonusBalanceRow = Row<'bonus_balances'>;
export type PromocodeRow = Row<'promocodes'>;
export type PromocodeFilmRow = Row<'promocode_films'>;
export type OrderRow = Row<'orders'>;
export type OrderConcessionLineRow = Row<'order_concession_lines'>;
export type TicketRow = Row<'tickets'>;
export type TicketRevocationRow = Row<'ticket_revocations'>;
export type TicketScanRow = Row<'ticket_scans'>;
export type PaymentRow = Row<'payments'>;
export type ConcessionItemRow = Row<'concession_items'>;
export type ConcessionPreorderRow = Row<'concession_preorders'>;
export type ShiftRow = Row<'shifts'>;
export type ReportRow = Row<'reports'>;
export type AuditLogRow = Row<'audit_log'>;
export type OutboxRow = Row<'outbox'>;
export type LocalMetaRow = Row<'local_meta'>;
export type LoginAttemptRow = Row<'login_attempts'>;
