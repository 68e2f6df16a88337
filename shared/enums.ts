/**
 * The closed value lists of SPEC.md, shared by the database types, the zod schemas and the
 * renderer. The local migrations copy these lists into CHECK constraints (a released migration
 * never changes), and `electron/core/db/schema.test.ts` keeps the two in step: a new value needs
 * a new migration as well as a new entry here.
 *
 * No Node and no DOM imports in this file.
 */

// Staff
export const ROLES = ['ADMIN', 'MANAGER', 'CASHIER', 'USHER'] as const;
export type Role = (typeof ROLES)[number];

// Cinemas, halls, seats
export const HALL_TYPES = ['STANDARD', 'VIP', 'IMAX', '4DX'] as const;
export type HallType = (typeof HALL_TYPES)[number];

export const SEAT_KINDS = ['STANDARD', 'VIP', 'LOVESEAT', 'WHEELCHAIR', 'COMPANION'] as const;
export type SeatKind = (typeof SEAT_KINDS)[number];

// Rental contracts and distributor settlements
export const DEAL_TYPES = ['PERCENTAGE', 'NINETY_TEN'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const CONTRACT_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/**
 * A payment_history row is a week's accrual (what is due), a payment to the distributor, or an
 * adjustment: a correction of one accrued week's due (the accrual itself is never rewritten).
 */
export const PAYMENT_HISTORY_KINDS = ['ACCRUAL', 'PAYMENT', 'ADJUSTMENT'] as const;
export type PaymentHistoryKind = (typeof PAYMENT_HISTORY_KINDS)[number];

// Programme
export const SESSION_STATUSES = ['SCHEDULED', 'ON_SALE', 'CANCELLED', 'CLOSED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

// Prices
export const PRICE_FACTOR_DIMENSIONS = ['SEAT_KIND', 'TICKET_TYPE'] as const;
export type PriceFactorDimension = (typeof PRICE_FACTOR_DIMENSIONS)[number];

// Tickets
export const TICKET_TYPES = ['ADULT', 'CHILD', 'STUDENT', 'SENIOR'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_STATUSES = ['SOLD', 'REFUNDED', 'EXCHANGED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const REVOCATION_REASONS = ['REFUNDED', 'EXCHANGED', 'CONFLICT'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const SCAN_RESULTS = ['VALID', 'ALREADY_USED', 'REFUNDED', 'WRONG_SESSION', 'TOO_EARLY', 'TOO_LATE', 'FORGED'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

// Loyalty
export const BONUS_TRANSACTION_KINDS = ['ACCRUAL', 'REDEMPTION', 'REVERSAL', 'ADJUSTMENT'] as const;
export type BonusTransactionKind = (typeof BONUS_TRANSACTION_KINDS)[number];

// Promocodes
export const PROMOCODE_KINDS = ['PERCENT', 'FIXED'] as const;
export type PromocodeKind = (typeof PROMOCODE_KINDS)[number];

/** What a promocode's discount applies to (`promocodes.applies_to`). */
export const PROMOCODE_SCOPES = ['TICKETS', 'CONCESSIONS', 'ALL'] as const;
export type PromocodeScope = (typeof PROMOCODE_SCOPES)[number];

// Orders and payments
export const ORDER_STATUSES = ['OPEN', 'PAID', 'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_METHODS = ['CASH', 'CARD', 'BONUS', 'VOUCHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_KINDS = ['PAYMENT', 'REFUND'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** Why money went back (`payments.refund_reason`): chosen from the list at the counter; EXCHANGE for an exchange's difference. */
export const REFUND_REASONS = ['CUSTOMER_CHANGED_MIND', 'WRONG_SALE', 'SESSION_CANCELLED', 'TECHNICAL_PROBLEM', 'COMPLAINT', 'OTHER', 'EXCHANGE'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

// Concessions
export const PREORDER_STATUSES = ['PENDING', 'READY', 'PICKED_UP', 'CANCELLED'] as const;
export type PreorderStatus = (typeof PREORDER_STATUSES)[number];

// Shifts and reports
export const SHIFT_STATUSES = ['OPEN', 'CLOSED'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];

export const REPORT_FORMATS = ['PDF', 'XLSX'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// Sync
export const OUTBOX_OPS = ['UPSERT', 'DELETE'] as const;
export type OutboxOp = (typeof OUTBOX_OPS)[number];
