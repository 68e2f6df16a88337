import type { RefundReason } from '../../../shared/enums';

/** The refund reasons as slips and reports print them. */
export const REFUND_REASON_WORD: Record<RefundReason, string> = {
  CUSTOMER_CHANGED_MIND: 'Customer changed their mind',
  WRONG_SALE: 'Sold by mistake',
  SESSION_CANCELLED: 'Session cancelled',
  TECHNICAL_PROBLEM: 'Technical problem in the hall',
  COMPLAINT: 'Complaint',
  OTHER: 'Other',
  EXCHANGE: 'Exchange',
};
