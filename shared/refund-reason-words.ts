import type { RefundReason } from './enums';

/** Refund reasons as the counter offers them and slips and shift reports print them. */
export const REFUND_REASON_WORD: Record<RefundReason, string> = {
  CUSTOMER_CHANGED_MIND: 'Customer changed their mind',
  WRONG_SALE: 'Sold by mistake',
  SESSION_CANCELLED: 'Session cancelled',
  TECHNICAL_PROBLEM: 'Technical problem in the hall',
  COMPLAINT: 'Complaint',
  OTHER: 'Other',
  EXCHANGE: 'Exchange',
};
