import type { Handlers } from './api';
import { catalogHandlers } from './catalog/catalog-handlers';
import { authHandlers } from './auth/auth-handlers';
import { userHandlers } from './auth/user-handlers';
import { systemHandlers } from './system-handlers';
import { bookingHandlers } from './booking/booking-handlers';
import { loyaltyHandlers } from './loyalty/loyalty-handlers';
import { orderHandlers } from './orders/order-handlers';
import { shiftHandlers } from './shifts/shift-handlers';
import { contractHandlers } from './contracts/contracts-handlers';
import { schedulingHandlers } from './scheduling/scheduling-handlers';
import { pricingHandlers } from './pricing/pricing-handlers';
import { promocodeHandlers } from './promocodes/promocode-handlers';
import { concessionHandlers } from './concessions/concession-handlers';
import { doorHandlers } from './tickets/door-handlers';
import { reportHandlers } from './reports/report-handlers';
import { settlementHandlers } from './settlements/settlement-handlers';
import { printingHandlers } from './printing/printing-handlers';
import { refundHandlers } from './refunds/refund-handlers';
import { syncHandlers } from './sync/sync-handlers';
import { enrolmentHandlers } from './sync/enrolment-handlers';
import { backupHandlers } from './backup/backup-handlers';
import { restoreHandlers } from './backup/restore-handler';
import { journalHandlers } from './journal/journal-handlers';
import { voucherHandlers } from './vouchers/voucher-handlers';

/** Every operation's handler; TypeScript fails here when the contract gains one without a handler. */
export const handlers: Handlers = {
  ...catalogHandlers,
  ...authHandlers,
  ...userHandlers,
  ...systemHandlers,
  ...bookingHandlers,
  ...loyaltyHandlers,
  ...orderHandlers,
  ...shiftHandlers,
  ...contractHandlers,
  ...schedulingHandlers,
  ...pricingHandlers,
  ...promocodeHandlers,
  ...concessionHandlers,
  ...doorHandlers,
  ...reportHandlers,
  ...settlementHandlers,
  ...printingHandlers,
  ...refundHandlers,
  ...syncHandlers,
  ...enrolmentHandlers,
  ...backupHandlers,
  ...restoreHandlers,
  ...journalHandlers,
  ...voucherHandlers,
};
