import type { Migration } from 'kysely';
import * as initialSchema from './0001-initial-schema';
import * as reportHourSums from './0002-report-hour-sums';

/** Every local migration, keyed by its file name; the Migrator applies them in key order. */
export const localMigrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-report-hour-sums': reportHourSums,
};
