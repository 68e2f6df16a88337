import type { Migration } from 'kysely';
import * as initialSchema from './0001-initial-schema';
import * as reportHourSums from './0002-report-hour-sums';
import * as seatMapIndex from './0003-seat-map-index';
import * as refundReasonsAndWaste from './0005-refund-reasons-and-waste';
import * as priceCardsReservationsAgeChecks from './0006-price-cards-reservations-age-checks';
import * as moneyTrail from './0007-money-trail';
import * as settlementAdjustments from './0009-settlement-adjustments';
import * as giftVouchers from './0010-gift-vouchers';
import * as userLanguage from './0014-user-language';

/** Every local migration, keyed by its file name; the Migrator applies them in key order. */
export const localMigrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-report-hour-sums': reportHourSums,
  '0003-seat-map-index': seatMapIndex,
  '0005-refund-reasons-and-waste': refundReasonsAndWaste,
  '0006-price-cards-reservations-age-checks': priceCardsReservationsAgeChecks,
  '0007-money-trail': moneyTrail,
  '0009-settlement-adjustments': settlementAdjustments,
  '0010-gift-vouchers': giftVouchers,
  '0014-user-language': userLanguage,
};
