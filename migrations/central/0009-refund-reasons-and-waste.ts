import { sql, type Kysely } from 'kysely';

/**
 * Issue 20 centrally: the two columns local migration 0005 added to synced tables, so a refund's
 * reason and the concession units written off as waste reach the centre and every terminal of the
 * cinema (the push and pull read a table's columns from the catalogue, so a column is all it takes).
 * A terminal of an older version pushes its rows without them (NULL from jsonb_populate_recordset):
 * a refund then has no reason, and a concession line counts no waste.
 */
const STATEMENTS = [
  `ALTER TABLE payments ADD COLUMN refund_reason text`,
  `ALTER TABLE order_concession_lines ADD COLUMN wasted_quantity bigint NOT NULL DEFAULT 0`,
  `CREATE FUNCTION sync_concession_line_waste_default() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.wasted_quantity := coalesce(NEW.wasted_quantity, 0);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER order_concession_lines_waste_default BEFORE INSERT ON order_concession_lines FOR EACH ROW EXECUTE FUNCTION sync_concession_line_waste_default()`,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema's types exist
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql.raw('DROP TRIGGER IF EXISTS order_concession_lines_waste_default ON order_concession_lines').execute(db);
  await sql.raw('DROP FUNCTION IF EXISTS sync_concession_line_waste_default()').execute(db);
  await sql.raw('ALTER TABLE order_concession_lines DROP COLUMN IF EXISTS wasted_quantity').execute(db);
  await sql.raw('ALTER TABLE payments DROP COLUMN IF EXISTS refund_reason').execute(db);
}
