import type { Migration } from 'kysely';
import * as centralSchema from './0001-central-schema';

/** Every central (PostgreSQL) migration, keyed by file name; applied by `npm run central -- migrate`. */
export const centralMigrations: Record<string, Migration> = {
  '0001-central-schema': centralSchema,
};
