import type { OrderStatus, TicketStatus } from '../../../../shared/enums';

export const ORDER_STATUS_WORD: Record<OrderStatus, string> = {
  OPEN: 'Open',
  PAID: 'Paid',
  CANCELLED: 'Cancelled',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

export const TICKET_STATUS_WORD: Record<TicketStatus, string> = { SOLD: 'Valid', REFUNDED: 'Refunded', EXCHANGED: 'Exchanged' };

export { REFUND_REASON_WORD } from '../../../../shared/refund-reason-words';
