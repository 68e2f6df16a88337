import type { Migration } from 'kysely';
import * as initialSchema from './0001-initial-schema';

/** Every local migration, keyed by its file name; the Migrator applies them in key order. */
export const localMigrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
};
