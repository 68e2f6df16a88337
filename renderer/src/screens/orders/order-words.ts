import type { OrderStatus, RefundReason, TicketStatus } from '../../../../shared/enums';

export const ORDER_STATUS_WORD: Record<OrderStatus, string> = {
  OPEN: 'Open',
  PAID: 'Paid',
  CANCELLED: 'Cancelled',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

export const TICKET_STATUS_WORD: Record<TicketStatus, string> = { SOLD: 'Valid', REFUNDED: 'Refunded', EXCHANGED: 'Exchanged' };

export const REFUND_REASON_WORD: Record<RefundReason, string> = {
  CUSTOMER_CHANGED_MIND: 'Customer changed their mind',
  WRONG_SALE: 'Sold by mistake',
  SESSION_CANCELLED: 'Session cancelled',
  TECHNICAL_PROBLEM: 'Technical problem in the hall',
  COMPLAINT: 'Complaint',
  OTHER: 'Other',
  EXCHANGE: 'Exchange',
};
