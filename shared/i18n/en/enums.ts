/**
 * The words of every closed value list of shared/enums.ts — the one place they are written, for
 * screens, slips, reports and refusals alike.
 */
export const enums = {
  role: { ADMIN: 'Administrator', MANAGER: 'Manager', CASHIER: 'Cashier', USHER: 'Usher' },
  /** A role inside a sentence ("A cashier may not…"): English writes it in lower case, German does not. */
  roleInSentence: { ADMIN: 'administrator', MANAGER: 'manager', CASHIER: 'cashier', USHER: 'usher' },
  hallType: { STANDARD: 'Standard', VIP: 'VIP', IMAX: 'IMAX', '4DX': '4DX' },
  seatKind: { STANDARD: 'Standard seat', VIP: 'VIP recliner', LOVESEAT: 'Loveseat', WHEELCHAIR: 'Wheelchair place', COMPANION: 'Companion seat' },
  ticketType: { ADULT: 'Adult', CHILD: 'Child', STUDENT: 'Student', SENIOR: 'Senior' },
  ticketStatus: { SOLD: 'Valid', REFUNDED: 'Refunded', EXCHANGED: 'Exchanged' },
  orderStatus: { OPEN: 'Open', PAID: 'Paid', CANCELLED: 'Cancelled', PARTIALLY_REFUNDED: 'Partly refunded', REFUNDED: 'Refunded' },
  paymentMethod: { CASH: 'Cash', CARD: 'Card', BONUS: 'Bonus points', VOUCHER: 'Gift voucher' },
  refundReason: {
    CUSTOMER_CHANGED_MIND: 'Customer changed their mind',
    WRONG_SALE: 'Sold by mistake',
    SESSION_CANCELLED: 'Session cancelled',
    TECHNICAL_PROBLEM: 'Technical problem in the hall',
    COMPLAINT: 'Complaint',
    OTHER: 'Other',
    EXCHANGE: 'Exchange',
  },
  sessionStatus: { SCHEDULED: 'Scheduled', ON_SALE: 'On sale', CANCELLED: 'Cancelled', CLOSED: 'Closed' },
  scanResult: {
    VALID: 'Valid',
    ALREADY_USED: 'Already used',
    REFUNDED: 'Refunded',
    WRONG_SESSION: 'Wrong session',
    TOO_EARLY: 'Too early',
    TOO_LATE: 'Too late',
    FORGED: 'Not a ticket of ours',
  },
  contractStatus: { DRAFT: 'Draft', ACTIVE: 'Active', CLOSED: 'Closed' },
  dealType: { PERCENTAGE: 'Percentage per week', NINETY_TEN: '90/10 with house nut' },
  promocodeKind: { PERCENT: 'Percent off', FIXED: 'Amount off' },
  promocodeScope: { TICKETS: 'Tickets', CONCESSIONS: 'Concessions', ALL: 'Tickets and concessions' },
};
