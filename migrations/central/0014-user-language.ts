import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 centrally: a user's own language (local migration 0014) travels with the user to every
 * terminal of the cinema. A terminal of an older version pushes users without it: NULL, the
 * terminal's language, which is what that terminal shows anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN language text CHECK (language IS NULL OR length(language) BETWEEN 2 AND 8)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS language`.execute(db);
}
