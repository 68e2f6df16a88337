import { sql } from 'kysely';
import type { AnyDb } from './one-transaction';

/**
 * Issue 16: a member of staff may work in another language than their terminal's (null: the
 * terminal's). No CHECK on the list: a language is added by a catalogue file, not a migration;
 * the contract's schema keeps the value to the languages the app has.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 8)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN language`.execute(db);
}
