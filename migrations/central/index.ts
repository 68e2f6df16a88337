import type { Migration } from 'kysely';
import * as centralSchema from './0001-central-schema';
import * as setBasedPushRowPull from './0002-set-based-push-row-pull';
import * as deletesStayInTheirCinema from './0003-deletes-stay-in-their-cinema';
import * as terminalReachesOwnCinemaOnly from './0004-terminal-reaches-own-cinema-only';
import * as moneyJournal from './0006-money-journal';
import * as priceCardsReservations from './0007-price-cards-reservations';
import * as pullFollowsOwnCinema from './0008-pull-follows-own-cinema';
import * as refundReasonsAndWaste from './0009-refund-reasons-and-waste';
import * as giftVouchers from './0010-gift-vouchers';
import * as enrolmentCodes from './0011-enrolment-codes';
import * as reservationPickupHolds from './0012-reservation-pickup-holds';
import * as pullCostAndLogRetention from './0013-pull-cost-and-log-retention';
import * as userLanguage from './0014-user-language';
import * as sharedBackendsTerminalKey from './0015-shared-backends-terminal-key';

/** Every central (PostgreSQL) migration, keyed by file name; applied by `npm run central -- migrate`. */
export const centralMigrations: Record<string, Migration> = {
  '0001-central-schema': centralSchema,
  '0002-set-based-push-row-pull': setBasedPushRowPull,
  '0003-deletes-stay-in-their-cinema': deletesStayInTheirCinema,
  '0004-terminal-reaches-own-cinema-only': terminalReachesOwnCinemaOnly,
  '0006-money-journal': moneyJournal,
  '0007-price-cards-reservations': priceCardsReservations,
  '0008-pull-follows-own-cinema': pullFollowsOwnCinema,
  '0009-refund-reasons-and-waste': refundReasonsAndWaste,
  '0010-gift-vouchers': giftVouchers,
  '0011-enrolment-codes': enrolmentCodes,
  '0012-reservation-pickup-holds': reservationPickupHolds,
  '0013-pull-cost-and-log-retention': pullCostAndLogRetention,
  '0014-user-language': userLanguage,
  '0015-shared-backends-terminal-key': sharedBackendsTerminalKey,
};
